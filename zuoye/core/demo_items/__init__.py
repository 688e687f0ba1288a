"""Hand-written demo items for Chinese, English and Math, grades 3–9, as checked data.

``demo_items()`` returns them as :class:`~zuoye.core.itemformats.ItemData`, every knowledge
point resolved against :mod:`zuoye.core.curriculum`::

    from zuoye.core.demo_items import demo_items
    chinese = demo_items("chinese")

The items live in ``data/<subject>-<part>.json``; README.md says how to add one.
"""

from .loader import (
    DATA_DIR, DEFAULT_SCORES, SUBJECTS, DemoDataError, demo_files, demo_items, load_demo_file, parse_demo_file,
)

__all__ = [
    "DATA_DIR", "DEFAULT_SCORES", "SUBJECTS", "DemoDataError", "demo_files", "demo_items", "load_demo_file",
    "parse_demo_file",
]
