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


def _line_by_line(lines):
    from zuoye.core.ink.dots import _parse_line_by_line

    return _parse_line_by_line([(n, line) for n, line in enumerate(lines, start=1) if line.strip()])


def _same(a, b):
    assert a.problems == b.problems
    for name in ("x", "y", "t", "force", "kind", "pen", "page"):
        assert getattr(a.dots, name).tolist() == getattr(b.dots, name).tolist(), name
    assert (a.dots.pens, a.dots.addresses) == (b.dots.pens, b.dots.addresses)


def test_the_whole_upload_at_once_reads_exactly_as_line_by_line():
    """The fast path (one json.loads for the upload) must report what one json.loads a line does,
    also for lines that only decode when glued to their neighbours."""
    good = dots_to_lines([_dot(0, DotType.DOWN), _dot(8), _dot(16, DotType.UP)]).splitlines()
    cut = good[1].index(',"own"')
    cases = [
        good,  # as Dot.to_json writes them: the regular-expression path
        good + ["", "   ", good[0]],
        [good[0].replace("NWP-1A2B", "笔-1"), good[1], good[2]],  # a pen serial beyond ASCII
        [good[0], '{"type":"move","pen":"NWP-1A2B","sec":3,"own":27,"book":168,"page":12,"x":1e1,"y":2,"f":0,"t":5}'],
        [good[0], good[1].replace('"sec":3', '"sec":03')],  # a leading zero is no JSON
        [good[0], good[1].replace('"x":', '"x": ')],
        [good[0], good[1].replace('"f":412', '"f":99999999999'), good[2].replace('"t":', '"t":99999999999999999999')],
        [good[0], good[1].replace('"type":"move"', '"type":["move"]'), good[2]],  # unhashable: reported, no crash
        [good[0], good[1].replace("}", ',"note":{"k":[1]}}'), good[2]],             # extra nested field: kept
        [good[0] + "," + good[1][:cut] + ',"e":[{"q":1}', '{"r":2}]' + good[1][cut:], good[2]],  # glued halves
        [good[0] + ",[1]," + good[1], good[2]],
        ['{"pen":"x}', '{","sec":1}', good[0]],
        [good[0], "1,2", good[1], '{"pen":"P","sec":true}', good[2].replace('"x":', '"x":1e400,"z":')],
    ]
    for lines in cases:
        for form in (lines, [line.encode() for line in lines]):
            _same(parse_dots(form), _line_by_line(form))


def test_values_the_columns_cannot_hold_are_reported_not_a_crash():
    line = dots_to_lines([_dot(0)]).strip()
    result = parse_dots([line.replace('"f":412', '"f":4294967296'), line.replace('"type":"move"', '"type":{}')])
    assert len(result.dots) == 0
    assert [(p.line, p.reason) for p in result.problems] == [
        (1, "field 'f' must be below 2147483648"), (2, "unknown dot type {}")]
