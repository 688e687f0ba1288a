"""The JSON-lines dot format: good lines kept, bad ones reported with their line numbers."""

from zuoye.core.ink import Dot, DotType, NcodeAddress, dots_to_lines, parse_dots

ADDRESS = NcodeAddress(3, 27, 168, 12)


def _dot(t: int, kind: DotType = DotType.MOVE) -> Dot:
    return Dot("NWP-1A2B", ADDRESS, 12.34 + t / 100, 45.67, 412, 1_763_830_000_000 + t, kind)


def test_written_dots_parse_back_to_the_same_columns():
    dots = [_dot(0, DotType.DOWN), _dot(8), _dot(16, DotType.UP)]
    result = parse_dots(dots_to_lines(dots).splitlines())
    assert result.problems == ()
    assert result.dots.pens == ("NWP-1A2B",)
    assert result.dots.addresses == (ADDRESS,)
    assert result.dots.x.tolist() == [12.34, 12.42, 12.5]
    assert result.dots.t.tolist() == [d.t for d in dots]
    assert result.dots.kind.tolist() == [DotType.DOWN, DotType.MOVE, DotType.UP]


def test_malformed_lines_are_reported_by_number_and_good_ones_kept():
    good = dots_to_lines([_dot(0, DotType.DOWN), _dot(8)]).splitlines()
    lines = [good[0], "{not json", '{"pen": "P"}', "", good[1], '[1, 2]',
             good[1].replace('"move"', '"wiggle"'), good[1].replace('"x":12.42', '"x":-3')]
    result = parse_dots(lines)
    assert len(result.dots) == 2
    assert [p.line for p in result.problems] == [2, 3, 6, 7, 8]
    reasons = " ".join(p.reason for p in result.problems)
    assert "not JSON" in reasons and "wiggle" in reasons and "'x'" in reasons


def test_each_page_address_and_pen_is_interned_once():
    other = NcodeAddress(3, 27, 168, 13)
    dots = [_dot(0), Dot("NWP-9", other, 1.0, 1.0, 100, 5, DotType.MOVE), _dot(8)]
    batch = parse_dots(dots_to_lines(dots).splitlines()).dots
    assert batch.addresses == (ADDRESS, other)
    assert batch.page.tolist() == [0, 1, 0]
    assert batch.pen.tolist() == [0, 1, 0]
