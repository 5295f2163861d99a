"""``zengshou validate``: check the definitions and the submissions."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import DEFAULT_DATA, DataOpt, H, LangOpt, data_dir_or_exit, fail, lang_of, write_or_exit


class Fmt(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@command("validate")
def validate_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(help=H("opt.validate.paths"), metavar=H("meta.paths"))] = None,
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.validate.quarter"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=H("opt.validate.strict"))] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help=H("opt.validate.format"))] = Fmt.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=H("opt.validate.output"))] = None,
    changed: Annotated[bool, typer.Option("--changed", help=H("opt.validate.changed"))] = False,
    since: Annotated[str | None, typer.Option("--since", metavar=H("meta.ref"), help=H("opt.validate.since"))] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help=H("opt.validate.no_cache"))] = False,
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
        fail("cli.bad_quarter", lang, text=quarter)
    if quarter is not None:
        quarter = str(Quarter.parse(quarter))
    if changed and since is None and paths and len(paths) == 1 and not paths[0].exists():
        # `--changed REF`: file arguments are not allowed with --changed, so one that is not a
        # file is the ref (`--since REF` says the same explicitly)
        since, paths = str(paths[0]), None
    for p in paths or []:
        if not p.exists():
            fail("cli.no_such_file", lang, path=p)
    if output is not None:
        _check_output(output, lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))
    paths = _scope(paths, data, changed or since is not None, since, lang)
    cache = None
    if config.cache and not no_cache:
        from zengshou.cache import Cache

        cache = Cache.open(data)
    result = lint(data, paths, quarter=quarter, config=config, keep=False, cache=cache)
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
        fail("cli.not_regular_output", lang, path=output)


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
            fail("cli.changed_with_paths", lang)
        try:
            ch = changed_files(data, since)
        except GitError as e:
            fail("cli.changed_unknown", lang, error=e)
        if ch.everything:
            return None
        return ch.files or [data / DEFINITIONS[0]]
    if not paths:
        return None
    root = data.resolve()
    if any(p.name in DEFINITIONS and p.resolve().parent == root for p in paths):
        return None
    return paths
