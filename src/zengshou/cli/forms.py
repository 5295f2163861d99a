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

from zengshou.cli.app import app
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, LangOpt, fail, lang_of, load_catalog_or_exit, out, workspace_or_exit,
                                 quarter_or_exit, reporting_unit_or_exit, resolve_unit_or_exit, write_or_exit)

FORMS_DIR = Path("forms")


@app.command("template")
def template_cmd(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter, e.g. 2023Q2.")],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Unit: id, full name or alias.")] = None,
    all_units: Annotated[bool, typer.Option("--all", help="One form for every unit that must report that quarter.")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default ./<unit id>-<quarter>.xlsx); with --all a folder "
        "(default forms/<quarter>/, one <unit id>.xlsx each).")] = None,
    all_rows: Annotated[bool, typer.Option(
        "--all-rows", help="Also list the rows the unit only participates in, marked optional (选填).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files that differ (a filled-in form would be lost).")] = False,
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
        fail({"zh": "请用 --unit 指定一个单位，或用 --all 生成全部单位的表单（二者选一）",
              "en": "give either --unit for one unit or --all for every unit (one of the two)"}, lang)
    cat = load_catalog_or_exit(data, lang)
    q = quarter_or_exit(cat, quarter, lang)
    if all_units:
        folder = output if output is not None else FORMS_DIR / str(q)
        if folder.exists() and not folder.is_dir():
            fail({"zh": f"{folder} 不是文件夹（--all 时 -o 指定文件夹）", "en": f"{folder} is not a folder (with --all, -o names a folder)"}, lang)
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
            fail({"zh": f"“{name}”在重点任务清单中没有任务，无需报送", "en": f"'{name}' is named on no row; nothing to report"}, lang)
        blob = form_bytes(cat, uid, q, rows, optional, previous_texts(cat, data, uid, q))
        if target.exists() and not force:
            try:
                same = target.read_bytes() == blob
            except OSError:
                same = False
            if not same:
                kept += 1
                sys.stderr.write(f"{shown} 已存在且内容不同（可能已填写），未改动；确需重新生成请加 --force\n" if lang == "zh"
                                 else f"{shown} exists with different content (maybe filled in) and was left alone; use --force to replace it\n")
                continue
        write_or_exit(target, blob, lang, shown)
        n = len(rows) - len(optional)
        extra = (f"（另有 {len(optional)} 项选填）" if lang == "zh" else f" (+{len(optional)} optional)") if optional else ""
        out(f"已写入 {shown}：{name} {q.label(lang)}，须报送 {n} 项任务{extra}" if lang == "zh"
            else f"wrote {shown}: {name}, {q.label(lang)}, {n} required row(s){extra}")
    if kept:
        raise typer.Exit(1)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Filled-in forms (.xlsx).", show_default=False)],
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", help="Whose file it is: required for the plan's own table, checked against a form.")] = None,
    quarter: Annotated[str | None, typer.Option(
        "--quarter", "-q", help="Which quarter: required for the plan's own table, checked against a form.")] = None,
    submitted: Annotated[str | None, typer.Option(
        "--submitted", metavar="YYYY-MM-DD", help="Date the form was sent; without it the submission is a draft.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing submission, showing what changed.")] = False,
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
        fail({"zh": f"“{cat.by_id[unit_id].name}”是群组，不是一个报送单位", "en": f"'{cat.by_id[unit_id].name}' is a group, not a reporting unit"}, lang)
    q = quarter_or_exit(cat, quarter, lang) if quarter else None
    sub_date = None
    if submitted is not None:
        try:
            if not _DATE.match(submitted):
                raise ValueError
            sub_date = date.fromisoformat(submitted)
        except ValueError:
            fail({"zh": f"日期格式不对：{submitted}（应为 YYYY-MM-DD，如 2023-07-05）",
                  "en": f"not a date: {submitted} (expected YYYY-MM-DD, e.g. 2023-07-05)"}, lang)
    for f in files:
        if not f.exists():
            fail({"zh": f"文件不存在：{f}", "en": f"no such file: {f}"}, lang)
        if f.is_dir():
            fail({"zh": f"{f} 是文件夹，请给出 .xlsx 文件", "en": f"{f} is a folder; name .xlsx files"}, lang)

    outcomes = import_forms(cat, data, files, unit_id=unit_id, quarter=q, submitted=sub_date, force=force)
    findings = [f for oc in outcomes for f in oc.form.findings]
    for oc in outcomes:
        imp = oc.form
        if oc.diff:
            sys.stdout.write(oc.diff if oc.diff.endswith("\n") else oc.diff + "\n")
        filled = sum(1 for _, t in imp.items if t.strip())
        if oc.written:
            verb = ("已替换" if oc.replaced else "已导入") if lang == "zh" else ("replaced" if oc.replaced else "imported")
            out(f"{verb} {imp.display} → {oc.target_display}：{len(imp.items)} 项，已填写 {filled} 项" if lang == "zh"
                else f"{verb} {imp.display} → {oc.target_display}: {len(imp.items)} item(s), {filled} filled in")
        elif oc.unchanged:
            out(f"{imp.display} → {oc.target_display}：内容相同，未改动" if lang == "zh"
                else f"{imp.display} → {oc.target_display}: same content, unchanged")
        else:
            out(f"未导入 {imp.display}（见下列问题）" if lang == "zh" else f"not imported: {imp.display} (see below)")

    targets = [oc.target for oc in outcomes if (oc.written or oc.unchanged) and oc.target is not None]
    sources: dict[str, str] = {}
    if targets:
        result = lint(ws, targets)
        findings += result.findings
        sources = result.sources
    sys.stdout.write(render_text(findings, lang, sources=sources, files=len(files) + len(targets)))
    raise typer.Exit(1 if any(f.level == "error" for f in findings) else 0)
