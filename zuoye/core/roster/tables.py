"""A sheet of cells from any source (an xlsx worksheet or a CSV file) and the checks common to both.

Both readers produce a :class:`Table`. Before rows are read, :func:`cell_problems` reports the
cells a roster must not contain in its header or data: formulas, error values (#N/A) and merged
ranges. A merged title above the header is normal and is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from zuoye.core.roster import columns, values
from zuoye.core.roster.problems import Place, Problem, problem
from zuoye.core.roster.xlsx import Sheet, Value, column_letter


@dataclass
class Table:
    file: str
    sheet: str  # "" for a CSV file
    rows: list[tuple[int, list[Value]]]
    formulas: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False

    @classmethod
    def from_sheet(cls, file: str, sheet: Sheet) -> "Table":
        return cls(file, sheet.name, sheet.rows, sheet.formulas, sheet.errors, sheet.merged, sheet.hidden)

    def place(self, row: int | None = None, column: int | None = None, header: str = "") -> Place:
        letter = column_letter(column) if column is not None else ""
        return Place(file=self.file, sheet=self.sheet, row=row, column=letter, header=header)

    @property
    def is_empty(self) -> bool:
        return not any(any(values.text(v) for v in cells) for _, cells in self.rows)


@dataclass(frozen=True)
class DataRow:
    """One data row under the header: the cells of the known columns, by key."""

    number: int
    cells: dict[str, Value]
    covered: frozenset[str]  # keys whose cell is merged, a formula or an error: reported once, on its own


def cell_problems(table: Table, header: columns.Header) -> list[Problem]:
    found: list[Problem] = []
    known = {index: key for key, index in header.columns.items()}
    for (row, column), kind in sorted(table.errors.items()):
        if row >= header.row and column in known:
            found.append(problem("cell_error", table.place(row, column, header.texts[known[column]]), value=kind))
    for row, column in sorted(table.formulas):
        if row >= header.row and column in known and (row, column) not in table.errors:
            found.append(problem("cell_formula", table.place(row, column, header.texts[known[column]])))
    for min_row, min_col, max_row, max_col in sorted(table.merged):
        if max_row >= header.row and any(min_col <= index <= max_col for index in known):
            cells = f"{column_letter(min_col)}{min_row}:{column_letter(max_col)}{max_row}"
            found.append(problem("cells_merged", table.place(min_row, min_col), cells=cells))
    return found


def data_rows(table: Table, header: columns.Header) -> Iterator[DataRow]:
    """Rows below the header; rows whose known cells are all empty are skipped silently."""
    merged = [(r1, c1, r2, c2) for r1, c1, r2, c2 in table.merged if r2 > header.row]
    for number, cells in table.rows:
        if number <= header.row:
            continue
        picked = {key: cells[index] if index < len(cells) else None for key, index in header.columns.items()}
        if not any(values.text(value) for value in picked.values()):
            continue
        covered = frozenset(
            key
            for key, index in header.columns.items()
            if (number, index) in table.formulas or (number, index) in table.errors
            or any(r1 <= number <= r2 and c1 <= index <= c2 for r1, c1, r2, c2 in merged)
        )
        yield DataRow(number, picked, covered)


class RowReader:
    """Reads one data row's cells, collecting each cell's problem with its exact place."""

    def __init__(self, table: Table, header: columns.Header, row: DataRow, problems: list[Problem]) -> None:
        self.table, self.header, self.row, self.problems = table, header, row, problems
        self.ok = True

    def place(self, key: str | None = None) -> Place:
        if key is None or key not in self.header.columns:
            return self.table.place(self.row.number)
        return self.table.place(self.row.number, self.header.columns[key], self.header.texts[key])

    def has(self, key: str) -> bool:
        return key in self.header.columns

    def raw(self, key: str) -> Value:
        return self.row.cells.get(key)

    def read(self, key: str, reader, *args, required: bool = False):  # type: ignore[no-untyped-def]
        value, issue = reader(self.raw(key), *args)
        if issue is not None and issue[0] == "cell_required" and not required:
            issue = None
        self.report(key, issue)
        return value

    def report(self, key: str | None, issue: values.Issue) -> None:
        if issue is None:
            return
        self.ok = False
        code, params = issue
        if key in self.row.covered:
            return  # the merged range, formula or error was reported already
        self.problems.append(problem(code, self.place(key), **params))
