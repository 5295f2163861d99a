"""The year and plan reports, the lights and the units' reporting records (issue 26).

A three-year tree is generated with ``bench/generate.py --mix`` (statuses, figures, late, draft
and missing files, rows left out); the tests read the YAML files themselves to count what each
document should say, then read the documents back (openpyxl, python-docx, an HTML parser) and
compare. Page counts at full load (LibreOffice, Chromium) are the slow tests at the end.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from zengshou.lint import load_catalog

ROOT = Path(__file__).resolve().parent.parent
NAME = "桂林市促进脱贫人口持续增收三年行动方案"
STATE_WORD = {"已完成": "完成", "未启动": "未启"}  # any other filled text: 推进


def generate(out: Path, *extra: str) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(out), "--units", "34", "--quarters", "12", *extra],
        check=True,
        capture_output=True,
    )
    return out / "data"


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("span"), "--mix", "--chars", "20-60", "--seed", "3")


def deadline(q: str) -> date:
    """The plan's deadline, as the plan says it: the 6th of the month after the quarter."""
    y, n = int(q[:4]), int(q[5])
    return date(y + 1, 1, 6) if n == 4 else date(y, 3 * n + 1, 6)


@functools.cache
def catalog(data: Path):
    """The tree's catalog, read once per tree (the tests only read it)."""
    return load_catalog(data)[0]


@functools.cache
def opened(path: Path):
    """A report read back once per file (python-docx or openpyxl); the tests only read it."""
    if path.suffix == ".docx":
        import docx

        return docx.Document(str(path))
    import openpyxl

    return openpyxl.load_workbook(path)


@functools.cache
def read_tree(data: Path) -> dict[str, dict[str, dict]]:
    """quarter → unit id → the file's content (as YAML reads it); read once per tree."""
    yaml = YAML(typ="safe")
    out: dict[str, dict[str, dict]] = {}
    for folder in sorted((data / "progress").iterdir()):
        out[folder.name] = {f.stem: yaml.load(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.yaml"))}
    return out


def expected_records(data: Path, year: int) -> dict[str, dict]:
    """Per unit: quarters on time / late / missing, days late and rows missing, counted here."""
    cat = catalog(data)
    files = read_tree(data)
    out: dict[str, dict] = {}
    for q in [f"{year}Q{n}" for n in range(1, 5)]:
        for uid in cat.reporters(q):
            rec = out.setdefault(uid, {"on_time": 0, "late": 0, "late_days": 0, "missing": 0, "rows_missing": 0})
            doc = files.get(q, {}).get(uid)
            if doc is None or doc.get("submitted") is None:
                rec["missing"] += 1
                continue
            sent = doc["submitted"]
            sent = sent if isinstance(sent, date) else date.fromisoformat(str(sent))
            days = (sent - deadline(q)).days
            if days > 0:
                rec["late"] += 1
                rec["late_days"] += days
            else:
                rec["on_time"] += 1
            have = {it["task"] for it in doc["items"]}
            rec["rows_missing"] += len([r for r in cat.required_rows(uid, q) if r not in have])
    return out


def expected_state(doc: dict | None, row: int) -> str:
    """A cell's state word from the file itself (未报 when not sent, a draft, or the row left out)."""
    if doc is None or doc.get("submitted") is None:
        return "未报"
    for it in doc["items"]:
        if it["task"] == row and str(it.get("progress") or "").strip():
            return STATE_WORD.get(it.get("status"), "推进")
    return "未报"


# ---------------------------------------------------------------- records


@pytest.mark.slow  # the generated three-year tree (bench/generate.py, a subprocess)
def test_status_year_json_counts_match_the_files(tree, cli):
    r = cli("status", "--year", "2023", "--format", "json", "--data", tree)
    assert r.exit_code in (0, 1), r.output
    got = json.loads(r.stdout)
    assert got["year"] == 2023 and got["quarters"] == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    want = expected_records(tree, 2023)
    assert {u["unit_id"] for u in got["units"]} == set(want)
    for u in got["units"]:
        w = want[u["unit_id"]]
        assert {k: u[k] for k in w} == w, u["name"]
        assert u["returned"] == 0  # no review state yet (issue 25's hook)
        assert len(u["quarters"]) == 4
    # the mix has every kind of quarter
    assert sum(w["late"] for w in want.values()) > 0 and sum(w["missing"] for w in want.values()) > 0
    # ranked: fewer missing quarters never rank below more; ties share a rank
    ranks = [(u["missing"], u["rank"]) for u in got["units"]]
    assert ranks == sorted(ranks, key=lambda x: x[1])
    for a, b in zip(got["units"], got["units"][1:], strict=False):
        assert a["rank"] <= b["rank"]
        assert (a["missing"], a["returned"], a["late"]) <= (b["missing"], b["returned"], b["late"])
    # the change in rank is against 2022's ranks
    prev = json.loads(cli("status", "--year", "2022", "--format", "json", "--data", tree).stdout)
    before = {u["unit_id"]: u["rank"] for u in prev["units"]}
    for u in got["units"]:
        assert u["previous_rank"] == before[u["unit_id"]]
        assert u["rank_change"] == before[u["unit_id"]] - u["rank"]
    assert got["totals"]["late"] == sum(w["late"] for w in want.values())
    assert got["complete"] == (r.exit_code == 0)


@pytest.mark.slow  # the generated three-year tree (bench/generate.py, a subprocess)
def test_status_year_table_and_errors(tree, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("status", "--year", "2023", "--data", tree)
    assert r.exit_code in (0, 1)
    assert "2023年报送考核" in r.stdout and "名次" in r.stdout
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    r = cli("status", "--year", "2030", "--data", tree)
    assert r.exit_code == 2 and "不在方案期内" in r.stderr
    r = cli("status", "--year", "2023", "--quarter", "2023Q1", "--data", tree)
    assert r.exit_code == 2 and "--year" in r.stderr
    r = cli("status", "--data", tree)
    assert r.exit_code == 2


# ---------------------------------------------------------------- the documents


@pytest.fixture(scope="module")
def year_docs(tree, tmp_path_factory):
    from typer.testing import CliRunner

    from zengshou.cli.app import app

    out = tmp_path_factory.mktemp("year")
    r = CliRunner().invoke(app, ["merge", "--year", "2023", "--data", str(tree), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.mark.slow  # the generated three-year tree's year report, merged
def test_file_names_follow_the_quarter_pattern(year_docs, tree, cli, tmp_path):
    names = sorted(p.name for p in year_docs.iterdir())
    assert names == sorted(
        [
            f"{NAME}-2023年-落实进度.docx",
            f"{NAME}-2023年-落实进度.xlsx",
            f"{NAME}-2023年-落实进度.html",
            f"{NAME}-2023年-工作底稿.xlsx",
            f"{NAME}-2023年-工作底稿.html",
        ]
    )
    r = cli("merge", "--plan", "--format", "xlsx", "--data", tree)  # default folder: reports/<span>/
    assert r.exit_code == 0, r.output
    assert (tmp_path / "reports" / "2022-2024" / f"{NAME}-2022-2024-工作底稿.xlsx").is_file()


def quarter_counts(data: Path, quarters: list[str]) -> list[tuple[int, int, int, int]]:
    """(on time, late, missing, draft) per quarter, from the files."""
    cat = catalog(data)
    files = read_tree(data)
    out = []
    for q in quarters:
        on, late, miss, draft = 0, 0, 0, 0
        for uid in cat.reporters(q):
            doc = files.get(q, {}).get(uid)
            if doc is None:
                miss += 1
            elif doc.get("submitted") is None:
                draft += 1
            else:
                sent = doc["submitted"]
                sent = sent if isinstance(sent, date) else date.fromisoformat(str(sent))
                late, on = (late + 1, on) if sent > deadline(q) else (late, on + 1)
        out.append((on, late, miss, draft))
    return out


@pytest.mark.slow  # the generated three-year tree's year report, merged
def test_reporting_table_in_word_excel_and_html(year_docs, tree):

    want = quarter_counts(tree, ["2023Q1", "2023Q2", "2023Q3", "2023Q4"])
    d = opened(year_docs / f"{NAME}-2023年-落实进度.docx")
    assert "2023年度" in d.paragraphs[0].text
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows][1:5]
    assert [(int(r[2]), int(r[3]), int(r[5]), int(r[6])) for r in rows] == want
    ws = opened(year_docs / f"{NAME}-2023年-落实进度.xlsx").worksheets[0]
    vals = [[c.value for c in r] for r in ws.iter_rows(min_row=1)]
    head = next(i for i, r in enumerate(vals) if r[0] == "季度")
    assert [(r[2], r[3], r[5], r[6]) for r in vals[head + 1 : head + 5]] == want
    page = Tables(year_docs / f"{NAME}-2023年-落实进度.html")
    rows = page.tables["reporting"][1:5]
    assert [(int(r[2]), int(r[3]), int(r[5]), int(r[6])) for r in rows] == want


class Tables(HTMLParser):
    """Every table of a page by its first class: rows of cell texts; and each cell's classes."""

    def __init__(self, path: Path):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.classes: dict[str, list[list[str]]] = {}
        self._t: str | None = None
        self._cell: list[str] | None = None
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._t = (a.get("class") or "").split()[0]
            self.tables[self._t], self.classes[self._t] = [], []
        elif tag == "tr" and self._t:
            self.tables[self._t].append([])
            self.classes[self._t].append([])
        elif tag in ("td", "th") and self._t:
            self._cell = []
            self.classes[self._t][-1].append(a.get("class") or "")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._t:
            self.tables[self._t][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._t = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


COLOUR_OF = {"完成": "green", "推进": "yellow", "未启": "red", "未报": "grey"}
PACE = {"超", "达", "欠"}


def colour_rule(state: str, pace: str | None) -> str:
    """The documented colour rule, written out again."""
    if state == "未报":
        return "grey"
    if pace == "欠" or state == "未启":
        return "red"
    if state == "完成" or pace in ("超", "达"):
        return "green"
    return "yellow"


@pytest.mark.slow  # the generated three-year tree's year report, merged
def test_county_matrix_matches_the_files(year_docs, tree):
    """Every (county × task) cell of the 工作底稿's matrix: the state from the county's own file
    at 2023Q4, and the colour the documented rule gives for its state and pace."""

    from zengshou.report.span_model import FILL

    cat = catalog(tree)
    files = read_tree(tree)["2023Q4"]
    wb = opened(year_docs / f"{NAME}-2023年-工作底稿.xlsx")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[3]]
    counties = [u for u in cat.counties()]
    assert head[3:] == [u.name.removesuffix("人民政府") for u in counties]
    fill_colour = {v: k for k, v in FILL.items()}
    seen_rows = set()
    states: dict[str, int] = {}
    for r in ws.iter_rows(min_row=4):
        row = r[0].value
        seen_rows.add(row)
        for u, cell in zip(counties, r[3:], strict=True):
            need = row in cat.required_rows(u.id, "2023Q4")
            if not need:
                assert not cell.value
                continue
            state, _, pace = str(cell.value).partition("\n")
            assert state == expected_state(files.get(u.id), row), (u.id, row)
            assert pace in PACE or pace == ""
            colour = fill_colour[cell.fill.fgColor.rgb[-6:]]
            assert colour == colour_rule(state, pace or None), (u.id, row, cell.value)
            states[state] = states.get(state, 0) + 1
    assert seen_rows == {r for u in counties for r in cat.required_rows(u.id, "2023Q4")}
    assert set(states) == {"完成", "推进", "未启", "未报"}


@pytest.mark.slow  # the generated three-year tree's year report, merged
def test_task_lights_and_counts_in_every_format(year_docs, tree):
    """The task × quarter matrix: each task's state from its lead unit's file, quarter by
    quarter; the 呈报版's counts (Word, Excel, HTML) equal the matrix's last column counted here,
    and the change equals the last column minus the one before."""

    cat = catalog(tree)
    files = read_tree(tree)
    quarters = ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    wb = opened(year_docs / f"{NAME}-2023年-工作底稿.xlsx")
    ws = wb.worksheets[1]
    assert [c.value for c in ws[3]][3:] == quarters
    colours: dict[str, list[str]] = {q: [] for q in quarters}
    for r in ws.iter_rows(min_row=4):
        row = r[0].value
        for q, cell in zip(quarters, r[3:], strict=True):
            state, _, pace = str(cell.value).partition("\n")
            assert state == expected_state(files[q].get(cat.lead(row, q)), row), (row, q)
            colours[q].append(colour_rule(state, pace or None))
    assert len(colours["2023Q4"]) == len(cat.tasks)
    now = {c: colours["2023Q4"].count(c) for c in COLOUR_OF.values()}
    before = {c: colours["2023Q3"].count(c) for c in COLOUR_OF.values()}
    words = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "grey": "灰灯（未报）"}

    def change(c):
        d = now[c] - before[c]
        return f"增加{d}" if d > 0 else f"减少{-d}" if d < 0 else "持平"

    want = [[words[c], str(now[c]), str(before[c]), change(c)] for c in words]
    d = opened(year_docs / f"{NAME}-2023年-落实进度.docx")
    got = [[c.text for c in r.cells][:4] for r in d.tables[1].rows][1:5]
    assert got == want
    sh = opened(year_docs / f"{NAME}-2023年-落实进度.xlsx").worksheets[1]
    got = [[str(c.value) for c in r][:4] for r in sh.iter_rows(min_row=4, max_row=7)]
    assert got == want
    page = Tables(year_docs / f"{NAME}-2023年-落实进度.html")
    assert [r[:4] for r in page.tables["counts"][2:6]] == want
    assert [c[0] for c in page.classes["counts"][2:6]] == [f"lamp {c}" for c in words]
    # the county comparison: each county's cells by colour add up to its rows
    for r in d.tables[2].rows[1:]:
        cells = [c.text for c in r.cells]
        assert sum(int(x) for x in cells[2:6]) == int(cells[1])


@pytest.mark.slow  # all 12 quarters of the generated three-year tree, merged in every format
def test_plan_report_has_every_quarter_and_each_task(tree, tmp_path):
    """--plan: the annex lists every task with a light per quarter (12) in Word and HTML, the
    latest text is the lead unit's 2024Q4 text, and the records cover the three years."""
    import docx
    import openpyxl
    from typer.testing import CliRunner

    from zengshou.cli.app import app

    r = CliRunner().invoke(app, ["merge", "--plan", "--data", str(tree), "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    cat = catalog(tree)
    last = read_tree(tree)["2024Q4"]
    d = docx.Document(str(tmp_path / f"{NAME}-2022-2024-落实进度.docx"))
    annex = next(x for x in d.tables if [c.text for c in x.rows[0].cells][:3] == ["序号", "重点任务", "牵头单位"])
    assert len(annex.rows) == 1 + 2 * len(cat.tasks)
    assert len(annex.rows[0].cells) == 3 + 12
    for i, t in enumerate(cat.tasks):
        text_row = annex.rows[2 + 2 * i]
        doc = last.get(cat.lead(t.id, "2024Q4"))
        item = next((it for it in (doc or {}).get("items", []) if it["task"] == t.id), None)
        if doc is not None and doc.get("submitted") is not None and item is not None:
            assert text_row.cells[1].text.endswith(item["progress"].strip())
    page = Tables(tmp_path / f"{NAME}-2022-2024-落实进度.html")
    lamps = [c for row in page.classes["tasks"] for c in row if c.startswith("lamp")]
    assert len(lamps) == 12 * len(cat.tasks)
    # the indicator charts: one native chart per indicator with figures in Word, an SVG in HTML
    charts = [n for n in d.part.package.parts if str(n.partname).startswith("/word/charts/")]
    html = (tmp_path / f"{NAME}-2022-2024-落实进度.html").read_text(encoding="utf-8")
    assert len(charts) == html.count('<figure class="chart">') > 10
    wb = openpyxl.load_workbook(tmp_path / f"{NAME}-2022-2024-工作底稿.xlsx")
    assert [n for n in wb.sheetnames if n.startswith("报送考核")] == ["报送考核2022", "报送考核2023", "报送考核2024"]
    ws = wb["报送考核2023"]
    want = expected_records(tree, 2023)
    by_name = {cat.by_id[u].name: w for u, w in want.items()}
    for row in ws.iter_rows(min_row=4, values_only=True):
        w = by_name[row[1]]
        assert (row[3], row[4], row[5], row[6], row[7]) == (
            w["on_time"],
            w["late"],
            w["late_days"],
            w["missing"],
            w["rows_missing"],
        )


@pytest.mark.slow  # the generated three-year tree's year report, merged
def test_same_inputs_same_bytes_and_bad_spans(year_docs, tree, cli, tmp_path):
    # a second merge of 2023 (the first is year_docs'), byte for byte the same
    a = tmp_path / "a"
    assert cli("merge", "--year", "2023", "--data", tree, "--out", a).exit_code == 0
    assert sorted(f.name for f in a.iterdir()) == sorted(f.name for f in year_docs.iterdir())
    for f in a.iterdir():
        assert f.read_bytes() == (year_docs / f.name).read_bytes(), f.name
    r = cli("merge", "--year", "2019", "--data", tree)
    assert r.exit_code == 2 and "不在方案期内" in r.stderr
    r = cli("merge", "--year", "2023", "--plan", "--data", tree)
    assert r.exit_code == 2 and "--plan" in r.stderr
    empty = tmp_path / "empty"
    shutil.copytree(tree, empty, ignore=shutil.ignore_patterns("progress"))
    (empty / "progress").mkdir()
    r = cli("merge", "--plan", "--data", empty, "--lang", "en")
    assert r.exit_code == 2 and "no data" in r.stderr


def test_lights_rules_table():
    from zengshou.report import lights as lt

    cases = {
        (lt.NOT_REPORTED, lt.BEHIND): lt.GREY,
        (lt.NOT_STARTED, None): lt.RED,
        (lt.DONE, lt.BEHIND): lt.RED,
        (lt.ONGOING, lt.BEHIND): lt.RED,
        (lt.DONE, None): lt.GREEN,
        (lt.ONGOING, lt.AHEAD): lt.GREEN,
        (lt.ONGOING, lt.ON_PACE): lt.GREEN,
        (lt.ONGOING, None): lt.YELLOW,
    }
    for (state, pace), colour in cases.items():
        assert lt.colour(state, pace) == colour, (state, pace)
    assert lt.worst([None, lt.AHEAD, lt.BEHIND]) == lt.BEHIND
    assert lt.worst([None]) is None


# ---------------------------------------------------------------- pages at full load (slow)


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def first_page_with(pdf: Path, word: str) -> int:
    n = pages(pdf)
    for i in range(1, n + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if any(line.strip() == word for line in text.splitlines()):
            return i
    return n + 1


@pytest.fixture(scope="module")
def full_plan(tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice (soffice) and poppler-utils are needed to count pages")
    base = tmp_path_factory.mktemp("full")
    data = generate(base, "--mix", "--full")
    out = base / "out"
    from typer.testing import CliRunner

    from zengshou.cli.app import app

    r = CliRunner().invoke(app, ["merge", "--plan", "--data", str(data), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.mark.slow
@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_plan_report_pages_at_full_load_libreoffice(full_plan, ext, tmp_path):
    src = full_plan / f"{NAME}-2022-2024-落实进度.{ext}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / (src.stem + ".pdf")
    word = "附件" if ext == "docx" else "重点任务逐季进展"
    assert first_page_with(pdf, word) - 1 <= 4  # the 正文
    assert pages(pdf) <= 40


@pytest.mark.slow
def test_plan_report_pages_at_full_load_chromium(full_plan, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("Chromium is needed to print the HTML page")
    src = full_plan / f"{NAME}-2022-2024-落实进度.html"
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            src.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert first_page_with(pdf, "附件") - 1 <= 4
    assert pages(pdf) <= 40


def test_returned_hook_counts_a_returned_quarter():
    """Issue 25's review state arrives as the quarter status's state ``returned``: the record
    counts it, and a returned unit ranks below an otherwise equal one."""
    from zengshou.records import QuarterMark, UnitRecord, rank, returned
    from zengshou.status import UnitStatus

    u = UnitStatus("a", "甲", "county", "f.yaml", date(2023, 4, 3), "returned", 0, 3, 3, [], 0, 0)
    assert returned(u)
    assert not returned(UnitStatus("b", "乙", "county", "f.yaml", date(2023, 4, 3), "on_time", 0, 3, 3, [], 0, 0))

    def rec(uid: str, back: bool) -> UnitRecord:
        return UnitRecord(uid, uid, "county", [QuarterMark("2023Q1", "on_time", None, 0, 0, back, {})])

    ranked = rank([rec("x", True), rec("y", False), rec("z", False)], {"x": 0, "y": 1, "z": 2})
    assert [(r.unit_id, r.rank, r.returned) for r in ranked] == [("y", 1, 0), ("z", 1, 0), ("x", 3, 1)]
