"""``zengshou merge``: the quarter's 呈报版 (Word, Excel, HTML) and 工作底稿 (Excel, HTML)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (
    DEFAULT_DATA,
    DataOpt,
    H,
    LangOpt,
    fail,
    fail_text,
    lang_of,
    quarter_or_exit,
    workspace_or_exit,
    write_or_exit,
)
from zengshou.i18n import join, t
from zengshou.text import visible

FORMATS = ("docx", "xlsx", "html")


def _formats(text: str, lang: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        fail("cli.bad_formats", lang, formats=", ".join(bad) or text)
    return [f for f in FORMATS if f in wanted]


@command("merge")
def merge_cmd(
    ctx: typer.Context,
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.merge.quarter"))] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help=H("opt.merge.year"))] = None,
    plan: Annotated[bool, typer.Option("--plan", help=H("opt.merge.plan"))] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help=H("opt.merge.out"))] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=H("opt.merge.format"))] = "docx,xlsx,html",
    include_drafts: Annotated[bool, typer.Option("--include-drafts", help=H("opt.merge.include_drafts"))] = False,
    strict: Annotated[bool, typer.Option("--strict", help=H("opt.merge.strict"))] = False,
    as_of: Annotated[str | None, typer.Option("--date", help=H("opt.merge.date"))] = None,
    office: Annotated[str | None, typer.Option("--office", help=H("opt.merge.office"))] = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help=H("opt.merge.skip_invalid"))] = False,
    templates: Annotated[Path | None, typer.Option("--templates", help=H("opt.merge.templates"))] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """The quarter's 呈报版 (Word, Excel, HTML) and 工作底稿 (Excel, HTML); help text: cmd.merge."""
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.report.merge import MergeBlocked, merge
    from zengshou.reporters import render_text

    lang = lang_of(lang)
    if sum((quarter is not None, year is not None, plan)) != 1:
        from zengshou.cli.span import usage_error

        usage_error(ctx, "cli.span_pick_one", lang)
    formats = _formats(fmt, lang)
    day = None
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            fail("cli.bad_date", lang, text=as_of)
    if office is not None:
        from zengshou.configfile import SCHEMA, text_ok

        limit = SCHEMA["report"]["office"].max_len  # type: ignore[index]
        if not text_ok(office, limit):
            fail("cli.bad_office", lang, limit=limit)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    if templates is not None and not templates.is_dir():
        fail("cli.templates_missing", lang, path=templates)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))
    if quarter is None:  # --year / --plan: the span's reports (issue 26, zengshou.cli.span)
        from zengshou.api import report_name
        from zengshou.cli.span import merge_span

        merge_span(
            ws,
            config,
            year,
            formats=formats,
            out_dir=out_dir,
            include_drafts=include_drafts,
            strict=strict,
            skip_invalid=skip_invalid,
            office=office if office is not None else config.office,
            as_of=day,
            templates=templates,
            lang=lang,
            report_name=report_name,
        )
        return
    q = quarter_or_exit(cat, quarter, lang)

    result = lint(ws, quarter=str(q), config=config)
    try:
        report = merge(
            ws,
            q,
            result,
            lang=lang,
            include_drafts=include_drafts,
            strict=strict,
            skip_invalid=skip_invalid,
            office=office if office is not None else config.office,
            as_of=day,
        )
    except MergeBlocked as b:
        sys.stderr.write(render_text(b.findings, lang, b.result.sources, b.result.files_checked))
        typer.echo(
            t("cli.merge_stopped", lang, n=len(b.findings))
            + (t("cli.merge_strict_hint", lang) if strict and b.skippable else ""),
            err=True,
        )
        raise typer.Exit(1) from None

    outputs = _render(report, formats, templates, lang)
    folder = out_dir if out_dir is not None else Path("reports") / str(q)
    for name, data_bytes in outputs:  # everything is rendered before anything is written
        path = folder / name
        write_or_exit(path, data_bytes, lang)
        typer.echo(str(path))
    if report.left_out:
        typer.echo(
            t(
                "cli.merge_left_out",
                lang,
                n=len(report.left_out),
                files=join((visible(x.file) for x in report.left_out), lang),
            ),
            err=True,
        )


def _render(report, formats: list[str], templates: Path | None, lang: str) -> list[tuple[str, bytes]]:
    """Every requested file as (name, bytes) (:func:`zengshou.api.render_report`); a problem
    ends the command before anything is written."""
    from zengshou.api import render_report
    from zengshou.report.html import TemplateProblem
    from zengshou.report.limits import TooLongForExcel

    try:
        return list(render_report(report, formats, templates=templates).items())
    except TooLongForExcel as e:
        for p in e.problems:
            typer.echo(p.message(lang), err=True)
        raise typer.Exit(1) from None
    except TemplateProblem as e:
        fail_text(str(e), lang)
