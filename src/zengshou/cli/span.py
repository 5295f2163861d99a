"""``zengshou merge --year Y`` / ``--plan`` and ``zengshou status --year Y`` (issue 26).

The span's 呈报版 (Word, Excel, HTML) and 工作底稿 (Excel, HTML) go to ``reports/<span>/``,
named like the quarter's with the span in place of the quarter:
``桂林市促进脱贫人口持续增收三年行动方案-2023年-落实进度.docx`` for a year and
``…-2022-2024-落实进度.docx`` for the plan (English: ``…-2023-progress.docx``).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import typer

from zengshou.cli.common import fail_text, out, write_or_exit
from zengshou.i18n import join, t


def usage_error(ctx: typer.Context, key: str, lang: str) -> NoReturn:
    """A wrong combination of options, shown as a missing option is shown: the usage line and the
    message, in the user's language (exit 2). ``Context.fail`` is Click's public way to raise it."""
    ctx.fail(t(key, lang))


def merge_span(
    ws,
    config,
    year: int | None,
    *,
    formats: list[str],
    out_dir: Path | None,
    include_drafts: bool,
    strict: bool,
    skip_invalid: bool,
    office: str | None,
    as_of: date | None,
    templates: Path | None,
    lang: str,
    report_name,
) -> None:
    """Merge the span and write its files; ``report_name(short_title, key, lang, ext, edition)``
    names them (``zengshou.cli.merge.report_name``, passed in: this module is imported by it)."""
    from zengshou.lint import lint
    from zengshou.records import NoQuarters
    from zengshou.report.merge import MergeBlocked
    from zengshou.report.span import PLAN, YEAR, build
    from zengshou.reporters import render_text

    try:
        report = build(
            ws,
            YEAR if year is not None else PLAN,
            year,
            lambda q: lint(ws, quarter=str(q), config=config),
            lang=lang,
            include_drafts=include_drafts,
            strict=strict,
            skip_invalid=skip_invalid,
            office=office,
            as_of=as_of,
        )
    except NoQuarters as e:
        fail_text(t(e.key, lang, **e.params), lang)
    except MergeBlocked as b:
        sys.stderr.write(render_text(b.findings, lang, b.result.sources, b.result.files_checked))
        typer.echo(
            t("cli.merge_stopped", lang, n=len(b.findings))
            + (t("cli.merge_strict_hint", lang) if strict and b.skippable else ""),
            err=True,
        )
        raise typer.Exit(1) from None
    outputs = render_span(report, formats, templates, ws.cat.plan.short_title, lang, report_name)
    folder = out_dir if out_dir is not None else Path("reports") / report.key
    for name, data_bytes in outputs:  # everything is rendered before anything is written
        path = folder / name
        write_or_exit(path, data_bytes, lang)
        typer.echo(str(path))


def render_span(report, formats: list[str], templates: Path | None, short_title: str, lang: str, report_name):
    """Every requested file as (name, bytes); a problem ends the command before anything is written."""

    def name(ext: str, edition: str = "submit") -> str:
        return report_name(short_title, report.key, lang, ext, edition)

    got: list[tuple[str, bytes]] = []
    if "docx" in formats:
        from zengshou.report.span_docx import render_span_docx

        got.append((name("docx"), render_span_docx(report)))
    if "xlsx" in formats:
        from zengshou.report.span_xlsx import render_span_workpaper_xlsx, render_span_xlsx

        got.append((name("xlsx"), render_span_xlsx(report)))
        got.append((name("xlsx", "workpaper"), render_span_workpaper_xlsx(report)))
    if "html" in formats:
        from zengshou.report.html import TemplateProblem
        from zengshou.report.span_html import render_span_html

        try:
            got.append((name("html"), render_span_html(report, templates).encode("utf-8")))
            got.append((name("html", "workpaper"), render_span_html(report, templates, "workpaper").encode("utf-8")))
        except TemplateProblem as e:
            fail_text(str(e), lang)
    return got


def status_year(ws, config, year: int, fmt_json: bool, lang: str) -> int:
    """Print the year's reporting records; the exit code (0: nothing missing, late-free not
    required; 1: a quarter or rows missing, or a report returned)."""
    from zengshou.lint import lint
    from zengshou.records import NoQuarters, records_for

    try:
        recs = records_for(ws, year, lint_quarter=lambda q: lint(ws, quarter=str(q), config=config))
    except NoQuarters as e:
        fail_text(t(e.key, lang, **e.params), lang)
    if fmt_json:
        out(json.dumps(recs.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_records(recs, lang)
    return 0 if recs.complete else 1


def _print_records(recs, lang: str) -> None:
    from zengshou.cli.common import console, width
    from zengshou.cli.tables import Column, table
    from zengshou.quarters import Quarter
    from zengshou.records import KINDS

    heads = t("records.header", lang).split(",")
    cols = [
        Column(heads[0], justify="right"),
        Column(heads[1], wrap=True, min=8),
        *[Column(h, justify="right") for h in heads[2:9]],
        Column(heads[9], wrap=True, min=4),
    ]
    rows = []
    for u in recs.units:
        ch = u.rank_change
        change = (
            t("span.change_none", lang)
            if ch is None
            else t("span.rank_up", lang, n=ch)
            if ch > 0
            else t("span.rank_down", lang, n=-ch)
            if ch < 0
            else t("span.change_same", lang)
        )
        rows.append(
            [
                str(u.rank),
                u.name,
                str(u.on_time),
                str(u.late),
                str(u.late_days),
                str(u.missing),
                str(u.rows_missing),
                str(u.returned),
                str(sum(u.findings.values())),
                change,
            ]
        )
    quarters = join((Quarter.parse(q).label(lang) for q in recs.quarters), lang)
    con = console()
    title = t("records.title", lang, year=recs.year, quarters=quarters)
    con.print(table(title, cols, rows, width(), lang=lang), markup=False)
    con.print(t("records.totals", lang, **recs.totals), markup=False)
    kinds = join(
        (f"{t(f'span.kind_word_{k}', lang)} {sum(u.findings[k] for u in recs.units)}" for k in KINDS),
        lang,
    )
    con.print(t("records.findings_note", lang, kinds=kinds), markup=False)
