"""What a report format cannot hold, checked before anything is written.

Excel cells hold at most 32,767 characters. A longer text is never cut: the merge stops and
names the file, line and column, so the clerk shortens it (rule C405 already asks for 300
characters; this only matters when C405 has been switched off in the configuration).
"""

from __future__ import annotations

from zengshou.findings import Finding
from zengshou.rules import RULES, rule

EXCEL_CELL_LIMIT = 32_767

if "X701" not in RULES:
    rule("X701", "excel-cell-limit", "error", "report",
         {"zh": "文字超过 Excel 单元格上限", "en": "text exceeds Excel's cell limit"},
         {"zh": "{unit} 第 {row} 项的落实进度有 {length} 个字符，超过 Excel 单元格上限 {limit} 个字符；汇总表不会截断文字，因此未生成",
          "en": "{unit}, row {row}: the progress text has {length} characters, more than Excel's cell limit of {limit}; "
                "the report never cuts text, so it was not written"},
         {"zh": "把这段文字压缩到 300 字以内（汇总要求），或改用 --format html。",
          "en": "Shorten the text to at most 300 characters (the plan's rule), or use --format html."},
         why={"zh": "Excel 和 WPS 无法打开单元格超长的工作簿，截断则会悄悄丢失内容。",
              "en": "Excel and WPS refuse workbooks with over-long cells; cutting would lose text silently."})


class TooLongForExcel(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} text(s) exceed Excel's cell limit")
        self.findings = findings


def excel_findings(report) -> list[Finding]:
    """One X701 finding per submitted text longer than an Excel cell holds."""
    out = []
    for e in report.texts():
        if len(e.text) > EXCEL_CELL_LIMIT:
            src = e.source
            out.append(Finding("X701", src.file if src else e.unit_id, src.line if src else None,
                               src.col if src else None,
                               {"unit": e.unit_name, "row": _row_of(report, e), "length": len(e.text),
                                "limit": EXCEL_CELL_LIMIT}))
    return out


def _row_of(report, entry) -> int:
    for r in report.rows:
        if any(e is entry for e in r.entries):
            return r.number
    return 0
