"""The terminal as a clerk sees it: every table at 60, 80 and 120 columns, help in both languages.

Tables: no line wider than the terminal, every column header present, every cell's full value
present (wrapped values are read back column by column), or the documented short form with its
note. Help: nothing cut with "...", no English prose left in the Chinese help.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from zengshou.writer import cells

WIDTHS = (60, 80, 120)
V = "│┃"


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def read_table(out: str) -> dict | None:
    """The bordered table in ``out``: {"heads": [...], "cols": [stream per column]} where a
    column's stream is its fragments top to bottom, whitespace removed; None for blocks."""
    lines = out.splitlines()
    if not any(ln.startswith("┏") for ln in lines):
        return None
    start = next(i for i, ln in enumerate(lines) if ln.startswith("┏"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("└"))
    heads: list[str] = []
    cols: list[str] = []
    for ln in lines[start + 1 : end]:
        if ln[0] not in V:
            continue
        parts = re.split(f"[{V}]", ln)[1:-1]
        target = heads if ln[0] == "┃" else cols
        while len(target) < len(parts):
            target.append("")
        for i, p in enumerate(parts):
            target[i] += squash(p)
    return {"heads": heads, "cols": cols}


def check(
    out: str,
    width: int,
    heads: list[str],
    rows: list[list[str]],
    *,
    optional: dict[int, str] | None = None,
    alt: dict[str, str] | None = None,
) -> None:
    """Assert the table (or blocks) in ``out`` shows every header and value.

    ``optional``: column index → note that must be printed when that column is left out.
    ``alt``: value → its documented short form, accepted instead.
    """
    optional, alt = optional or {}, alt or {}
    for ln in out.splitlines():
        assert cells(ln) <= width, (width, ln)
    assert "..." not in out
    table = read_table(out)
    flat = squash(out)
    shown = set(range(len(heads)))
    for i, note in optional.items():
        if squash(heads[i]) not in (table["heads"] if table else squash(out.split("\n\n")[0])):
            assert squash(note) in flat, note
            shown.discard(i)
    if table is None:  # blocks: a legend names the fields, each value follows its field's name
        for i in shown:
            assert squash(heads[i]) in flat, heads[i]
        for r in rows:
            for i in shown:
                v = squash(r[i])
                if not v:
                    continue
                ok = [v, squash(alt.get(r[i], r[i]))]
                forms = [f for f in ok if (f"{squash(heads[i])}{f}" in flat if i else f in flat)]
                assert forms, (heads[i], r[i])
        return
    assert [h for h in table["heads"]] == [squash(heads[i]) for i in sorted(shown)]
    cols = dict(zip(sorted(shown), table["cols"], strict=True))
    for r in rows:
        for i in shown:
            v = squash(r[i])
            assert v in cols[i] or squash(alt.get(r[i], "\0")) in cols[i], (width, heads[i], r[i])


def run(cli, width, *args):
    return cli(*args, env={"COLUMNS": str(width)})


# ---------------------------------------------------------------- status


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_at_every_width(cli, data_dir, width, lang):
    from zengshou.i18n import t
    from zengshou.notice import state_text
    from zengshou.rules.completeness import _ranges
    from zengshou.status import quarter_status
    from zengshou.workspace import Workspace

    r = run(cli, width, "status", "--quarter", "2023Q2", "--data", data_dir, "--lang", lang)
    assert r.exit_code == 1
    out = r.stdout
    st = quarter_status(Workspace.open(data_dir), "2023Q2")
    heads = [
        t(f"status.{k}", lang) for k in ("unit", "kind", "file", "submitted", "state", "missing", "errors", "warnings")
    ]
    rows, alt = [], {}
    for u in st.units:
        full, short = state_text(u, lang), state_text(u, lang, short=True)
        alt[full] = short
        miss = (
            t("status.all_missing", lang, n=u.required)
            if u.state == "missing"
            else (
                t("status.some_missing", lang, n=len(u.missing_rows), rows=_ranges(u.missing_rows, t("sep.list", lang)))
                if u.missing_rows
                else "—"
            )
        )
        rows.append(
            [
                u.name,
                t(f"kind.{u.kind}", lang),
                "✓" if u.file else "—",
                u.submitted.isoformat() if u.submitted else "—",
                full,
                miss,
                str(u.errors) if u.file else "—",
                str(u.warnings) if u.file else "—",
            ]
        )
    note = t("status.no_file_column", lang)
    check(out, width, heads, rows, optional={1: note, 2: note}, alt=alt)
    if squash(note) in squash(out):  # the short forms are explained whenever they are used
        assert squash(t("table.short_forms", lang, forms="")[:-2]) in squash(out)
    totals = t("status.totals", lang, units=34, states="", missing_rows=888, errors=0, warnings=2)
    assert squash(totals.split("，")[0] if lang == "zh" else totals.split(":")[0]) in squash(out)
    if width == 120:  # the full layout: kinds use the shared vocabulary, dates in full
        assert "县（市、区）" in out if lang == "zh" else "county" in out
        assert "县级" not in out


def test_status_at_80_keeps_dates_and_every_column(cli, data_dir):
    """The bug of issue 16: at 80 columns 缺报任务 vanished, 警告 lost its header, dates were cut."""
    out = run(cli, 80, "status", "--quarter", "2023Q2", "--data", data_dir).stdout
    table = read_table(out)
    assert table["heads"] == ["单位", "报送日期", "状态", "缺报任务", "错误", "警告"]
    assert "2023-07-11" in out and "2023-07-0" in out
    yangshuo = next(ln for ln in out.splitlines() if "阳朔县人民政府" in ln)
    assert "2023-07-11" in yangshuo and "逾期 5 天" in yangshuo


# ---------------------------------------------------------------- tasks and units


@pytest.mark.parametrize("width", WIDTHS)
def test_tasks_at_every_width(cli, data_dir, width):
    from zengshou.workspace import Workspace

    cat = Workspace.open(data_dir).cat
    out = run(cli, width, "tasks", "--data", data_dir).stdout
    heads = ["序号", "措施", "具体落实措施", "牵头单位", "责任单位"]
    rows = [
        [
            str(task.id),
            f"{task.measure}. {cat.measures[task.measure].title}",
            task.text,
            task.units[0],
            "、".join(task.units[1:]),
        ]
        for task in cat.tasks
    ]
    check(out, width, heads, rows)


@pytest.mark.parametrize("width", WIDTHS)
def test_tasks_of_a_unit_at_every_width(cli, data_dir, width):
    out = run(cli, width, "tasks", "--unit", "资源县", "--data", data_dir).stdout
    rows = json.loads(run(cli, width, "tasks", "--unit", "资源县", "--data", data_dir, "--format", "json").stdout)
    words = {"lead": "牵头", "participant": "配合", "county": "县级"}
    check(
        out,
        width,
        ["序号", "措施", "具体落实措施", "牵头单位", "角色"],
        [[str(d["id"]), f"{d['measure']}. {d['measure_title']}", d["text"], d["lead"], words[d["role"]]] for d in rows],
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_units_at_every_width(cli, data_dir, width):
    from zengshou.i18n import t
    from zengshou.workspace import Workspace

    cat = Workspace.open(data_dir).cat
    out = run(cli, width, "units", "--data", data_dir).stdout
    rows = []
    for u in cat.units:
        need = len(cat.required_rows(u.id)) if u.kind != "group" else 0
        extra = "、".join(u.aliases)
        if u.members:
            extra = "成员：" + "、".join(cat.by_id[m].name for m in u.members)
        rows.append([u.id, u.name, t(f"kind.{u.kind}", "zh"), str(need) if need else "", extra])
    check(out, width, ["编号", "名称", "类别", "须报送", "简称"], rows)


# ---------------------------------------------------------------- indicators and history


@pytest.mark.parametrize("width", WIDTHS)
def test_indicators_at_every_width(cli, data_dir, width):
    out = run(cli, width, "indicators", "--quarter", "2023Q2", "--data", data_dir).stdout
    doc = json.loads(
        run(cli, width, "indicators", "--quarter", "2023Q2", "--data", data_dir, "--format", "json").stdout
    )
    table = read_table(out)
    heads = ["序号", "指标（计算方式）", "实际", "目标", "完成", "应完成", "状态"]
    rows = []
    for p in doc["indicators"]:
        done = "—" if p.get("achieved") is None else f"{p['achieved'] * 100:.0f}%"
        rows.append([str(p["row"]), p["name"], "", "", done, "", ""])
    check(out, width, heads, rows)
    assert table is None or len(table["cols"]) == 7


@pytest.mark.parametrize("width", WIDTHS)
def test_history_at_every_width(cli, data_dir, width):
    out = run(cli, width, "history", "--task", "3", "--data", data_dir).stdout
    doc = json.loads(run(cli, width, "history", "--task", "3", "--data", data_dir, "--format", "json").stdout)
    assert doc["entries"]
    rows = [
        [
            e["quarter"],
            e["unit_name"],
            e["status"] or "",
            "\n".join(f"{k}: {v}" for k, v in e["figures"].items()),
            e["progress"],
        ]
        for e in doc["entries"]
    ]
    check(out, width, ["季度", "单位", "进展", "指标数字", "落实进度"], rows)
    assert squash(doc["text"]) in squash(out)  # the title, wrapped, not cut


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_at_every_width(cli, width):
    from zengshou.ruledocs import rule_list_rows

    out = run(cli, width, "rules").stdout
    for ln in out.splitlines():
        assert cells(ln) <= width, ln
    flat = squash(out)
    for r in rule_list_rows("zh"):
        assert squash(f"{r['code']}{r['name']}") in flat and squash(r["summary"]) in flat, r["code"]


def test_width_follows_columns_when_piped(cli, data_dir):
    """Not a terminal: COLUMNS decides; without it, the readable default (120)."""
    narrow = run(cli, 70, "units", "--data", data_dir).stdout
    assert max(cells(ln) for ln in narrow.splitlines()) <= 70
    wide = cli("units", "--data", data_dir, env={"COLUMNS": ""}).stdout
    assert 70 < max(cells(ln) for ln in wide.splitlines()) <= 120


# ---------------------------------------------------------------- the vocabulary


def test_one_word_per_thing():
    """Unit kinds and states read the same in the terminal, the report and the reminder."""
    from zengshou.i18n import t
    from zengshou.report.labels import labels
    from zengshou.status import STATE_WORDS

    for lang in ("zh", "en"):
        lab = labels(lang)
        for kind in ("county", "department", "other", "group"):
            assert lab[f"kind_{kind}"] == t(f"kind.{kind}", lang)
        for s, pair in STATE_WORDS.items():
            assert pair[lang] == t(f"state.{s}", lang)
    assert [t(f"state.{s}.short", "zh") for s in ("on_time", "late", "draft", "missing", "invalid")] == [
        "按时",
        "逾期",
        "草稿",
        "未报送",
        "有错误",
    ]


# ---------------------------------------------------------------- help

HELP_SCRIPT = """
import json, typer.main
from typer.testing import CliRunner
from zengshou.cli.app import app
group = typer.main.get_command(app)
runner = CliRunner()
out = {"": runner.invoke(app, ["--help"]).output}
for name in group.commands:
    out[name] = runner.invoke(app, [name, "--help"]).output
print(json.dumps(out))
"""

#: ASCII words the Chinese help may contain: names of options, files, formats, tools and values
ALLOWED = set(
    """
zengshou ZENGSHOU DATA LANG zh en yaml tasks units progress toml json JSON Schema schema check jsonschema
text github GitHub table xlsx html Excel WPS Word docx mbox eml senders git HEAD origin main pre commit YAML txt j2 reminder report id
templates reports forms data shell Q2 Q3 csv YYYY MM DD links password
smtp wecom dingtalk last
""".split()
)


def help_texts(lang: str, columns: int) -> dict[str, str]:
    env = {**os.environ, "ZENGSHOU_LANG": lang, "COLUMNS": str(columns), "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    res = subprocess.run([sys.executable, "-c", HELP_SCRIPT], capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def english_words(text: str) -> set[str]:
    text = re.sub(r"--?[\w-]+|\b[a-z]+(?:-[a-z]+)+", " ", text)  # option and rule names
    text = re.sub(r"<[^>]*>", " ", text)  # types
    text = re.sub(r"[\w.]*[./][\w./]*", " ", text)  # file names and paths
    from zengshou.cli import COMMAND_MODULES

    return {w for w in re.findall(r"[A-Za-z]{2,}", text)} - ALLOWED - set(COMMAND_MODULES)


@pytest.mark.parametrize("columns", [pytest.param(100, marks=pytest.mark.slow), 80])  # a subprocess each
def test_help_in_chinese_has_no_english_and_nothing_cut(columns):
    texts = help_texts("zh", columns)
    from zengshou.cli import COMMAND_MODULES

    assert set(texts) == {"", *COMMAND_MODULES}
    for name, text in texts.items():
        assert "用法" in text and "选项" in text, name
        assert "..." not in text, (name, text)
        assert english_words(text) == set(), (name, english_words(text))
        for ln in text.splitlines():
            assert cells(ln) <= columns, (name, ln)


@pytest.mark.parametrize("columns", [pytest.param(100, marks=pytest.mark.slow), 80])  # a subprocess each
def test_help_in_english_nothing_cut(columns):
    texts = help_texts("en", columns)
    for name, text in texts.items():
        assert "Usage:" in text and "Options" in text, name
        assert "..." not in text, (name, text)
        assert not re.search(
            r"[\u4e00-\u9fff]{4,}",
            re.sub(r"[（(][^）)]*[）)]|落实进度|未报送|增收|催报通知|重点任务清单|汇总表|选填", "", text),
        ), name


def test_help_language_from_the_command_line():
    """`--lang en` anywhere on the line chooses the help's language before the app is built."""
    env = {**os.environ}
    env.pop("ZENGSHOU_LANG", None)
    en = subprocess.run(
        [sys.executable, "-m", "zengshou", "status", "--help", "--lang", "en"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "100"},
    )
    zh = subprocess.run(
        [sys.executable, "-m", "zengshou", "status", "--help"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "100"},
    )
    assert "Who has reported for a quarter" in en.stdout and "Usage:" in en.stdout
    assert "某季度的报送情况" in zh.stdout and "用法" in zh.stdout


def test_bare_command_prints_the_quick_start():
    env = {k: v for k, v in os.environ.items() if k != "ZENGSHOU_LANG"}
    zh = subprocess.run([sys.executable, "-m", "zengshou"], capture_output=True, text=True, env=env)
    en = subprocess.run([sys.executable, "-m", "zengshou", "--lang", "en"], capture_output=True, text=True, env=env)
    assert zh.returncode == 0 and en.returncode == 0
    for word in ("填报人员", "汇总人员", "zengshou new", "zengshou status", "zengshou merge", "docs/rules.md"):
        assert word in zh.stdout, word
    assert "Clerks" in en.stdout and "Coordinator" in en.stdout
    for text in (zh.stdout, en.stdout):  # fits the narrowest terminal it is likely to meet
        assert max(cells(ln) for ln in text.splitlines()) <= 80


def test_quick_start_in_process(cli):
    r = cli()
    assert r.exit_code == 0 and "填报人员" in r.stdout


def test_a_usage_error_speaks_chinese():
    env = {k: v for k, v in os.environ.items() if k != "ZENGSHOU_LANG"}
    r = subprocess.run(
        [sys.executable, "-m", "zengshou", "status"], capture_output=True, text=True, env={**env, "COLUMNS": "100"}
    )
    assert r.returncode == 2 and "错误" in r.stderr and "用法" in r.stderr
