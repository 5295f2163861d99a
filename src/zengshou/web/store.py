"""A unit's rows for one quarter: read from its file, checked, written back.

Load → check → model, as everywhere in zengshou: :meth:`Store.page` turns the unit's file into
a :class:`Page` (what the browser shows), :meth:`Store.save` turns what the browser sent
(:class:`Entry`) into the file ``zengshou new`` would write for those values
(:func:`zengshou.writer.render_form`), lints it in memory with the project's own rules, and
writes it atomically (:func:`zengshou.atomic.write_text`) under a per-file lock — or refuses:
the quarter is locked, the page was stale (someone saved meanwhile: both versions go back to
the browser), or a submit has errors (then it is kept as a draft, nothing typed is lost).
Every version written, and the one it replaced, is kept in the history
(:meth:`zengshou.web.state.ServerState.keep`), and committed when the data directory is in git.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import stat
import subprocess
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from zengshou.atomic import write_text
from zengshou.catalog import Catalog
from zengshou.config import Config, load_config
from zengshou.findings import Finding
from zengshou.forms import STATUSES, previous_texts, unit_figures
from zengshou.i18n import t
from zengshou.lint import lint, load_definitions
from zengshou.loader import load_bytes
from zengshou.models import Submission
from zengshou.quarters import Quarter
from zengshou.schema import validate
from zengshou.submissions import Loaded, display_path, load_light, load_submission
from zengshou.text import char_count
from zengshou.web.state import ServerState
from zengshou.workspace import Workspace
from zengshou.writer import PEOPLE, LockTimeout, OutsideData, figure_label, render_form, unit_lock

CST = timezone(timedelta(hours=8), "CST")
#: the longest value one field may hold: far beyond the 300-character limit (C405 reports
#: that), small enough that a hostile post costs nothing to check
MAX_FIELD = 20_000
MAX_PERSON = 200
_NUMBER = re.compile(r"[0-9]+(?:[.][0-9]+)?")


def cst_today() -> date:
    """The server's date in China Standard Time (``submitted``), or ZENGSHOU_TODAY when set
    (tests and demonstrations pin the date the same way as the CLI)."""
    pinned = (os.environ.get("ZENGSHOU_TODAY") or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", pinned):
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return datetime.now(CST).date()


def digest(raw: bytes | None) -> str:
    """What a page remembers of the file it was made from: a save compares it with the file
    on disk to find a stale page."""
    return "" if raw is None else hashlib.sha256(raw).hexdigest()[:32]


class _Number(float):
    """A figure typed as a decimal (``3.10``): render_form writes numbers plain, and this keeps
    the digits exactly as typed (a float would write ``3.1``)."""

    def __new__(cls, text: str):
        obj = super().__new__(cls, float(text))
        obj.text = text  # type: ignore[attr-defined]
        return obj

    def __format__(self, spec: str) -> str:
        return self.text  # type: ignore[attr-defined]

    def __str__(self) -> str:
        return self.text  # type: ignore[attr-defined]


@dataclass
class FigureView:
    id: str
    label: str
    value: str
    findings: list[str] = field(default_factory=list)


@dataclass
class RowView:
    row: int
    measure: str
    task: str
    lead: str
    optional: bool
    progress: str
    status: str
    figures: list[FigureView]
    previous: str
    count: int
    findings: list[str] = field(default_factory=list)
    status_findings: list[str] = field(default_factory=list)
    theirs: str | None = None  # on a refused stale save: the text saved meanwhile


@dataclass
class Page:
    unit_id: str
    unit_name: str
    quarter: str
    quarter_label: str
    deadline: date
    rows: list[RowView]
    people: dict[str, str]
    people_findings: dict[str, list[str]]
    submitted: date | None
    base: str
    locked: bool
    general: list[str] = field(default_factory=list)  # findings not beside one field
    errors: int = 0
    warnings: int = 0
    unreadable: bool = False
    max_chars: int = 300
    theirs_people: dict[str, str] | None = None


@dataclass
class Entry:
    """What the browser sent, checked for shape only (known rows, known figures, 进展 values)."""

    progress: dict[int, str]
    status: dict[int, str]
    figures: dict[int, dict[str, str]]
    people: dict[str, str]


@dataclass
class Outcome:
    kind: str  # draft | submitted | kept_draft (a submit with errors) | refused | conflict | locked | unreadable | unwritable
    page: Page


class BadPost(ValueError):
    """The post is not what a page of this server sends (a field too long, a bad value)."""


class Store:
    def __init__(self, data_dir: Path | str, state: ServerState, lang: str = "zh"):
        self.data_dir = Path(data_dir)
        self.state = state
        self.lang = lang
        ws = Workspace.open(self.data_dir)
        cat, found = load_definitions(ws)
        errors = [f for f in found if f.level == "error"]
        if cat is None or errors:
            raise ValueError(
                "; ".join(f"{f.file}:{f.line or ''} {f.code} {f.message(lang)}" for f in errors[:5])
                or "tasks.yaml / units.yaml cannot be read"
            )
        self.cat: Catalog = cat
        self.config: Config = load_config(self.data_dir)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._last_kept: dict[str, str] = {}
        self._previous: dict[tuple[str, str], tuple[list, dict[int, str]]] = {}
        self._loaded: dict[Path, tuple[tuple[int, int, int], Loaded]] = {}
        # the unit files as read() last found them (parsed once while size, time and inode hold)
        self._read: dict[Path, tuple[tuple[int, int, int], bytes, Loaded]] = {}
        self.git = GitCommitter(self.data_dir) if in_git(self.data_dir) else None

    # ------------------------------------------------------------ where things are
    def path(self, unit_id: str, quarter: str) -> Path:
        # both parts come from a signed session naming a catalog unit and a parsed quarter,
        # never from the request's path or fields; a clerk's existing .yml file is the unit's file
        folder = self.data_dir / "progress" / str(Quarter.parse(quarter))
        uid = self.cat.by_id[unit_id].id
        yml = folder / f"{uid}.yml"
        if os.path.lexists(yml) and not os.path.lexists(folder / f"{uid}.yaml"):
            return yml
        return folder / f"{uid}.yaml"

    def rows(self, unit_id: str, quarter: str, have: list[int] | None = None) -> tuple[list[int], set[int]]:
        """The rows of the unit's page, in plan order, and which of them are optional: what
        ``zengshou new`` asks, plus any row its file already holds (never dropped on save)."""
        required = self.cat.required_rows(unit_id, quarter)
        roles = self.cat.roles(unit_id, quarter)
        rows = set(required) if required else set(roles)
        rows |= {r for r in have or [] if self.cat.task(r) is not None}
        return sorted(rows), {r for r in rows if r not in required}

    def previous(self, unit_id: str, quarter: str) -> dict[int, str]:
        """Last quarter's texts (:func:`zengshou.forms.previous_texts`), read again only when
        that quarter's folder or the unit's file there changes: every save shows them."""
        folder = self.data_dir / "progress" / str(Quarter.parse(quarter).prev())
        stamp = []
        for p in [folder, *sorted(folder.glob(f"{unit_id}.y*ml"))] if folder.is_dir() else []:
            try:
                st = p.stat()
                stamp.append((p.name, st.st_mtime_ns, st.st_size))
            except OSError:
                pass
        key = (unit_id, quarter)
        hit = self._previous.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        texts = previous_texts(self.cat, self.data_dir, unit_id, quarter)
        self._previous[key] = (stamp, texts)
        return texts

    def _lock(self, key: str) -> threading.Lock:
        with self._locks_lock:
            return self._locks.setdefault(key, threading.Lock())

    # ------------------------------------------------------------ reading
    def read(self, unit_id: str, quarter: str) -> tuple[bytes | None, Loaded | None]:
        p = self.path(unit_id, quarter)
        try:
            st = p.lstat()
        except OSError:
            return None, None
        if not stat.S_ISREG(st.st_mode):
            return None, None
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        hit = self._read.get(p)
        if hit is not None and hit[0] == stamp:
            return hit[1], hit[2]
        try:
            raw = p.read_bytes()
        except OSError:
            return None, None
        sub = load_submission(p, self.cat, self.data_dir)
        if sub.doc.text.encode("utf-8") == raw.removeprefix(b"\xef\xbb\xbf") or not sub.ok:
            self._read[p] = (stamp, raw, sub)
        return raw, sub

    def page(self, unit_id: str, quarter: str) -> Page:
        raw, sub = self.read(unit_id, quarter)
        if sub is not None and not sub.ok:
            page = self._page(unit_id, quarter, _entry_of(None), None, digest(raw))
            page.unreadable = True
            return page
        model = sub.model if sub is not None else None
        page = self._page(unit_id, quarter, _entry_of(model), model.submitted if model else None, digest(raw))
        if raw is not None:
            self._annotate(page, self._check(unit_id, quarter, raw))
        return page

    def _page(self, unit_id: str, quarter: str, entry: Entry, submitted: date | None, base: str) -> Page:
        cat, lang = self.cat, self.lang
        q = Quarter.parse(quarter)
        rows, optional = self.rows(unit_id, quarter, list(entry.progress) + list(entry.status) + list(entry.figures))
        defs = unit_figures(cat, unit_id, rows, q)
        previous = self.previous(unit_id, quarter)
        views = []
        for r in rows:
            task = cat.task(r)
            assert task is not None
            m = cat.measures[task.measure]
            figs = [
                FigureView(ind.id, figure_label(ind, lang), entry.figures.get(r, {}).get(ind.id, ""))
                for ind in defs.get(r, [])
            ]
            known = {f.id for f in figs}
            figs += [FigureView(k, k, v) for k, v in entry.figures.get(r, {}).items() if k not in known]
            text = entry.progress.get(r, "")
            views.append(
                RowView(
                    r,
                    m.title,
                    task.text,
                    task.units[0],
                    r in optional,
                    text,
                    entry.status.get(r, ""),
                    figs,
                    previous.get(r, ""),
                    char_count(text),
                )
            )
        u = cat.by_id[unit_id]
        return Page(
            unit_id,
            u.name,
            str(q),
            q.label(lang),
            cat.deadline(q),
            views,
            {k: entry.people.get(k, "") for k in PEOPLE},
            {k: [] for k in PEOPLE},
            submitted,
            base,
            self.state.locked(str(q)),
            max_chars=cat.plan.max_chars,
        )

    # ------------------------------------------------------------ what the browser sent
    def entry(self, unit_id: str, quarter: str, form) -> Entry:
        """Read a posted form (any mapping of field → text): only the fields of the unit's
        page are looked at; everything else in the post is ignored."""
        raw, sub = self.read(unit_id, quarter)
        have = [it.task for it in sub.model.items] if sub is not None and sub.model else []
        rows, _ = self.rows(unit_id, quarter, have)
        defs = unit_figures(self.cat, unit_id, rows, quarter)
        old_figs = _entry_of(sub.model if sub is not None else None).figures

        def text(name: str, limit: int = MAX_FIELD) -> str:
            v = form.get(name)
            v = "" if v is None else str(v)
            if len(v) > limit:
                raise BadPost(name)
            return v.replace("\r\n", "\n").replace("\r", "\n")

        e = Entry({}, {}, {}, {})
        for r in rows:
            if f"progress.{r}" in form:
                e.progress[r] = text(f"progress.{r}")
            st = text(f"status.{r}", 20).strip()
            if st:
                if st not in STATUSES:
                    raise BadPost(f"status.{r}")
                e.status[r] = st
            ids = [ind.id for ind in defs.get(r, [])] + [k for k in old_figs.get(r, {}) if k]
            for k in dict.fromkeys(ids):
                v = text(f"fig.{r}.{k}", 100).strip()
                if v:
                    e.figures.setdefault(r, {})[k] = v
        for k in PEOPLE:
            v = text(k, MAX_PERSON).strip()
            if v:
                e.people[k] = " ".join(v.split())
        return e

    # ------------------------------------------------------------ checking
    def render(
        self, unit_id: str, quarter: str, e: Entry, submitted: date | None, old: Submission | None = None
    ) -> str:
        """The file ``zengshou new`` writes for these values (same writer, same YAML). What the
        page does not show but the file it replaces holds — ``contact``, each item's ``note``,
        the ``source`` of a mail import — is carried over."""
        contact = old.contact if old else None
        notes = {it.task: it.note for it in old.items if it.note} if old else {}
        source = old.source.model_dump() if old and old.source else None
        q = Quarter.parse(quarter)
        rows, optional = self.rows(unit_id, quarter, list(e.progress) + list(e.status) + list(e.figures))
        path = self.path(unit_id, quarter)
        figures = {r: {k: _figure(v) for k, v in f.items()} for r, f in e.figures.items() if f}
        return render_form(
            self.cat,
            unit_id,
            q,
            rows,
            lang=self.lang,
            path=display_path(path),
            values=e.progress,
            statuses=e.status,
            submitted=submitted,
            contact=contact,
            optional=optional,
            figures=figures,
            figure_defs=unit_figures(self.cat, unit_id, rows, q),
            previous=self.previous(unit_id, quarter),
            people=e.people,
            notes=notes,
            source=source,
        )

    def _check(self, unit_id: str, quarter: str, raw: bytes) -> tuple[Loaded, list[Finding]]:
        """Lint ``raw`` as if it were the unit's file, without writing it: the candidate stands
        in for the file in a fresh workspace (cross-file rules read the others from disk)."""
        path = self.path(unit_id, quarter)
        shown = display_path(path)
        doc = load_bytes(raw, shown)
        model = validate(doc, Submission) if doc.data is not None or not doc.findings else None
        unit = self.cat.resolve(model.unit) if model else None
        loaded = Loaded(
            path,
            shown,
            doc,
            model,
            unit.id if unit else None,
            Quarter.try_parse(model.quarter) if model else None,
            path.parent.name,
        )
        ws = Workspace(self.data_dir, self.cat, cst_today())
        self._seed(ws, quarter, path)
        ws._files[path.absolute()] = loaded  # the candidate, not the file on disk
        result = lint(ws, [path], config=self.config)
        return loaded, [f for f in result.findings if f.file == shown and f.level in ("error", "warning")]

    def _seed(self, ws: Workspace, quarter: str, skip: Path) -> None:
        """Give the workspace the other files of the quarter and the one before as the rules
        read them beside the candidate (C408 compares with every unit of the quarter, C407
        with last quarter): parsed once and kept while a file's size, time and inode stay the
        same. Without this a save re-read the quarter's 34 files: 170 ms of a 200 ms budget."""
        q = Quarter.parse(quarter)
        for key in (str(q), str(q.prev())):
            folder = self.data_dir / "progress" / key
            if not folder.is_dir():
                continue
            for f in sorted(folder.iterdir()):
                if f.suffix not in (".yaml", ".yml") or f == skip:
                    continue
                try:
                    st = f.lstat()
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue  # the rules read it the slow way, and say what it is
                stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
                hit = self._loaded.get(f)
                if hit is None or hit[0] != stamp:
                    hit = (stamp, load_light(f, self.cat))
                    self._loaded[f] = hit
                ws._light[f.absolute()] = hit[1]

    def _annotate(self, page: Page, checked: tuple[Loaded, list[Finding]]) -> None:
        """Put each finding beside the field it is about: the item (by line), then its
        进展 or figure; 填报人/联系电话/审核人; the rest at the top of the page."""
        loaded, found = checked
        doc, lang = loaded.doc, self.lang
        items = []
        model = loaded.model
        if model is not None:
            for i, it in enumerate(model.items):
                line = doc.pos(("items", i), key=False)[0] or 0
                items.append((line, i, it.task))
        items.sort()
        by_row = {v.row: v for v in page.rows}
        people_lines = {doc.pos((k,))[0]: k for k in PEOPLE if model is not None and getattr(model, k)}
        for f in found:
            text = _say(f, lang)
            if f.level == "error":
                page.errors += 1
            else:
                page.warnings += 1
            if f.line in people_lines:
                page.people_findings[people_lines[f.line]].append(text)
                continue
            owner = None
            for line, i, row in items:
                if f.line and line <= f.line:
                    owner = (i, row)
            if owner is None or owner[1] not in by_row:
                page.general.append(text)
                continue
            i, row = owner
            view = by_row[row]
            placed = False
            for fig in view.figures:
                if f.line and doc.pos(("items", i, "figures", fig.id))[0] == f.line and fig.value:
                    fig.findings.append(text)
                    placed = True
            if not placed and f.line and doc.pos(("items", i, "status"), key=True)[0] == f.line and view.status:
                view.status_findings.append(text)
                placed = True
            if not placed:
                view.findings.append(text)

    # ------------------------------------------------------------ saving
    def save(self, unit_id: str, quarter: str, e: Entry, base: str, submit: bool) -> Outcome:
        """Write what the browser sent, or say why not, under the unit file's lock. ``base``
        is the digest of the file the page was made from: any other file on disk now means the
        page is stale (outcome "conflict", both versions on the page)."""
        q = str(Quarter.parse(quarter))
        path = self.path(unit_id, quarter)
        key = f"{q}-{unit_id}"
        with self._lock(key):
            try:
                # the one lock every writer of this file takes (new, import, mail, this server)
                with unit_lock(path, data_dir=self.data_dir):
                    return self._save_locked(unit_id, q, path, key, e, base, submit)
            except (OutsideData, LockTimeout):  # a link out of the data directory; a writer stuck
                return Outcome("unwritable", self._typed(unit_id, q, e, None, base))

    def _save_locked(self, unit_id: str, q: str, path: Path, key: str, e: Entry, base: str, submit: bool) -> Outcome:
        """:meth:`save`'s work, run holding the unit file's lock."""
        if self.state.locked(q):
            return Outcome("locked", self._typed(unit_id, q, e, None, base))
        raw, sub = self.read(unit_id, q)
        if sub is not None and not sub.ok:
            page = self._typed(unit_id, q, e, None, base)
            page.unreadable = True
            return Outcome("unreadable", page)
        now = digest(raw)
        old = sub.model if sub is not None else None
        if now != base:
            page = self._typed(unit_id, q, e, None, now)
            theirs = _entry_of(old)
            for v in page.rows:
                v.theirs = theirs.progress.get(v.row, "")
            page.theirs_people = {k: theirs.people.get(k, "") for k in PEOPLE}
            page.submitted = old.submitted if old else None
            return Outcome("conflict", page)
        was = old.submitted if old else None
        # a correction keeps the first submission date: fixing a typo after the deadline
        # does not make an on-time report late (every version is in the history)
        when = (was or cst_today()) if submit or was else None
        text = self.render(unit_id, q, e, when, old)
        checked = self._check(unit_id, q, text.encode("utf-8"))
        kind = "submitted" if when else "draft"
        if when and any(f.level == "error" for f in checked[1]):
            if was:  # a submitted file stays as it was until the correction is valid
                page = self._typed(unit_id, q, e, was, now)
                self._annotate(page, checked)
                return Outcome("refused", page)
            text = self.render(unit_id, q, e, None, old)
            checked = self._check(unit_id, q, text.encode("utf-8"))
            kind = "kept_draft"
        new = text.encode("utf-8")
        if raw is not None and raw != new and self._last_kept.get(key) != now:
            self.state.keep(q, unit_id, raw, "before")
        if raw is None and os.path.lexists(path):
            # a link, a folder, a FIFO where the unit's file should be: never written through
            return Outcome("unwritable", self._typed(unit_id, q, e, None, base))
        if raw != new:
            try:
                write_text(path, text)
            except OSError:  # a full disk, a read-only folder: the old file stays as it was
                return Outcome("unwritable", self._typed(unit_id, q, e, None, base))
            self.state.keep(q, unit_id, new, "submit" if kind == "submitted" else "draft")
            self._last_kept[key] = digest(new)
            if self.git is not None:
                self.git.commit(
                    path,
                    t(
                        "web.git_message",
                        self.lang,
                        unit=self.cat.by_id[unit_id].name,
                        quarter=q,
                        kind=t(f"web.kind.{kind}", self.lang),
                    ),
                )
        page = self._page(unit_id, q, e, when if kind == "submitted" else None, digest(new))
        self._annotate(page, checked)
        return Outcome(kind, page)

    def _typed(self, unit_id: str, quarter: str, e: Entry, submitted: date | None, base: str) -> Page:
        """The page with what the browser sent in its fields (a refused save loses nothing)."""
        return self._page(unit_id, quarter, e, submitted, base)

    def count(self, text: str) -> int:
        return char_count(text[:MAX_FIELD])


def _figure(v: str):
    """A typed figure as render_form writes it: plain digits as a number, exactly as typed;
    anything else as text (the figure rules then say what is wrong with it)."""
    if _NUMBER.fullmatch(v):
        if "." not in v and (v == "0" or not v.startswith("0")):
            return int(v)
        if "." in v and not v.startswith("00"):
            return _Number(v)
    return v


def _entry_of(model: Submission | None) -> Entry:
    e = Entry({}, {}, {}, {})
    if model is None:
        return e
    for it in model.items:
        e.progress[it.task] = it.progress or ""
        if it.status:
            e.status[it.task] = it.status
        if it.figures:
            e.figures[it.task] = {k: "" if v is None else str(v) for k, v in it.figures.items()}
    for k in PEOPLE:
        v = getattr(model, k)
        if v:
            e.people[k] = str(v)
    return e


def _say(f: Finding, lang: str) -> str:
    return t(
        "web.finding", lang, level=t(f"level.{f.level}", lang), code=f.code, message=f.message(lang), fix=f.fix(lang)
    )


# ---------------------------------------------------------------- git


def in_git(folder: Path) -> bool:
    try:
        res = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return res.returncode == 0 and res.stdout.strip() == "true"


class GitCommitter:
    """Commits each saved file, one at a time, in a thread of its own: a save answers without
    waiting for git, and git's index lock is never contended. Commits only the saved file
    (``--only``), whatever else is staged."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.q: queue.Queue[tuple[Path, str] | None] = queue.Queue()
        self.errors: list[str] = []
        self._flushes: dict[str, threading.Event] = {}
        self._thread = threading.Thread(target=self._run, name="zengshou-git", daemon=True)
        self._thread.start()

    def commit(self, path: Path, message: str) -> None:
        self.q.put((path, message))

    def flush(self, timeout: float = 30) -> None:
        """Wait until every commit asked for so far is made (tests, shutdown)."""
        done = threading.Event()
        self.q.put((Path(), str(id(done))))
        self._flushes[str(id(done))] = done
        done.wait(timeout)

    def _run(self) -> None:
        while True:
            item = self.q.get()
            if item is None:
                return
            path, message = item
            if path == Path():
                ev = self._flushes.pop(message, None)
                if ev:
                    ev.set()
                continue
            base = ["git", "-C", str(self.folder), "-c", "user.name=zengshou serve", "-c", "user.email=serve@localhost"]
            try:
                subprocess.run(base + ["add", "--", str(path.absolute())], capture_output=True, timeout=60, check=True)
                res = subprocess.run(
                    base + ["commit", "-q", "--no-verify", "-m", message, "--only", "--", str(path.absolute())],
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                if res.returncode != 0 and "nothing" not in res.stdout + res.stderr:
                    self.errors.append(res.stderr.strip()[:500])
            except (OSError, subprocess.SubprocessError) as e:
                self.errors.append(str(e)[:500])
