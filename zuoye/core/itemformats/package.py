"""QTI content packages: a zip with ``imsmanifest.xml`` listing item files and their images.

Reading trusts nothing in the zip: sizes, member count and compression ratio are capped
(a zip bomb is refused before it is unpacked), paths that climb out of the package are
refused, and every file the manifest lists must be there. Writing produces a QTI 3.0 package
(IMS CP 1.2 as profiled by QTI 3.0) that our reader, and other QTI tools, can import.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from .config import DEFAULT_OPTIONS, ImportOptions
from .images import media_type_for_name, sniff_media_type
from .metadata import CSM_NS, LOM_NS, QTI_MD_NS, ZUOYE_NS, read_manifest_metadata, write_manifest_metadata
from .model import ItemData, ItemProblem
from .qti_read import read_qti_item
from .qti_write import indent_structure, interaction_type, qti_identifier, write_qti_item
from .qtinames import XSI_NS
from .result import ImportResult, finish
from .xmltree import XmlError, child, children, descendants, line_of, parse_xml

MANIFEST = "imsmanifest.xml"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
CP_SCHEMA = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
ITEM_TYPES = ("imsqti_item_xmlv3p0", "imsqti_item_xmlv2p1", "imsqti_item_xmlv2p2", "imsqti_item_xmlv2p0")
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


class PackageError(ValueError):
    """The zip as a whole cannot be read; nothing in it is imported."""


@dataclass(frozen=True)
class _Zip:
    archive: zipfile.ZipFile
    base: str
    """Folder of the manifest inside the zip ('' when at the top)."""

    def resolve(self, href: str, relative_to: str = "") -> str:
        return posixpath.normpath(posixpath.join(self.base, posixpath.dirname(relative_to), href.split("#")[0]))

    def read(self, path: str) -> bytes | None:
        try:
            return self.archive.read(path)
        except KeyError:
            return None


def read_qti_package(data: bytes, *, file: str, options: ImportOptions = DEFAULT_OPTIONS) -> ImportResult:
    """Every item of the package (QTI 3.0 or 2.x), or the problems that stop them."""
    try:
        package = _open(data, options)
        manifest_bytes = package.read(posixpath.join(package.base, MANIFEST))
        assert manifest_bytes is not None
        manifest = parse_xml(manifest_bytes)
    except PackageError as exc:
        return ImportResult((), (ItemProblem(file, "", None, str(exc)),))
    except XmlError as exc:
        return ImportResult((), (ItemProblem(f"{file}/{MANIFEST}", "", exc.line, exc.reason),))
    problems: list[ItemProblem] = []
    found: list[tuple[ItemData, int | None]] = []
    resources = [node for node in descendants(manifest, "resource") if node.get("type", "").startswith(ITEM_TYPES)]
    if not resources:
        problems.append(ItemProblem(f"{file}/{MANIFEST}", "", line_of(manifest), "the manifest lists no QTI item"))
    for resource in resources:
        item = _resource(resource, package, file, options, problems)
        if item is not None:
            found.append((item, line_of(resource)))
    return finish(file, found, problems)


def _open(data: bytes, options: ImportOptions) -> _Zip:
    if len(data) > options.max_package_bytes:
        raise PackageError(f"the package is larger than {options.max_package_bytes // 1024 // 1024} MB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError("not a zip file (a QTI package is a zip with imsmanifest.xml)") from None
    members = archive.infolist()
    if len(members) > options.max_package_members:
        raise PackageError(f"the package holds more than {options.max_package_members} files")
    unpacked = sum(member.file_size for member in members)
    if unpacked > options.max_unpacked_bytes or unpacked > options.max_compression_ratio * max(len(data), 1):
        raise PackageError("the package unpacks to far more than its size (a zip bomb?)")
    for member in members:
        if member.filename.startswith("/") or ".." in member.filename.split("/"):
            raise PackageError(f"the package holds a path outside itself: {member.filename!r}")
    manifests = sorted((m.filename for m in members if posixpath.basename(m.filename) == MANIFEST), key=len)
    if not manifests:
        raise PackageError("the package has no imsmanifest.xml")
    return _Zip(archive, posixpath.dirname(manifests[0]))


def _resource(
    resource: ET.Element, package: _Zip, file: str, options: ImportOptions, problems: list[ItemProblem]
) -> ItemData | None:
    identifier = resource.get("identifier", "")
    files = [node.get("href", "") for node in children(resource, "file")]
    href = resource.get("href") or (files[0] if files else "")
    manifest_file = f"{file}/{MANIFEST}"
    for listed in dict.fromkeys([href, *files]):
        if not listed or package.read(package.resolve(listed)) is None:
            reason = f"the file {listed!r} listed in the manifest is missing from the package" if listed else "the resource names no file"
            problems.append(ItemProblem(manifest_file, identifier, line_of(resource), reason))
    data = package.read(package.resolve(href)) if href else None
    if data is None:
        return None
    meta, meta_problems = read_manifest_metadata(child(resource, "metadata"))
    problems += [ItemProblem(manifest_file, identifier, line_of(resource), reason) for reason in meta_problems]

    def image(src: str) -> tuple[str, bytes] | None:
        found = package.read(package.resolve(src, href))
        return (posixpath.basename(src), found) if found is not None else None

    item, item_problems = read_qti_item(data, file=f"{file}/{href}", images=image, meta=meta, options=options)
    problems += item_problems
    return item


def write_qti_package(items: tuple[ItemData, ...] | list[ItemData]) -> bytes:
    """A QTI 3.0 content package holding ``items`` and their images; the same items always
    give the same bytes (fixed timestamps, deterministic names)."""
    buffer = io.BytesIO()
    resources: list[ET.Element] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            resources.append(_write_item(archive, item))
        archive.writestr(_entry(MANIFEST), _manifest(items, resources))
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _write_item(archive: zipfile.ZipFile, item: ItemData) -> ET.Element:
    identifier = qti_identifier(item.identifier)
    href = f"items/{identifier}.xml"
    image_href = None
    if item.image is not None:
        extension = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}
        media_type = sniff_media_type(item.image.data) or media_type_for_name(item.image.filename)
        image_href = f"images/{identifier}{extension.get(media_type, '.bin')}"
        archive.writestr(_entry(image_href), item.image.data)
    archive.writestr(_entry(href), write_qti_item(item, image_href=f"../{image_href}" if image_href else None))
    resource = ET.Element("resource", identifier=identifier, type="imsqti_item_xmlv3p0", href=href)
    resource.append(write_manifest_metadata(item, interaction_type(item)))
    ET.SubElement(resource, "file", href=href)
    if image_href:
        ET.SubElement(resource, "file", href=image_href)
    return resource


def _manifest(items: tuple[ItemData, ...] | list[ItemData], resources: list[ET.Element]) -> bytes:
    digest = hashlib.sha1("\n".join(item.identifier for item in items).encode("utf-8")).hexdigest()[:16]
    root = ET.Element("manifest", {
        "xmlns": CP_NS, "xmlns:lom": LOM_NS, "xmlns:csm": CSM_NS, "xmlns:qti": QTI_MD_NS,
        "xmlns:zuoye": ZUOYE_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{CP_NS} {CP_SCHEMA}", "identifier": f"MANIFEST-{digest}",
    })
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "QTI Package"
    ET.SubElement(metadata, "schemaversion").text = "3.0.0"
    ET.SubElement(root, "organizations")
    ET.SubElement(root, "resources").extend(resources)
    indent_structure(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
