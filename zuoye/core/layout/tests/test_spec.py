"""Bad sheet requests fail on construction, with a message that names the item."""

import pytest

from zuoye.core.layout import ItemKind, ItemSpec, SheetSpec, SpecError, StudentRef, plain_text

from .personas import HEADER


@pytest.mark.parametrize("kwargs, message", [
    ({"key": "a|b"}, "key must be"),
    ({"key": ""}, "key must be"),
    ({"number": "  "}, "number is empty"),
    ({"option_count": 1}, "2–8 options"),
    ({"option_count": 9}, "2–8 options"),
    ({"options": ("1", "2"), "option_count": 3}, "2 options but option_count=3"),
    ({"kind": ItemKind.FILL_IN, "blanks": 0}, "1–24 blanks"),
    ({"kind": ItemKind.WORKED, "answer_height_mm": -5}, "answer height"),
    ({"points": -1}, "points"),
])
def test_bad_item_is_refused_with_its_number(kwargs, message):
    fields = {"key": "q1", "number": "7", "kind": ItemKind.SINGLE_CHOICE} | kwargs
    with pytest.raises(SpecError, match=message):
        ItemSpec(**fields)


def test_repeated_item_keys_are_refused():
    item = ItemSpec("q1", "1", ItemKind.TRUE_FALSE)
    with pytest.raises(SpecError, match="repeated: q1"):
        SheetSpec(1, HEADER, (item, item))


def test_empty_assignment_and_bad_ids_are_refused():
    with pytest.raises(SpecError, match="at least one item"):
        SheetSpec(1, HEADER, ())
    with pytest.raises(SpecError, match="assignment id"):
        SheetSpec(0, HEADER, (ItemSpec("q1", "1", ItemKind.TRUE_FALSE),))
    with pytest.raises(SpecError, match="generic"):
        StudentRef(0, "张三", "1")


def test_plain_text_escapes_every_markup_character():
    assert plain_text("a*b_c $x$ #let [y] <z> @w") == r"a\*b\_c \$x\$ \#let \[y\] \<z\> \@w"
