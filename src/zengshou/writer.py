"""Writing submission files: the ready-to-fill form of ``zengshou new``, which is also how
``scripts/make_sample.py`` writes the sample quarter (a filled-in form).

Library code, so a script or another tool can produce exactly what a clerk gets.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import os
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: msvcrt.locking instead
    fcntl = None  # type: ignore[assignment]

from zengshou import signoff
from zengshou.atomic import Outside
from zengshou.i18n import both, localized
from zengshou.i18n import t as msg
from zengshou.yamlout import char_ok, no_suppression, scalar, text_value

SCHEMA_REF = "../../../docs/schema/progress.schema.json"
COMMENT_WIDTH = 88  # display cells of a wrapped comment line, CJK counted as two
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]}…")


def cells(s: str) -> int:
    if s.isascii():
        return len(s)
    width = unicodedata.east_asian_width
    return len(s) + sum(1 for ch in s if width(ch) in "WF")


def wrap(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese/ASCII text to ``width`` display cells.

    Chinese breaks between any two characters, but a closing mark never starts a line and an
    ASCII word is not split unless it is longer than a line.
    """
    lines: list[str] = []
    cur = ""
    used = 0  # cells(cur), kept as it grows: measuring the line anew per token made this quadratic
    i = 0
    text = " ".join(text.split())
    while i < len(text):
        ch = text[i]
        token = ch
        if ch.isascii() and ch.isalnum():
            j = i
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in "._-/%"):
                j += 1
            token = text[i:j]
        size = cells(token)
        if cur and used + size > width and token[0] not in _NO_LINE_START and size <= width:
            lines.append(cur.rstrip())
            cur = token.lstrip()
            used = cells(cur)
        else:
            cur += token
            used += size
        i += len(token)
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def literal(text: str, indent: int) -> str:
    """Progress as the form writes it: a literal block (``|-``), the style the clerk fills in;
    an empty one for a blank form."""
    return "|-" if text == "" else text_value(text, indent, block=True)


#: What a figure means, by how it adds up (docs/indicators.md): the label a form shows with it
#: (catalogue ids ``form.meaning.<key>``).
FIGURE_MEANING = {
    k: both(f"form.meaning.{k}") for k in ("cumulative", "count_by", "level", "per_year", "share", "rate")
}
#: the people a form names, in the order it lists them (catalogue ids ``form.people.<key>``)
PEOPLE = signoff.keys()


def _pad(s: str, width: int = 26) -> str:
    """``s`` padded so the comment after it starts in column ``width`` (or two spaces later)."""
    return s.ljust(width) if len(s) < width else s + "  "


def figure_label(ind, lang: str = "zh") -> str:
    """An indicator as a form labels its figure: what is counted, the unit, what the number means."""
    key = ind.aggregation if ind.aggregation in FIGURE_MEANING else "share" if ind.unit == "%" else "rate"
    return msg(
        "form.figure_label",
        lang,
        name=localized(ind.name, ind.name_en, lang),
        unit=ind.unit,
        meaning=msg(f"form.meaning.{key}", lang),
    )


def comment_text(text: str) -> str:
    """Text made safe to stand in a comment: one line, only characters a YAML file may hold
    as they are, no direction controls."""
    from zengshou.text import BIDI_CONTROLS

    return no_suppression("".join(ch for ch in " ".join(text.split()) if char_ok(ch) and ch not in BIDI_CONTROLS))


_comment_text = functools.lru_cache(maxsize=4096)(comment_text)


@functools.lru_cache(maxsize=4096)
def _comment_lines(part: str) -> tuple[str, ...]:
    """A comment paragraph of a form, wrapped. The same task and previous-quarter texts come
    back on every save of a unit's form (``zengshou serve``): wrapped once, not per save."""
    return tuple("  # " + ln for ln in wrap(part, COMMENT_WIDTH - 4))


def render_form(
    cat,
    unit_id: str,
    quarter,
    rows: list[int],
    *,
    lang: str = "zh",
    path: str = "",
    values: dict[int, str] | None = None,
    statuses: dict[int, str] | None = None,
    submitted: date | None = None,
    contact: str | None = None,
    optional: set[int] | None = None,
    figures: dict[int, dict[str, object]] | None = None,
    figure_defs: dict[int, list] | None = None,
    previous: dict[int, str] | None = None,
    people: dict[str, str] | None = None,
    notes: dict[int, str] | None = None,
    source: dict[str, str] | None = None,
) -> str:
    """The submission file for ``unit_id`` and ``quarter`` covering ``rows``.

    Every item has an empty ``status:`` to fill in; rows in ``figure_defs`` (row → the indicators
    this unit reports, :func:`zengshou.forms.unit_figures`) get their ``figures:`` keys commented
    out (a figure left empty would be an error); ``previous`` (row → last quarter's text) is shown
    as a comment under the task. With ``values`` (row → progress) it is a filled-in form:
    ``scripts/make_sample.py`` writes the sample quarter this way, so the samples look exactly
    like forms a clerk filled in. ``figures`` (row → indicator id → number) fills ``figures``;
    ``notes`` (row → remark) and ``source`` (a mail import's origin) carry those fields of a
    file that is written again (``zengshou serve`` saving over an imported file).
    """
    from zengshou.quarters import Quarter

    q = Quarter.parse(str(quarter))
    optional = optional or set()
    lines = _form_head(cat, unit_id, q, rows, lang, optional, submitted, contact, people or {}, source)
    prev_label = msg("form.previous", lang, q=q.prev())
    for row in rows:
        if row != rows[0]:
            lines.append("")
        lines += _item_comment(cat, row, lang, row in optional, (previous or {}).get(row), prev_label)
        lines += _item_lines(row, lang, values or {}, statuses or {}, figures, figure_defs or {}, notes)
    return "\n".join(lines) + "\n"


def _form_head(
    cat,
    unit_id: str,
    q,
    rows: list[int],
    lang: str,
    optional: set[int],
    submitted: date | None,
    contact: str | None,
    people: dict[str, str],
    source: dict[str, str] | None,
) -> list[str]:
    """The lines above ``items:`` (and that line): the schema link, the instructions comment,
    the unit and quarter, and the fields a clerk fills once per form — the unfilled ones left as
    comments, so the form says what is missing without being invalid."""
    u = cat.by_id[unit_id]
    plan = cat.plan
    fmt = {
        "name": u.name,
        "label": q.label(lang),
        "title": msg("form.title", lang, title=plan.short_title),
        "n": len([r for r in rows if r not in optional]),
        "deadline": cat.deadline(q).isoformat(),
        "day": plan.deadline_day,
        "mailbox": plan.mailbox or "-",
        "limit": plan.max_chars,
    }
    lines = [f"# yaml-language-server: $schema={SCHEMA_REF}"]
    lines += [("# " + no_suppression(ln)).rstrip() for ln in msg("form.header", lang, **fmt).split("\n")]
    lines += [f"unit: {scalar(u.name)}", f"quarter: {q}"]
    if submitted is None:
        lines.append("# submitted: YYYY-MM-DD")
    else:
        lines.append(f"submitted: {submitted.isoformat()}")
    if contact:
        lines.append(f"contact: {scalar(contact)}")
    for key in PEOPLE:
        value, label = people.get(key), msg(f"form.people.{key}", lang)
        lines.append(f"{key}: {scalar(value)}" if value else _pad(f"{key}:", 16) + f"# {label}")
    if source:
        lines.append("source:")
        lines += [f"  {k}: {scalar(v)}" for k, v in source.items() if v is not None]
    lines.append("items:")
    return lines


def _item_comment(cat, row: int, lang: str, is_optional: bool, previous: str | None, prev_label: str) -> list[str]:
    """The comment above an item: row, measure and lead unit (on one line when they fit), the
    task text, and last quarter's progress — what the clerk needs without opening the plan."""
    t = cat.task(row)
    m = cat.measures[t.measure]
    lead = t.units[0]
    head = msg("form.item_head", lang, row=row, measure=m.id, title=m.title)
    who = msg("form.item_lead", lang, lead=lead) + (msg("form.item_optional", lang) if is_optional else "")
    body = msg("form.item_task", lang, text=t.text)
    if cells(f"{head} · {who}") <= COMMENT_WIDTH - 4:
        head, who = f"{head} · {who}", ""
    lines: list[str] = []
    before = _comment_text(previous or "")
    for part in (head, who, body, prev_label + before if before else ""):
        if part:
            lines += _comment_lines(no_suppression(part))
    return lines


def _item_lines(
    row: int,
    lang: str,
    values: dict[int, str],
    statuses: dict[int, str],
    figures: dict[int, dict[str, object]] | None,
    figure_defs: dict[int, list],
    notes: dict[int, str] | None,
) -> list[str]:
    """An item's keys: progress, status (a hint comment when unset), the figures — given ones
    filled in, expected ones commented out, since an empty figure would be an error — and a note."""
    lines = [f"  - task: {row}", f"    progress: {literal(values.get(row, ''), 6)}"]
    if row in statuses:
        lines.append(f"    status: {scalar(statuses[row])}")
    else:
        lines.append(_pad("    status:") + f"# {msg('form.status_hint', lang)}")
    if figures and figures.get(row):
        lines.append("    figures:")
        lines += [
            f"      {k}: {v if isinstance(v, (int, float)) and not isinstance(v, bool) else scalar(v)}"
            for k, v in figures[row].items()
        ]
    elif figure_defs.get(row):
        lines.append(_pad("    # figures:") + f"# {msg('form.figures_hint', lang)}")
        lines += [
            _pad(f"    #   {ind.id}:") + f"# {no_suppression(figure_label(ind, lang))}" for ind in figure_defs[row]
        ]
    if notes and notes.get(row):
        lines.append(f"    note: {text_value(notes[row], 6)}")
    return lines


# ---------------------------------------------------------------- writing a submission safely
#
# Every writer of a submission — ``new``, ``import``, mail intake, the web form — goes through
# :func:`write_submission` (or holds :func:`unit_lock` around its own read-compare-write):
#
# * one lock per unit file, so two writers of one unit's file never both read "absent" and both
#   write: the second waits, then sees the first one's file (and is refused without ``force``);
# * every replacement keeps the replaced file as ``.bak`` (``.bak.1`` …) beside it;
# * nothing is written where a link leads out of the data directory (``validate`` would refuse
#   to read it: S113), neither the file nor a quarter folder made a link.


#: the target, or a folder on its way, is a link that leads out of the data directory
OutsideData = Outside


class LockTimeout(OSError):
    """Another writer held the unit file's lock for longer than the wait allowed."""


class BackupFailed(OSError):
    """The file to be replaced could not be kept as ``.bak``: it was left as it was."""


LOCK_WAIT = 60.0  # seconds a writer waits for another writer of the same unit file


def lock_path(target: Path) -> Path:
    """The lock file of a submission: hidden, beside it, never matched by a ``*.yaml`` scan,
    removed by the writer that holds it when done."""
    target = Path(target)
    return target.with_name(f".{target.name}.zengshou-lock")


def check_inside(target: Path, data_dir: Path | None) -> None:
    """Raise :class:`OutsideData` when ``target`` would land outside ``data_dir`` once links are
    followed (a quarter folder or ``progress`` made a link, or the file itself a link out)."""
    if data_dir is None:
        return
    root = os.path.realpath(data_dir)
    real = os.path.realpath(target)
    if not real.startswith(root + os.sep):
        raise OutsideData(0, "leads out of the data directory through a link", str(target))


@contextlib.contextmanager
def unit_lock(target: Path, *, data_dir: Path | None = None, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock of one submission file (every writer of it takes this one lock). Blocks up
    to ``wait`` seconds (:class:`LockTimeout`). The lock is an ``flock`` on a hidden file beside
    the target, checked to still be the file at that name once held (a holder removes it when
    done), so a waiter never ends up holding a lock nobody else can see."""
    target = Path(target)
    check_inside(target, data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    check_inside(target, data_dir)  # the folder just made, or found, is where it should be
    path = lock_path(target)
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0), 0o666)
        try:
            _acquire(fd, deadline, target)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)  # the holder before removed it: take the lock on the new one
    try:
        yield
    finally:
        try:
            if os.name != "nt":
                os.unlink(path)  # while held: a waiter on this file sees it gone and retries
        except OSError:
            pass
        _release(fd)
        os.close(fd)


def _acquire(fd: int, deadline: float, target: Path) -> None:
    while True:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # Windows
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise LockTimeout(0, "another writer holds this file", str(target)) from None
            time.sleep(0.01)


def _release(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


@dataclass
class Written:
    """What :func:`write_submission` did: ``state`` is ``wrote`` (there was no file),
    ``replaced`` (with ``force``; ``backup`` holds the old file), ``unchanged`` (same bytes) or
    ``exists`` (a different file is there and ``force`` was not given: nothing written).
    ``old`` is the text that was there, for a diff."""

    state: str
    old: str | None = None
    backup: Path | None = None


def write_submission(
    target: Path,
    text: str,
    *,
    data_dir: Path | None,
    force: bool = False,
    before_replace: Callable[[str], None] | None = None,
) -> Written:
    """Write one submission file the safe way: under :func:`unit_lock`, compared with what is
    there now (not with what was there when the caller looked), replacing a different file
    only with ``force`` and then keeping it as ``.bak`` first, atomically, never through a link
    out of ``data_dir``. ``before_replace(old_text)`` runs under the lock just before a
    replacement (``new`` prints its diff there). Raises :class:`OutsideData`,
    :class:`LockTimeout`, :class:`BackupFailed`, :class:`zengshou.atomic.NotRegularFile`,
    ``OutputLocked`` or another ``OSError``; the file is then as it was."""
    from zengshou.atomic import check_target, write_bytes

    target = Path(target)
    new = text.encode("utf-8")
    with unit_lock(target, data_dir=data_dir):
        check_target(target)  # a link, FIFO or folder at the name is never replaced
        try:
            old = target.read_bytes()
        except FileNotFoundError:
            old = None
        if old is None:
            write_bytes(target, new, inside=data_dir)
            return Written("wrote")
        old_text = old.decode("utf-8", "replace")
        if old == new:
            return Written("unchanged", old_text)
        if not force:
            return Written("exists", old_text)
        if before_replace is not None:
            before_replace(old_text)
        try:
            saved = backup(target)
        except OSError as e:
            raise BackupFailed(e.errno or 0, e.strerror or str(e), str(target)) from e
        write_bytes(target, new, inside=data_dir)
        return Written("replaced", old_text, saved)


# ---------------------------------------------------------------- replacing a filled-in file


def backup(path: Path) -> Path:
    """Copy ``path`` to ``<name>.bak`` beside it — or ``.bak.1``, ``.bak.2`` … when that exists:
    an older backup is never overwritten (the name is claimed with O_EXCL). Returns the copy."""
    data = Path(path).read_bytes()
    for n in range(1000):
        cand = Path(path).with_name(Path(path).name + (".bak" if n == 0 else f".bak.{n}"))
        try:
            fd = os.open(cand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return cand
    raise FileExistsError(f"{path}: 1000 backups already beside it")


def unified_diff(old: str, new: str, shown: str, old_label: str, new_label: str) -> str:
    """The change from ``old`` to ``new`` as a unified diff, headed with ``shown`` and the labels."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{shown}（{old_label}）",
            tofile=f"{shown}（{new_label}）",
        )
    )
