"""The validate cache changes nothing but the time: cached and uncached runs give the same
findings on the hostile corpus and after random edits (a file changed, a file deleted,
tasks.yaml changed, a rule's level changed); corrupt, foreign and concurrent entries are safe."""

from __future__ import annotations

import random
import re
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA, write
from test_corpus import CASES, Q
from zengshou.cache import DIRNAME, ENV, Cache, default_dir
from zengshou.config import load_config
from zengshou.lint import lint
from zengshou.reporters import TextReporter


def as_tuples(result) -> list[tuple]:
    return [(f.file, f.line, f.col, f.code, f.level, f.message("en"), f.fix("en")) for f in result.findings]


def both(data: Path, cache_dir: Path, paths=None, today: date | None = None) -> tuple[object, object, Cache]:
    """(uncached, cached) results of the same run; the cached one with a fresh Cache object on
    ``cache_dir`` (as a new process would have)."""
    config = load_config(data)
    plain = lint(data, paths, config=config, keep=False, today=today)
    cache = Cache(cache_dir)
    cached = lint(data, paths, config=config, keep=False, today=today, cache=cache)
    assert as_tuples(cached) == as_tuples(plain)
    # what a report shows of the file (source lines, suppressions) is the same too
    assert TextReporter("en", cached.sources, 1).render(cached.findings) == TextReporter("en", plain.sources, 1).render(
        plain.findings
    )
    return plain, cached, cache


@pytest.fixture
def corpus(empty_data: Path) -> Path:
    for name, (raw, *_rest) in CASES.items():
        write(empty_data / "progress" / Q / f"{name}.yaml", "").write_bytes(raw)
    return empty_data


@pytest.mark.slow  # the whole corpus validated three times each way
def test_corpus_cached_equals_uncached(corpus, tmp_path):
    _, first, c1 = both(corpus, tmp_path / "c")
    assert c1.writes >= len(CASES) - 5  # almost every file's findings were kept
    _, second, c2 = both(corpus, tmp_path / "c")
    assert c2.hits >= len(CASES) - 5  # and read back, not recomputed
    # The file over the size limit is never read, so never cached: its folder is checked again
    # each run, and the second run keeps what the cached files' neighbours need (their facts).
    # From the third run on nothing is written at all.
    _, _, c3 = both(corpus, tmp_path / "c")
    assert c3.hits >= len(CASES) - 5 and c3.writes == 0
    assert len({f.code for f in second.findings}) > 10


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The shipped data and copies of its 2023Q2 files as 2023Q3 and 2023Q4: three quarters in
    which C407 and C408 have something to compare."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for q, day in (("2023Q3", "2023-10-0"), ("2023Q4", "2024-01-0")):
        for f in sorted((data / "progress" / "2023Q2").glob("*.yaml")):
            text = f.read_text(encoding="utf-8").replace("quarter: 2023Q2", f"quarter: {q}")
            text = text.replace("submitted: 2023-07-0", f"submitted: {day}")
            write(data / "progress" / q / f.name, text)
    return data


def _texts(path: Path) -> list[str]:
    """The first line of each progress text (the sample writes them as ``|-`` blocks)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [nxt for ln, nxt in zip(lines, lines[1:], strict=False) if ln.strip() == "progress: |-" and nxt.strip()]


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _edit(rng: random.Random, data: Path) -> str:
    """One random edit of the kinds a data directory sees; returns what was done."""
    files = sorted((data / "progress").rglob("*.yaml"))
    kind = rng.choice(["copy-text", "copy-text", "new-text", "delete", "tasks", "level", "placeholder", "break"])
    f = rng.choice(files)
    text = f.read_text(encoding="utf-8")
    if kind == "copy-text":  # another unit's or last quarter's text: C408 / C407 appear elsewhere
        src = rng.choice(files)
        mine, theirs = _texts(f), _texts(src)
        if mine and theirs:
            old = rng.choice(mine)
            f.write_text(text.replace(old, _indent(old) + rng.choice(theirs).strip(), 1), encoding="utf-8")
    elif kind == "new-text":
        mine = _texts(f)
        if mine:
            old = rng.choice(mine)
            f.write_text(text.replace(old, f"{_indent(old)}本季度新增{rng.randint(1, 10**6)}项。", 1), encoding="utf-8")
    elif kind == "placeholder":
        mine = _texts(f)
        if mine:
            old = rng.choice(mine)
            f.write_text(text.replace(old, _indent(old) + "同上", 1), encoding="utf-8")
    elif kind == "break":
        f.write_text(text.replace("items:", "items: [", 1), encoding="utf-8")
    elif kind == "delete":
        f.unlink()
    elif kind == "tasks":  # a row's text changes: C406 and every submission's checks may change
        tasks = data / "tasks.yaml"
        t = tasks.read_text(encoding="utf-8")
        change = rng.choice(
            [
                ("max_chars: 300", f"max_chars: {rng.choice([60, 120, 300])}"),
                ("deadline_day: 6", f"deadline_day: {rng.choice([2, 6, 20])}"),
                ("text: ", "text: 调整后"),
            ]
        )
        tasks.write_text(
            re.sub(re.escape(change[0]).replace("300", r"\d+").replace("6", r"\d+"), change[1], t, count=1),
            encoding="utf-8",
        )
    elif kind == "level":
        code = rng.choice(["C407", "C408", "T601", "R501", "C404"])
        level = rng.choice(["off", "error", "warning"])
        (data / "zengshou.toml").write_text(f'[rules]\n{code} = "{level}"\n', encoding="utf-8")
    return f"{kind} {f.name}"


# seed 0 in the quick run; all four (24 edits, 72 validations each way) in the full run
@pytest.mark.parametrize("seed", [0, *(pytest.param(s, marks=pytest.mark.slow) for s in range(1, 4))])
def test_random_edits_cached_equals_uncached(tree, tmp_path, seed):
    rng = random.Random(seed)
    cache_dir = tmp_path / "cache"
    both(tree, cache_dir)
    hits = 0
    for _ in range(6):
        _edit(rng, tree)
        _, _, cache = both(tree, cache_dir)
        hits += cache.hits
        one = rng.choice(sorted((tree / "progress").rglob("*.yaml")))  # and the pre-commit case
        both(tree, cache_dir, [one])
    assert hits  # the cache was used, not bypassed


def test_changed_text_updates_the_other_units_findings(tree, tmp_path):
    """A file that copies another unit's text gives C408 to both: the unchanged file's cached
    findings must not hide it."""
    cache_dir = tmp_path / "cache"
    both(tree, cache_dir)
    a, b = tree / "progress" / "2023Q4" / "lingui.yaml", tree / "progress" / "2023Q4" / "yangshuo.yaml"
    block = re.compile(r"(progress: \|-\n)((?:      .*\n)+)")  # row 1's text, the first block in both
    theirs = block.search(b.read_text(encoding="utf-8")).group(2)
    a.write_text(block.sub(lambda m: m.group(1) + theirs, a.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    _, cached, _ = both(tree, cache_dir)
    assert {f.file.rsplit("/", 1)[-1] for f in cached.findings if f.code == "C408"} >= {"lingui.yaml", "yangshuo.yaml"}
    _, one, _ = both(tree, cache_dir, [b])  # yangshuo.yaml alone, unchanged: still told about lingui.yaml
    assert any(f.code == "C408" for f in one.findings)


def test_rule_switched_back_on(tree, tmp_path):
    """A rule that was off when the cache was filled reports again once it is back on."""
    f = tree / "progress" / "2023Q4" / "czj.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("submitted: 2024-01-0", "submitted: 2024-01-2"), encoding="utf-8"
    )
    (tree / "zengshou.toml").write_text('[rules]\nT601 = "off"\n', encoding="utf-8")
    _, off, _ = both(tree, tmp_path / "c")
    (tree / "zengshou.toml").write_text('[rules]\nC404 = "error"\n', encoding="utf-8")
    _, on, _ = both(tree, tmp_path / "c")
    assert not any(x.code == "T601" for x in off.findings) and any(x.code == "T601" for x in on.findings)


def test_moved_deadline_in_config(tree, tmp_path):
    """[deadlines] in zengshou.toml moves T601: the configuration file is part of the key."""
    f = tree / "progress" / "2023Q4" / "czj.yaml"
    f.write_text(
        re.sub(r"submitted: 2024-01-0\d", "submitted: 2024-01-09", f.read_text(encoding="utf-8")), encoding="utf-8"
    )
    _, late, _ = both(tree, tmp_path / "c")
    assert any(x.code == "T601" and x.file.endswith("2023Q4/czj.yaml") for x in late.findings)
    (tree / "zengshou.toml").write_text('[deadlines]\n2023Q4 = "2024-01-10"\n', encoding="utf-8")
    _, moved, _ = both(tree, tmp_path / "c")
    assert not any(x.code == "T601" and x.file.endswith("2023Q4/czj.yaml") for x in moved.findings)


def test_tasks_change_reaches_every_file(tree, tmp_path):
    both(tree, tmp_path / "c")
    tasks = tree / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("max_chars: 300", "max_chars: 40"), encoding="utf-8")
    _, cached, _ = both(tree, tmp_path / "c")
    assert any(x.code == "C405" for x in cached.findings)


def test_future_date_follows_today(tree, tmp_path):
    f = tree / "progress" / "2023Q4" / "czj.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("submitted: 2024-01-0", "submitted: 2025-01-0"), encoding="utf-8"
    )
    _, before, _ = both(tree, tmp_path / "c", today=date(2024, 6, 1))
    assert any(x.code == "T603" for x in before.findings)
    _, after, _ = both(tree, tmp_path / "c", today=date(2026, 6, 1))
    assert not any(x.code == "T603" for x in after.findings)


def test_suppression_comment_applies_to_cached_findings(tree, tmp_path):
    f = tree / "progress" / "2023Q4" / "czj.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("submitted: 2024-01-0", "submitted: 2024-01-2"), encoding="utf-8"
    )
    _, first, _ = both(tree, tmp_path / "c")
    assert any(x.code == "T601" for x in first.findings)
    text = f.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("submitted:"))
    f.write_text(text.replace(line, line + "  # zengshou: ignore[T601]"), encoding="utf-8")
    _, second, _ = both(tree, tmp_path / "c")
    assert not any(x.code == "T601" and x.file.endswith("2023Q4/czj.yaml") for x in second.findings)


def test_corrupt_and_foreign_entries_are_ignored(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    plain, _, _ = both(tree, cache_dir)
    entries = sorted(p for p in (cache_dir / "v1").rglob("*") if p.is_file())
    assert entries
    blobs = [p.read_bytes() for p in entries]
    rng = random.Random(7)
    for i, p in enumerate(entries):
        choice = i % 5
        if choice == 0:
            p.write_bytes(b"")  # truncated to nothing
        elif choice == 1:
            p.write_bytes(blobs[i][: len(blobs[i]) // 2])  # torn
        elif choice == 2:
            raw = bytearray(blobs[i])
            raw[-3] ^= 0xFF  # a flipped bit
            p.write_bytes(bytes(raw))
        elif choice == 3:
            p.write_bytes(blobs[(i + 1) % len(blobs)])  # another entry's contents under this name
        else:
            p.write_bytes(bytes(rng.randrange(256) for _ in range(200)))  # noise
    _, cached, cache = both(tree, cache_dir)
    assert as_tuples(cached) == as_tuples(plain)
    assert cache.hits == 0  # nothing that was tampered with was trusted


def _forge(cache_dir: Path, body_of, secret: bytes) -> None:
    import json
    import zlib

    from zengshou.cache import _sign

    for p in (cache_dir / "v1").rglob("*"):
        if p.is_file():
            payload = zlib.compress(json.dumps(body_of(p)).encode())
            p.write_bytes(b"ZSC1" + _sign(secret, payload) + payload)


def test_forged_entry_with_a_good_signature_is_checked_for_shape(tree, tmp_path):
    """An entry signed with the right key but with nonsense inside (an old format, a bug) is
    ignored, not half-used."""
    cache_dir = tmp_path / "cache"
    _, _, cache = both(tree, cache_dir)
    _forge(
        cache_dir,
        lambda p: {
            "key": p.name,
            "findings": [["NOPE", "x", None, [], "fatal"]],
            "deps": {"../..": "x"},
            "submitted": None,
            "future": False,
            "lines": {},
            "comments": {},
        },
        cache.secret,
    )
    _, cached, cache = both(tree, cache_dir)
    assert cache.hits >= 1 and not any(f.code == "NOPE" for f in cached.findings)


def test_entries_signed_elsewhere_are_not_trusted(tree, tmp_path):
    """A cache folder committed to the repository (or planted by a pull request) whose entries
    say "no findings" for a bad file: signed with another key, so never used."""
    f = tree / "progress" / "2023Q4" / "czj.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("items:", "items: [", 1), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    plain, _, cache = both(tree, cache_dir)
    assert any(x.file.endswith("2023Q4/czj.yaml") for x in plain.findings)
    _forge(
        cache_dir,
        lambda p: {
            "key": p.name,
            "findings": [],
            "deps": {},
            "submitted": None,
            "future": False,
            "lines": {},
            "comments": {},
        },
        b"k" * 32,
    )  # the attacker's own key
    _, cached, cache = both(tree, cache_dir)
    assert cache.hits == 0


def test_default_cache_keeps_its_key_outside_the_repository(tree, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    cache = Cache.open(tree)
    assert (tmp_path / "home-cache" / "zengshou" / "secret").stat().st_size == 32
    assert not (tree.parent / DIRNAME / "secret").exists()
    assert Cache.open(tree).secret == cache.secret  # the same key next run
    monkeypatch.setenv(ENV, str(tmp_path / "chosen"))
    assert (Cache.open(tree).root / "secret").exists()  # a folder the user named keeps its own


def test_two_runs_writing_at_once(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    config = load_config(tree)
    plain = lint(tree, config=config, keep=False)
    out: list = []
    threads = [
        threading.Thread(target=lambda: out.append(lint(tree, config=config, keep=False, cache=Cache(cache_dir))))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(as_tuples(r) == as_tuples(plain) for r in out)
    assert not [p for p in (cache_dir / "v1").rglob("*.tmp")]  # no half-written entry left behind
    _, warm, cache = both(tree, cache_dir)
    assert cache.hits and as_tuples(warm) == as_tuples(plain)


def test_cache_dir_is_never_inside_progress(tree, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    assert default_dir(tree) == tree.resolve().parent / DIRNAME
    assert Cache.open(tree, tree / "progress" / "2023Q2") is None
    assert Cache.open(tree, tree / "progress") is None
    monkeypatch.setenv(ENV, str(tree / "progress" / ".cache"))
    assert Cache.open(tree) is None
    monkeypatch.setenv(ENV, str(tree.parent / "elsewhere"))
    assert Cache.open(tree).root == tree.parent / "elsewhere"


def test_cli_cache_options(cli, tree, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    where = tree.parent / DIRNAME
    r = cli("validate", "--data", tree, "--no-cache", "--format", "json")
    assert r.exit_code in (0, 1) and not where.exists()
    r2 = cli("validate", "--data", tree, "--format", "json")
    assert r2.stdout == r.stdout and (where / "v1").is_dir()
    assert (where / ".gitignore").read_text().strip().endswith("*")  # git ignores it wherever it is
    r3 = cli("validate", "--data", tree, "--format", "json")
    assert r3.stdout == r.stdout
    shutil.rmtree(where)
    (tree / "zengshou.toml").write_text("cache = false\n", encoding="utf-8")
    cli("validate", "--data", tree)
    assert not where.exists()
    (tree / "zengshou.toml").unlink()
    other = tmp_path / "env-cache"
    monkeypatch.setenv(ENV, str(other))
    cli("validate", "--data", tree)
    assert (other / "v1").is_dir() and not where.exists()


def test_cache_reads_the_same_file_names_as_the_workspace():
    from zengshou import cache, submissions

    assert cache.SUFFIXES == submissions.SUFFIXES
