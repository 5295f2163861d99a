"""The bad-file corpus: everything a clerk (or a Windows editor) can hand us.

Each case is a file written byte for byte into ``progress/2023Q2/`` of a copy of the
definitions and checked with ``zengshou validate <file> --format json``. Every case must give
its coded finding at the right line (and column where it is meaningful), the right exit code,
and never a traceback. The files are built here rather than committed, because several are
binary, huge or deliberately broken in ways git and editors "fix".
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest

from conftest import write

Q = "2023Q2"
OK_TEXT = "【测试】二季度发放食堂采购份额督导通知，预算单位通过832平台采购脱贫地区农副产品326万元。"


def good(unit: str = "市财政局", progress: str = OK_TEXT, *, extra: str = "") -> str:
    """A valid czj submission (czj must report row 13 only); lines: 1 unit … 6 progress."""
    return f"unit: {unit}\nquarter: {Q}\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: {progress}\n{extra}"


def deep_flow(n: int) -> str:
    return "unit: 市财政局\nquarter: 2023Q2\nitems: " + "[" * n + "]" * n + "\n"


def deep_block(n: int) -> str:
    """Block sequences nest on one line (`- - - x`): 5,000 levels in 10 kB."""
    return "unit: 市财政局\nquarter: 2023Q2\nitems:\n  " + "- " * n + "x\n"


def deep_indented(n: int) -> str:
    lines = ["unit: 市财政局", "quarter: 2023Q2", "items:"]
    lines += [" " * (i + 1) + "a:" for i in range(n)]
    return "\n".join(lines) + " 1\n"


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)


# name → (bytes, expected code or None for clean, line, col or None, exit code)
CASES: dict[str, tuple[bytes, str | None, int | None, int | None, int]] = {
    "empty": (b"", "S110", 1, 1, 1),
    "only-whitespace": (b"\n\n   \n", "S110", 1, 1, 1),
    "only-comments": ("# 资源县\n# 还没写\n".encode(), "S110", 1, 1, 1),
    "top-level-list": ("- unit: 市财政局\n- quarter: 2023Q2\n".encode(), "S108", 1, 1, 1),
    "top-level-scalar": ("就是一句话\n".encode(), "S108", 1, 1, 1),
    "utf16-bom": (codecs.BOM_UTF16_LE + good().encode("utf-16-le"), None, None, None, 0),
    "utf16-be-bom": (codecs.BOM_UTF16_BE + good().encode("utf-16-be"), None, None, None, 0),
    "utf8-bom": (codecs.BOM_UTF8 + good().encode(), None, None, None, 0),
    "gbk": (good().encode("gbk"), "S101", 1, 7, 1),
    "latin1": (
        good(progress="Caf\u00e9 " + OK_TEXT).encode("utf-8").replace("Caf\u00e9".encode(), b"Caf\xe9"),
        "S101",
        6,
        18,
        1,
    ),
    "utf16-without-bom": (good().encode("utf-16-le"), "S101", None, None, 1),
    "control-bel": (good(progress="二季度\u0007" + OK_TEXT).encode(), "S109", 6, 18, 1),
    "nul-byte": (good().encode().replace("二季度".encode(), b"\x00"), "S109", 6, 19, 1),
    "deep-flow-5000": (deep_flow(5000).encode(), "S107", 3, None, 1),
    "deep-block-5000": (deep_block(5000).encode(), "S107", 4, None, 1),
    "deep-indented-500": (deep_indented(500).encode(), "S107", None, None, 1),
    "python-object-tag": (good(progress='!!python/object/apply:os.system ["echo hi"]').encode(), "S105", 6, 15, 1),
    "custom-tag": (good(progress="!custom 文字").encode(), "S105", 6, 15, 1),
    "anchor": (good(extra="contact: &c 张三\n").encode(), "S104", 7, 10, 1),
    "alias": (("unit: &u 市财政局\nquarter: 2023Q2\ncontact: *u\nitems: []\n").encode(), "S104", 1, 7, 1),
    "billion-laughs": (BILLION_LAUGHS.encode(), "S104", 1, 4, 1),
    "two-documents": (("---\n" + good() + "---\n" + good()).encode(), "S106", 8, 1, 1),
    "tab-indent": (good().replace("    progress", "\tprogress").encode(), "S102", 6, None, 1),
    "fullwidth-colon": (good(extra="contact：张三 0773-1234567\n").encode(), "S102", 7, 8, 1),
    "fullwidth-colon-top": ("unit：市财政局\n".encode(), "S108", 1, 1, 1),
    "duplicate-key": (good(extra="unit: 市民政局\n").encode(), "S103", 7, 1, 1),
    "task-leading-zero": (good().replace("task: 13", "task: 013").encode(), "S108", 5, 11, 1),
    "task-decimal": (good().replace("task: 13", "task: 13.0").encode(), "S108", 5, 11, 1),
    "task-3.10": (good().replace("task: 13", "task: 3.10").encode(), "S108", 5, 11, 1),
    "progress-number": (good(progress="3.10").encode(), None, None, None, 0),
    "submitted-bad-date": (good().replace("2023-07-05", "2023-02-30").encode(), "S108", 3, 12, 1),
    "submitted-format": (good().replace("2023-07-05", "2023/7/5").encode(), "S108", 3, 12, 1),
    "list-as-progress": (good(progress="\n      - 第一条\n      - 第二条").encode(), "S108", 7, 7, 1),
    "mapping-as-progress": (good(progress="\n      a: b").encode(), "S108", 7, 7, 1),
    "unknown-field": (good(extra="remark: 附件另报\n").encode(), "S108", 7, 1, 1),
    "missing-unit": (good().replace("unit: 市财政局\n", "").encode(), "S108", 1, 1, 1),
    "items-not-list": (good().split("items:")[0].encode() + "items: 都完成了\n".encode(), "S108", 4, 8, 1),
    "crlf": (good().replace("\n", "\r\n").encode(), None, None, None, 0),
    "cr-only": (good().replace("\n", "\r").encode(), None, None, None, 0),
    "unclosed-quote": (good(progress='"没有结束的引号').encode(), "S102", None, None, 1),
    "key-is-list": ((b"[a, b]: 1\n"), "S108", 1, 1, 1),
    "binary": (bytes(range(256)) * 4, "S101", None, None, 1),
    "png-header": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "S101", 1, 1, 1),
    "over-5mb": (("# " + "填" * 40 + "\n").encode() * 50_000 + good().encode(), "S111", None, None, 1),
}


@pytest.fixture
def folder(empty_data: Path) -> Path:
    return empty_data / "progress" / Q


def run(cli, data: Path, *paths) -> tuple[object, dict]:
    r = cli("validate", *paths, "--data", data, "--format", "json")
    assert "Traceback" not in r.output
    return r, json.loads(r.stdout)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus(cli, empty_data, folder, name):
    raw, code, line, col, exit_code = CASES[name]
    path = folder / "czj.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    r, doc = run(cli, empty_data, path)
    codes = [f["code"] for f in doc["findings"]]
    assert r.exit_code == exit_code, (codes, doc["findings"][:3])
    if code is None:
        assert not [f for f in doc["findings"] if f["level"] == "error"], doc["findings"]
        return
    hits = [f for f in doc["findings"] if f["code"] == code]
    assert hits, codes
    f = hits[0]
    assert f["file"] == "data/progress/2023Q2/czj.yaml"
    if line is not None:
        assert f["line"] == line, f
    if col is not None:
        assert f["col"] == col, f
    assert f["message"] and f["fix"]


def test_progress_310_stays_text(cli, empty_data, folder, tmp_path):
    """`progress: 3.10` is text "3.10", not the float 3.1; here it is too short to be progress (C404 is not raised
    for it: only placeholders are), so the file is clean and the text reads back exactly."""
    from zengshou.lint import load_catalog
    from zengshou.submissions import load_submission

    p = write(folder / "czj.yaml", good(progress="3.10"))
    cat, _ = load_catalog(empty_data)
    sub = load_submission(p, cat)
    assert sub.model.items[0].progress == "3.10"
    p = write(folder / "czj.yaml", good(progress="0123"))
    assert load_submission(p, cat).model.items[0].progress == "0123"


def test_task_0123_is_not_row_123(cli, empty_data, folder):
    write(folder / "czj.yaml", good().replace("task: 13", "task: 0123"))
    r, doc = run(cli, empty_data, folder / "czj.yaml")
    f = next(f for f in doc["findings"] if f["code"] == "S108")
    assert (f["line"], f["col"]) == (5, 11)
    assert "0123" not in [str(x.get("params", {}).get("row")) for x in doc["findings"]]
    assert "C401" not in [x["code"] for x in doc["findings"]]


def test_bad_date_names_the_date(cli, empty_data, folder):
    write(folder / "czj.yaml", good().replace("2023-07-05", "2023-02-30"))
    r, doc = run(cli, empty_data, folder / "czj.yaml")
    f = next(f for f in doc["findings"] if f["code"] == "S108")
    assert "2023-02-30" in f["message"]


def test_duplicate_key_cites_both_lines(cli, empty_data, folder):
    write(folder / "czj.yaml", good(extra="unit: 市民政局\n"))
    r, doc = run(cli, empty_data, folder / "czj.yaml")
    f = next(f for f in doc["findings"] if f["code"] == "S103")
    assert f["line"] == 7 and f["params"]["first_line"] == 1
    assert "1" in f["message"]


def test_hints_for_tab_and_fullwidth_colon(cli, empty_data, folder):
    write(folder / "czj.yaml", good().replace("    progress", "\tprogress"))
    r = cli("validate", folder / "czj.yaml", "--data", empty_data)
    assert "制表符" in r.stdout and r.exit_code == 1
    write(folder / "czj.yaml", good(extra="contact：张三\n"))
    r = cli("validate", folder / "czj.yaml", "--data", empty_data)
    assert "全角冒号" in r.stdout and r.exit_code == 1


def test_gbk_message_says_resave_as_utf8(cli, empty_data, folder):
    (folder).mkdir(parents=True, exist_ok=True)
    (folder / "czj.yaml").write_bytes(good().encode("gbk"))
    r = cli("validate", folder / "czj.yaml", "--data", empty_data)
    assert "UTF-8" in r.stdout and "S101" in r.stdout


def test_every_problem_in_one_run(cli, empty_data, folder):
    """Findings of several files (and several per file) come in one run, not just the first."""
    write(folder / "czj.yaml", good(progress="无").replace("task: 13", "task: 13\n    status: 完成"))
    write(folder / "mzj.yaml", "unit: 市民政局\nquarter: 2023Q5\n")
    write(folder / "zgh.yaml", "")
    r, doc = run(cli, empty_data, folder)
    files = {f["file"] for f in doc["findings"]}
    assert files == {f"data/progress/2023Q2/{u}.yaml" for u in ("czj", "mzj", "zgh")}
    assert r.exit_code == 1


def test_directory_argument_expands(cli, empty_data, folder):
    write(folder / "czj.yaml", good())
    write(folder / "sub" / "notes.txt", "not yaml, not checked")
    r, doc = run(cli, empty_data, folder)
    assert r.exit_code == 0 and doc["summary"]["files"] == 3


def test_empty_directory_argument(cli, empty_data, folder):
    folder.mkdir(parents=True, exist_ok=True)
    r, doc = run(cli, empty_data, folder)
    assert r.exit_code == 0 and doc["findings"] == []


def test_nonexistent_path_exit_2(cli, empty_data):
    r = cli("validate", "nowhere/czj.yaml", "--data", empty_data)
    assert r.exit_code == 2
    assert "nowhere/czj.yaml" in r.output and "Traceback" not in r.output


def test_nonexistent_data_dir_exit_2(cli, tmp_path):
    r = cli("validate", "--data", tmp_path / "nope")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == f"错误：数据目录不存在：{tmp_path / 'nope'}（用 --data 指定，或设置 ZENGSHOU_DATA）\n"


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root reads every file")
def test_unreadable_file(cli, empty_data, folder):
    p = write(folder / "czj.yaml", good())
    p.chmod(0)
    try:
        r, doc = run(cli, empty_data, p)
    finally:
        p.chmod(0o644)
    assert r.exit_code == 1 and doc["findings"][0]["code"] == "S100"


def test_yml_suffix_and_text_output_never_traceback(cli, empty_data, folder):
    """Every corpus file also goes through the text and github reporters without a traceback."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(sorted(CASES)):
        if name == "over-5mb":
            continue
        (folder / f"f{i:02d}.yml").write_bytes(CASES[name][0])
    for fmt in ("text", "github", "json"):
        r = cli("validate", folder, "--data", empty_data, "--format", fmt)
        assert r.exit_code == 1 and "Traceback" not in r.output
        # every failing case is reported under its own file name with its code, in every format
        if fmt == "json":
            shown = {(Path(f["file"]).name, f["code"]) for f in json.loads(r.stdout)["findings"]}
        else:
            shown = set(re.findall(r"(f\d\d\.yml):[-\d]+:[-\d]+ ([A-Z]\d{3}) ", r.stdout))
        for i, name in enumerate(sorted(CASES)):
            code = CASES[name][1]
            if name != "over-5mb" and code is not None:
                assert (f"f{i:02d}.yml", code) in shown, (fmt, name, code)
