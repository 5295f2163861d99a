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
    lang = lang_of(lang)
    formats, day = _checked_options(ctx, quarter, year, plan, fmt, as_of, office, lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    if templates is not None and not templates.is_dir():
        fail("cli.templates_missing", lang, path=templates)
    config = _config_or_exit(data, lang)
    office = office if office is not None else config.office
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
            office=office,
            as_of=day,
            templates=templates,
            lang=lang,
            report_name=report_name,
        )
        return
    q = quarter_or_exit(cat, quarter, lang)
    report = _merged_or_exit(
        ws,
        config,
        q,
        lang=lang,
        include_drafts=include_drafts,
        strict=strict,
        skip_invalid=skip_invalid,
        office=office,
        as_of=day,
    )
    outputs = _render(report, formats, templates, lang)
    _write_all(report, outputs, out_dir if out_dir is not None else Path("reports") / str(q), lang)


def _checked_options(
    ctx: typer.Context,
    quarter: str | None,
    year: int | None,
    plan: bool,
    fmt: str,
    as_of: str | None,
    office: str | None,
    lang: str,
) -> tuple[list[str], date | None]:
    """The formats and the ``--date`` day, after every check that needs only the command line:
    a mistyped option is reported before the data directory is read (and in this order)."""
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
    return formats, day


def _config_or_exit(data: Path, lang: str):
    """The data directory's configuration; a broken zengshou.toml ends the command (the office
    name and the rules' settings come from it, so nothing is merged without it)."""
    from zengshou.config import ConfigError, load_config

    try:
        return load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))


def _merged_or_exit(ws, config, q, *, lang: str, strict: bool, **options):
    """The quarter's report (:func:`zengshou.report.merge.merge`, after a lint of the quarter).
    When findings stop the merge they are printed and the command ends with status 1, before
    anything is rendered or written; ``--strict`` adds the hint that ``--skip-invalid`` exists."""
    from zengshou.lint import lint
    from zengshou.report.merge import MergeBlocked, merge
    from zengshou.reporters import render_text

    result = lint(ws, quarter=str(q), config=config)
    try:
        return merge(ws, q, result, lang=lang, strict=strict, **options)
    except MergeBlocked as b:
        sys.stderr.write(render_text(b.findings, lang, b.result.sources, b.result.files_checked))
        typer.echo(
            t("cli.merge_stopped", lang, n=len(b.findings))
            + (t("cli.merge_strict_hint", lang) if strict and b.skippable else ""),
            err=True,
        )
        raise typer.Exit(1) from None


def _write_all(report, outputs: list[tuple[str, bytes]], folder: Path, lang: str) -> None:
    """Write the rendered files into ``folder``, naming each on stdout, then say on stderr which
    submissions were left out (``--skip-invalid``): the report is complete only without them."""
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
