"""What a report format cannot hold, checked before anything is written.

Excel cells hold at most 32,767 characters. A longer text is never cut: the merge stops and
names the file, line and column, so the clerk shortens it. Rule C405 already asks for at most
300 characters, so this only matters when C405 has been switched off in the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

from zengshou.i18n import t

EXCEL_CELL_LIMIT = 32_767


@dataclass
class TooLong:
    file: str | None
    line: int | None
    col: int | None
    unit: str
    row: int
    length: int

    def message(self, lang: str = "zh") -> str:
        where = f"{self.file}:{self.line or '-'}:{self.col or '-'}" if self.file else self.unit
        return t("report.too_long", lang, where=where, unit=self.unit, row=self.row, length=self.length,
                 limit=EXCEL_CELL_LIMIT)


class TooLongForExcel(Exception):
    def __init__(self, problems: list[TooLong]):
        super().__init__(f"{len(problems)} text(s) exceed Excel's cell limit")
        self.problems = problems


def excel_problems(report) -> list[TooLong]:
    """Every submitted text longer than an Excel cell holds, with where it was typed."""
    out = []
    for row in report.rows:
        for e in row.entries:
            if e.filled and len(e.text) > EXCEL_CELL_LIMIT:
                src = e.source
                out.append(TooLong(src.file if src else None, src.line if src else None, src.col if src else None,
                                   e.unit_name, row.number, len(e.text)))
    return out
