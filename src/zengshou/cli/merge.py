"""``zengshou merge``: the quarter's report as Excel and HTML, per lead unit and per county."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, H, LangOpt, fail, fail_text, lang_of, quarter_or_exit, workspace_or_exit,
                                 write_or_exit)
from zengshou.i18n import join, t

FORMATS = ("xlsx", "html")


def report_name(short_title: str, quarter: str, lang: str, ext: str) -> str:
    """``桂林市促进脱贫人口持续增收三年行动方案-2023Q2-落实进度.xlsx``: plan, quarter, what it is."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", short_title).strip("._") or "report"
    return f"{safe}-{quarter}-{t('report.file_name', lang)}.{ext}"


def _formats(text: str, lang: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        fail("cli.bad_formats", lang, formats=", ".join(bad) or text)
    return [f for f in FORMATS if f in wanted]


@command("merge")
def merge_cmd(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help=H("opt.merge.quarter"))],
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help=H("opt.merge.out"))] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=H("opt.merge.format"))] = "xlsx,html",
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help=H("opt.merge.skip_invalid"))] = False,
    templates: Annotated[Path | None, typer.Option("--templates", help=H("opt.merge.templates"))] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Merge the quarter's submissions into the report: 汇总表, per lead unit, per county, 报送情况.

    Errors in the submissions stop the merge (exit 1) unless --skip-invalid; missing submissions
    show as 未报送. Writes <plan>-<quarter>-落实进度.xlsx/.html and prints their paths.
    """
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.reporters import render_text
    from zengshou.report.model import MergeBlocked, merge

    lang = lang_of(lang)
    formats = _formats(fmt, lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang)
    if templates is not None and not templates.is_dir():
        fail("cli.templates_missing", lang, path=templates)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e)

    result = lint(ws, quarter=str(q), config=config)
    try:
        report = merge(ws, q, cat=result.catalog or cat, skip_invalid=skip_invalid, result=result)
    except MergeBlocked as b:
        sys.stderr.write(render_text(b.findings, lang, b.result.sources, b.result.files_checked))
        hint = t("cli.merge_skip_hint", lang) if b.skippable else ""
        typer.echo(t("cli.merge_stopped", lang, n=len(b.findings)) + hint, err=True)
        raise typer.Exit(1)

    outputs: list[tuple[Path, bytes]] = []
    folder = out_dir if out_dir is not None else Path("reports") / str(q)
    if "xlsx" in formats:
        from zengshou.report.limits import TooLongForExcel
        from zengshou.report.xlsx import render_xlsx

        try:
            outputs.append((folder / report_name(cat.plan.short_title, str(q), lang, "xlsx"), render_xlsx(report, lang)))
        except TooLongForExcel as e:
            for p in e.problems:
                typer.echo(p.message(lang), err=True)
            raise typer.Exit(1) from None
    if "html" in formats:
        from zengshou.report.html import TemplateProblem, render_html

        try:
            page = render_html(report, lang, templates)
        except TemplateProblem as e:
            fail_text(str(e), lang)
        outputs.append((folder / report_name(cat.plan.short_title, str(q), lang, "html"), page.encode("utf-8")))

    for path, data_bytes in outputs:  # everything is rendered before anything is written
        write_or_exit(path, data_bytes, lang)
        typer.echo(str(path))
    if report.skipped:
        names = join((s.file for s in report.skipped), lang)
        typer.echo(t("cli.merge_skipped", lang, n=len(report.skipped), files=names), err=True)
