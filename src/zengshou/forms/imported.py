"""What reading one file (a workbook, a Word document, a mailed YAML file) yields: the
:class:`ImportedForm` every reader fills and the writer turns into a submission."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.findings import Finding
from zengshou.forms import fingerprint
from zengshou.i18n import both, both_joined
from zengshou.quarters import Quarter
from zengshou.rules.forms import REFUSING


@dataclass
class ImportedForm:
    """What one workbook said, and what is wrong with it."""

    path: Path
    display: str
    kind: str = ""  # "form" / "table" (Excel), "docx-form" / "docx-table" (Word), "yaml" (a mailed submission)
    unit_id: str | None = None
    quarter: Quarter | None = None
    contact: str | None = None
    items: list[tuple[int, str]] = field(default_factory=list)  # (row, progress), row order
    cells: dict[int, str] = field(default_factory=dict)  # row → "sheet!E12"
    findings: list[Finding] = field(default_factory=list)
    statuses: dict[int, str] = field(default_factory=dict)  # row → 进展 (models.Item.status)
    figures: dict[int, dict[str, str]] = field(default_factory=dict)  # row → indicator id → figure as typed
    people: dict[str, str] = field(default_factory=dict)  # filled_by / phone / reviewer (models.Submission)
    notes: dict[int, str] = field(default_factory=dict)  # row → note (kept from a mailed YAML submission)
    submitted: date | None = None  # set by mail intake: the message's date in China Standard Time
    source: dict[str, str | None] | None = None  # set by mail intake: sender, subject, date, attachment

    @property
    def refused(self) -> bool:
        return any(f.code in REFUSING and f.level == "error" for f in self.findings)

    def add(self, code: str, line: int | None = None, col: int | None = None, **params) -> None:
        self.findings.append(Finding(code, self.display, line, col, params))


def check_form_identity(imp: ImportedForm, cat, meta: dict, unit_id: str | None, quarter: Quarter | None) -> None:
    """A form's marker (the Excel form's hidden sheet, the Word form's document properties) names
    its unit, quarter and the task list it was made from: take them, and say where they disagree
    with --unit, --quarter or today's task list (F809, F810, F811). One check for both formats."""
    imp.unit_id, imp.quarter = meta["unit"], meta["quarter"]
    if unit_id and unit_id != meta["unit"]:
        imp.add("F809", form_unit=cat.by_id[meta["unit"]].name, unit=cat.by_id[unit_id].name)
    if quarter and quarter != meta["quarter"]:
        imp.add("F810", form_quarter=str(meta["quarter"]), quarter=str(quarter), unit_id=meta["unit"])
    if fingerprint(cat, meta["rows"]) != meta["fingerprint"]:
        gone = [r for r in meta["rows"] if cat.task(r) is None]
        what = both_joined("what.rows_gone", rows=gone) if gone else both("what.tasks_edited")
        imp.add("F811", what=what, unit_id=meta["unit"], quarter=str(meta["quarter"]))
