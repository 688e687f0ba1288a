"""Zuoye's item metadata in QTI: knowledge points, difficulty, minutes and source.

QTI items carry no such metadata themselves; a content package puts it in the manifest. We
read three vocabularies there and write them all, so other tools understand what they can:

* our own ``zuoye:`` block (namespace :data:`ZUOYE_NS`), exact and complete::

      <zuoye:item>
        <zuoye:knowledge-point>math.g5b.u4.kp06</zuoye:knowledge-point>   (repeatable)
        <zuoye:difficulty>2</zuoye:difficulty>                            (1–5)
        <zuoye:minutes>3</zuoye:minutes>                                  (whole minutes)
        <zuoye:source>人教版五年级下册 练习十六</zuoye:source>
      </zuoye:item>

* IEEE LOM ``educational/difficulty`` (very easy … very difficult = 1 … 5),
  ``educational/typicalLearningTime`` (ISO 8601 ``PT3M``) and ``classification`` taxa whose
  taxon path source is ``zuoye``;
* 1EdTech curriculum standards metadata: GUIDs of a ``curriculumStandardsMetadata`` whose
  ``providerId`` is ``zuoye``.

A single item file has no manifest, so the same four facts also travel on the item's root as
QTI 3.0 ``data-`` extension attributes: ``data-zuoye-knowledge-points`` (codes separated by
spaces), ``data-zuoye-difficulty``, ``data-zuoye-minutes``, ``data-zuoye-source``. Where both
say something, the item's own attributes win.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from .model import ItemData
from .xmltree import children, descendants, local, namespace, text_of

ZUOYE_NS = "https://zuoye.org/xsd/item-metadata/v1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
CSM_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscsmd_v1p1"
QTI_MD_NS = "http://www.imsglobal.org/xsd/imsqti_metadata_v3p0"
PROVIDER = "zuoye"
LOM_DIFFICULTY = ("very easy", "easy", "medium", "difficult", "very difficult")
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


@dataclass(frozen=True)
class ItemMeta:
    """What a metadata source says; None where it says nothing."""

    knowledge_points: tuple[str, ...] | None = None
    difficulty: int | None = None
    minutes: int | None = None
    source: str | None = None

    def over(self, fallback: ItemMeta) -> ItemMeta:
        """These values, with ``fallback``'s where these say nothing."""
        return ItemMeta(
            knowledge_points=self.knowledge_points if self.knowledge_points is not None else fallback.knowledge_points,
            difficulty=self.difficulty if self.difficulty is not None else fallback.difficulty,
            minutes=self.minutes if self.minutes is not None else fallback.minutes,
            source=self.source if self.source is not None else fallback.source,
        )


def _whole(value: str, what: str, problems: list[str]) -> int | None:
    try:
        return int(value.strip())
    except ValueError:
        problems.append(f"{what} {value!r} is not a whole number")
        return None


def read_attributes(root: ET.Element) -> tuple[ItemMeta, list[str]]:
    """The ``data-zuoye-*`` attributes of an item's root element."""
    problems: list[str] = []
    attrs = root.attrib
    points = attrs.get("data-zuoye-knowledge-points")
    meta = ItemMeta(
        knowledge_points=tuple(points.split()) if points is not None else None,
        difficulty=_whole(attrs["data-zuoye-difficulty"], "difficulty", problems) if "data-zuoye-difficulty" in attrs else None,
        minutes=_whole(attrs["data-zuoye-minutes"], "minutes", problems) if "data-zuoye-minutes" in attrs else None,
        source=attrs.get("data-zuoye-source"),
    )
    return meta, problems


def write_attributes(item: ItemData) -> dict[str, str]:
    attrs = {
        "data-zuoye-difficulty": str(item.difficulty),
        "data-zuoye-minutes": str(item.minutes),
    }
    if item.knowledge_points:
        attrs["data-zuoye-knowledge-points"] = " ".join(item.knowledge_points)
    if item.source:
        attrs["data-zuoye-source"] = item.source
    return attrs


def read_manifest_metadata(metadata: ET.Element | None) -> tuple[ItemMeta, list[str]]:
    """What a manifest resource's ``<metadata>`` says: zuoye block over LOM and CSM."""
    if metadata is None:
        return ItemMeta(), []
    problems: list[str] = []
    ours = _read_zuoye(metadata, problems)
    standard = ItemMeta(
        knowledge_points=_lom_points(metadata) + _csm_points(metadata) or None,
        difficulty=_lom_difficulty(metadata, problems),
        minutes=_lom_minutes(metadata, problems),
    )
    return ours.over(standard), problems


def _ns_elements(root: ET.Element, ns: str, name: str) -> list[ET.Element]:
    return [node for node in root.iter() if namespace(node.tag) == ns and local(node.tag) == name]


def _read_zuoye(metadata: ET.Element, problems: list[str]) -> ItemMeta:
    blocks = _ns_elements(metadata, ZUOYE_NS, "item")
    if not blocks:
        return ItemMeta()
    block = blocks[0]
    points = tuple(text_of(node) for node in children(block, "knowledge-point"))
    difficulty = children(block, "difficulty")
    minutes = children(block, "minutes")
    source = children(block, "source")
    return ItemMeta(
        knowledge_points=points or None,
        difficulty=_whole(text_of(difficulty[0]), "difficulty", problems) if difficulty else None,
        minutes=_whole(text_of(minutes[0]), "minutes", problems) if minutes else None,
        source=text_of(source[0]) if source else None,
    )


def _lom_difficulty(metadata: ET.Element, problems: list[str]) -> int | None:
    for node in _ns_elements(metadata, LOM_NS, "difficulty"):
        value = text_of(next(iter(descendants(node, "value")), None)).lower()
        if value in LOM_DIFFICULTY:
            return LOM_DIFFICULTY.index(value) + 1
        problems.append(f"LOM difficulty {value!r} is not one of: {', '.join(LOM_DIFFICULTY)}")
    return None


def _lom_minutes(metadata: ET.Element, problems: list[str]) -> int | None:
    for node in _ns_elements(metadata, LOM_NS, "typicalLearningTime"):
        text = text_of(next(iter(descendants(node, "duration")), None))
        match = _DURATION.match(text)
        if not match or not any(match.groups()):
            problems.append(f"LOM typicalLearningTime {text!r} is not an ISO 8601 duration such as PT3M")
            return None
        days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
        return max(1, math.ceil(days * 1440 + hours * 60 + minutes + seconds / 60))
    return None


def _lom_points(metadata: ET.Element) -> tuple[str, ...]:
    codes: list[str] = []
    for path in _ns_elements(metadata, LOM_NS, "taxonPath"):
        source = next(iter(children(path, "source")), None)
        if text_of(source).lower() == PROVIDER:
            codes += [text_of(node) for taxon in children(path, "taxon") for node in children(taxon, "id")]
    return tuple(codes)


def _csm_points(metadata: ET.Element) -> tuple[str, ...]:
    codes: list[str] = []
    for standards in _ns_elements(metadata, CSM_NS, "curriculumStandardsMetadata"):
        if standards.get("providerId", "").lower() == PROVIDER:
            codes += [text_of(node) for node in descendants(standards, "GUID")]
    return tuple(codes)


def write_manifest_metadata(item: ItemData, interaction: str) -> ET.Element:
    """The ``<metadata>`` of an item's manifest resource (prefixes declared on the manifest)."""
    metadata = ET.Element("metadata")
    qti = ET.SubElement(metadata, "qti:qtiMetadata")
    ET.SubElement(qti, "qti:interactionType").text = interaction
    if item.knowledge_points:
        standards = ET.SubElement(ET.SubElement(metadata, "csm:curriculumStandardsMetadataSet"),
                                  "csm:curriculumStandardsMetadata", providerId=PROVIDER)
        guids = ET.SubElement(standards, "csm:setOfGUIDs")
        for code in item.knowledge_points:
            ET.SubElement(ET.SubElement(guids, "csm:labelledGUID"), "csm:GUID").text = code
    lom = ET.SubElement(metadata, "lom:lom")
    educational = ET.SubElement(lom, "lom:educational")
    difficulty = ET.SubElement(educational, "lom:difficulty")
    ET.SubElement(difficulty, "lom:source").text = "LOMv1.0"
    ET.SubElement(difficulty, "lom:value").text = LOM_DIFFICULTY[item.difficulty - 1]
    ET.SubElement(ET.SubElement(educational, "lom:typicalLearningTime"), "lom:duration").text = f"PT{item.minutes}M"
    metadata.append(_zuoye_block(item))
    return metadata


def _zuoye_block(item: ItemData) -> ET.Element:
    block = ET.Element("zuoye:item")
    for code in item.knowledge_points:
        ET.SubElement(block, "zuoye:knowledge-point").text = code
    ET.SubElement(block, "zuoye:difficulty").text = str(item.difficulty)
    ET.SubElement(block, "zuoye:minutes").text = str(item.minutes)
    if item.source:
        ET.SubElement(block, "zuoye:source").text = item.source
    return block


def apply_meta(item: ItemData, meta: ItemMeta) -> ItemData:
    """``item`` with whatever ``meta`` says put in."""
    return replace(
        item,
        knowledge_points=meta.knowledge_points if meta.knowledge_points is not None else item.knowledge_points,
        difficulty=meta.difficulty if meta.difficulty is not None else item.difficulty,
        minutes=meta.minutes if meta.minutes is not None else item.minutes,
        source=meta.source if meta.source is not None else item.source,
    )
