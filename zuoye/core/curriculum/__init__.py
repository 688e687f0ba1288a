"""Knowledge-point trees for every subject Zuoye covers (MISSION H8), framework-free.

``curriculum()`` returns the shipped trees (人教版 / 统编版 textbook units), indexed by code::

    from zuoye.core.curriculum import curriculum
    tree = curriculum()
    tree.point("math.g5b.u4.kp06").title          # '约分'
    tree.breadcrumb("math.g5b.u4.kp06")            # ('数学', '五年级下册', '第四单元 分数的意义和性质', '约分')
    tree.points("math", grade=5)                   # the grade's points in textbook order

See README.md for the data format and how to extend it.
"""

from .index import Curriculum
from .loader import DATA_DIR, CurriculumError, curriculum, load_curriculum, load_subject, parse_subject
from .model import (
    GRADE_TITLES, SUBJECTS, Book, CodeParts, KnowledgePoint, Node, Semester, SubjectTree, Unit,
    UnknownCode, book_code, parse_code,
)

__all__ = [
    "DATA_DIR", "GRADE_TITLES", "SUBJECTS", "Book", "CodeParts", "Curriculum", "CurriculumError",
    "KnowledgePoint", "Node", "Semester", "SubjectTree", "Unit", "UnknownCode", "book_code",
    "curriculum", "load_curriculum", "load_subject", "parse_code", "parse_subject",
]
