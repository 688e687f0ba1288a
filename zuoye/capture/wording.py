"""Why a page was set aside, in the reader's language.

The scan core and the capture services give their reasons in English, with numbers and names
in them (they go into logs, the CLI and the JSON as they are). Pages shown to teachers and
parents translate the common ones here, by pattern; a reason no pattern knows is shown as it is
rather than hidden.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

PATTERNS: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(r"^blank page"), _("a blank page")),
    (re.compile(r"^no QR code"), _("no page code (QR) found: not an answer sheet, or the code is covered or cut off")),
    (re.compile(r"^unreadable page code"), _("the page code (QR) is damaged and cannot be read")),
    (re.compile(r"^no solid square near the (?P<corner>\w+) mark"),
     _("an alignment square (%(corner)s) is missing: the page may be folded, cut off or covered")),
    (re.compile(r"^marks disagree with the QR"), _("the alignment squares do not fit the page code: the page may be "
                                                 "folded or creased")),
    (re.compile(r"^(?P<file>.+): only (?P<kinds>.+) files can be read"), _("%(file)s: only %(kinds)s files can be read")),
    (re.compile(r"^(?P<file>.+): (?P<mb>\d+) MB is more than (?P<max>\d+) MB"),
     _("%(file)s: %(mb)s MB is more than the %(max)s MB a file may have")),
    (re.compile(r"^no files to read"), _("no files to read")),
    (re.compile(r"^(?P<file>.+): not a PDF or image file"), _("%(file)s: not a PDF or image file")),
    (re.compile(r"^(?P<file>.+): not a readable PDF"), _("%(file)s: the PDF cannot be opened")),
    (re.compile(r"^(?P<file>.+): the file is empty"), _("%(file)s: the file is empty")),
    (re.compile(r"^(?P<file>.+): not an image"), _("%(file)s: not an image that can be read")),
    (re.compile(r"^unknown assignment (?P<a>\d+)"), _("homework %(a)s does not exist here")),
    (re.compile(r"^assignment (?P<a>\d+) “(?P<title>.*)” is not one you may record results for"),
     _("“%(title)s” is not homework you may record results for")),
    (re.compile(r"^no answer sheets were printed for assignment (?P<a>\d+)"),
     _("no answer sheets were printed for homework %(a)s")),
    (re.compile(r"^a generic class sheet"), _("a class sheet without a name: say whose page it is")),
    (re.compile(r"^the student number on this generic sheet was not read clearly \((?P<d>[^:]*):"),
     _("a class sheet without a name whose student number was not read clearly (%(d)s): say whose page it is")),
    (re.compile(r"^(no student|several students) of this homework's classes ha(s|ve) a student number ending "
                r"(?P<d>\S+);"),
     _("a class sheet without a name: no single student of the class has a student number ending %(d)s; "
       "say whose page it is")),
    (re.compile(r"^no generic class sheet was printed for page (?P<p>\d+)"),
     _("a class sheet without a name, but no class sheet was printed for this page: say whose page it is")),
    (re.compile(r"^no printed sheet for student (?P<s>\d+), page (?P<p>\d+)"),
     _("no sheet was printed for this student and page")),
    (re.compile(r"^this page belongs to another student"), _("this page belongs to another student")),
    (re.compile(r"^scanned again: already read from (?P<src>.+) \(batch (?P<b>\d+)\)"),
     _("scanned again: already read from %(src)s (batch %(b)s)")),
    (re.compile(r"^scanned again: the same image as (?P<src>.+) \(batch (?P<b>\d+)\)"),
     _("scanned again: the same image as %(src)s (batch %(b)s)")),
    (re.compile(r"^the results were refused: (?P<why>.*)"), _("the results were refused: %(why)s")),
    (re.compile(r"^the four alignment squares could not be found"), _("the four alignment squares could not be found")),
)


def reason_text(reason: str) -> str:
    for pattern, message in PATTERNS:
        match = pattern.match(reason)
        if match:
            return str(message) % match.groupdict() if match.groupdict() else str(message)
    return reason
