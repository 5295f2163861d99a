"""``zengshou merge``: the quarter's report as Excel and HTML, per lead unit and per county."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import app
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, LangOpt, fail, lang_of, workspace_or_exit, quarter_or_exit,
                                 write_or_exit)

FORMATS = ("xlsx", "html")


def report_name(short_title: str, quarter: str, lang: str, ext: str) -> str:
    """``桂林市促进脱贫人口持续增收三年行动方案-2023Q2-落实进度.xlsx``: plan, quarter, what it is."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", short_title).strip("._") or "report"
    return f"{safe}-{quarter}-{'落实进度' if lang == 'zh' else 'progress'}.{ext}"


def _formats(text: str, lang: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        fail({"zh": f"不支持的格式：{', '.join(bad) or text}（可用 xlsx、html，用逗号分隔）",
              "en": f"unsupported format: {', '.join(bad) or text} (use xlsx, html, comma-separated)"}, lang)
    return [f for f in FORMATS if f in wanted]


@app.command("merge")
def merge_cmd(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter to merge, e.g. 2023Q2.")],
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder. Default: reports/<quarter>/.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: xlsx, html.")] = "xlsx,html",
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Leave submissions with errors out (marked in the report) instead of stopping.")] = False,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="Folder with your own report.html.j2 (missing files fall back to the built-in ones).")] = None,
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
        fail({"zh": f"模板目录不存在：{templates}", "en": f"templates folder not found: {templates}"}, lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail({"zh": f"配置文件有误：{e}", "en": f"bad configuration: {e}"}, lang)

    result = lint(ws, quarter=str(q), config=config)
    try:
        report = merge(ws, q, cat=result.catalog or cat, skip_invalid=skip_invalid, result=result)
    except MergeBlocked as b:
        sys.stderr.write(render_text(b.findings, lang, b.result.sources, b.result.files_checked))
        hint = ({"zh": "；修正后重试，或用 --skip-invalid 跳过有错误的报送文件（它们会在报表中标出）",
                 "en": "; fix them and retry, or use --skip-invalid to leave those submissions out (marked in the report)"}
                if b.skippable else {"zh": "", "en": ""})
        typer.echo(({"zh": f"合并已中止：{len(b.findings)} 个错误", "en": f"merge stopped: {len(b.findings)} error(s)"}[lang])
                   + hint[lang], err=True)
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
            fail(str(e), lang)
        outputs.append((folder / report_name(cat.plan.short_title, str(q), lang, "html"), page.encode("utf-8")))

    for path, data_bytes in outputs:  # everything is rendered before anything is written
        write_or_exit(path, data_bytes, lang)
        typer.echo(str(path))
    if report.skipped:
        names = "、".join(s.file for s in report.skipped) if lang == "zh" else ", ".join(s.file for s in report.skipped)
        typer.echo({"zh": f"已跳过 {len(report.skipped)} 个有错误的报送文件：{names}",
                    "en": f"skipped {len(report.skipped)} submission(s) with errors: {names}"}[lang], err=True)
