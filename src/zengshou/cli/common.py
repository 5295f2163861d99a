"""Options and helpers shared by every command: data directory, language, output, errors."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from zengshou.i18n import pick

DataOpt = Annotated[Path, typer.Option(
    "--data", "-d", envvar="ZENGSHOU_DATA", show_default=True,
    help="Data directory holding tasks.yaml, units.yaml and progress/ (env ZENGSHOU_DATA).")]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", envvar="ZENGSHOU_LANG", help="Language of messages: zh (default) or en (env ZENGSHOU_LANG).")]

DEFAULT_DATA = Path("data")


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


FormatOpt = Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format: table or json.")]


def lang_of(lang: str | None) -> str:
    if lang and lang.lower() not in ("zh", "en", "zh-cn", "zh_cn", "en-us", "en_us"):
        fail({"zh": f"不支持的语言：{lang}（可用 zh、en）", "en": f"unsupported language: {lang} (use zh or en)"}, "en")
    return pick(lang)


def say(pair: dict[str, str] | str, lang: str) -> str:
    return pair if isinstance(pair, str) else pair.get(lang, pair["zh"])


def fail(msg: dict[str, str] | str, lang: str, code: int = 2) -> NoReturn:
    """Usage or environment error: one clear line on stderr, exit 2."""
    from zengshou.text import visible

    prefix = "错误：" if lang == "zh" else "error: "
    typer.echo(prefix + visible(say(msg, lang)), err=True)  # a path or value may hold ESC
    raise typer.Exit(code)


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def data_dir_or_exit(data: Path, lang: str) -> None:
    """Exit 2 unless ``data`` is a directory, saying whether it is missing or something else."""
    if data.is_dir():
        return
    if data.exists():
        fail({"zh": f"数据目录 {data} 不是目录（是一个文件）；用 --data 指定数据目录，或设置 ZENGSHOU_DATA",
              "en": f"data directory {data} is not a directory (it is a file); use --data or set ZENGSHOU_DATA"}, lang)
    fail({"zh": f"数据目录不存在：{data}（用 --data 指定，或设置 ZENGSHOU_DATA）",
          "en": f"data directory not found: {data} (use --data or set ZENGSHOU_DATA)"}, lang)


def load_catalog_or_exit(data: Path, lang: str):
    """The catalog, for commands that read only the plan definitions (see workspace_or_exit)."""
    return workspace_or_exit(data, lang).cat


def workspace_or_exit(data: Path, lang: str):
    """The run's workspace with its checked catalog, or exit: 2 when the data directory is
    missing, 1 on definition errors. Commands pass it on to lint, status and merge, so the
    definitions are read and checked once per run."""
    from zengshou.lint import load_definitions
    from zengshou.reporters import render_text
    from zengshou.workspace import Workspace

    data_dir_or_exit(data, lang)
    from zengshou.config import ConfigError

    try:
        ws = Workspace.open(data)
    except ConfigError as e:
        fail({"zh": f"配置文件有误：{e}", "en": f"bad configuration: {e}"}, lang)
    cat, findings = load_definitions(ws)
    errors = [f for f in findings if f.level == "error"]
    if cat is None or errors:
        from zengshou.loader import read_bytes

        sources = {}
        for name in {f.file for f in findings}:
            raw, err = read_bytes(Path(name), data)  # never a FIFO, a device or a link out of data/
            if err is None:
                sources[name] = raw.decode("utf-8", errors="replace")
        sys.stderr.write(render_text(findings, lang, sources=sources, files=2))
        raise typer.Exit(1)
    return ws


def resolve_unit_or_exit(cat, name: str, lang: str):
    u = cat.resolve(name)
    if u is None:
        near = cat.suggest(name)
        hint = {"zh": f"；可能是：{'、'.join(near)}" if near else "；用 zengshou units 查看全部单位",
                "en": f"; did you mean: {', '.join(near)}" if near else "; see `zengshou units`"}
        fail({"zh": f"未知单位：{name}{hint['zh']}", "en": f"unknown unit: {name}{hint['en']}"}, lang)
    return u


def quarter_or_exit(cat, text: str, lang: str):
    from zengshou.quarters import Quarter

    q = Quarter.try_parse(text)
    if q is None:
        fail({"zh": f"季度格式不对：{text}（应为 2023Q2 这样的形式）", "en": f"not a quarter: {text} (expected e.g. 2023Q2)"}, lang)
    if cat is not None and not cat.in_period(q):
        p = cat.plan.period
        fail({"zh": f"季度 {q} 不在规划期 {p.start}–{p.end} 内", "en": f"quarter {q} is outside the plan period {p.start}–{p.end}"}, lang)
    return q


def reporting_unit_or_exit(cat, name: str, quarter, lang: str):
    """The unit that files a submission for ``name`` in ``quarter``: never a group, and after an
    institutional reform the successor (said on stderr)."""
    u = resolve_unit_or_exit(cat, name, lang)
    if u.kind == "group":
        fail({"zh": f"“{u.name}”是群组，不是一个报送单位；请指定具体单位，如 --unit 资源县",
              "en": f"'{u.name}' is a group, not a reporting unit; name one unit, e.g. --unit ziyuan"}, lang)
    now = cat.current(u.id, quarter)
    if now != u.id:
        succ = cat.by_id[now]
        sys.stderr.write(f"注意：自 {u.successor.from_} 起“{u.name}”的任务由“{succ.name}”报送，已为后者生成。\n" if lang == "zh"
                         else f"note: from {u.successor.from_} on, '{succ.name}' reports for '{u.name}'; writing its form.\n")
        u = succ
    return u


def write_or_exit(path: Path, data: bytes | str, lang: str, shown: str | None = None) -> None:
    """Write an output atomically; a locked or unwritable target is a usage/environment error
    (exit 2) that says what to do, and the previous file is left as it was."""
    from zengshou.atomic import NotRegularFile, OutputLocked, write_bytes

    shown = shown or str(path)
    try:
        write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)
    except NotRegularFile:
        fail({"zh": f"{shown} 不是普通文件（是设备、命名管道、目录或符号链接），不会覆盖它",
              "en": f"{shown} is not a regular file (a device, FIFO, directory or symbolic link) and will not be replaced"}, lang)
    except OutputLocked:
        fail({"zh": f"无法替换 {shown}：文件可能正在 Excel 或 WPS 中打开。请关闭后重试；原文件未改动。",
              "en": f"cannot replace {shown}: it is probably open in Excel or WPS. Close it and retry; "
                    "the old file is unchanged."}, lang)
    except OSError as e:
        fail({"zh": f"无法写入 {shown}：{e.strerror or e}", "en": f"cannot write {shown}: {e.strerror or e}"}, lang)
