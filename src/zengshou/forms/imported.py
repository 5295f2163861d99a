"""What reading one file (a workbook, a Word document, a mailed YAML file) yields: the
:class:`ImportedForm` every reader fills and the writer turns into a submission."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.findings import Finding
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
    source: dict[str, str] | None = None  # set by mail intake: sender, subject, date, attachment

    @property
    def refused(self) -> bool:
        return any(f.code in REFUSING and f.level == "error" for f in self.findings)

    def add(self, code: str, line: int | None = None, col: int | None = None, **params) -> None:
        self.findings.append(Finding(code, self.display, line, col, params))
