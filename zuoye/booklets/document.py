"""The typst of a booklet's reading pages: cover, wrong questions, micro-lessons, answers at the back.

A booklet (一人一册) is read and written in: the reading pages flow (the text decides where a
page ends), while its extension exercises are an answer sheet laid out by ``core.layout``,
placed element by element so a scan or a pen can read them. Both live in one typst document:
the sheet engine's preamble comes first (fonts, text rules, the stems of the sheet items),
then each student's pages in order. A reading page is an explicit ``#page(margin: …)[…]``
call, so its margins never leak into the zero-margin sheet pages around it.

Item text goes through the same ``core.mathtext`` converter as the answer sheets; a formula
that does not parse stops the booklet with the item named (the bank validates stems on import,
so this means a bug, not a student's input).

Nothing here touches the database: the caller hands plain objects (a ``BookletContent`` as the
learning app's ``booklet_content`` returns it, and a ``StudentPages`` description).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from zuoye.core.layout import DEFAULT_CONFIG, ItemKind, ItemSpec, LayoutConfig
from zuoye.core.layout.markup import item_markup
from zuoye.core.layout.qr import qr_symbol
from zuoye.core.layout.typeset import markup_call, typst_str
from zuoye.core.mathtext import stem_to_typst
from zuoye.core.mathtext.errors import MathTextError

Converter = Callable[[str], str]

OUTCOME_WORDS = {"wrong": "错", "partial": "半对"}
KIND_OF_TYPE = {
    "single_choice": ItemKind.SINGLE_CHOICE, "multiple_choice": ItemKind.MULTIPLE_CHOICE,
    "true_false": ItemKind.TRUE_FALSE, "fill_blank": ItemKind.FILL_IN, "short_answer": ItemKind.WORKED,
}


class BookletTextError(ValueError):
    """An item's text cannot be typeset; the message names the item and the part."""


@dataclass(frozen=True)
class BookletTexts:
    """Every fixed word of a booklet; the defaults are Simplified Chinese (the PDF goes to families)."""

    title: str = "一人一册"
    subtitle: str = "我的错题与拓展练习"
    student: str = "姓名"
    class_label: str = "班级"
    school: str = "学校"
    week: str = "周次"
    contents: str = "本册内容"
    wrong: str = "一、本周错题"
    wrong_none: str = "本周没有错题，继续保持！"
    lessons: str = "二、微课（用手机扫码观看）"
    lessons_none: str = "本周没有需要观看的微课。"
    sheet: str = "三、拓展练习（答题卡）"
    sheet_none: str = "本周没有拓展练习。"
    sheet_hint: str = "拓展练习在后面的答题卡上作答；做完后交给老师批改，扫描后成绩会记入错题本。"
    answers: str = "四、参考答案"
    your_answer: str = "你的答案"
    not_recorded: str = "（未记录）"
    correct: str = "正确答案"
    explanation: str = "解析"
    no_explanation: str = "（暂无解析）"
    knowledge: str = "知识点"
    because: str = "推荐理由"
    true: str = "√（正确）"
    false: str = "×（错误）"
    footer: str = "{name} · 一人一册 · {week}"


@dataclass(frozen=True)
class StudentPages:
    """One student's booklet as the document needs it: words for the cover, content, sheet source.

    ``sheet`` is the typst of the student's answer-sheet pages (without the preamble), made by
    the layout engine; ``numbers`` maps an extension item's id to the number printed on the
    sheet, so the answers at the back use the same numbers.
    """

    name: str
    class_label: str
    school: str
    week_label: str
    week_words: str
    grade: int
    content: Any  # BookletContent: .wrong, .lessons, .extension
    sheet: str
    numbers: dict[int, str]


def converter(grade: int) -> Converter:
    """Primary grades read full-size fractions, as on their answer sheets."""
    return (lambda s: stem_to_typst(s, full_size_fractions=True)) if grade <= 6 else stem_to_typst


def _safe(convert: Converter, source: str, where: str) -> str:
    try:
        return convert(source)
    except MathTextError as exc:
        raise BookletTextError(f"{where}: {exc}") from exc


def _text(words: str) -> str:
    return f"#{typst_str(words)}" if words else ""


def _eval(markup: str) -> str:
    """Content code that typesets ``markup`` held in a string (broken markup cannot leak)."""
    return markup_call(markup)


def item_stem(item: Any, convert: Converter, config: LayoutConfig = DEFAULT_CONFIG) -> str:
    """The stem with its lettered options, exactly as an answer sheet prints it."""
    spec = ItemSpec(key=f"i{item.pk}", number="1", kind=KIND_OF_TYPE[item.type], stem=item.stem,
                    options=tuple(option["text"] for option in item.options))
    try:
        return item_markup(spec, convert, config)
    except MathTextError as exc:
        raise BookletTextError(f"item {item.pk} (stem or options): {exc}") from exc


def answer_markup(item: Any, convert: Converter, texts: BookletTexts) -> str:
    """The correct answer: A、C · √ · each blank's accepted answers · the model answer."""
    answer, where = item.answer, f"item {item.pk} (answer)"
    if item.type in ("single_choice", "multiple_choice"):
        return _text("、".join(str(label) for label in answer))
    if item.type == "true_false":
        return _text(texts.true if answer else texts.false)
    if item.type == "fill_blank":
        blanks = []
        for n, blank in enumerate(answer, start=1):
            accepted = _text(" / ").join(_safe(convert, str(a), where) for a in blank["accepted"])
            blanks.append(f"{_text(f'({n}) ')}{accepted}" if len(answer) > 1 else accepted)
        return "#h(1em)".join(blanks)
    return _safe(convert, str(answer), where)


def _label_value(label: str, value: str) -> str:
    """``label：`` in grey and bold value markup on one line."""
    return f"#text(fill: luma(90), {typst_str(label + '：')})#{_eval(value)}"


def _wrong_entry(n: int, entry: Any, convert: Converter, texts: BookletTexts) -> str:
    item = entry.item
    about = " · ".join(part for part in (
        entry.assignment_title, f"{entry.assigned_on.month}月{entry.assigned_on.day}日",
        OUTCOME_WORDS.get(entry.outcome, entry.outcome),
        f"{texts.knowledge}：{'、'.join(entry.knowledge_points)}" if entry.knowledge_points else "") if part)
    explanation = (_safe(convert, item.explanation, f"item {item.pk} (explanation)") if item.explanation.strip()
                   else _text(texts.no_explanation))
    given = _text(entry.answer) if entry.answer else _text(texts.not_recorded)
    rows = [
        f"#text(font: sans, size: 8pt, fill: luma(100), {typst_str(about)})",
        f"#grid(columns: (auto, 1fr), column-gutter: 2mm, text(font: sans, weight: \"bold\", {typst_str(f'{n}.')}), "
        f"{_eval(item_stem(item, convert))})",
        _label_value(texts.your_answer, given),
        _label_value(texts.correct, answer_markup(item, convert, texts)),
        _label_value(texts.explanation, explanation),
    ]
    body = " \\\n".join(rows[2:])
    return (f"#block(breakable: true, width: 100%, inset: (y: 2mm), stroke: (bottom: 0.3pt + luma(200)))["
            f"{rows[0]} \\\n{rows[1]}\n\n#block(inset: (left: 6mm))[{body}]]\n")


def _lesson_entry(lesson: Any, base_url: str, config: LayoutConfig) -> str:
    url = base_url.rstrip("/") + lesson.url_path
    svg = typst_str(qr_symbol(url, config.qr_error).svg)
    qr = f'box(width: 24mm, height: 24mm, image(bytes({svg}), format: "svg", width: 100%, height: 100%))'
    words = (f"text(weight: \"bold\", {typst_str(lesson.title)}) + linebreak() + "
             f"text(size: 9pt, fill: luma(90), {typst_str(lesson.knowledge_point)}) + linebreak() + "
             f"text(font: mono, size: 6.5pt, fill: luma(120), {typst_str(url)})")
    return (f"#block(breakable: false, width: 100%, inset: (y: 1.5mm))[#grid(columns: (28mm, 1fr), "
            f"align: (left, horizon), {qr}, {words})]\n")


def _heading(words: str) -> str:
    return (f"#block(above: 6mm, below: 3mm, text(font: sans, size: 13pt, weight: \"bold\", "
            f"{typst_str(words)}))\n")


def _cover(pages: StudentPages, texts: BookletTexts) -> str:
    """The title block at the top of the first page: whose booklet, which week, what is inside.

    A block, not a page of its own: a school prints fifty booklets a week, and a cover page
    would be a fifth of the paper.
    """
    c = pages.content
    rows = [(texts.student, pages.name), (texts.class_label, pages.class_label), (texts.school, pages.school),
            (texts.week, pages.week_words)]
    table = ", ".join(f"text(fill: luma(90), {typst_str(label)}), text(weight: \"bold\", {typst_str(value)})"
                      for label, value in rows)
    summary = [f"{texts.wrong}：{len(c.wrong)}", f"{texts.lessons.split('（')[0]}：{len(c.lessons)}",
               f"{texts.sheet.split('（')[0]}：{len(c.extension)}"]
    listing = " \\\n".join(_text(line) for line in summary)
    hint = f"#v(1mm)#text(size: 8.5pt, fill: luma(90), {typst_str(texts.sheet_hint)})" if c.extension else ""
    return (
        "#counter(page).update(1)\n"
        f"#block(width: 100%, inset: (bottom: 3mm), stroke: (bottom: 0.6pt + luma(150)), grid(columns: (1fr, 70mm), "
        f"column-gutter: 6mm, [#text(font: sans, size: 24pt, weight: \"bold\", {typst_str(texts.title)}) "
        f"#h(3mm) #text(font: sans, size: 11pt, fill: luma(80), {typst_str(texts.subtitle)})\n\n"
        f"#grid(columns: (auto, auto), column-gutter: 4mm, row-gutter: 2.5mm, {table})], "
        f"block(width: 100%, inset: 3mm, stroke: 0.4pt + luma(170), radius: 1.5mm)["
        f"#text(font: sans, weight: \"bold\", {typst_str(texts.contents)}) \\\n{listing}{hint}]))\n"
    )


def _reading_page(body: str, pages: StudentPages, texts: BookletTexts) -> str:
    footer = typst_str(texts.footer.format(name=pages.name, week=pages.week_label))
    return (f"#page(margin: (x: 20mm, top: 18mm, bottom: 20mm), footer: context align(center, text(size: 8pt, "
            f"fill: luma(120), {footer} + \"  \" + counter(page).display())))[\n{body}]\n")


def front_pages(pages: StudentPages, base_url: str, texts: BookletTexts = BookletTexts(),
                config: LayoutConfig = DEFAULT_CONFIG) -> str:
    """Title block, wrong questions and micro-lessons: the pages before the answer sheet (whose own
    header names it: "一人一册 2026-W48 数学拓展练习")."""
    convert, c = converter(pages.grade), pages.content
    body = [_cover(pages, texts), _heading(texts.wrong)]
    body += [_wrong_entry(n, entry, convert, texts) for n, entry in enumerate(c.wrong, start=1)] or [
        f"{_text(texts.wrong_none)}\n"]
    body.append(_heading(texts.lessons))
    body += [_lesson_entry(lesson, base_url, config) for lesson in c.lessons] or [f"{_text(texts.lessons_none)}\n"]
    if not c.extension:
        body += [_heading(texts.sheet), f"{_text(texts.sheet_none)}\n"]
    return _reading_page("".join(body), pages, texts)


def back_pages(pages: StudentPages, texts: BookletTexts = BookletTexts()) -> str:
    """The answers to the extension exercises, by the numbers printed on the sheet."""
    convert, entries = converter(pages.grade), pages.content.extension
    if not entries:
        return ""
    rows = []
    for entry in sorted(entries, key=lambda e: _number_key(pages.numbers[e.item.pk])):
        item = entry.item
        explanation = (_safe(convert, item.explanation, f"item {item.pk} (explanation)")
                       if item.explanation.strip() else _text(texts.no_explanation))
        rows.append(
            f"#block(breakable: true, inset: (y: 1.5mm))[#text(font: sans, weight: \"bold\", "
            f"{typst_str(pages.numbers[item.pk] + '.')}) "
            f"{_label_value(texts.correct, answer_markup(item, convert, texts))} \\\n"
            f"#block(inset: (left: 6mm))[{_label_value(texts.explanation, explanation)} \\\n"
            f"#text(size: 8pt, fill: luma(110), {typst_str(texts.knowledge + '：' + entry.knowledge_point)})]]\n")
    return _reading_page(_heading(texts.answers) + "".join(rows), pages, texts)


def _number_key(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch in string.digits)
    return (int(digits) if digits else 0, number)


def booklet_document(preamble: str, students: Sequence[StudentPages], base_url: str,
                     texts: BookletTexts = BookletTexts(), config: LayoutConfig = DEFAULT_CONFIG) -> str:
    """One typst document: the sheet preamble, then each student's booklet in the order given."""
    parts = [preamble]
    for pages in students:
        parts += [front_pages(pages, base_url, texts, config), pages.sheet, back_pages(pages, texts)]
    return "".join(parts)
