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


REVIEW_BELOW = 0.8
"""The readers' review threshold (``ScanConfig.review_below``): a character read below it is unclear."""

MARK_NAMES = {"tick": _("a tick"), "cross": _("a cross"), "half": _("a half tick"), "circle": _("a circle"),
              "nothing": _("no mark"), "unknown": _("an unclear mark"),
              "right": _("right"), "partial": _("partly right"), "wrong": _("wrong"), "unmarked": _("no mark")}

ITEM_PATTERNS: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(r"^the mark network reads tick \([^)]*\), the rules a stroke across its arm"),
     _("one way of reading sees a tick, the other a stroke across it: a half tick?")),
    (re.compile(r"^the mark network reads tick \([^)]*\), the rules ink on its arm"),
     _("both ways of reading see a tick, one also some ink on it: a half tick?")),
    (re.compile(r"^the mark network reads (?P<net>\w+) \([^)]*\), the rules (?P<rules>\w+)"),
     _("the two ways of reading the mark disagree: %(net)s or %(rules)s?")),
    (re.compile(r"^several marks: (?P<kinds>[\w, ]+)"), _("several marks on this item (%(kinds)s): which one counts?")),
    (re.compile(r"^a mark over it turns in no item or is in doubt"),
     _("a mark reaches over this item from outside it: is it this item's mark?")),
    (re.compile(r"^no mark read, but .*the mark network reads (?P<net>\w+) \([^)]*\) in that ink"),
     _("no mark was recognised, but there is red-pen ink over the answer: it looks like %(net)s")),
    (re.compile(r"^no mark read, but"), _("no mark was recognised, but there is red-pen ink over the answer")),
    (re.compile(r"^mark unknown"), _("the mark's shape is not clear")),
    (re.compile(r"^mark (?P<kind>tick|cross|half|circle) "), _("it looks like %(kind)s, but not clearly enough")),
    (re.compile(r"^scanned again and read differently: first (?P<a>\w+) \(\w*\), now (?P<b>\w+)"),
     _("scanned again and read differently: first %(a)s, now %(b)s")),
    (re.compile(r"^a stroke crosses into another item"), _("a pen stroke runs into another item")),
    (re.compile(r"^confidence [\d.]+ below"), _("the pen mark is not clear enough")),
)


def _names(text: str) -> str:
    return " / ".join(str(MARK_NAMES.get(word.strip(), word.strip())) for word in text.split(","))


def review_reason(reason: str) -> str:
    """Why an item waits in the review queue, in the reader's language; the machine's own words
    (with their measurements) stay available beside it, so nothing is hidden."""
    said = []
    for pattern, message in ITEM_PATTERNS:
        match = pattern.search(reason)
        if match:
            said.append(str(message) % {k: _names(v) for k, v in match.groupdict().items()})
            break
    if re.search(r"bubbles: .*\bunclear [A-Z]", reason):  # the bubbles' notes: "1 filled; unclear B"
        said.append(str(_("a filled-in bubble is not clear")))
    score = re.search(r"(?:^|; )score ([^;]*)", reason)
    if score and any(float(c) < REVIEW_BELOW for c in re.findall(r" (\d\.\d+)", " " + score.group(1))):
        said.append(str(_("the score written in the box is not clear")))
    return "; ".join(said) if said else str(_("the machine is not sure of this item"))
