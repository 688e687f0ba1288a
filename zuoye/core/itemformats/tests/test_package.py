"""QTI content packages: items and images found through the manifest; every broken part named."""

from __future__ import annotations

import io
import zipfile

from zuoye.core.itemformats import ImportOptions, ItemType, read_qti_package

from .factories import png_bytes
from .documents import QTI3_ESSAY, QTI21_TRUE_FALSE

MANIFEST_21 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM" identifier="M1">
  <metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>
  <organizations/>
  <resources>
    <resource identifier="tf1" type="imsqti_item_xmlv2p1" href="items/tf1.xml">
      <metadata>
        <imsmd:lom>
          <imsmd:educational>
            <imsmd:difficulty><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>difficult</imsmd:value></imsmd:difficulty>
            <imsmd:typicalLearningTime><imsmd:duration>PT90S</imsmd:duration></imsmd:typicalLearningTime>
          </imsmd:educational>
          <imsmd:classification>
            <imsmd:taxonPath>
              <imsmd:source><imsmd:string>zuoye</imsmd:string></imsmd:source>
              <imsmd:taxon><imsmd:id>english.g8a.u1.kp01</imsmd:id></imsmd:taxon>
            </imsmd:taxonPath>
          </imsmd:classification>
        </imsmd:lom>
      </metadata>
      <file href="items/tf1.xml"/>
    </resource>
    <resource identifier="essay" type="imsqti_item_xmlv3p0" href="items/essay.xml">
      <metadata>
        <csm:curriculumStandardsMetadataSet xmlns:csm="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscsmd_v1p1">
          <csm:curriculumStandardsMetadata providerId="zuoye">
            <csm:setOfGUIDs><csm:labelledGUID><csm:label>写作</csm:label><csm:GUID>chinese.g7a.u2.kp02</csm:GUID></csm:labelledGUID></csm:setOfGUIDs>
          </csm:curriculumStandardsMetadata>
        </csm:curriculumStandardsMetadataSet>
      </metadata>
      <file href="items/essay.xml"/>
      <file href="images/figure.png"/>
    </resource>
    <resource identifier="css" type="webcontent" href="style.css"><file href="style.css"/></resource>
  </resources>
</manifest>
"""

ESSAY_WITH_IMAGE = QTI3_ESSAY.replace(
    "<p>读下面", '<p><img src="../images/figure.png" alt="图"/></p><p>读下面'
).replace(' data-zuoye-knowledge-points="chinese.g7a.u2.kp01"', "")


def zip_of(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def package(**changes: bytes | str | None) -> bytes:
    files: dict[str, bytes | str | None] = {
        "imsmanifest.xml": MANIFEST_21,
        "items/tf1.xml": QTI21_TRUE_FALSE,
        "items/essay.xml": ESSAY_WITH_IMAGE,
        "images/figure.png": png_bytes(),
        "style.css": "p {}",
    }
    files.update(changes)
    return zip_of({name: content for name, content in files.items() if content is not None})


def test_package_items_take_metadata_from_lom_and_curriculum_standards():
    items, problems = read_qti_package(package(), file="bank.zip")

    assert problems == ()
    tf, essay = items
    assert (tf.type, tf.difficulty, tf.minutes, tf.knowledge_points) == (
        ItemType.TRUE_FALSE, 4, 2, ("english.g8a.u1.kp01",))
    assert essay.knowledge_points == ("chinese.g7a.u2.kp02",)
    assert essay.image.filename == "figure.png" and essay.image.data == png_bytes()


def test_package_in_a_top_folder_is_found():
    data = zip_of({f"export/{name}": content for name, content in {
        "imsmanifest.xml": MANIFEST_21, "items/tf1.xml": QTI21_TRUE_FALSE, "items/essay.xml": ESSAY_WITH_IMAGE,
        "images/figure.png": png_bytes(), "style.css": "",
    }.items()})

    items, problems = read_qti_package(data, file="bank.zip")

    assert problems == () and len(items) == 2


def test_missing_item_file_is_reported_at_its_manifest_line():
    items, problems = read_qti_package(package(**{"items/tf1.xml": None}), file="bank.zip")

    assert [i.identifier for i in items] == ["essay-1"]
    assert [(p.file, p.item_id, p.line) for p in problems] == [("bank.zip/imsmanifest.xml", "tf1", 7)]
    assert problems[0].reason == "the file 'items/tf1.xml' listed in the manifest is missing from the package"


def test_missing_image_is_reported_twice_over_listing_and_reference():
    _, problems = read_qti_package(package(**{"images/figure.png": None}), file="bank.zip")

    reasons = [(p.file, p.reason) for p in problems]
    assert ("bank.zip/imsmanifest.xml", "the file 'images/figure.png' listed in the manifest is missing from the package") in reasons
    assert ("bank.zip/items/essay.xml", "image '../images/figure.png' is missing (not in the package)") in reasons


def test_image_that_is_not_an_image_is_refused():
    items, problems = read_qti_package(package(**{"images/figure.png": b"<html>oops</html>"}), file="bank.zip")

    assert [i.identifier for i in items] == ["tf1"]
    assert problems[0].item_id == "essay-1"
    assert problems[0].reason == "figure.png is not an image (PNG, JPEG, GIF or WebP)"


def test_invalid_xml_in_an_item_names_the_file_and_line():
    _, problems = read_qti_package(package(**{"items/essay.xml": ESSAY_WITH_IMAGE.replace("</p>", "</q>", 1)}), file="bank.zip")

    assert [(p.file, p.line) for p in problems] == [("bank.zip/items/essay.xml", 8)]
    assert problems[0].reason.startswith("invalid XML")


def test_invalid_manifest_names_its_line():
    _, problems = read_qti_package(package(**{"imsmanifest.xml": MANIFEST_21.replace("<organizations/>", "<organizations>")}), file="b.zip")

    assert [(p.file, p.line) for p in problems] == [("b.zip/imsmanifest.xml", 37)]  # </manifest>, unmatched


def test_not_a_zip_and_no_manifest_are_refused_whole():
    assert read_qti_package(b"hello", file="x.zip").problems[0].reason.startswith("not a zip file")
    no_manifest = zip_of({"items/tf1.xml": QTI21_TRUE_FALSE})
    assert read_qti_package(no_manifest, file="x.zip").problems[0].reason == "the package has no imsmanifest.xml"


def test_paths_outside_the_package_are_refused():
    data = zip_of({"imsmanifest.xml": MANIFEST_21, "../evil.xml": "x"})

    (problem,) = read_qti_package(data, file="x.zip").problems

    assert "outside itself" in problem.reason


def test_zip_bomb_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MANIFEST_21)
        archive.writestr("big.bin", b"\0" * 5_000_000)

    (problem,) = read_qti_package(buffer.getvalue(), file="x.zip").problems

    assert "zip bomb" in problem.reason


def test_duplicate_identifiers_in_one_package_are_reported():
    manifest = MANIFEST_21.replace('href="items/essay.xml"', 'href="items/copy.xml"').replace(
        '<file href="images/figure.png"/>', "")

    items, problems = read_qti_package(package(**{"imsmanifest.xml": manifest, "items/copy.xml": QTI21_TRUE_FALSE}), file="x.zip")

    assert [item.identifier for item in items] == ["tf1"]
    assert [(p.item_id, p.line, p.reason) for p in problems] == [
        ("tf1", 24, "the identifier is used by an earlier item in this file")]


def test_known_points_check_applies_to_package_items():
    options = ImportOptions(known_points={"english.g8a.u1.kp01"}, require_knowledge_points=True)

    _, problems = read_qti_package(package(), file="bank.zip", options=options)

    assert [(p.item_id, p.reason) for p in problems] == [("essay-1", "unknown knowledge point 'chinese.g7a.u2.kp02'")]
