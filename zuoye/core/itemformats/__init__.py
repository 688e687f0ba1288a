"""Item interchange formats, framework-free: QTI 3.0/2.x, Moodle XML and GIFT in; QTI 3.0 out.

Every reader returns an :class:`ImportResult` ``(items, problems)``: the items it could read
completely, and every problem with its file, item id and line. Nothing is stored here; the
``itembank`` app decides (all-or-nothing by default) and keeps the items. ::

    from zuoye.core.itemformats import import_items, write_qti_package
    items, problems = import_items(upload_bytes, file="五年级分数.gift")
    package = write_qti_package(items)          # bytes of a QTI 3.0 content package

See README.md for the formats, the ``zuoye:`` metadata and the text conventions.
"""

from .checks import item_problems
from .config import DEFAULT_OPTIONS, ImportOptions
from .gift import read_gift
from .importing import detect_format, import_items, read_qti_file
from .metadata import ZUOYE_NS, ItemMeta
from .model import (
    BLANK_MARKER, OPTION_LABELS, Answer, Blank, BlanksAnswer, ChoiceAnswer, ChoiceOption, ItemData,
    ItemImage, ItemProblem, ItemType, ModelAnswer, TrueFalseAnswer, blank_markers, normalize_text,
)
from .moodle import read_moodle_xml
from .package import read_qti_package, write_qti_package
from .qti_read import read_qti_item
from .qti_write import write_qti_item
from .result import ImportResult

__all__ = [
    "BLANK_MARKER", "DEFAULT_OPTIONS", "OPTION_LABELS", "ZUOYE_NS", "Answer", "Blank", "BlanksAnswer",
    "ChoiceAnswer", "ChoiceOption", "ImportOptions", "ImportResult", "ItemData", "ItemImage", "ItemMeta",
    "ItemProblem", "ItemType", "ModelAnswer", "TrueFalseAnswer", "blank_markers", "detect_format",
    "import_items", "item_problems", "normalize_text", "read_gift", "read_moodle_xml", "read_qti_file",
    "read_qti_item", "read_qti_package", "write_qti_item", "write_qti_package",
]
