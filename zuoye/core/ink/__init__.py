"""Smart-pen ink (智能笔): dots → strokes → marks per item region → readings with confidence.

A dot-pattern pen reports dots with a page address and Ncode coordinates (``dots``); they
are put back in order and cut into strokes in millimetres (``strokes``), assigned to the
layout's item regions (``regions``) and read as the teacher's grading marks and scores or the
student's chosen options (``read``, ``classify``). ``simulate`` and ``session`` draw
realistic pen sessions for tests and ``benchmarks/pen.py``. No Django: see README.md.
"""

from zuoye.core.ink.classify import Match, TemplateSet, digit_templates, grading_templates, match, match_many
from zuoye.core.ink.config import DEFAULT_INK_CONFIG, NCODE_UNIT_MM, InkConfig
from zuoye.core.ink.dots import Dot, DotBatch, DotType, LineProblem, NcodeAddress, ParseResult, dots_to_lines, \
    parse_dots
from zuoye.core.ink.read import InkModels, PageReading, Reading, ReadingKind, Role, SessionReading, default_models, \
    read_page, read_strokes
from zuoye.core.ink.regions import Hit, MarkStrokes, group_marks, hit_test, split_characters
from zuoye.core.ink.shapes import MarkKind
from zuoye.core.ink.strokes import Stroke, dots_to_strokes, mm_to_ncode, ncode_to_mm

__all__ = [
    "DEFAULT_INK_CONFIG", "NCODE_UNIT_MM", "Dot", "DotBatch", "DotType", "Hit", "InkConfig", "InkModels",
    "LineProblem", "MarkKind", "MarkStrokes", "Match", "NcodeAddress", "PageReading", "ParseResult", "Reading",
    "ReadingKind", "Role", "SessionReading", "Stroke", "TemplateSet", "default_models", "digit_templates",
    "dots_to_lines", "dots_to_strokes", "grading_templates", "group_marks", "hit_test", "match", "match_many",
    "mm_to_ncode", "ncode_to_mm", "parse_dots", "read_page", "read_strokes", "split_characters",
]
