"""The form marker: what a generated form says about itself, read the same way for both formats.

An Excel form keeps it in the hidden sheet ``_zengshou`` (key in column A, value in B); a Word
form in custom document properties ``zengshou_*``. Each reader collects those key → text pairs;
:func:`parse_marker` checks them — format, version, unit, quarter, task rows — with the same
bounds for both, so a hand-edited or hostile marker (a 5,000-digit version, a row list of a
million numbers) is a finding, never a traceback or unbounded work. The reader reports the
finding under its own code (F825 for the Excel sheet, F842 for the Word properties).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zengshou.forms import FORM_FORMAT
from zengshou.i18n import both
from zengshou.quarters import Quarter

#: bounds of a marker's values: a form never has more than a few hundred task rows
MAX_VERSION_DIGITS = 6
MAX_ROW_LIST_CHARS = 10_000
_ROW = re.compile(r"[1-9]\d{0,3}")
_CELL = re.compile(r"[A-Z]{1,3}[1-9]\d{0,6}")


@dataclass(frozen=True)
class Marker:
    """A checked marker. ``sheet`` and ``contact_cell`` are the Excel form's (empty for Word)."""

    unit: str
    quarter: Quarter
    version: int
    rows: list[int]
    optional: frozenset[int]
    fingerprint: str = ""
    sheet: str = ""
    contact_cell: str = ""
    raw: dict[str, str] = field(default_factory=dict)

    def meta(self) -> dict:
        """The marker as the readers pass it on (:func:`zengshou.forms.imported.check_form_identity`)."""
        return {
            "unit": self.unit,
            "quarter": self.quarter,
            "rows": self.rows,
            "optional": set(self.optional),
            "fingerprint": self.fingerprint,
            "sheet": self.sheet,
            "contact_cell": self.contact_cell,
            "raw": self.raw,
        }


class BadMarker(ValueError):
    """The marker is incomplete or invalid; ``what`` says how, in both languages."""

    def __init__(self, key: str, **params: object):
        self.what = both(key, **params)
        super().__init__(self.what["en"])


def _rows(text: str) -> list[int]:
    if len(text) > MAX_ROW_LIST_CHARS:
        raise BadMarker("marker.bad_rows")
    items = [x.strip() for x in text.split(",") if x.strip()]
    if any(not _ROW.fullmatch(x) for x in items):
        raise BadMarker("marker.bad_rows")
    return [int(x) for x in items]


def parse_marker(fields: dict[str, str], cat, *, max_version: int) -> Marker:
    """Check a form's marker fields against the catalogue; raise :class:`BadMarker` when they are
    not what zengshou writes. ``max_version`` is the newest form version this zengshou reads."""
    if fields.get("format") != FORM_FORMAT:
        raise BadMarker("marker.no_format")
    version = fields.get("version", "")
    if not re.fullmatch(rf"\d{{1,{MAX_VERSION_DIGITS}}}", version):
        # checked before int(): Python refuses to convert more than 4,300 digits with a ValueError
        raise BadMarker("marker.no_version")
    if int(version) > max_version:
        raise BadMarker("marker.newer_version", version=version)
    unit = cat.by_id.get(fields.get("unit", ""))
    if unit is None or unit.kind == "group":
        raise BadMarker("marker.unknown_unit", unit=fields.get("unit", "")[:40])
    quarter = Quarter.try_parse(fields.get("quarter", "")[:20])
    if quarter is None:
        raise BadMarker("marker.bad_quarter")
    rows, optional = _rows(fields.get("rows", "")), _rows(fields.get("optional", ""))
    if not rows:
        raise BadMarker("marker.no_rows")
    contact_cell = fields.get("contact_cell", "")
    if contact_cell and not _CELL.fullmatch(contact_cell):
        raise BadMarker("marker.bad_cell", cell=contact_cell[:20])
    return Marker(
        unit=unit.id,
        quarter=quarter,
        version=int(version),
        rows=rows,
        optional=frozenset(optional),
        fingerprint=fields.get("fingerprint", ""),
        sheet=fields.get("sheet", ""),
        contact_cell=contact_cell,
        raw=dict(fields),
    )
