"""``zengshou merge``: the quarter's 呈报版 (Word, Excel, HTML) and 工作底稿 (Excel, HTML)."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import app
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, LangOpt, fail, lang_of, quarter_or_exit, workspace_or_exit,
                                 write_or_exit)

FORMATS = ("docx", "xlsx", "html")
MESSAGES = {
    "bad_format": {"zh": "不支持的格式：{bad}（可用 docx、xlsx、html，用逗号分隔）",
                   "en": "unsupported format: {bad} (use docx, xlsx, html, comma-separated)"},
    "bad_date": {"zh": "日期格式不对：{text}（应为 YYYY-MM-DD）", "en": "not a date: {text} (expected YYYY-MM-DD)"},
    "no_templates": {"zh": "模板目录不存在：{path}", "en": "templates folder not found: {path}"},
    "bad_config": {"zh": "配置文件有误：{e}", "en": "bad configuration: {e}"},
    "stopped": {"zh": "合并已中止：{n} 个错误", "en": "merge stopped: {n} error(s)"},
    "hint_strict": {"zh": "（--strict：有错误即中止；去掉 --strict 时，无法读取的文件略去、内容问题列入审核意见）",
                    "en": " (--strict: any error stops the merge; without it unreadable files are left out and "
                          "content findings go to the review notes)"},
    "left_out": {"zh": "未汇总 {n} 个无法读取的文件：{names}（原因见报送情况）",
                 "en": "left out {n} file(s) that could not be read: {names} (reasons in the status)"},
}


def _say(key: str, lang: str, **kw) -> str:
    return MESSAGES[key]["en" if lang == "en" else "zh"].format(**kw)


def report_name(short_title: str, quarter: str, lang: str, ext: str, edition: str = "submit") -> str:
    """``桂林市促进脱贫人口持续增收三年行动方案-2023Q2-落实进度.docx`` (呈报版) or ``…-工作底稿.xlsx``."""
    from zengshou.report.labels import LABELS

    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", short_title).strip("._") or "report"
    word = LABELS["edition_" + edition]["en" if lang == "en" else "zh"]
    return f"{safe}-{quarter}-{word}.{ext}"


def _formats(text: str, lang: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        fail(_say("bad_format", lang, bad=", ".join(bad) or text), lang)
    return [f for f in FORMATS if f in wanted]


@app.command("merge")
def merge_cmd(
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="Quarter to merge, e.g. 2023Q2.")],
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder. Default: reports/<quarter>/.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: docx, xlsx, html (default: all three).")] = "docx,xlsx,html",
    include_drafts: Annotated[bool, typer.Option(
        "--include-drafts", help="Show drafts (files without a submitted date) in the report for leaders, marked 【草稿】 (internal preview).")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Any error in a submission stops the merge (default: unreadable files are left out, content findings listed).")] = False,
    as_of: Annotated[str | None, typer.Option(
        "--date", help="截至日期 printed under the title, YYYY-MM-DD (default: the quarter's deadline).")] = None,
    office: Annotated[str | None, typer.Option(
        "--office", help="编制单位 printed under the title (default: [report] office in zengshou.toml, else tasks.yaml).")] = None,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Also leave out every submission with an error (marked in the report).")] = False,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="Folder with your own report.html.j2 / workpaper.html.j2 (missing files fall back to the built-in ones).")] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Merge the quarter's submissions: the 呈报版 for leaders (Word, Excel, HTML: title, 报送情况,
    汇总表, 指标, 口径说明) and the 工作底稿 (Excel, HTML: 报送情况 with 审核意见, a sheet per lead
    unit and per county that reported).

    A file that cannot be read is left out and named; content findings go to 审核意见; drafts stay
    out of the 呈报版 (unless --include-drafts); missing submissions show as 未报送. --strict: any
    error stops the merge (exit 1). Writes reports/<quarter>/<plan>-<quarter>-落实进度.docx/.xlsx/.html
    and -工作底稿.xlsx/.html, and prints their paths.
    """
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.report.merge import MergeBlocked, merge
    from zengshou.reporters import render_text

    lang = lang_of(lang)
    formats = _formats(fmt, lang)
    day = None
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            fail(_say("bad_date", lang, text=as_of), lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang)
    if templates is not None and not templates.is_dir():
        fail(_say("no_templates", lang, path=templates), lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail(_say("bad_config", lang, e=e), lang)

    result = lint(ws, quarter=str(q), config=config)
    try:
        report = merge(ws, q, result, lang=lang, include_drafts=include_drafts, strict=strict,
                       skip_invalid=skip_invalid, office=office if office is not None else config.office, as_of=day)
    except MergeBlocked as b:
        sys.stderr.write(render_text(b.findings, lang, b.result.sources, b.result.files_checked))
        typer.echo(_say("stopped", lang, n=len(b.findings)) + (_say("hint_strict", lang) if strict and b.skippable else ""),
                   err=True)
        raise typer.Exit(1)

    outputs = _render(report, formats, templates, cat.plan.short_title, str(q), lang)
    folder = out_dir if out_dir is not None else Path("reports") / str(q)
    for name, data_bytes in outputs:  # everything is rendered before anything is written
        path = folder / name
        write_or_exit(path, data_bytes, lang)
        typer.echo(str(path))
    if report.left_out:
        names = report.words["sep"].join(x.file for x in report.left_out)
        typer.echo(_say("left_out", lang, n=len(report.left_out), names=names), err=True)


def _render(report, formats: list[str], templates: Path | None, short_title: str, q: str,
            lang: str) -> list[tuple[str, bytes]]:
    """Every requested file as (name, bytes); a problem ends the command before anything is written."""
    out: list[tuple[str, bytes]] = []

    def name(ext: str, edition: str = "submit") -> str:
        return report_name(short_title, q, lang, ext, edition)

    if "docx" in formats:
        from zengshou.report.docx import render_docx

        out.append((name("docx"), render_docx(report)))
    if "xlsx" in formats:
        from zengshou.report.limits import TooLongForExcel
        from zengshou.report.xlsx import render_workpaper_xlsx, render_xlsx

        try:
            out.append((name("xlsx"), render_xlsx(report)))
            out.append((name("xlsx", "workpaper"), render_workpaper_xlsx(report)))
        except TooLongForExcel as e:
            for p in e.problems:
                typer.echo(p.message(lang), err=True)
            raise typer.Exit(1) from None
    if "html" in formats:
        from zengshou.report.html import WORKPAPER, TemplateProblem, render_html

        try:
            out.append((name("html"), render_html(report, templates).encode("utf-8")))
            out.append((name("html", "workpaper"), render_html(report, templates, WORKPAPER).encode("utf-8")))
        except TemplateProblem as e:
            fail(str(e), lang)
    return out
