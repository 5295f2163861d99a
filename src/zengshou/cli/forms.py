"""``zengshou template`` and ``zengshou import``: Excel forms for clerks, and reading them back.

``template`` writes a protected .xlsx form per unit and quarter (see :mod:`zengshou.forms.template`).
``import`` reads filled-in forms — or the plan's own table with ``--unit``/``--quarter`` — writes
``<data>/progress/<quarter>/<unit id>.yaml``, validates what it wrote and prints the findings.
It never replaces an existing submission without ``--force``, and with it shows the diff.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, H, LangOpt, QuarterOpt, fail, lang_of, load_catalog_or_exit,
                                 out, quarter_or_exit, reporting_unit_or_exit, resolve_unit_or_exit, workspace_or_exit,
                                 write_or_exit)
from zengshou.i18n import t

FORMS_DIR = Path("forms")


@command("template")
def template_cmd(
    quarter: QuarterOpt,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.unit"))] = None,
    all_units: Annotated[bool, typer.Option("--all", help=H("opt.template.all"))] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=H("opt.template.output"))] = None,
    all_rows: Annotated[bool, typer.Option("--all-rows", help=H("opt.template.all_rows"))] = False,
    force: Annotated[bool, typer.Option("--force", help=H("opt.template.force"))] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Write Excel forms (.xlsx) for clerks: 落实进度, 进展, figures and 填报人/联系电话/审核人 are editable.

    Same inputs, same bytes. An existing file with different content is left alone unless --force.
    """
    from zengshou.forms import previous_texts
    from zengshou.forms.template import form_bytes, form_rows
    from zengshou.submissions import display_path

    lang = lang_of(lang)
    if bool(unit) == all_units:
        fail("cli.unit_or_all", lang)
    cat = load_catalog_or_exit(data, lang)
    q = quarter_or_exit(cat, quarter, lang)
    if all_units:
        folder = output if output is not None else FORMS_DIR / str(q)
        if folder.exists() and not folder.is_dir():
            fail("cli.not_folder_all", lang, path=folder)
        jobs = [(uid, folder / f"{uid}.xlsx") for uid in cat.reporters(q)]
    else:
        u = reporting_unit_or_exit(cat, unit, q, lang)
        target = output if output is not None else Path(f"{u.id}-{q}.xlsx")
        if target.is_dir():
            target = target / f"{u.id}-{q}.xlsx"
        jobs = [(u.id, target)]

    kept = 0
    for uid, target in jobs:
        rows, optional = form_rows(cat, uid, q, all_rows)
        name = cat.by_id[uid].name
        shown = display_path(target)
        if not rows:
            fail("cli.no_rows", lang, name=name)
        blob = form_bytes(cat, uid, q, rows, optional, previous_texts(cat, data, uid, q))
        if target.exists() and not force:
            try:
                same = target.read_bytes() == blob
            except OSError:
                same = False
            if not same:
                kept += 1
                sys.stderr.write(t("cli.exists_differs", lang, path=shown) + "\n")
                continue
        write_or_exit(target, blob, lang, shown)
        n = len(rows) - len(optional)
        extra = t("cli.form_optional", lang, n=len(optional)) if optional else ""
        out(t("cli.form_wrote", lang, path=shown, unit=name, quarter=q.label(lang), n=n, extra=extra))
    if kept:
        raise typer.Exit(1)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help=H("opt.import.files"), metavar=H("meta.files"), show_default=False)],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.import.unit"))] = None,
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.import.quarter"))] = None,
    submitted: Annotated[str | None, typer.Option("--submitted", metavar="YYYY-MM-DD", help=H("opt.import.submitted"))] = None,
    force: Annotated[bool, typer.Option("--force", help=H("opt.import.force"))] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Import filled-in Excel forms into progress/<quarter>/<unit id>.yaml, then validate them.

    Exit 0 imported and valid, 1 findings (a file refused, or imported but invalid), 2 usage error.
    """
    from zengshou.forms.importer import import_forms
    from zengshou.lint import lint
    from zengshou.reporters import render_text

    lang = lang_of(lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    unit_id = resolve_unit_or_exit(cat, unit, lang).id if unit else None
    if unit_id and cat.by_id[unit_id].kind == "group":
        fail("cli.group_not_unit_short", lang, name=cat.by_id[unit_id].name)
    q = quarter_or_exit(cat, quarter, lang) if quarter else None
    sub_date = None
    if submitted is not None:
        try:
            if not _DATE.match(submitted):
                raise ValueError
            sub_date = date.fromisoformat(submitted)
        except ValueError:
            fail("cli.bad_date_eg", lang, text=submitted)
    for f in files:
        if not f.exists():
            fail("cli.no_such_file", lang, path=f)
        if f.is_dir():
            fail("cli.is_folder_xlsx", lang, path=f)

    outcomes = import_forms(cat, data, files, unit_id=unit_id, quarter=q, submitted=sub_date, force=force)
    findings = [f for oc in outcomes for f in oc.form.findings]
    for oc in outcomes:
        imp = oc.form
        if oc.diff:
            sys.stdout.write(oc.diff if oc.diff.endswith("\n") else oc.diff + "\n")
        filled = sum(1 for _, t in imp.items if t.strip())
        if oc.written:
            out(t("cli.replaced" if oc.replaced else "cli.imported", lang, source=imp.display, target=oc.target_display,
                  items=len(imp.items), filled=filled))
        elif oc.unchanged:
            out(t("cli.import_same", lang, source=imp.display, target=oc.target_display))
        else:
            out(t("cli.not_imported", lang, source=imp.display))

    targets = [oc.target for oc in outcomes if (oc.written or oc.unchanged) and oc.target is not None]
    sources: dict[str, str] = {}
    if targets:
        result = lint(ws, targets)
        findings += result.findings
        sources = result.sources
    sys.stdout.write(render_text(findings, lang, sources=sources, files=len(files) + len(targets)))
    raise typer.Exit(1 if any(f.level == "error" for f in findings) else 0)
