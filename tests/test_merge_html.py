"""The HTML report, parsed back with the standard library's html.parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from merge_fixtures import NAMES, fill_quarter, merge_once, sample_text
from zengshou.lint import load_catalog

Q = "2023Q2"
HTML, WORK_HTML = NAMES[3], NAMES[4]
EVIL = '<script>alert("x")</script> & <img src=http://evil.example/x.png>'


class Page(HTMLParser):
    """Tables (rows of cell texts, per tbody), ids, links, and every tag with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "table":
            self.tables.append({"head": [], "body": [], "class": a.get("class", "")})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            t = self.tables[-1]
            (t["head"] if self._row and not t["body"] and self._row[0] in ("序号", "No.") else t["body"]).append(
                self._row
            )
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> Page:
    raw = path.read_text(encoding="utf-8")
    p = Page()
    p.feed(raw)
    p.raw = raw
    return p


def _fill(data: Path) -> None:
    (data / "zengshou.toml").write_text('[rules]\nC406 = "off"\n', encoding="utf-8")
    fill_quarter(data, Q, skip=("kjj", "lingui"), texts={("nyncj", 1): EVIL})


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """The quarter's data, merged to HTML once for the tests that only read the pages."""
    data, _ = merge_once(tmp_path_factory.mktemp("html"), _fill, "--quarter", Q, "--format", "html")
    return data


@pytest.fixture(scope="module")
def pages(filled):
    reports = filled.parent / "reports" / Q
    return parse(reports / HTML), parse(reports / WORK_HTML)


@pytest.fixture
def page(pages):
    return pages[0]


def test_submit_page_order_and_heading(page):
    title = "《桂林市促进脱贫人口持续增收三年行动方案（2022—2024年）》重点任务清单落实进度（2023年二季度）"
    assert f"<h1>{title}</h1>" in page.raw
    assert "编制单位：桂林市乡村振兴局　　截至日期：2023年7月6日" in page.raw
    ids = ("top", "status", "progress", "indicator-brief", "attention", "annexes", "summary", "indicators", "notes")
    order = [page.raw.index(f'id="{i}"') for i in ids]
    assert order == sorted(order)
    assert [t["class"] for t in page.tables] == ["digest", "summary", "indicators"]
    digest = {r[0]: r for r in page.tables[0]["body"]}
    assert digest["未报送"][1:] == ["2", "市科技局、临桂区"]


def test_summary_table(page, filled):
    cat, _ = load_catalog(filled)
    summary = page.tables[1]
    assert summary["head"] == [["序号", "具体措施", "重点任务", "落实进度", "进展", "责任单位"]]
    rows = summary["body"]
    assert len(rows) == 70
    assert rows[0][:2] == ["1", "1．做大做强农业特色优势产业"] and rows[0][3] == EVIL
    by_no = {r[0]: r for r in rows}
    assert any(
        c.startswith("牵头单位未报送；已报送该项的单位：") for c in by_no["6"]
    )  # row 6: 市科技局 has not reported
    for t in cat.tasks:
        assert t.text in by_no[str(t.id)]
    assert not [a for tag, a in page.tags if tag == "td" and a.get("rowspan")]  # every row names its measure
    assert [r[1] for r in rows[:3]] == ["1．做大做强农业特色优势产业"] + ["1．做大做强农业特色优势产业（续）"] * 2
    assert "详见工作底稿" not in page.raw


def test_workpaper_has_each_text_once(pages, filled):
    cat, _ = load_catalog(filled)
    work = pages[1]
    assert [t["class"] for t in work.tables] == ["status", "texts"]
    body = work.tables[1]["body"]
    assert not [a for tag, a in work.tags if tag == "td" and a.get("rowspan")]
    texts = [r[6] for r in body if r[4] not in ("未报送", "未填写")]
    assert len(texts) == len(set(texts))
    block = [r for r in body if r[0] == "1"]
    assert block[0][3:5] == ["市农业农村局", "市农业农村局（牵头）"] and block[0][6] == EVIL
    counties = [u for u in cat.counties() if u.id != "lingui"]
    for u, r in zip(counties, block[1 : len(counties) + 1], strict=True):
        assert r[4] == u.name and r[6] == sample_text(u.name, 1) and r[2] == cat.tasks[0].text
    assert [block[len(counties) + 1][i] for i in (4, 6)] == ["未报送", "临桂区"]


def test_submitted_text_is_escaped_and_nothing_is_external(page):
    assert "<script>" not in page.raw and "&lt;script&gt;" in page.raw
    assert not [t for t, _ in page.tags if t in ("script", "link", "iframe", "img", "object", "embed")]
    for tag, a in page.tags:
        for k in ("src", "href"):
            assert not a.get(k, "#").lower().startswith(("http:", "https:", "//")), (tag, a)
    assert "@import" not in page.raw and "url(" not in page.raw


def test_print_css(pages):
    for p in pages:
        raw = p.raw
        assert "size: A4 landscape" in raw
        assert "counter(page)" in raw and "counter(pages)" in raw and "第 " in raw  # 第 X 页 共 Y 页
        assert "thead { display: table-header-group; }" in raw
        assert "break-inside: avoid" in raw
        assert "FangSong" in raw and "Noto Serif CJK SC" in raw


def test_status_table(pages, filled):
    from zengshou.status import quarter_status
    from zengshou.workspace import Workspace

    cat, _ = load_catalog(filled)
    st = quarter_status(Workspace(filled, cat), Q)
    body = next(t for t in pages[1].tables if t["class"] == "status")["body"]
    assert [r[1] for r in body] == [u.name for u in st.units]
    words = {"missing": "未报送", "on_time": "按时报送"}
    assert [r[3] for r in body] == [words[u.state] for u in st.units]
    assert all(r[12].startswith("progress/2023Q2/") for r in body if r[3] != "未报送")


def test_same_bytes_twice(cli, empty_data, tmp_path):
    fill_quarter(empty_data, Q)
    out = tmp_path / "reports" / Q / HTML
    assert cli("merge", "-q", Q, "--data", empty_data, "--format", "html").exit_code == 0
    first = out.read_bytes()
    assert cli("merge", "-q", Q, "--data", empty_data, "--format", "html").exit_code == 0
    assert out.read_bytes() == first


def _custom(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "mytemplates"
    d.mkdir()
    (d / "report.html.j2").write_text(text, encoding="utf-8")
    return d


def test_custom_template_is_used_and_autoescaped(cli, empty_data, tmp_path):
    (empty_data / "zengshou.toml").write_text('[rules]\nC406 = "off"\n', encoding="utf-8")
    fill_quarter(empty_data, Q, texts={("nyncj", 1): EVIL})
    d = _custom(tmp_path, "<h1>{{ title }}</h1>{% for r in summary %}<p>{{ r.progress.text }}</p>{% endfor %}\n")
    res = cli("merge", "-q", Q, "--data", empty_data, "--format", "html", "--templates", d)
    assert "<table" in (tmp_path / "reports" / Q / WORK_HTML).read_text(encoding="utf-8")  # built-in 工作底稿
    assert res.exit_code == 0, res.output
    raw = (tmp_path / "reports" / Q / HTML).read_text(encoding="utf-8")
    assert raw.startswith("<h1>《桂林市") and raw.count("<p>") == 70
    assert "<script>" not in raw and "&lt;script&gt;" in raw


def test_custom_template_with_an_undefined_variable_fails_clearly(cli, empty_data, tmp_path):
    d = _custom(tmp_path, "<h1>{{ title }}</h1>\n<p>{{ no_such_thing }}</p>\n")
    res = cli("merge", "-q", Q, "--data", empty_data, "--format", "html", "--templates", d)
    assert res.exit_code == 2
    assert "no_such_thing" in res.stderr and "未定义" in res.stderr and "report.html.j2:2" in res.stderr
    assert "Traceback" not in res.output
    assert not (tmp_path / "reports").exists()


def test_custom_template_syntax_error_and_missing_folder(cli, empty_data, tmp_path):
    d = _custom(tmp_path, "{% for x in %}\n")
    res = cli("merge", "-q", Q, "--data", empty_data, "--format", "html", "--templates", d)
    assert res.exit_code == 2 and "report.html.j2:1" in res.stderr and "Traceback" not in res.output
    res = cli("merge", "-q", Q, "--data", empty_data, "--templates", tmp_path / "nope")
    assert res.exit_code == 2 and "nope" in res.stderr


def test_environment_always_autoescapes():
    from zengshou.report.html import environment

    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
