"""The plain block YAML that submissions are written in, read line by line.

Almost every file the tool reads is a block mapping of ``key: value`` lines holding a block list
of ``- task: N`` / ``progress: ...`` mappings, each value a one-line plain or quoted scalar. For
such a file, scanning its lines gives the same tree and the same positions as libyaml's event
stream in a fifth of the time (most of libyaml's cost here is creating one Python event object per
node). The whole-tree check reads every file, so this is where its time goes.

The scanner is strict the other way round: it accepts only what it fully understands and answers
``None`` for anything else — flow collections, block scalars, multi-line or escaped scalars,
anchors, tags, tabs, CR line ends, odd indentation, duplicate keys, anything that libyaml would
report — and the caller then parses the file with libyaml as before. So it never has to produce a
finding, and a test compares it with the libyaml path on every file it accepts
(tests/test_blockyaml.py).

The result is ``(data, value_pos, key_pos)`` as :mod:`zengshou.loader` builds them: scalars as the
exact text typed (plain ``~``/``null``/empty become ``None``), positions 1-based
``(line, column)``, a container placed where libyaml's start event is (its first key or dash),
an empty value right after its ``:`` or ``-``.
"""

from __future__ import annotations

from typing import Any

Path_ = tuple[Any, ...]
Parsed = tuple[Any, dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]

#: plain scalars YAML reads as null (the loader's rule: only these, only unquoted)
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: characters a plain scalar or key may not start with (YAML's indicators), and the space
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")
#: characters that make libyaml see line breaks or marks this scanner does not model
_UNSCANNED = ("\t", "\r", "\u2028", "\u2029", "\ufeff", "\x85")
#: longest key libyaml accepts as an implicit key is 1,024 characters; stay well inside
_MAX_KEY = 512


class _Unscanned(Exception):
    """The text is not (only) the plain block YAML this module reads: use the full parser."""


def scan(text: str, *, max_nodes: int, max_depth: int) -> Parsed | None:
    """``(data, value_pos, key_pos)`` of ``text``, or None when it is not plain block YAML
    (then the full parser must read it). ``text`` has no BOM and no control characters (the
    loader checks both first). Past ``max_nodes`` values or ``max_depth`` levels the answer is
    None too: the full parser reports those."""
    for ch in _UNSCANNED:
        if ch in text:
            return None
    raw_lines = text.split("\n")
    lines: list[tuple[int, int, str]] = []  # (line number, indent, content) of lines with content
    for n, raw in enumerate(raw_lines, 1):
        content = raw.lstrip(" ")
        if not content or content[0] == "#":
            continue
        lines.append((n, len(raw) - len(content), content.rstrip(" ")))
    if not lines or lines[0][1] != 0:
        return None
    scanner = _Scanner(lines, raw_lines, max_nodes, max_depth)
    try:
        root, pos = scanner.block(0, 0, (), 0)
        if scanner.i != len(lines):
            return None  # something left over: a line less indented than a block it closed
    except _Unscanned:
        return None
    if scanner.nodes > max_nodes:
        return None
    scanner.value_pos[()] = pos
    return root, scanner.value_pos, scanner.key_pos


class _Scanner:
    def __init__(self, lines: list[tuple[int, int, str]], raw: list[str], max_nodes: int, max_depth: int) -> None:
        self.lines = lines
        self.raw = raw
        self.i = 0
        self.nodes = 0
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.value_pos: dict[Path_, tuple[int, int]] = {}
        self.key_pos: dict[Path_, tuple[int, int]] = {}

    def block(self, i: int, indent: int, path: Path_, depth: int) -> tuple[Any, tuple[int, int]]:
        """The block node starting at line ``i``, whose lines sit at ``indent``."""
        if depth >= self.max_depth or self.nodes > self.max_nodes:
            raise _Unscanned
        self.nodes += 1
        n, _, content = self.lines[i]
        if _is_dash(content):
            return self.sequence(indent, path, depth), (n, indent + 1)
        return self.mapping(indent, path, depth), (n, indent + 1)

    def sequence(self, indent: int, path: Path_, depth: int) -> list:
        out: list = []
        lines = self.lines
        while self.i < len(lines):
            n, ind, content = lines[self.i]
            if ind < indent:
                break
            if self.nodes > self.max_nodes:
                raise _Unscanned  # the full parser stops there with S116
            if ind > indent or not _is_dash(content):
                if ind == indent:
                    break  # the end of an indentless list: the mapping holding it goes on
                raise _Unscanned
            p = path + (len(out),)
            rest = content[1:].lstrip(" ")
            if not rest or rest[0] == "#":  # "-" alone: the item is on the next lines, or empty
                self.i += 1
                if self.i < len(lines) and lines[self.i][1] > indent:
                    value, pos = self.block(self.i, lines[self.i][1], p, depth + 1)
                else:
                    self.nodes += 1
                    value, pos = None, (n, ind + 2)
            else:
                col = ind + len(content) - len(rest)
                if _is_entry(rest):
                    # "- key: value" or "- - x": the item is a block whose first line starts here
                    lines[self.i] = (n, col, rest)
                    value, pos = self.block(self.i, col, p, depth + 1)
                else:
                    self.nodes += 1
                    value, pos = self._value(rest, n, indent, p, col, depth), (n, col + 1)
                    self._end_of_value(indent)
            out.append(value)
            self.value_pos[p] = pos
        return out

    def mapping(self, indent: int, path: Path_, depth: int) -> dict:
        out: dict = {}
        lines = self.lines
        key_pos, value_pos = self.key_pos, self.value_pos
        scalars = 0  # keys and one-line values (a block value counts itself)
        while self.i < len(lines):
            n, ind, content = lines[self.i]
            if ind < indent:
                break
            if ind > indent or self.nodes + scalars > self.max_nodes:
                raise _Unscanned  # a line going on, or past the limit (the full parser says S116)
            colon = content.find(": ")
            if colon < 0:
                if content[-1] != ":":
                    raise _Unscanned  # a lone scalar or a list item where a key must be
                colon = len(content) - 1
            key = content[:colon]
            if (
                not key
                or key[0] in _NOT_FIRST
                or (key[0] == "." and key.startswith("... "))  # at the line start, a document end
                or key[-1] in " :"
                or " #" in key
                or key in NULLS
                or len(key) > _MAX_KEY
                or key in out
            ):
                raise _Unscanned  # not a plain key, or a duplicate (the full parser reports it)
            p = path + (key,)
            key_pos[p] = (n, ind + 1)
            rest = content[colon + 1 :].lstrip(" ")
            if not rest or rest[0] == "#":  # "key:" alone: the value is on the next lines, or empty
                self.i += 1
                nxt = lines[self.i] if self.i < len(lines) else None
                if nxt is not None and nxt[1] > indent:
                    value, pos = self.block(self.i, nxt[1], p, depth + 1)
                elif nxt is not None and nxt[1] == indent and _is_dash(nxt[2]):
                    value, pos = self.block(self.i, indent, p, depth + 1)  # an indentless list
                else:
                    scalars += 1
                    value, pos = None, (n, ind + colon + 2)
            else:
                scalars += 1
                col = ind + len(content) - len(rest)
                value, pos = self._value(rest, n, indent, p, col, depth), (n, col + 1)
                self._end_of_value(indent)
            out[key] = value
            value_pos[p] = pos
        self.nodes += scalars + len(out)
        return out

    def _value(self, rest: str, n: int, indent: int, path: Path_, col: int, depth: int) -> Any:
        """The one-line, one-line list or literal-block value ``rest`` at column ``col`` (0-based)
        of line ``n``, in a block at ``indent`` and ``depth``; moves past the lines it takes."""
        if rest[0] == "[":
            if depth + 1 >= self.max_depth:
                raise _Unscanned  # a list one level deeper than its block: the full parser says S107
            self.i += 1
            items = _flow_list(rest, self.max_nodes - self.nodes)
            self.nodes += len(items)
            for k, (item_col, _) in enumerate(items):
                self.value_pos[path + (k,)] = (n, col + item_col + 1)
            return [value for _, value in items]
        if rest[0] != "|":
            self.i += 1
            return _scalar(rest)
        if rest != "|-" and not (rest.startswith("|- ") and rest[3:].lstrip(" ")[0] == "#"):
            raise _Unscanned  # "|", "|+", "|2-": chomping and indentation rules left to libyaml
        value, last = _literal(self.raw, n, indent)
        lines = self.lines
        while self.i < len(lines) and lines[self.i][0] <= last:
            self.i += 1
        return value

    def _end_of_value(self, indent: int) -> None:
        """After a one-line value the next line may not be more indented: that would be the
        value going on (a multi-line scalar) or an error, both for the full parser."""
        if self.i < len(self.lines) and self.lines[self.i][1] > indent:
            raise _Unscanned


def _is_dash(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


def _is_entry(rest: str) -> bool:
    """Whether a list item's text opens a block (a ``key:`` or another ``-``) rather than
    being a scalar."""
    if _is_dash(rest):
        return True
    if rest[0] in "'\"":
        if ": " not in rest and not rest.endswith(":"):
            return False
        raise _Unscanned  # a quoted key, or a quoted scalar holding ": ": the full parser decides
    cut = rest.find(" #")
    body = rest if cut < 0 else rest[:cut]
    return ": " in body or body.endswith(":")


def _scalar(rest: str) -> Any:
    """A one-line scalar value (``rest`` has no leading spaces and no trailing ones)."""
    first = rest[0]
    if first not in _NOT_FIRST and " #" not in rest and ": " not in rest and rest[-1] != ":":
        return None if rest in NULLS else rest  # the usual plain text, all of it the value
    if first in "'\"":
        value, close = _quoted(rest, 0)
        _after_quote(rest[close + 1 :])
        return value
    if first in _NOT_FIRST:
        raise _Unscanned
    cut = rest.find(" #")
    value = rest if cut < 0 else rest[:cut].rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise _Unscanned  # "a: b: c" is an error in YAML
    return None if value in NULLS else value


#: what a plain item of a one-line list may not hold: flow indicators, quotes, comments, and
#: the colon and question mark (libyaml ends a plain scalar in a flow collection at "?")
_NOT_IN_FLOW_ITEM = frozenset(",[]{}#'\":?")


def _flow_list(rest: str, limit: int) -> list[tuple[int, Any]]:
    """``[a, "b", 'c']`` on one line, each item a one-line scalar: (column in ``rest``, value)
    of each item. Past ``limit`` items it stops: the full parser reports the node limit."""
    items: list[tuple[int, Any]] = []
    i, end = 1, len(rest)
    while True:
        if len(items) > limit:
            raise _Unscanned
        while i < end and rest[i] == " ":
            i += 1
        if i < end and rest[i] == "]" and not items:
            i += 1
            break
        if i >= end:
            raise _Unscanned  # the list goes on to the next line
        first = rest[i]
        value: Any
        if first in "'\"":
            value, close = _quoted(rest, i)
            j = close + 1
        else:
            j = i
            while j < end and rest[j] not in ",]":
                j += 1
            text = rest[i:j].rstrip(" ")
            if not text or first in _NOT_FIRST or any(ch in _NOT_IN_FLOW_ITEM for ch in text):
                raise _Unscanned  # an empty item, a nested collection, an odd scalar
            value = None if text in NULLS else text
        items.append((i, value))
        while j < end and rest[j] == " ":
            j += 1
        if j >= end or rest[j] not in ",]":
            raise _Unscanned
        i = j + 1
        if rest[j] == "]":
            break
    _after_quote(rest[i:])  # only a comment may follow the list
    return items


def _quoted(rest: str, i: int) -> tuple[str, int]:
    """The quoted scalar opening at ``rest[i]`` and where it closes: on this line, a double-quoted
    one without escapes, a single-quoted one with ``''`` for a quote."""
    q = rest[i]
    j = i + 1
    while True:
        close = rest.find(q, j)
        if close < 0 or (q == '"' and "\\" in rest[i:close]):
            raise _Unscanned  # escapes, or a scalar going on to the next line
        if q == "'" and rest.startswith("''", close):
            j = close + 2
            continue
        value = rest[i + 1 : close]
        return (value.replace("''", "'") if q == "'" else value), close


def _literal(raw: list[str], n: int, indent: int) -> tuple[str, int]:
    """A ``|-`` block: the text of the lines after line ``n`` indented deeper than ``indent``
    (the block holding the key or dash), the first of them setting the block's own indent,
    with the final line breaks stripped; and the number of its last line."""
    own = None
    body: list[str] = []
    last = n
    for k in range(n, len(raw)):  # raw[k] is line k + 1
        line = raw[k]
        if not line:
            body.append("")
            continue
        content = line.lstrip(" ")
        if not content:
            raise _Unscanned  # a line of spaces: YAML's rules for those are left to libyaml
        ind = len(line) - len(content)
        if own is None:
            if ind <= indent:
                break
            own = ind
        elif ind < own:
            break
        body.append(line[own:])
        last = k + 1
    while body and not body[-1]:
        body.pop()
    return "\n".join(body), last


def _after_quote(tail: str) -> None:
    """After a closing quote only a comment may follow, set off by spaces (``tail`` has no
    trailing spaces)."""
    if tail and (tail[0] != " " or tail.lstrip(" ")[0] != "#"):
        raise _Unscanned
