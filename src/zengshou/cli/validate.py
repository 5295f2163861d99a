"""``zengshou validate``: check the definitions and the submissions."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import app
from zengshou.cli.common import DEFAULT_DATA, DataOpt, LangOpt, data_dir_or_exit, fail, lang_of, write_or_exit


class Fmt(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command("validate")
def validate_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files or folders to check (pre-commit passes file names). Default: the whole data directory.")] = None,
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help="Only this quarter, e.g. 2023Q2.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text, json or github (annotations).")] = Fmt.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write the JSON report to this file.")] = None,
    changed: Annotated[bool, typer.Option(
        "--changed", help="Only files changed since a git ref (committed, staged, unstaged, untracked); "
        "everything when tasks.yaml, units.yaml or zengshou.toml changed. Ref: `--changed REF` or --since REF, "
        "default origin/HEAD, else HEAD.")] = False,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REF", help="Git ref for --changed (implies it), e.g. origin/main.")] = None,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Check tasks.yaml, units.yaml and the progress files. Exit 0 clean, 1 findings, 2 usage error."""
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.quarters import Quarter
    from zengshou.reporters import REPORTERS, JsonReporter

    lang = lang_of(lang)
    data_dir_or_exit(data, lang)
    if quarter is not None and Quarter.try_parse(quarter) is None:
        fail({"zh": f"季度格式不对：{quarter}（应为 2023Q2 这样的形式）", "en": f"not a quarter: {quarter} (expected e.g. 2023Q2)"}, lang)
    if quarter is not None:
        quarter = str(Quarter.parse(quarter))
    if changed and since is None and paths and len(paths) == 1 and not paths[0].exists():
        # `--changed REF`: file arguments are not allowed with --changed, so one that is not a
        # file is the ref (`--since REF` says the same explicitly)
        since, paths = str(paths[0]), None
    for p in paths or []:
        if not p.exists():
            fail({"zh": f"文件不存在：{p}", "en": f"no such file: {p}"}, lang)
    if output is not None:
        _check_output(output, lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail({"zh": f"配置文件有误：{e}", "en": f"bad configuration: {e}"}, lang)
    paths = _scope(paths, data, changed or since is not None, since, lang)
    result = lint(data, paths, quarter=quarter, config=config, keep=False)
    reporter = REPORTERS[fmt.value](lang, result.sources, result.files_checked)
    sys.stdout.write(reporter.render(result.findings))
    if output is not None:
        write_or_exit(output, JsonReporter(lang, result.sources, result.files_checked).render(result.findings), lang)
    raise typer.Exit(result.exit_code(strict))


def _check_output(output: Path, lang: str) -> None:
    """--output replaces only a regular file or creates one: a device, FIFO or link (to
    /dev/null, say) is refused before anything runs, and is left as it was."""
    from zengshou.atomic import NotRegularFile, check_target

    try:
        check_target(output)
    except NotRegularFile:
        fail({"zh": f"--output {output} 不是普通文件（是设备、命名管道、目录或符号链接），不会覆盖它；请指定一个普通文件路径",
              "en": f"--output {output} is not a regular file (a device, FIFO, directory or symbolic link) and will not "
                    "be replaced; name a regular file"}, lang)


def _scope(paths: list[Path] | None, data: Path, changed: bool, since: str | None, lang: str) -> list[Path] | None:
    """The files to hand to lint(): None means every submission.

    A definitions file among the paths (pre-commit passes tasks.yaml or units.yaml when they
    change) widens the run to everything, since every submission is read against them. With
    ``--changed``, git decides; when no submission changed, only the definitions are checked
    (lint() treats an empty list as "all", so the definitions file itself stands in: lint
    never treats it as a submission).
    """
    from zengshou.submissions import DEFINITIONS

    if changed:
        from zengshou.changed import GitError, changed_files

        if paths:
            fail({"zh": "--changed 不能与文件参数同时使用", "en": "--changed cannot be combined with file arguments"}, lang)
        try:
            ch = changed_files(data, since)
        except GitError as e:
            fail({"zh": f"无法确定改动的文件：{e}", "en": f"cannot tell which files changed: {e}"}, lang)
        if ch.everything:
            return None
        return ch.files or [data / DEFINITIONS[0]]
    if not paths:
        return None
    root = data.resolve()
    if any(p.name in DEFINITIONS and p.resolve().parent == root for p in paths):
        return None
    return paths
