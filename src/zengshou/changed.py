"""Which data files changed since a git ref — so CI on a large data repository checks only those.

``validate --changed`` asks this module for the submissions touched since a base ref: committed
on the branch since it left the base, staged, unstaged, and untracked (not ignored) files all
count, because a clerk's new file is usually still untracked when the hook or the check runs.
Deleted files are left out: there is nothing left to check. When a definitions file
(``tasks.yaml``, ``units.yaml``) or the rule configuration (``zengshou.toml``) changed, every
submission may have changed meaning, so the answer is "everything".

The default base is ``origin/HEAD`` (the remote's default branch, what a pull request merges
into) and ``HEAD`` when there is no such remote ref, e.g. in a fresh local clone: then only
uncommitted and untracked files count. Against a branch ref, the diff starts at the merge base
(like GitHub's "files changed"), so commits that landed on the base meanwhile do not count.

Nothing here prints or exits: problems are raised as :class:`GitError` with a message meant
for the user.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from zengshou.submissions import DEFINITIONS, SUFFIXES

DEFAULT_REFS = ("origin/HEAD", "HEAD")
CONFIG_FILES = ("zengshou.toml",)


class GitError(Exception):
    """Not a git repository, git missing, or a ref git does not know. ``str()`` is the message."""


@dataclass
class Changes:
    """What changed under the data directory since ``base``."""

    base: str  # the ref as given or chosen
    files: list[Path] = field(default_factory=list)  # changed submission files that exist, sorted
    everything: bool = False  # a definitions or config file changed: check all submissions
    triggers: list[Path] = field(default_factory=list)  # the definitions/config files that changed


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if proc.returncode != 0:
        raise GitError(
            (proc.stderr or proc.stdout).strip().splitlines()[-1]
            if (proc.stderr or proc.stdout).strip()
            else f"git {' '.join(args)} failed"
        )
    return proc.stdout


def repo_root(path: Path) -> Path:
    """Top of the work tree containing ``path``; GitError when there is none."""
    path = Path(path)
    cwd = path if path.is_dir() else path.parent
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except GitError:
        raise GitError(f"{path} is not inside a git repository") from None
    return Path(out.strip())


def _resolves(ref: str, root: Path) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], root)
        return True
    except GitError:
        return False


def default_ref(root: Path) -> str:
    """``origin/HEAD`` when the remote's default branch is known, else ``HEAD``."""
    for ref in DEFAULT_REFS:
        if _resolves(ref, root):
            return ref
    raise GitError("the repository has no commits yet; commit once, or name a ref")


def changed_paths(root: Path, base: str) -> list[Path]:
    """Absolute paths changed since ``base`` (merge base when there is one), plus untracked files."""
    if not _resolves(base, root):
        raise GitError(f"unknown git ref '{base}' (fetch it first, e.g. git fetch origin, or name another ref)")
    start = base
    if base != "HEAD":
        try:
            start = _git(["merge-base", base, "HEAD"], root).strip() or base
        except GitError:  # unrelated histories or a shallow clone: compare with the ref itself
            start = base
    diff = _git(["diff", "--name-only", "--no-renames", "--diff-filter=d", "-z", start, "--"], root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = {n for n in (diff + untracked).split("\0") if n}
    return sorted(root / n for n in names)


def changed_files(data_dir: Path | str, base: str | None = None) -> Changes:
    """The submissions under ``data_dir`` changed since ``base`` (default: see module docstring)."""
    data_dir = Path(data_dir).resolve()
    root = repo_root(data_dir).resolve()
    base = base or default_ref(root)
    out = Changes(base)
    project_root = data_dir.parent
    for p in changed_paths(root, base):
        # the parent resolved, the name not: a changed symlink is the link itself, checked (and
        # reported by the loader when it leads out of the data directory), never its target
        p = p.parent.resolve() / p.name
        if (p.parent == data_dir and p.name in DEFINITIONS) or (
            p.name in CONFIG_FILES and p.parent in (data_dir, project_root)
        ):
            out.triggers.append(p)
            out.everything = True
            continue
        try:
            rel = p.relative_to(data_dir)
        except ValueError:
            continue
        if rel.parts[:1] == ("progress",) and p.suffix in SUFFIXES and os.path.lexists(p):
            out.files.append(p)  # a FIFO, device or link too: the loader says what it is
    return out
