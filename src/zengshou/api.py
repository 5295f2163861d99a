"""zengshou from Python: what the commands do, for a CI script or a province roll-up.

    import zengshou

    result = zengshou.validate("data")                   # zengshou validate
    print(result.errors, [f.code for f in result.findings])
    st = zengshou.quarter_status("data", "2023Q2")       # zengshou status -q 2023Q2
    files = zengshou.merge("data", "2023Q2")             # zengshou merge -q 2023Q2, as bytes
    blob = zengshou.template("data", "资源县", "2023Q3")  # zengshou template, as bytes
    outcomes = zengshou.import_forms("data", ["资源县.xlsx"])

Every function takes a data directory (``str`` or ``Path``) or a :class:`Workspace` from
:func:`open_workspace` — pass the workspace when you call several, so the definitions are read
once. Nothing here prints or exits: problems in the data are findings (``Finding.code`` is the
rule code of ``zengshou rules``); a request that cannot be carried out raises
:class:`ZengshouError` (or the renderers' own :class:`MergeBlocked`, ``TooLongForExcel``,
``TemplateProblem``). Nothing is written except by :func:`import_forms`, which writes
``progress/<quarter>/<unit>.yaml`` as ``zengshou import`` does (never over a different file
unless ``force``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zengshou.findings import Finding
from zengshou.i18n import both, t
from zengshou.lint import Result
from zengshou.quarters import Quarter
from zengshou.report.merge import MergeBlocked
from zengshou.status import QuarterStatus
from zengshou.workspace import Workspace

if TYPE_CHECKING:
    from zengshou.forms.xlsx_import import Outcome
    from zengshou.report.model import Report

__all__ = [
    "FORMATS",
    "MergeBlocked",
    "Workspace",
    "ZengshouError",
    "import_forms",
    "merge",
    "open_workspace",
    "render_report",
    "quarter_status",
    "report_name",
    "template",
    "validate",
]

#: the report's file formats, in the order ``zengshou merge`` writes them
FORMATS = ("docx", "xlsx", "html")

DataDir = Workspace | Path | str


class ZengshouError(ValueError):
    """A request that cannot be carried out: no data directory, definitions with errors, an
    unknown unit or quarter. ``message`` holds the reason in both languages
    (``{"zh": …, "en": …}``); ``findings`` the definition findings when they are the reason."""

    def __init__(self, key: str, findings: Iterable[Finding] = (), **params: object):
        self.message = both(key, **params)
        self.findings = list(findings)
        super().__init__(self.message["en"])


def open_workspace(data_dir: Path | str = "data", *, today: date | None = None) -> Workspace:
    """Open a data directory (``tasks.yaml``, ``units.yaml``, ``progress/``) and check its
    definitions. Raises :class:`ZengshouError` when the directory is missing or the definitions
    have errors (``findings`` says which). ``today`` pins the date the timing rules use."""
    from zengshou.config import ConfigError
    from zengshou.lint import load_definitions

    path = Path(data_dir)
    if not path.is_dir():
        raise ZengshouError("api.no_data_dir", data=path)
    try:
        ws = Workspace.open(path, today=today)
    except ConfigError as e:
        raise ZengshouError("api.bad_config", error=e) from None
    cat, findings = load_definitions(ws)
    errors = [f for f in findings if f.level == "error"]
    if cat is None or errors:
        raise ZengshouError("api.bad_definitions", errors, n=len(errors))
    return ws


def _ws(data: DataDir) -> Workspace:
    return data if isinstance(data, Workspace) else open_workspace(data)


def _quarter(ws: Workspace, quarter: Quarter | str) -> Quarter:
    q = quarter if isinstance(quarter, Quarter) else Quarter.try_parse(str(quarter))
    if q is None or not ws.cat.in_period(q):
        raise ZengshouError("api.bad_quarter", quarter=str(quarter)[:20])
    return q


def validate(
    data: DataDir = "data",
    paths: Sequence[Path | str] | None = None,
    *,
    quarter: Quarter | str | None = None,
    cache: bool = False,
) -> Result:
    """Check the definitions and the submissions, as ``zengshou validate`` does with the data
    directory's ``zengshou.toml``: ``result.findings`` (each with ``code``, ``file``, ``line``,
    ``col``, ``level`` and ``message(lang)``), ``result.errors``, ``result.exit_code(strict)``.
    ``paths`` limits the run to those files, ``quarter`` to one quarter's folder; ``cache=True``
    uses the command's cache of unchanged files' findings."""
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint

    ws = _ws(data)
    try:
        config = load_config(ws.data_dir)
    except ConfigError as e:
        raise ZengshouError("api.bad_config", error=e) from None
    store = None
    if cache and config.cache:
        from zengshou.cache import Cache

        store = Cache.open(ws.data_dir)
    q = None if quarter is None else str(_quarter(ws, quarter))
    files = None if paths is None else [Path(p) for p in paths]
    return lint(ws, files, quarter=q, config=config, keep=store is None, cache=store)


def quarter_status(data: DataDir, quarter: Quarter | str) -> QuarterStatus:
    """Who has reported for ``quarter`` (``zengshou status``): ``units`` (each with ``state``:
    on_time, late, draft, invalid, missing), ``totals``, ``complete`` and ``as_dict()`` (the
    JSON of ``--format json``). (Not ``status``: that is the module :mod:`zengshou.status`.)"""
    from zengshou.status import quarter_status as build

    ws = _ws(data)
    return build(ws, _quarter(ws, quarter))


def report_name(short_title: str, quarter: str, lang: str, ext: str, edition: str = "submit") -> str:
    """``桂林市促进脱贫人口持续增收三年行动方案-2023Q2-落实进度.docx`` (呈报版) or ``…-工作底稿.xlsx``."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", short_title).strip("._") or "report"
    return f"{safe}-{quarter}-{t(f'report.edition_{edition}', lang)}.{ext}"


def render_report(
    report: Report, formats: Sequence[str] = FORMATS, *, templates: Path | None = None
) -> dict[str, bytes]:
    """Render a built report (file name → bytes), the 呈报版 and 工作底稿 of each format.
    Raises ``TooLongForExcel`` or ``TemplateProblem``; renders everything before returning,
    so a caller writes nothing when one fails."""
    out: dict[str, bytes] = {}
    lang, q, title = report.lang, str(report.quarter), report.short_title

    def name(ext: str, edition: str = "submit") -> str:
        return report_name(title, q, lang, ext, edition)

    if "docx" in formats:
        from zengshou.report.docx import render_docx

        out[name("docx")] = render_docx(report)
    if "xlsx" in formats:
        from zengshou.report.xlsx import render_workpaper_xlsx, render_xlsx

        out[name("xlsx")] = render_xlsx(report)
        out[name("xlsx", "workpaper")] = render_workpaper_xlsx(report)
    if "html" in formats:
        from zengshou.report.html import WORKPAPER, render_html

        out[name("html")] = render_html(report, templates).encode("utf-8")
        out[name("html", "workpaper")] = render_html(report, templates, WORKPAPER).encode("utf-8")
    return out


def merge(
    data: DataDir,
    quarter: Quarter | str,
    *,
    formats: Sequence[str] = FORMATS,
    lang: str = "zh",
    include_drafts: bool = False,
    strict: bool = False,
    skip_invalid: bool = False,
    office: str | None = None,
    as_of: date | None = None,
    templates: Path | None = None,
) -> dict[str, bytes]:
    """The quarter's report as ``zengshou merge`` makes it, but returned, not written: file name
    → bytes (``…-落实进度.docx``, ``….xlsx``, ``….html`` and the ``工作底稿`` workbook and page).
    Errors that stop the command raise :class:`MergeBlocked` (``.findings``)."""
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.report.merge import merge as build

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ZengshouError("api.bad_format", format=unknown[0][:20], formats="、".join(FORMATS))
    ws = _ws(data)
    q = _quarter(ws, quarter)
    try:
        config = load_config(ws.data_dir)
    except ConfigError as e:
        raise ZengshouError("api.bad_config", error=e) from None
    result = lint(ws, quarter=str(q), config=config)
    report = build(
        ws,
        q,
        result,
        lang=lang,
        include_drafts=include_drafts,
        strict=strict,
        skip_invalid=skip_invalid,
        office=office if office is not None else config.office,
        as_of=as_of,
    )
    return render_report(report, formats, templates=templates)


def template(data: DataDir, unit: str, quarter: Quarter | str, *, fmt: str = "xlsx", all_rows: bool = False) -> bytes:
    """A unit's form for ``quarter`` (``zengshou template``): an Excel workbook (``fmt="xlsx"``)
    or a Word document (``"docx"``). ``unit`` is an id, full name or alias. Same inputs, same bytes."""
    from zengshou.forms import previous_texts
    from zengshou.forms.xlsx_form import form_rows

    if fmt not in ("xlsx", "docx"):
        raise ZengshouError("api.bad_format", format=fmt[:20], formats="xlsx、docx")
    ws = _ws(data)
    cat = ws.cat
    q = _quarter(ws, quarter)
    u = cat.resolve(unit)
    if u is None or u.kind == "group":
        raise ZengshouError("api.unknown_unit", unit=unit[:40])
    uid = cat.current(u.id, q)  # after a reform, the successor files
    rows, optional = form_rows(cat, uid, q, all_rows)
    if not rows:
        raise ZengshouError("api.no_rows", unit=cat.by_id[uid].name)
    return form_bytes(fmt, cat, uid, q, rows, optional, previous_texts(cat, ws.data_dir, uid, q))


def form_bytes(fmt: str, cat, unit_id: str, q: Quarter, rows: list[int], optional: set[int], previous) -> bytes:
    """The Excel or Word form for already-chosen rows (what :func:`template` and the command share)."""
    if fmt == "docx":
        from zengshou.forms.docx_form import docx_bytes

        return docx_bytes(cat, unit_id, q, rows, optional, previous)
    from zengshou.forms.xlsx_form import form_bytes as xlsx_bytes

    return xlsx_bytes(cat, unit_id, q, rows, optional, previous)


def import_forms(
    data: DataDir,
    files: Sequence[Path | str],
    *,
    unit: str | None = None,
    quarter: Quarter | str | None = None,
    submitted: date | None = None,
    force: bool = False,
) -> list[Outcome]:
    """Import filled-in Excel or Word forms into ``progress/<quarter>/<unit>.yaml``
    (``zengshou import``). One outcome per file: ``written``, ``unchanged``, ``target``,
    ``form.findings`` (why a file was refused), ``diff`` (what ``force`` replaced). Validate the
    written files with :func:`validate`."""
    from zengshou.forms.xlsx_import import import_forms as run

    ws = _ws(data)
    cat = ws.cat
    unit_id = None
    if unit is not None:
        u = cat.resolve(unit)
        if u is None or u.kind == "group":
            raise ZengshouError("api.unknown_unit", unit=unit[:40])
        unit_id = u.id
    q = None if quarter is None else _quarter(ws, quarter)
    return run(cat, ws.data_dir, [Path(f) for f in files], unit_id=unit_id, quarter=q, submitted=submitted, force=force)
