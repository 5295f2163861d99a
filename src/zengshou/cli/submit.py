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

from zengshou.cli.app import command
from zengshou.cli.common import (
    DEFAULT_DATA,
    DataOpt,
    FormatOpt,
    H,
    LangOpt,
    QuarterOpt,
    TableOrJson,
    UnitOpt,
    fail,
    lang_of,
    load_catalog_or_exit,
    out,
    quarter_or_exit,
    reporting_unit_or_exit,
    workspace_or_exit,
)
from zengshou.i18n import join, t
from zengshou.text import visible
from zengshou.writer import render_form

# ---------------------------------------------------------------- zengshou new


@command("new")
def new_cmd(
    unit: UnitOpt,
    quarter: QuarterOpt,
    force: Annotated[bool, typer.Option("--force", help=H("opt.new.force"))] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=H("opt.new.output"))] = None,
    all_rows: Annotated[bool, typer.Option("--all-rows", help=H("opt.new.all_rows"))] = False,
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
        fail("cli.no_rows", lang, name=u.name)

    from zengshou.forms import previous_texts, unit_figures

    to_stdout = output is not None and str(output) == "-"
    target = output if output is not None and not to_stdout else Path(data) / "progress" / str(q) / f"{u.id}.yaml"
    shown = display_path(target)
    text = render_form(
        cat,
        u.id,
        q,
        rows,
        lang=lang,
        path=shown,
        optional=optional,
        figure_defs=unit_figures(cat, u.id, rows, q),
        previous=previous_texts(cat, data, u.id, q),
    )
    if to_stdout:
        out(text)
        return
    if target.is_dir():
        fail("cli.is_folder", lang, path=shown)
    saved = _write_new(target, text, shown, lang, force=force, data_dir=Path(data) if output is None else None)
    if saved == "same":
        out(t("cli.same_content", lang, path=shown))
        return
    n = len(rows) - len(optional)
    extra = t("cli.new_optional", lang, n=len(optional)) if optional else ""
    kept = t("cli.new_kept", lang, backup=saved) if saved else ""
    out(
        t(
            "cli.new_replaced" if saved else "cli.new_wrote",
            lang,
            path=shown,
            unit=u.name,
            quarter=q.label(lang),
            n=n,
            extra=extra + kept,
        )
    )


def _write_new(target: Path, text: str, shown: str, lang: str, *, force: bool, data_dir: Path | None) -> str | None:
    """Write the form through :func:`zengshou.writer.write_submission` (the unit file's lock,
    never through a link out of the data directory). An existing file is replaced only with
    --force, after printing the diff (old → new) and keeping the old file as ``.bak``. Returns
    the backup's name, "same" when nothing would change, None for a new file."""
    from zengshou.atomic import NotRegularFile, OutputLocked
    from zengshou.submissions import display_path
    from zengshou.writer import BackupFailed, LockTimeout, OutsideData, unified_diff, write_submission

    def show_diff(old: str) -> None:
        diff = unified_diff(old, text, shown, t("cli.diff_old", lang), t("cli.diff_new", lang))
        sys.stdout.write(diff if diff.endswith("\n") else diff + "\n")

    try:
        done = write_submission(target, text, data_dir=data_dir, force=force, before_replace=show_diff)
    except NotRegularFile:
        fail("cli.not_regular", lang, path=shown)
    except OutputLocked:
        fail("cli.locked", lang, path=shown)
    except BackupFailed as e:
        fail("cli.cannot_back_up", lang, path=shown, reason=e.strerror or e)
    except (OutsideData, LockTimeout) as e:
        reason = t("writer.outside_data" if isinstance(e, OutsideData) else "writer.lock_timeout", lang)
        fail("cli.cannot_write", lang, path=shown, reason=reason)
    except OSError as e:
        fail("cli.cannot_write", lang, path=shown, reason=e.strerror or e)
    if done.state == "exists" or (done.state == "unchanged" and not force):
        fail("cli.exists", lang, path=shown)
    if done.state == "unchanged":
        return "same"
    return display_path(done.backup) if done.backup else None


# ---------------------------------------------------------------- zengshou status


@command("status")
def status_cmd(
    ctx: typer.Context,
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.quarter"))] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help=H("opt.status.year"))] = None,
    fmt: FormatOpt = TableOrJson.table,
    remind: Annotated[bool, typer.Option("--remind", help=H("opt.status.remind"))] = False,
    notice_date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=H("opt.status.date"))] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help=H("opt.status.templates"))] = None,
    send: Annotated[bool, typer.Option("--send", help=H("opt.status.send"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=H("opt.status.dry_run"))] = False,
    channel: Annotated[
        list[str] | None, typer.Option("--channel", metavar=H("meta.channel"), help=H("opt.status.channel"))
    ] = None,
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
    if (quarter is None) == (year is None) or (year is not None and (remind or send)):
        from zengshou.cli.span import usage_error

        usage_error(ctx, "cli.status_pick_one", lang)
    if send and not remind:
        fail("send.send_needs_remind", lang)
    if (dry_run or channel) and not send:
        fail("send.dry_needs_send", lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    if year is not None:  # the year's reporting records (issue 26, zengshou.cli.span)
        from zengshou.cli.span import status_year

        try:
            year_config = load_config(data)
        except ConfigError as e:
            fail("cli.bad_config", lang, error=e.text(lang))
        raise typer.Exit(status_year(ws, year_config, year, fmt is TableOrJson.json, lang))
    assert quarter is not None
    if quarter.strip().lower() == "last":  # for a schedule: the quarter whose reports are due now
        from zengshou.cli.review import last_quarter

        quarter = str(last_quarter(lang))
    q = quarter_or_exit(cat, quarter, lang)
    from zengshou.workspace import today

    day = today()  # ZENGSHOU_TODAY pins it, as app.py promises for the reminder's date
    if notice_date is not None:
        try:
            day = date.fromisoformat(notice_date)
        except ValueError:
            fail("cli.bad_date", lang, text=notice_date)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))
    st = quarter_status(ws, q, result=lint(ws, quarter=str(q), config=config))
    code = 0 if st.complete else 1
    if st.review_problems:
        from zengshou.cli.review import bad_review_records

        bad_review_records(st, lang)
    if send:
        from zengshou.cli.review import remind_send

        failed = remind_send(
            ws,
            st,
            config,
            lang=lang,
            notice_date=day,
            templates=templates,
            data=data,
            dry_run=dry_run,
            channels=channel,
        )
        raise typer.Exit(failed or code)
    if remind:
        from zengshou.notice import NoticeError, render_reminder

        try:
            notice = render_reminder(
                cat, st, lang=lang, notice_date=day, templates=templates, data=data, office=config.office
            )
            out(visible(notice, keep="\n\t"))  # an escape in a template or a setting is shown, not obeyed
        except NoticeError as e:
            fail(e.message, lang)
    elif fmt is TableOrJson.json:
        out(json.dumps(st.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_table(cat, st, lang)
    raise typer.Exit(code)


def _print_table(cat, st, lang: str) -> None:
    """The roll call, laid out for the terminal's width (see :mod:`zengshou.cli.tables`): all
    columns when they fit on one line each; narrower, without the 文件 column (a unit has a file
    unless it is 未报送) and with the states' short forms, noted under the table; at the
    narrowest one block per unit."""
    from zengshou.cli.common import console, width
    from zengshou.cli.tables import Column, fits_whole, table
    from zengshou.notice import needs_reminder, state_text
    from zengshou.status import STATES

    con = console()
    cols = width()
    rows_missing = [_missing_text(u, lang) for u in st.units]
    tot = st.totals
    title = t("status.title", lang, quarter=st.quarter.label(lang), deadline=st.deadline.isoformat())

    def build(short: bool, with_file: bool):
        heads = [Column(t("status.unit", lang), wrap=True, min=10)]
        if with_file:
            heads += [Column(t("status.kind", lang), wrap=True, min=6), Column(t("status.file", lang))]
        heads += [
            Column(t("status.submitted", lang)),
            Column(t("status.state", lang), wrap=True, min=6),
            Column(t("status.missing", lang), wrap=True, min=6),
            Column(t("status.errors", lang), justify="right"),
            Column(t("status.warnings", lang), justify="right"),
        ]
        rows = []
        for u, miss in zip(st.units, rows_missing, strict=True):
            r = [u.name] + ([t(f"kind.{u.kind}", lang), "✓" if u.file else "—"] if with_file else [])
            r += [
                u.submitted.isoformat() if u.submitted else "—",
                state_text(u, lang, short=short),
                miss,
                str(u.errors) if u.file else "—",
                str(u.warnings) if u.file else "—",
            ]
            rows.append(r)
        total = [t("status.total", lang)] + ([f"{tot['units']}", f"{tot['reported']}"] if with_file else [])
        total += [
            "",
            t("status.total_reported", lang, reported=tot["reported"], units=tot["units"]),
            str(tot["missing_rows"]),
            str(tot["errors"]),
            str(tot["warnings"]),
        ]
        return heads, rows, total

    heads, rows, total = build(short=False, with_file=True)
    notes = []
    if not fits_whole(heads, rows + [total], cols):
        heads, rows, total = build(short=True, with_file=False)
        forms = join(
            (
                t("fmt.means", lang, short=t(f"state.{s}.short", lang), full=t(f"state.{s}", lang))
                for s in STATES
                if t(f"state.{s}.short", lang) != t(f"state.{s}", lang)
            ),
            lang,
        )
        notes = [t("table.short_forms", lang, forms=forms), t("status.no_file_column", lang)]
    con.print(table(title, heads, rows, cols, total=total, lang=lang))
    for n in notes:
        con.print(n)
    con.print(_totals_text(tot, lang))
    for u in st.units:
        if u.state == "returned" and u.review is not None:
            comment = " ".join(u.review.comment.split()) or "—"  # one line: the table is above
            line = t("status.returned_line", lang, unit=u.name, date=u.review.at[:10], comment=comment)
            con.print(visible(line), markup=False)
    if st.other_files:
        # file names are the user's: shown, never obeyed (no terminal escapes, no Rich markup)
        con.print(t("status.others", lang, files=join((visible(f) for f in st.other_files), lang)), markup=False)
    if st.complete:
        con.print(t("status.complete", lang))
    else:
        waiting = sum(1 for u in st.units if needs_reminder(u))
        con.print(t("status.waiting", lang, n=waiting, quarter=st.quarter))


def _missing_text(u, lang: str) -> str:
    from zengshou.rules.completeness import _ranges

    if u.state == "missing":
        return t("status.all_missing", lang, n=u.required)
    if u.missing_rows:
        return t("status.some_missing", lang, n=len(u.missing_rows), rows=_ranges(u.missing_rows, t("sep.list", lang)))
    return "—"


def _totals_text(tot: dict, lang: str) -> str:
    order = ("on_time", "late", "draft", "invalid", "returned", "missing")
    shown = [s for s in order if s != "returned" or tot[s]]  # 退回 only once the coordinator has returned one
    states = join((t("status.state_count", lang, state=t(f"state.{s}.short", lang), n=tot[s]) for s in shown), lang)
    return t(
        "status.totals",
        lang,
        units=tot["units"],
        states=states,
        missing_rows=tot["missing_rows"],
        errors=tot["errors"],
        warnings=tot["warnings"],
    )
