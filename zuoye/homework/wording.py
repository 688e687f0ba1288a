"""The load check in one sentence a teacher reads at a glance, with every number in it.

"七年级(1)班 12月3日 已有 70 分钟（数学 30、语文 40），本次 25 分钟，合计 95 分钟，超出上限
90 分钟 5 分钟". Whole sentences are translated (never glued from pieces), so each language
keeps its own word order.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from zuoye.core.policy.homework_load import LoadCheck
from zuoye.schools import models as m
from zuoye.schools.templatetags.school_names import class_name

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english() -> bool:
    return (get_language() or "").startswith("en")


def day_text(day: date) -> str:
    """12月3日, or 3 Dec."""
    return f"{day.day} {_MONTHS_EN[day.month - 1]}" if _english() else f"{day.month}月{day.day}日"


def subjects_text(by_subject: dict[str, int], first: str = "") -> str:
    """数学 30、语文 40: the reader's own subject first, then the others by minutes (names as stored,
    in English when the reader chose English)."""
    names = dict(m.Subject.objects.values_list("name", "name_en")) if _english() else {}
    ordered = sorted(by_subject.items(), key=lambda kv: (kv[0] != first, -kv[1], kv[0]))
    return pgettext("list separator", ", ").join(f"{names.get(name) or name} {minutes}" for name, minutes in ordered)


def load_sentence(school_class: m.SchoolClass, day: date, check: LoadCheck, subject: str = "") -> str:
    """The whole check in one sentence; ``subject`` (a subject's name) is listed first."""
    words = {
        "class": class_name(school_class), "date": day_text(day), "already": check.already,
        "subjects": subjects_text(dict(check.by_subject), subject), "adding": check.adding, "total": check.total,
        "limit": check.limit, "over": check.over_by,
    }
    if check.limit == 0:
        return _("%(class)s is in grade 1 or 2: no written homework may be set (the national rule).") % words
    if check.already and check.over_by:
        return _("%(class)s %(date)s already has %(already)s minutes (%(subjects)s); this homework %(adding)s minutes, "
                 "total %(total)s minutes, over the limit of %(limit)s minutes by %(over)s minutes") % words
    if check.already:
        return _("%(class)s %(date)s already has %(already)s minutes (%(subjects)s); this homework %(adding)s minutes, "
                 "total %(total)s minutes, within the limit of %(limit)s minutes") % words
    if check.over_by:
        return _("%(class)s %(date)s has no other homework; this homework %(adding)s minutes, "
                 "over the limit of %(limit)s minutes by %(over)s minutes") % words
    return _("%(class)s %(date)s has no other homework; this homework %(adding)s minutes, "
             "within the limit of %(limit)s minutes") % words
