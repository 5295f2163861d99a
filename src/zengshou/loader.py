"""Strict, position-keeping YAML reading.

Clerks write these files by hand, often on Windows, so reading must never guess: bytes are
decoded here (UTF-8 with or without BOM, UTF-16 with BOM), and the tree is built from
ruamel.yaml's event stream rather than its constructors. Building from events lets us

* keep every scalar as the exact text typed (``0123``, ``3.10``, ``2023-02-30`` stay strings),
* remember the line and column of every key and value, so schema errors point at the source,
* refuse anchors/aliases, tags, several documents and deep nesting as findings, before any of
  them can cost memory or recursion,
* report duplicate keys with both lines.

Files are read only when that is safe (:func:`read_bytes`): a regular file, not a link out of the
data directory, at most 5 MB and 10,000 values. Nothing here prints or raises to the caller:
problems come back as findings.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zengshou import blockyaml
from zengshou.findings import Finding
from zengshou.i18n import both

MAX_DEPTH = 20
MAX_BYTES = 5 * 1024 * 1024
#: values (scalars, lists, mappings) one file may hold. A full submission has about 400, the
#: plan's tasks.yaml 1,923. The limit bounds the work and the findings a small file can
#: cause: 4 MB of ``- 1`` lines are a million values, each a schema error.
MAX_NODES = 10_000
#: characters up to which a file with findings is parsed again by the pure-Python parser (for
#: its messages); a larger one keeps libyaml's findings, so work stays bounded
PURE_LIMIT = 256 * 1024

Path_ = tuple[Any, ...]


@dataclass
class Document:
    """A parsed YAML file: plain data plus where each piece came from (1-based)."""

    path: str
    text: str = ""
    data: Any = None
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    comments: dict[int, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.level == "error" for f in self.findings)

    def pos(self, loc: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """Best position for a path: the key or value itself, else the nearest parent."""
        loc = tuple(loc)
        while True:
            table = (self.key_pos, self.value_pos) if key else (self.value_pos, self.key_pos)
            for t in table:
                if loc in t:
                    return t[loc]
            if not loc:
                return (1, 1) if self.text else (None, None)
            loc = loc[:-1]
            key = False

    def line(self, n: int | None) -> str | None:
        if not n:
            return None
        lines = self.text.splitlines()
        return lines[n - 1] if 0 < n <= len(lines) else None


# ---------------------------------------------------------------- decoding


def decode(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """Decode strictly; on failure say where and how to fix it."""
    if raw.startswith(codecs.BOM_UTF8):
        raw, enc = raw[3:], "utf-8"
    elif raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16"
    elif raw.startswith(codecs.BOM_UTF32_LE) or raw.startswith(codecs.BOM_UTF32_BE):
        enc = "utf-32"
    else:
        enc = "utf-8"
    try:
        return raw.decode(enc), None
    except UnicodeDecodeError as e:
        prefix = raw[: e.start]
        line = prefix.count(b"\n") + 1 if enc == "utf-8" else None
        col = None
        if enc == "utf-8":
            last = prefix.rfind(b"\n")
            col = len(prefix[last + 1 :].decode("utf-8", "replace")) + 1
        return None, Finding(
            "S101", path, line, col, {"encoding": enc, "offset": e.start, "byte": f"0x{raw[e.start]:02X}"}
        )


def read_bytes(path: Path, root: Path | str | None = None) -> tuple[bytes | None, Finding | None]:
    """The file's bytes, read only when it is safe to: a regular file, under the size limit, and
    (when ``root``, the data directory, is given and the path lies under it) not a symlink to
    somewhere outside ``root``. FIFOs, devices and directories are never opened (a FIFO would
    block, /dev/zero never ends); a link out of the data directory is not followed, so a
    committed ``lingui.yaml -> /etc/passwd`` cannot put the target's lines into a CI log.
    """
    try:
        real = os.path.realpath(path)  # once: the escape check and the open both need it
        escape = _escapes(path, root, real)
        if escape is not None:
            return None, Finding("S113", str(path), None, None, {"target": escape})
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, Finding("S114", str(path), None, None, {"kind": file_kind(st.st_mode)})
        if st.st_size > MAX_BYTES:
            return None, Finding("S111", str(path), None, None, {"size": st.st_size, "limit": MAX_BYTES})
        # Open what was checked without following a link swapped in meanwhile, and without
        # blocking should it have become a FIFO; check again on the open descriptor.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(real, flags)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None, Finding("S114", str(path), None, None, {"kind": file_kind(st.st_mode)})
            raw = _read_at_most(fd, st.st_size, MAX_BYTES + 1)
        finally:
            os.close(fd)
        if len(raw) > MAX_BYTES:  # it grew after the check
            return None, Finding("S111", str(path), None, None, {"size": len(raw), "limit": MAX_BYTES})
        return raw, None
    except OSError as e:
        return None, Finding("S100", str(path), None, None, {"error": e.strerror or str(e)})


def _read_at_most(fd: int, size: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of an open file whose size was ``size``. Each read asks for what is
    expected, never for ``limit`` at once: a read allocates the buffer it asks for, and 5 MB
    per 30 KB file cost more than the reading itself."""
    parts: list[bytes] = []
    total = 0
    want = min(size + 1, limit)
    while total < limit:
        chunk = os.read(fd, want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        want = min(limit - total, 1 << 16)  # it grew, or the read was short: on, in pieces
    return b"".join(parts)


#: file type test → catalogue id (``kind.file.*``)
_KINDS = (
    (stat.S_ISREG, "regular"),
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "char_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISSOCK, "socket"),
)


def file_kind(mode: int) -> dict[str, str]:
    """What a non-regular file is, in both languages (for S114)."""
    for test, key in _KINDS:
        if test(mode):
            return both(f"kind.file.{key}")
    return both("kind.file.special")


def _escapes(path: Path | str, root: Path | str | None, real: str | None = None) -> str | None:
    """Where ``path`` really leads when it lies under ``root`` but resolves outside it, else None.
    ``real`` is ``os.path.realpath(path)`` when the caller has it.

    Paths outside ``root`` altogether (a file named on the command line) are not judged here."""
    if root is None:
        return None
    lexical = os.path.abspath(path)
    root_abs, root_real = os.path.abspath(root), os.path.realpath(root)
    if not any(_under(lexical, r) for r in (root_abs, root_real)):
        return None
    real = os.path.realpath(path) if real is None else real
    return None if _under(real, root_real) else real


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def display_path(path: Path) -> str:
    """The path as the user knows it, relative to the working directory where possible. The
    link itself is named, never its target (a link's target must not leak into a CI log).

    Every file of a run is named once, so the usual case (a path under the working directory)
    is settled on strings; :func:`_display_path` is the general case, which gives the same."""
    lexical = os.path.abspath(path)
    if os.name == "posix" and not lexical.startswith("//"):
        cwd = _real_cwd()
        if lexical == cwd:
            return "."
        prefix = cwd.rstrip("/") + "/"
        if lexical.startswith(prefix):
            return lexical[len(prefix) :]
    return _display_path(path)


def _display_path(path: Path) -> str:
    """The general case of :func:`display_path`: any path, on any system."""
    cwd = Path.cwd().resolve()
    for p in (Path(os.path.abspath(path)), Path(path).parent.resolve() / Path(path).name):
        try:
            return str(p.relative_to(cwd))
        except ValueError:
            continue
    return str(path)


_CWD = ("", "")  # (os.getcwd(), its real path): a run names hundreds of files from one directory


def _real_cwd() -> str:
    """``Path.cwd().resolve()`` as a string, resolved again only when the directory changes."""
    global _CWD
    here = os.getcwd()
    if _CWD[0] != here:
        _CWD = (here, os.path.realpath(here))
    return _CWD[1]


def load_file(path: Path | str, display: str | None = None, root: Path | str | None = None) -> Document:
    """Read and parse one file; ``root`` is the data directory links must stay inside."""
    path = Path(path)
    name = display or str(path)
    raw, err = read_bytes(path, root)
    if err is not None:
        err.file = name
        return Document(name, findings=[err])
    assert raw is not None  # read_bytes gives the bytes or a finding
    return load_bytes(raw, name)


def load_bytes(raw: bytes, path: str) -> Document:
    text, err = decode(raw, path)
    if err is not None:
        return Document(path, findings=[err])
    assert text is not None  # decode gives the text or a finding
    return load_text(text, path)


# ---------------------------------------------------------------- parsing

_YAML = None


def _c_parser_installed() -> bool:
    """Whether libyaml's parser (ruamel.yaml.clib, through ``ruamel.yaml.cyaml``) is there: the
    same events as the pure parser, an order of magnitude faster. Asked the first time a file
    needs a parser — files the line scanner reads never do, and importing ruamel.yaml costs
    ~20 ms of start-up. ``FAST`` keeps the answer (tests set it to False to compare)."""
    fast = globals().get("FAST")
    if fast is None:
        try:
            from ruamel.yaml.cyaml import CParser  # noqa: F401
        except ImportError:
            fast = False
        else:
            fast = True
        globals()["FAST"] = fast
    return bool(fast)


def __getattr__(name: str) -> Any:
    if name == "FAST":  # loader.FAST: whether libyaml is used, found out on first use
        return _c_parser_installed()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _parser(text: str):
    global _YAML
    if _YAML is None:
        from ruamel.yaml import YAML

        _YAML = YAML(typ="safe", pure=True)
    return _YAML.parse(text)


def _c_events(text: str):
    from ruamel.yaml.cyaml import CParser
    from ruamel.yaml.events import StreamEndEvent

    parser = CParser(text)
    try:
        while True:
            e = parser.get_event()
            if e is None:
                return
            yield e
            if isinstance(e, StreamEndEvent):
                return
    finally:
        parser.dispose()


def _fast_events(text: str):
    """libyaml's events when it is installed, else the pure parser's."""
    return _c_events(text) if _c_parser_installed() else _parser(text)


_DEFAULT_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _control_char(text: str) -> tuple[int, int, str] | None:
    """First character YAML forbids or a reader cannot see (tab, CR and LF are fine)."""
    m = _CONTROL.search(text)
    if m is None:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    return text.count("\n", 0, m.start()) + 1, m.start() - start + 1, f"U+{ord(m.group()):04X}"


def _no_content(text: str) -> bool:
    """Whether ``text`` is empty or only comments (S110): then no parser runs."""
    return not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


#: characters a decoded value must not hold: what S109 refuses in the raw text, plus CR (only an
#: escape can put one in a value: YAML folds real line breaks to LF) and lone surrogates
#: (``"\\ud800"``), which no file, workbook or terminal can encode.
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def load_text(text: str, path: str, *, fast: bool | None = None) -> Document:
    """Parse ``text``. The fast path reads plain block YAML line by line (:mod:`zengshou.blockyaml`,
    which declines anything else) and libyaml the rest; when libyaml meets a problem in a file of
    up to :data:`PURE_LIMIT` characters, the file is parsed again by the pure-Python parser, so
    findings are identical either way. A larger file, or one over :data:`MAX_NODES`, keeps
    libyaml's findings: re-parsing it in pure Python could take many seconds."""
    if fast is None:  # not yet known counts as yes: the line scanner needs no parser
        fast = globals().get("FAST") is not False
    if fast:
        doc = _load_text(text, path, _fast_events, scan_first=SCAN)
        if not doc.findings or len(text) > PURE_LIMIT or any(f.code == "S116" for f in doc.findings):
            # the pure parser costs ~0.1 ms a value: on a large file it alone would take seconds
            return doc
        if not _c_parser_installed():  # that was the pure parser already
            return doc
    return _load_text(text, path, _parser)


#: whether the fast path tries the line scanner first (tests switch it off to compare)
SCAN = True


def _load_text(text: str, path: str, events, *, scan_first: bool = False) -> Document:
    doc = Document(path, text=text)
    if text.startswith("\ufeff"):
        text = text[1:]
        doc.text = text
    bad = _control_char(text)
    if bad:
        doc.findings.append(Finding("S109", path, bad[0], bad[1], {"char": bad[2]}))
        return doc
    if _no_content(text):
        doc.findings.append(Finding("S110", path, 1, 1, {}))
        return doc
    _collect_comments(doc)
    if scan_first:
        scanned = blockyaml.scan(text, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
        if scanned is not None:
            doc.data, doc.value_pos, doc.key_pos = scanned
            return doc
    try:
        _build(doc, events(text))
    except Exception as e:  # ruamel raises MarkedYAMLError and friends
        doc.data = None
        doc.findings.append(_syntax_finding(e, path, text))
    return doc


def _collect_comments(doc: Document) -> None:
    """Remember trailing comments by line: suppressions (``# zengshou: ignore[...]``) live there.

    Only a real comment counts: a ``#`` at the start of a line or after a space that no scalar
    covers. A ``#`` inside a quoted value (``'… # zengshou: ignore'``), a block scalar or a
    multi-line quoted value is text, and must not silence the findings of its line (issue 28:
    a cell imported as ``'<376 characters> # zengshou: ignore'`` hid its own C405). Lines that
    might hold one are rare, so the scalars' spans are asked of the parser only for them."""
    if "#" not in doc.text:
        return
    candidates: dict[int, list[int]] = {}  # line → columns of a '#' that may start a comment
    lines = doc.text.splitlines()
    for n, line in enumerate(lines, 1):
        i = line.find("#")
        if i >= 0 and "zengshou" in line[i:] and _MARK.search(line, i):
            candidates[n] = [j for j, ch in enumerate(line) if ch == "#" and (j == 0 or line[j - 1] in " \t")]
    if not candidates:
        return
    covered, reached = _scalar_spans(doc.text, candidates)
    for n, cols in candidates.items():
        if n > reached:
            continue  # past where the parser stopped: whether it is a comment is unknown
        for j in cols:
            if not any(a <= j < b for a, b in covered.get(n, ())):
                doc.comments[n] = lines[n - 1][j:]
                break


#: what :func:`zengshou.lint` reads as a suppression; a line without it needs no parse
_MARK = re.compile(r"zengshou:\s*ignore")


def _scalar_spans(text: str, lines: dict[int, list[int]]) -> tuple[dict[int, list[tuple[int, int]]], float]:
    """For the given lines (1-based), the column ranges each scalar covers on them, and the last
    line the parser read through (every line when it reached the end)."""
    covered: dict[int, list[tuple[int, int]]] = {}
    reached: float = 0
    events = _c_events if _c_parser_installed() else _parser
    try:
        for e in events(text):
            start, end = e.start_mark, e.end_mark
            reached = max(reached, end.line + 1)
            if type(e).__name__ != "ScalarEvent":
                continue
            first, last = start.line + 1, end.line + 1
            for n in lines:
                if first <= n <= last:
                    a = start.column if n == first else 0
                    b = end.column if n == last else 1 << 30
                    covered.setdefault(n, []).append((a, b))
    except Exception:  # a syntax error: judge only the lines before the last value read (an
        return covered, reached - 1  # unclosed quote after it, on its line, never became one)
    return covered, float("inf")


class _Stop(Exception):
    pass


def _build(doc: Document, events) -> None:
    from ruamel.yaml import events as ev

    path = doc.path
    stack: list[list] = []  # frames: [container, path, pending_key, key_pos_map]
    docs = 0
    nodes = 0
    controls = False
    root: Any = None

    def mark(e) -> tuple[int, int]:
        return (e.start_mark.line + 1, e.start_mark.column + 1)

    def refuse(code: str, e, **params) -> None:
        doc.findings.append(Finding(code, path, *mark(e), params))
        raise _Stop

    def place(value: Any, e, scalar_text: str | None = None) -> Path_ | None:
        """Attach a finished value to its parent; return its path."""
        nonlocal root
        if not stack:
            root = value
            doc.value_pos[()] = mark(e)
            return ()
        frame = stack[-1]
        container, cpath = frame[0], frame[1]
        if isinstance(container, list):
            p = cpath + (len(container),)
            container.append(value)
            doc.value_pos[p] = mark(e)
            return p
        # mapping
        if frame[2] is _NOKEY:
            if not isinstance(value, str) and value is not None:
                doc.findings.append(Finding("S108", path, *mark(e), {"what": both("what.key_not_text")}))
                raise _Stop
            key = "" if value is None else value
            if key in container or key in frame[3]:
                first = frame[3][key]
                doc.findings.append(Finding("S103", path, *mark(e), {"key": key, "first_line": first[0]}))
            frame[2] = key
            frame[3][key] = mark(e)
            return None
        key = frame[2]
        frame[2] = _NOKEY
        p = cpath + (key,)
        if key in container:
            # duplicate already reported; keep the first value, as a reader would expect
            return p
        container[key] = value
        doc.key_pos[p] = frame[3][key]
        doc.value_pos[p] = mark(e)
        return p

    try:
        for e in events:
            if isinstance(e, ev.DocumentStartEvent):
                docs += 1
                if docs > 1:
                    refuse("S106", e)
                continue
            if isinstance(e, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(e, ev.AliasEvent):
                refuse("S104", e, anchor=e.anchor)
            if getattr(e, "anchor", None):
                refuse("S104", e, anchor=e.anchor)
            tag = getattr(e, "tag", None)
            if tag not in _DEFAULT_TAGS:
                refuse("S105", e, tag=tag)
            if isinstance(e, (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    refuse("S116", e, limit=MAX_NODES)
            if isinstance(e, ev.ScalarEvent):
                value = e.value
                bad = _VALUE_CONTROL.search(value) if e.style else None  # plain scalars hold none (S109)
                if bad is not None:
                    # an escape such as "\x01" or "\0" in a quoted value: Excel refuses the
                    # character, a terminal obeys it; the file is not used, like one with S109
                    doc.findings.append(Finding("S112", path, *mark(e), {"char": f"U+{ord(bad.group()):04X}"}))
                    controls = True
                if not e.style and value in blockyaml.NULLS:
                    value = None
                place(value, e)
            elif isinstance(e, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    refuse("S107", e, limit=MAX_DEPTH)
                container: Any = {} if isinstance(e, ev.MappingStartEvent) else []
                p = place(container, e)
                if p is None:  # a mapping or list used as a key
                    doc.findings.append(Finding("S108", path, *mark(e), {"what": both("what.key_not_text")}))
                    raise _Stop
                stack.append([container, p, _NOKEY, {}])
            elif isinstance(e, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                stack.pop()
    except _Stop:
        doc.data = None
        return
    doc.data = None if controls else root


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NOKEY = _NoKey()


def _syntax_finding(e: Exception, path: str, text: str) -> Finding:
    problem = getattr(e, "problem", None) or (str(e).splitlines() or [type(e).__name__])[0]
    m = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line = m.line + 1 if m is not None else None
    col = m.column + 1 if m is not None else None
    hint = ""
    lines = text.splitlines()
    src = lines[line - 1] if line and line <= len(lines) else ""
    if "\t" in src[: (col or 0) + 1] or "tab" in str(problem).lower() or "\\t" in str(problem):
        hint = "tab"
    elif "：" in src:
        hint = "fullwidth-colon"
    elif line:
        # "could not find expected ':'" is noticed on the line after a `名称：值` line: point at
        # the line that has the full-width colon (and no ASCII one) instead.
        ctx = getattr(e, "context_mark", None)
        for n in dict.fromkeys([ctx.line + 1 if ctx is not None else 0, line - 1]):
            if (
                0 < n <= len(lines)
                and "：" in lines[n - 1]
                and ": " not in lines[n - 1]
                and not lines[n - 1].endswith(":")
            ):
                hint, line, col = "fullwidth-colon", n, lines[n - 1].index("：") + 1
                break
    if not hint and any(ch in src for ch in "“”‘’") and ":" in src:
        hint = "quotes"
    return Finding("S102", path, line, col, {"problem": str(problem).strip(), "hint": hint})
