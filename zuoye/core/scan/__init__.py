"""Scanning (采智机): from page images to per-item readings with confidence and reason.

Framework-free: arrays and frozen dataclasses in, frozen dataclasses out; no Django, no
Celery. Named stages, each usable and tested alone (``decode``, ``identify``, ``align``,
``bubbles``, ``redpen`` with ``ticks``, ``grid``; ``vote`` weighs the rules' reading of a teacher's mark
against the mark network's), chained by :func:`page_read`; every threshold is in
:class:`ScanConfig`. ``simulate`` draws filled, graded and badly scanned pages for tests and
benchmarks. See README.md beside this file.
"""

from zuoye.core.scan.align import PageGeometry, page_align, page_rectify
from zuoye.core.scan.bubbles import BubbleReading, ChoiceReading, bubble_read, choices_read
from zuoye.core.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from zuoye.core.scan.decode import grey, pages_decode
from zuoye.core.scan.grid import StudentNumberReading, student_number_read
from zuoye.core.scan.identify import BLANK, PageIdentity, page_identify
from zuoye.core.scan.pipeline import PageLookup, PageResult, PageStatus, items_read, lookup_from, page_read
from zuoye.core.scan.redpen import PenMark, is_colour, mark_classify, marks_find
from zuoye.core.scan.report import BubbleState, DebugSink, MarkKind, StageReport, StageResult, Status
from zuoye.core.scan.vote import ItemResult

__all__ = [
    "BLANK", "DEFAULT_SCAN_CONFIG", "BubbleReading", "BubbleState", "ChoiceReading", "DebugSink", "ItemResult",
    "MarkKind", "PageGeometry", "PageIdentity", "PageLookup", "PageResult", "PageStatus", "PenMark", "ScanConfig",
    "StageReport", "StageResult", "Status", "StudentNumberReading", "bubble_read", "choices_read", "grey", "is_colour", "items_read",
    "lookup_from", "mark_classify", "marks_find", "page_align", "page_identify", "page_read", "page_rectify",
    "pages_decode", "student_number_read",
]
