"""``zengshou new`` and ``zengshou status``: the clerk's form and the coordinator's roll call.

``new`` writes the quarter's submission for one unit with every row it must report on, each
preceded by the task as a comment, so the clerk only types progress. It never replaces an
existing file unless ``--force`` is given: a submission is the clerk's work.

``status`` prints who has reported (``zengshou.status.quarter_status``) and exits 1 while
anyone is missing or invalid, so a scheduler can keep reminding; ``--remind`` renders the
reminder notice (催报通知) from a Jinja2 template instead of the table.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import app
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, FormatOpt, LangOpt, TableOrJson, fail, lang_of, load_catalog_or_exit, out, workspace_or_exit,
                                 quarter_or_exit, reporting_unit_or_exit, write_or_exit)
from zengshou.writer import render_form

# ---------------------------------------------------------------- zengshou new

@app.command("new")
def new_cmd(
    unit: Annotated[str, typer.Option("--unit", "-u", help="Unit: id, full name or alias.")],
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter, e.g. 2023Q2.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file (it is the clerk's work: careful).")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of <data>/progress/<quarter>/<unit id>.yaml; '-' prints it.")] = None,
    all_rows: Annotated[bool, typer.Option(
        "--all-rows", help="Also list the rows the unit only participates in (optional to report).")] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Write a ready-to-fill submission for a unit: every row it must report on, with the task as a comment.

    Never overwrites an existing file: it says so and exits 2; --force replaces it.
    """
    from zengshou.submissions import display_path

    lang = lang_of(lang)
    cat = load_catalog_or_exit(data, lang)
    q = quarter_or_exit(cat, quarter, lang)
    u = reporting_unit_or_exit(cat, unit, q, lang)
    roles = cat.roles(u.id, q)
    required = cat.required_rows(u.id, q)
    optional: set[int] = set()
    rows = list(required)
    if all_rows or not required:
        optional = {r for r in roles if r not in required}
        rows = sorted(roles)
    if not rows:
        fail({"zh": f"“{u.name}”在重点任务清单中没有任务，无需报送", "en": f"'{u.name}' is named on no row; nothing to report"}, lang)

    from zengshou.forms import previous_texts, unit_figures

    to_stdout = output is not None and str(output) == "-"
    target = output if output is not None and not to_stdout else Path(data) / "progress" / str(q) / f"{u.id}.yaml"
    shown = display_path(target)
    text = render_form(cat, u.id, q, rows, lang=lang, path=shown, optional=optional,
                       figure_defs=unit_figures(cat, u.id, rows, q), previous=previous_texts(cat, data, u.id, q))
    if to_stdout:
        out(text)
        return
    if target.is_dir():
        fail({"zh": f"{shown} 是一个文件夹", "en": f"{shown} is a folder"}, lang)
    if target.exists() and not force:
        fail({"zh": f"{shown} 已存在，未改动（可能已有填写内容）；确需重新生成请加 --force（原文件会另存为 .bak）",
              "en": f"{shown} already exists and was left alone (it may hold work); use --force to replace it "
                    "(the old file is kept as .bak)"}, lang)
    saved = _keep_old(target, text, shown, lang) if target.exists() else None
    if saved == "same":
        out(f"{shown} 内容相同，未改动" if lang == "zh" else f"{shown}: same content, unchanged")
        return
    write_or_exit(target, text, lang, shown)
    n = len(rows) - len(optional)
    if lang == "zh":
        msg = f"{'已替换' if saved else '已写入'} {shown}：{u.name} {q.label(lang)}，须报送 {n} 项任务"
        msg += f"（另有 {len(optional)} 项可选）" if optional else ""
        msg += f"；原文件另存为 {saved}" if saved else ""
        msg += f"。\n填写后运行：zengshou validate {shown}"
    else:
        msg = f"{'replaced' if saved else 'wrote'} {shown}: {u.name}, {q.label(lang)}, {n} required row(s)"
        msg += f" (+{len(optional)} optional)" if optional else ""
        msg += f"; the old file is kept as {saved}" if saved else ""
        msg += f".\nWhen filled in, run: zengshou validate {shown}"
    out(msg)


def _keep_old(target: Path, text: str, shown: str, lang: str) -> str:
    """Before ``new --force`` replaces a file: print the diff (old → new) and keep the old file
    as ``.bak`` (``.bak.1`` … beside older backups). Returns the backup's name, or "same" when
    nothing would change."""
    from zengshou.submissions import display_path
    from zengshou.writer import backup, unified_diff

    try:
        old = target.read_bytes()
    except OSError as e:
        fail({"zh": f"无法读取 {shown}：{e.strerror or e}", "en": f"cannot read {shown}: {e.strerror or e}"}, lang)
    if old == text.encode("utf-8"):
        return "same"
    diff = unified_diff(old.decode("utf-8", "replace"), text, shown, "现有 / existing", "新生成 / new")
    try:
        saved = backup(target)
    except OSError as e:
        fail({"zh": f"无法备份 {shown}，未改动：{e.strerror or e}", "en": f"cannot back up {shown}, left alone: {e.strerror or e}"}, lang)
    sys.stdout.write(diff if diff.endswith("\n") else diff + "\n")
    return display_path(saved)


# ---------------------------------------------------------------- zengshou status

@app.command("status")
def status_cmd(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter, e.g. 2023Q2.")],
    fmt: FormatOpt = TableOrJson.table,
    remind: Annotated[bool, typer.Option(
        "--remind", help="Print the reminder notice (催报通知) for the units still missing or invalid, instead of the table.")] = False,
    notice_date: Annotated[str | None, typer.Option(
        "--date", help="Date printed on the notice, YYYY-MM-DD (default: today).")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="Folder holding reminder.txt.j2 (reminder.en.txt.j2 with --lang en; default: templates/ beside the data folder).")] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Who has reported for a quarter: on time, late, draft, invalid or missing.

    Exit 0 when every unit that must report has a valid, dated file covering all its rows; 1 while
    anything is missing or invalid (so a scheduler can keep sending reminders); 2 on usage errors.
    """
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.status import quarter_status

    lang = lang_of(lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang)
    day = date.today()
    if notice_date is not None:
        try:
            day = date.fromisoformat(notice_date)
        except ValueError:
            fail({"zh": f"日期格式不对：{notice_date}（应为 YYYY-MM-DD）", "en": f"not a date: {notice_date} (expected YYYY-MM-DD)"}, lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail({"zh": f"配置文件有误：{e}", "en": f"bad configuration: {e}"}, lang)
    st = quarter_status(ws, q, result=lint(ws, quarter=str(q), config=config))
    code = 0 if st.complete else 1
    if remind:
        from zengshou.notice import NoticeError, render_reminder

        try:
            out(render_reminder(cat, st, lang=lang, notice_date=day, templates=templates, data=data, office=config.office))
        except NoticeError as e:
            fail(e.message, lang)
    elif fmt is TableOrJson.json:
        out(json.dumps(st.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_table(cat, st, lang)
    raise typer.Exit(code)


def _print_table(cat, st, lang: str) -> None:
    from zengshou.notice import needs_reminder, state_text

    from rich.console import Console
    from rich.table import Table

    from zengshou.i18n import w
    from zengshou.rules.completeness import _ranges

    zh = lang == "zh"
    kinds = {"department": "department", "other": "other", "county": "county"}
    title = (f"{st.quarter.label(lang)}落实进度报送情况（截止 {st.deadline.isoformat()}）" if zh
             else f"Submissions for {st.quarter.label(lang)} (deadline {st.deadline.isoformat()})")
    table = Table(title=title, show_lines=False)
    heads = (("单位", "类别", "文件", "报送日期", "状态", "缺报任务", "错误", "警告") if zh
             else ("Unit", "Kind", "File", "Submitted", "State", "Rows missing", "Errors", "Warnings"))
    for i, h in enumerate(heads):
        table.add_column(h, justify="right" if i >= 6 else "left", no_wrap=i != 5, overflow="fold")
    sep = "、" if zh else ", "
    for n, u in enumerate(st.units):
        if u.state == "missing":
            miss = f"{u.required}（全部）" if zh else f"{u.required} (all)"
        elif u.missing_rows:
            miss = f"{len(u.missing_rows)}（{_ranges(u.missing_rows, sep)}）" if zh else f"{len(u.missing_rows)} ({_ranges(u.missing_rows, sep)})"
        else:
            miss = "—"
        last = n + 1 == len(st.units)
        table.add_row(u.name, w(kinds[u.kind], lang), "✓" if u.file else "—",
                      u.submitted.isoformat() if u.submitted else "—", state_text(u, lang), miss,
                      str(u.errors) if u.file else "—", str(u.warnings) if u.file else "—", end_section=last)
    t = st.totals
    table.add_row("合计" if zh else "Total", f"{t['units']}", f"{t['reported']}", "",
                  f"已报 {t['reported']}/{t['units']}" if zh else f"{t['reported']}/{t['units']} reported",
                  str(t["missing_rows"]), str(t["errors"]), str(t["warnings"]))
    con = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
    con.print(table)
    con.print(_totals_text(t, lang))
    if st.other_files:
        con.print(("其他文件（不属于须报送单位，或与已报送文件重复）：" if zh else "Other files (no unit that must report, or duplicates): ")
                  + sep.join(st.other_files))
    if st.complete:
        con.print("全部单位已按要求报送。" if zh else "Every unit has reported.")
    else:
        waiting = sum(1 for u in st.units if needs_reminder(u))
        con.print(f"尚有 {waiting} 个单位未报送或需修改；zengshou status --quarter {st.quarter} --remind 可生成催报通知。" if zh
                  else f"{waiting} unit(s) still missing or to fix; `zengshou status --quarter {st.quarter} --remind` prints a reminder notice.")


def _totals_text(t: dict, lang: str) -> str:
    from zengshou.status import STATE_WORDS

    order = ("on_time", "late", "draft", "invalid", "missing")
    if lang == "zh":
        short = {"on_time": "按时", "late": "逾期", "draft": "草稿", "invalid": "有错误", "missing": "未报送"}
        states = "、".join(f"{short[s]} {t[s]}" for s in order)
        return (f"合计：应报 {t['units']} 个单位，{states}；缺报任务 {t['missing_rows']} 项，"
                f"错误 {t['errors']} 个，警告 {t['warnings']} 个。")
    states = ", ".join(f"{STATE_WORDS[s]['en']} {t[s]}" for s in order)
    return (f"Total: {t['units']} units must report: {states}; {t['missing_rows']} required row(s) missing, "
            f"{t['errors']} error(s), {t['warnings']} warning(s).")
