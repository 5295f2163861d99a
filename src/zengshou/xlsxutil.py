"""Byte-identical .xlsx output from openpyxl.

openpyxl stamps the save time into ``docProps/core.xml`` (``dcterms:modified``, and
``dcterms:created`` when the workbook was made) and into every zip entry's date. Two runs on
the same data would then differ in bytes, which breaks "same inputs → same outputs", makes
committed forms and reports churn in git, and defeats checksums sent along with them.

:func:`save_workbook_deterministic` saves to memory, then rewrites the package with fixed
document times and fixed zip entry times, ``[Content_Types].xml`` first (as Office writes it)
and the other parts in sorted order. Callers write the bytes with
:func:`zengshou.atomic.write_bytes` (or :func:`write_workbook`, which does both).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

#: The default timestamp: the start of the plan period (2022Q1). A fixed date rather than
#: "now" so that a form made today and one made next week are the same file.
EPOCH = datetime(2022, 1, 1, 0, 0, 0)

_CORE = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)([^<]*)(</dcterms:\2>)")


def save_workbook_deterministic(wb, when: datetime | None = None) -> bytes:
    """The workbook as .xlsx bytes that depend only on its content (and ``when``).

    ``when`` (naive, taken as UTC) becomes the document's created/modified time and every zip
    entry's date; default :data:`EPOCH`.
    """
    when = (when or EPOCH).replace(microsecond=0, tzinfo=None)
    wb.properties.created = when
    wb.properties.modified = when
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    # stored, not deflated: normalize_xlsx compresses every part once anyway (same bytes,
    # half the compression time on a large report)
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return normalize_xlsx(raw.getvalue(), when)


def normalize_xlsx(data: bytes, when: datetime | None = None) -> bytes:
    """Rewrite an .xlsx package with fixed times and a stable entry order."""
    when = (when or EPOCH).replace(microsecond=0, tzinfo=None)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    if _CORE in parts:
        text = parts[_CORE].decode("utf-8")
        parts[_CORE] = _STAMP.sub(lambda m: m.group(1) + stamp + m.group(4), text).encode("utf-8")
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, whatever the platform: no uid/gid/mode bits
            info.external_attr = 0
            dst.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def write_workbook(path: Path | str, wb, when: datetime | None = None) -> bytes:
    """Save ``wb`` deterministically to ``path`` through an atomic replace; returns the bytes.

    Raises :class:`zengshou.atomic.OutputLocked` when the target is open in Excel/WPS.
    """
    from zengshou.atomic import write_bytes

    data = save_workbook_deterministic(wb, when)
    write_bytes(path, data)
    return data


def setup_print(ws, *, title_rows: str, freeze: str, footer: str, header: str | None = None,
                font: str | None = None, margins: tuple[float, float, float, float] = (0.4, 0.4, 0.7, 0.7)) -> None:
    """Print-ready sheet, as offices print tables: A4 landscape, one page wide (as many pages
    down as needed), centred, the header rows repeated on every page, frozen under them, page
    numbers in the footer and, optionally, the title and sheet name in the header."""
    from openpyxl.worksheet.page import PageMargins

    left, right, top, bottom = margins
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom, header=0.3, footer=0.3)
    ws.print_title_rows = title_rows
    ws.freeze_panes = freeze
    parts = [(ws.oddFooter.center, footer)]
    if header is not None:
        parts += [(ws.oddHeader.left, header.replace("&", "&&")), (ws.oddHeader.right, "&A")]
    for part, text in parts:
        part.text = text
        part.size = 9
        if font:
            part.font = font + ",Regular"
