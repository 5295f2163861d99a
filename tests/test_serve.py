"""zengshou serve over HTTP (Starlette's TestClient): links, the unit page, saves, the dashboard,
and the attacks a server on an office intranet must withstand. The browser tests are in
test_serve_browser.py; the load test in test_serve_load.py and bench/serve_load.py."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from zengshou.text import char_count

warnings.filterwarnings("ignore", message=".*httpx.*")
from starlette.testclient import TestClient  # noqa: E402

from zengshou.web.app import MAX_BODY, create_app, redact  # noqa: E402
from zengshou.web.state import FOLDER, ServerState  # noqa: E402

Q = "2023Q3"
UNIT = "zrzyj"  # 市自然资源局: rows 48 and 49
OTHER = "gsl"
PASSWORD = "correct horse battery"
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def served(data_dir: Path, monkeypatch):
    monkeypatch.setenv("ZENGSHOU_TODAY", "2023-10-05")
    state = ServerState(data_dir)
    tokens = state.issue(Q, [UNIT, OTHER])
    state.set_password(PASSWORD)
    app = create_app(data_dir)
    return data_dir, app, tokens


class Fields(HTMLParser):
    """Every form field of a page: name → value (inputs, selected options, textareas)."""

    def __init__(self, html: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self._area: str | None = None
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.values[a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._area = a["name"]
            self.values[self._area] = ""
        elif tag == "select":
            self._select = a.get("name")
            self.values.setdefault(self._select or "", "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""

    def handle_data(self, data):
        if self._area:
            self.values[self._area] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._area = None
        elif tag == "select":
            self._select = None


def fields(html: str) -> dict[str, str]:
    v = Fields(html).values
    # a textarea's first line break belongs to the markup (HTML drops it); we never emit one
    return v


def open_link(app, token: str) -> tuple[TestClient, str]:
    c = TestClient(app, base_url=BASE)
    r = c.get(f"/t/{token}")
    assert r.status_code == 200
    assert "zs_unit" not in r.headers.get("set-cookie", "")  # a previewer's GET makes no session
    r = c.post(f"/t/{token}", data={"csrf": fields(r.text)["csrf"]}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/u"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    r = c.get("/u")
    assert r.status_code == 200
    return c, r.text


def save(c: TestClient, html: str, action: str = "draft", **changes: str):
    form = fields(html)
    form.update(changes)
    form["action"] = action
    return c.post("/u", data=form)


def outcome(html: str) -> str:
    m = re.search(r'id="outcome" data-kind="([a-z_]+)"', html)
    return m.group(1) if m else ""


def unit_file(data: Path, unit: str = UNIT) -> Path:
    return data / "progress" / Q / f"{unit}.yaml"


# ---------------------------------------------------------------- the unit's page


def test_draft_then_submit_writes_what_was_typed(served, cli):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    assert "第 48 项" in html and "第 49 项" in html and "第 50 项" not in html
    a = "三季度完成不动产登记“一窗通办”改革，新增确权 1,200 宗 👍🏽\n第二行：群众满意。"
    b = "本季" * 150 + "完"  # 301 characters
    r = save(
        c,
        html,
        **{"progress.48": a, "progress.49": b, "filled_by": "张三", "phone": "0773-1234567", "reviewer": "李四"},
    )
    assert r.status_code == 200 and outcome(r.text) == "draft"
    assert "字数：301 / 300" in r.text and "超出 1 字" in r.text
    assert re.search(r'id="findings-49">\s*<li>错误 C405', r.text)  # beside row 49, in Chinese
    doc = yaml.safe_load(unit_file(data).read_text(encoding="utf-8"))
    assert "submitted" not in doc
    assert [it["progress"] for it in doc["items"]] == [a, b]

    b = b[:-1]  # 300
    r = save(c, r.text, "submit", **{"progress.49": b, "status.48": "推进中"})
    assert r.status_code == 200 and outcome(r.text) == "submitted", r.text[:3000]
    doc = yaml.safe_load(unit_file(data).read_text(encoding="utf-8"))
    assert doc["submitted"] == __import__("datetime").date(2023, 10, 5)
    assert [(it["task"], it["progress"], it.get("status")) for it in doc["items"]] == [(48, a, "推进中"), (49, b, None)]
    assert (doc["filled_by"], doc["phone"], doc["reviewer"]) == ("张三", "0773-1234567", "李四")
    res = cli("validate", "--data", data, str(unit_file(data)))
    assert res.exit_code == 0, res.output
    res = cli("validate", "--data", data, str(data))  # the server's folder is passed over
    assert res.exit_code == 0, res.output
    # every version is kept
    kept = ServerState(data).history(Q, UNIT)
    assert [p.name.rsplit("-", 1)[1] for p in kept] == ["draft.txt", "submit.txt"]


def test_a_save_waits_for_the_lock_every_writer_takes(served):
    """The server takes zengshou.writer.unit_lock, the lock of new/import/mail: while an import
    holds it, a save waits, then writes (it never interleaves with the other writer)."""
    import threading

    from zengshou.writer import unit_lock

    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    done: list[str] = []
    with unit_lock(unit_file(data), data_dir=data):
        t = threading.Thread(target=lambda: done.append(outcome(save(c, html, **{"progress.48": "等锁"}).text)))
        t.start()
        t.join(0.5)
        assert t.is_alive() and not unit_file(data).exists()  # waiting for the other writer
    t.join(10)
    assert done == ["draft"] and "等锁" in unit_file(data).read_text(encoding="utf-8")


def test_a_submit_with_errors_keeps_a_draft(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    r = save(c, html, "submit", **{"progress.48": "同上", "progress.49": ""})
    assert outcome(r.text) == "kept_draft"
    assert "submitted" not in yaml.safe_load(unit_file(data).read_text(encoding="utf-8"))
    assert "同上" in unit_file(data).read_text(encoding="utf-8")


def test_a_stale_save_is_refused_with_both_versions(served):
    data, app, tokens = served
    c1, page1 = open_link(app, tokens[UNIT])
    c2, page2 = open_link(app, tokens[UNIT])
    r = save(c1, page1, **{"progress.48": "甲写的版本", "progress.49": "甲"})
    assert outcome(r.text) == "draft"
    r = save(c2, page2, **{"progress.48": "乙写的版本", "progress.49": "乙"})
    assert r.status_code == 409 and outcome(r.text) == "conflict"
    assert "甲写的版本" in r.text and "乙写的版本" in r.text
    assert "甲写的版本" in unit_file(data).read_text(encoding="utf-8")  # never silently overwritten
    assert fields(r.text)["progress.48"] == "乙写的版本"  # nothing typed is lost
    r = save(c2, r.text)  # saving again from the conflict page is deliberate
    assert outcome(r.text) == "draft" and "乙写的版本" in unit_file(data).read_text(encoding="utf-8")


def test_a_correction_after_submit_until_the_quarter_is_locked(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    r = save(c, html, "submit", **{"progress.48": "第一版内容。", "progress.49": "第一版内容二。"})
    assert outcome(r.text) == "submitted" and "提交更正" in r.text
    r = save(c, r.text, "submit", **{"progress.48": "更正后的内容。"})
    assert outcome(r.text) == "submitted"
    assert "更正后的内容。" in unit_file(data).read_text(encoding="utf-8")
    ServerState(data).set_locked(Q, True)
    before = unit_file(data).read_bytes()
    r = save(c, r.text, "submit", **{"progress.48": "锁定后想改"})
    assert r.status_code == 423 and outcome(r.text) == "locked"
    assert unit_file(data).read_bytes() == before


def test_another_units_session_cannot_read_or_write_it(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    save(c, html, **{"progress.48": "自然资源局的秘密草稿", "progress.49": "x"})
    other, page = open_link(app, tokens[OTHER])
    assert "自然资源局的秘密草稿" not in page and "第 48 项" not in page
    # posting the first unit's fields from the other unit's session writes only the other's file
    form = fields(page)
    form.update({"progress.48": "篡改", "action": "draft"})
    other.post("/u", data=form)
    assert "篡改" not in unit_file(data).read_text(encoding="utf-8")
    assert not unit_file(data, OTHER).exists() or "篡改" not in unit_file(data, OTHER).read_text(encoding="utf-8")


def test_markup_typed_is_shown_as_text(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    evil = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>\"'"
    r = save(c, html, **{"progress.48": evil, "filled_by": evil[:150]})
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    assert fields(r.text)["progress.48"] == evil
    assert yaml.safe_load(unit_file(data).read_text(encoding="utf-8"))["items"][0]["progress"] == evil


def test_the_count_is_char_counts(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    csrf = fields(html)["csrf"]
    for text in ["二季度培训 1200 人次。", "👨‍👩‍👧🇨🇳é", "\u200b\ufeff", "a\r\nb"]:
        r = c.post("/u/count", json={"text": text}, headers={"X-CSRF-Token": csrf})
        assert r.json() == {"ok": True, "count": char_count(text.replace("\r\n", "\n"))}
    assert c.post("/u/count", json={"text": "x"}).status_code == 403  # no CSRF header


# ---------------------------------------------------------------- links and sessions


def test_revoking_a_link_ends_its_sessions(served, cli):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    res = cli("serve", "links", "--revoke", "市自然资源局", "--data", data)
    assert res.exit_code == 0 and "1 条" in res.output
    assert c.get("/u").status_code == 401
    c2 = TestClient(app, base_url=BASE)
    r = c2.get(f"/t/{tokens[UNIT]}")
    r = c2.post(f"/t/{tokens[UNIT]}", data={"csrf": fields(r.text)["csrf"]}, follow_redirects=False)
    assert r.status_code == 404


def test_links_command_stores_only_hashes(data_dir, cli, tmp_path):
    out = tmp_path / "links.txt"
    res = cli("serve", "links", "--quarter", Q, "--out", out, "--url", "http://10.0.0.5:8000/", "--data", data_dir)
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()[1:]
    assert len(lines) == 34 and all(re.search(r"：http://10\.0\.0\.5:8000/t/[\w-]{24}$", ln) for ln in lines)
    stored = (data_dir / FOLDER / "tokens.json").read_text(encoding="utf-8")
    for ln in lines:
        assert ln.rsplit("/", 1)[1] not in stored
    assert cli("serve", "links", "--data", data_dir).exit_code == 2
    assert cli("serve", "links", "--quarter", "2031Q9", "--data", data_dir).exit_code == 2


def test_guessing_tokens_is_rate_limited(served):
    data, app, tokens = served
    c = TestClient(app, base_url=BASE)
    r = c.get("/t/x")
    csrf = fields(r.text)["csrf"]
    codes = [c.post(f"/t/{'A' * 24}{i}", data={"csrf": csrf}).status_code for i in range(25)]
    assert codes[:20] == [404] * 20 and set(codes[20:]) == {429}
    # even the right token is refused while the limit holds
    assert c.post(f"/t/{tokens[UNIT]}", data={"csrf": csrf}, follow_redirects=False).status_code == 429


def test_posts_without_the_csrf_token_are_refused(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    form = fields(html)
    form.update({"progress.48": "x", "action": "draft"})
    del form["csrf"]
    assert c.post("/u", data=form).status_code == 403
    form["csrf"] = "forged"
    assert c.post("/u", data=form).status_code == 403
    form["csrf"] = fields(html)["csrf"]
    assert c.post("/u", data=form, headers={"Origin": "http://evil.example"}).status_code == 403
    assert c.post("/u", data=form, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert not unit_file(data).exists()


def test_a_forged_or_foreign_cookie_opens_nothing(served, tmp_path):
    data, app, tokens = served
    c, _ = open_link(app, tokens[UNIT])
    value = c.cookies.get("zs_unit")
    body, mac = value.split(".")
    forged = TestClient(app, base_url=BASE, cookies={"zs_unit": body[:-2] + "xx." + mac})
    assert forged.get("/u").status_code == 401
    # a cookie signed by another server (another data directory's key) is refused too
    other = tmp_path / "other"
    import shutil

    shutil.copytree(data, other, ignore=shutil.ignore_patterns(FOLDER))
    app2 = create_app(other)
    assert TestClient(app2, base_url=BASE, cookies={"zs_unit": value}).get("/u").status_code == 401


# ---------------------------------------------------------------- guards on every response


def test_headers_limits_and_the_access_log(served):
    data, app, tokens = served
    c = TestClient(app, base_url=BASE)
    r = c.get(f"/t/{tokens[UNIT]}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert r.headers["referrer-policy"] == "no-referrer" and r.headers["x-frame-options"] == "DENY"
    assert "<script>" not in r.text and " style=" not in r.text and "onclick" not in r.text
    big = c.post("/u", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/x-www-form-urlencoded"})
    assert big.status_code == 413
    assert c.get("/static/../../tasks.yaml").status_code == 404
    assert c.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    log = (data / FOLDER / "access.log").read_text(encoding="utf-8")
    assert tokens[UNIT] not in log and "/t/…" in log and " 413 " in log
    assert redact("/t/abc?x=1") == "/t/…?x=1"


def test_every_page_is_escaped_and_has_no_inline_code(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    for page in (html, TestClient(app, base_url=BASE).get("/admin").text):
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
        assert not re.search(r"\son[a-z]+=", page) and "javascript:" not in page


def test_the_script_parses_in_old_engines():
    """信创 browsers can be Chrome-90-class: the script must parse as ECMAScript 2017 (esprima,
    a parser that stops there: no optional chaining, no ``??``, no class fields), and it keeps
    to ES5 by choice (no arrows, let, const, template strings)."""
    import esprima

    js = (Path(__file__).resolve().parent.parent / "src/zengshou/web/static/app.js").read_text(encoding="utf-8")
    esprima.parseScript(js)  # raises on newer syntax
    with pytest.raises(esprima.Error):
        esprima.parseScript("var a = b?.c;")
    code = re.sub(r"/\*.*?\*/", "", js, flags=re.S)  # comments may say what is avoided
    for newer in ("=>", "let ", "const ", "`", ".at("):
        assert newer not in code, newer


# ---------------------------------------------------------------- the coordinator


def login(app, password: str = PASSWORD) -> tuple[TestClient, int]:
    c = TestClient(app, base_url=BASE)
    r = c.get("/admin")
    r = c.post("/admin/login", data={"csrf": fields(r.text)["csrf"], "password": password}, follow_redirects=False)
    return c, r.status_code


def test_the_dashboard_shows_a_returned_unit_with_the_comment(served, cli):
    """Issue 25's 退回 is a state of its own on the dashboard too, with the coordinator's comment."""
    data, app, tokens = served
    u, html = open_link(app, tokens[UNIT])
    save(u, html, "submit", **{"progress.48": "已完成确权登记工作。", "progress.49": "已完成年度复核工作。"})
    res = cli("review", "-q", Q, "-u", UNIT, "--return", "第 48 项请写明<宗数>。", "--data", data)
    assert res.exit_code == 0, res.output
    c, _ = login(app)
    r = c.get(f"/admin/q/{Q}")
    assert r.status_code == 200
    row = re.search(rf'<tr data-unit="{UNIT}" data-state="([a-z_]+)"[^>]*>(.*?)</tr>', r.text, re.S)
    assert row and row.group(1) == "returned" and "退回" in row.group(2)
    assert "退回意见：第 48 项请写明&lt;宗数&gt;。" in row.group(2)  # escaped
    assert re.search(r'<span class="n">1</span> 退回</li>', r.text)


def test_the_dashboard_shows_who_reported(served):
    data, app, tokens = served
    u, html = open_link(app, tokens[UNIT])
    save(u, html, "submit", **{"progress.48": "已完成确权登记工作。", "progress.49": "已完成年度复核工作。"})
    c, code = login(app)
    assert code == 303
    r = c.get(f"/admin/q/{Q}")
    assert r.status_code == 200
    row = re.search(rf'<tr data-unit="{UNIT}" data-state="([a-z_]+)"[^>]*>(.*?)</tr>', r.text, re.S)
    assert row and row.group(1) == "on_time" and "已报" in row.group(2)
    assert re.search(r"（最近 \d\d-\d\d \d\d:\d\d）", row.group(2))  # last save, China Standard Time
    assert re.search(r'<tr data-unit="gsl" data-state="missing"', r.text)
    # the reminder names the missing units, each with a new working link
    r = c.post(f"/admin/q/{Q}/remind", data={"csrf": fields(r.text)["csrf"]})
    notice = fields(r.text)
    text = re.search(r'<textarea id="notice"[^>]*>(.*?)</textarea>', r.text, re.S).group(1)
    assert "市工商联：http://127.0.0.1:8000/t/" in text.replace("&#34;", '"') and "市自然资源局：http" not in text
    link = re.search(r"市工商联：http://127\.0\.0\.1:8000/t/([\w-]+)", text).group(1)
    assert ServerState(data).link(link).unit == "gsl"
    # lock the quarter
    r = c.post(f"/admin/q/{Q}/lock", data={"csrf": notice["csrf"], "action": "lock"})
    assert ServerState(data).locked(Q) and "本季度已锁定" in r.text


def test_the_dashboard_merges_and_offers_the_files(served):
    data, app, tokens = served
    c, _ = login(app)
    r = c.get("/admin/q/2023Q2")
    r = c.post("/admin/q/2023Q2/merge", data={"csrf": fields(r.text)["csrf"]})
    names = re.findall(r'<a href="/admin/q/2023Q2/file/(\d+)">([^<]+)</a>', r.text)
    assert {n.rsplit(".", 1)[1] for _, n in names} == {"docx", "xlsx", "html"}, r.text[-2000:]
    got = c.get(f"/admin/q/2023Q2/file/{names[0][0]}")
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    assert c.get("/admin/q/2023Q2/file/99").status_code == 404
    assert c.get("/admin/q/..%2F..%2Fetc/file/0").status_code == 404


def test_wrong_passwords_lock_the_dashboard(served):
    data, app, tokens = served
    codes = [login(app, "wrong password")[1] for _ in range(5)]
    assert codes[:4] == [403] * 4 and codes[4] == 429
    assert login(app)[1] == 429  # the right password is refused during the lockout
    assert "scrypt" in (data / FOLDER / "password.json").read_text(encoding="utf-8")
    assert PASSWORD not in (data / FOLDER / "password.json").read_text(encoding="utf-8")


def test_the_dashboard_needs_a_login(served):
    data, app, tokens = served
    c = TestClient(app, base_url=BASE)
    assert c.get(f"/admin/q/{Q}", follow_redirects=False).status_code == 303
    assert c.post(f"/admin/q/{Q}/lock", data={"action": "lock"}, follow_redirects=False).status_code == 303
    assert not ServerState(data).locked(Q)
    u, _ = open_link(app, tokens[UNIT])  # a unit's session is not a coordinator's
    assert u.get(f"/admin/q/{Q}", follow_redirects=False).status_code == 303


def test_state_folder_is_ignored_by_git_and_validate(served, cli):
    data, app, tokens = served
    folder = data / FOLDER
    assert (folder / ".gitignore").read_text() == "*\n"
    assert not list(folder.rglob("*.yaml")) and not list(folder.rglob("*.yml"))
    assert cli("validate", "--data", data).exit_code in (0, 1)
    res = cli("validate", "--data", data, "--format", "json")
    assert FOLDER not in res.output


def test_saves_are_committed_when_the_data_is_in_git(data_dir, monkeypatch):
    import subprocess

    monkeypatch.setenv("ZENGSHOU_TODAY", "2023-10-05")
    git = ["git", "-C", str(data_dir), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(data_dir)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "start"], check=True)
    (data_dir / "notes.txt").write_text("staged, not the server's to commit\n")
    subprocess.run(git + ["add", "notes.txt"], check=True)
    state = ServerState(data_dir)
    token = state.issue(Q, [UNIT])[UNIT]
    app = create_app(data_dir)
    c, html = open_link(app, token)
    save(c, html, "submit", **{"progress.48": "已完成确权登记工作。", "progress.49": "已完成年度复核工作。"})
    app.app.state.server.store.git.flush()
    log = subprocess.run(git + ["log", "--format=%an|%s", "--name-only", "-1"], capture_output=True, text=True).stdout
    assert "zengshou serve|网页填报：市自然资源局 2023Q3 报送" in log
    assert f"progress/{Q}/{UNIT}.yaml" in log and "notes.txt" not in log
    status = subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True).stdout
    assert "A  notes.txt" in status and FOLDER not in status  # the state folder ignores itself


def test_hostile_posts_get_an_answer_not_a_traceback(served):
    data, app, tokens = served
    c, html = open_link(app, tokens[UNIT])
    csrf = fields(html)["csrf"]
    form = "application/x-www-form-urlencoded"
    # not UTF-8, too many fields, a field far too long, an unknown 进展, an unknown action
    assert (
        c.post(
            "/u", content=b"csrf=" + csrf.encode() + b"&progress.48=%ff%fe", headers={"content-type": form}
        ).status_code
        == 400
    )
    many = "&".join(f"f{i}=x" for i in range(2000))
    assert c.post("/u", content=f"csrf={csrf}&{many}".encode(), headers={"content-type": form}).status_code == 400
    base = fields(html)["base"]
    assert c.post("/u", data={"csrf": csrf, "base": base, "progress.48": "字" * 20_001}).status_code == 400
    assert c.post("/u", data={"csrf": csrf, "base": base, "status.48": "<b>完成</b>"}).status_code == 400
    assert c.post("/u", data={"csrf": csrf, "base": base, "action": "delete"}).status_code == 400
    # a body sent in chunks, without a length, is counted as it arrives
    chunks = (b"x" * 65536 for _ in range(8))
    assert c.post("/u", content=chunks, headers={"content-type": form}).status_code == 413
    # figures and fields the page does not have are ignored, never written
    r = save(c, html, **{"progress.48": "正常内容。", "fig.48.evil": "1", "progress.1": "别人的行", "unit": "市财政局"})
    text = unit_file(data).read_text(encoding="utf-8")
    assert outcome(r.text) == "draft" and "evil" not in text and "别人的行" not in text and "市财政局" not in text
    assert not list(data.rglob("*.zengshou-*.tmp"))  # no temporary file left behind


def test_a_damaged_state_file_is_a_page_not_a_traceback(served):
    data, app, tokens = served
    (data / FOLDER / "tokens.json").write_text("{not json", encoding="utf-8")
    c = TestClient(app, base_url=BASE)
    r = c.get(f"/t/{tokens[UNIT]}")
    r = c.post(f"/t/{tokens[UNIT]}", data={"csrf": fields(r.text)["csrf"]})
    assert r.status_code == 500 and "tokens.json" in r.text and "Traceback" not in r.text


def test_what_the_page_does_not_show_is_kept(served):
    """A file imported from mail has a source, a remark per item, a one-line contact: a save
    in the browser rewrites the file and must carry them over."""
    data, app, tokens = served
    unit_file(data).parent.mkdir(parents=True, exist_ok=True)
    unit_file(data).write_text(
        "unit: 市自然资源局\nquarter: 2023Q3\nsubmitted: 2023-10-04\ncontact: 王芳 0773-2823456\n"
        "source:\n  sender: 王芳 <wf@example.invalid>\n  subject: 三季度进度\n"
        "items:\n  - task: 48\n    progress: 原来的内容一。\n    note: 数据截至9月25日\n"
        "  - task: 49\n    progress: 原来的内容二。\n",
        encoding="utf-8",
    )
    c, html = open_link(app, tokens[UNIT])
    r = save(c, html, "submit", **{"progress.48": "更正后的内容一。"})
    assert outcome(r.text) == "submitted", r.text[:2000]
    doc = yaml.safe_load(unit_file(data).read_text(encoding="utf-8"))
    assert doc["contact"] == "王芳 0773-2823456" and doc["source"]["subject"] == "三季度进度"
    assert doc["items"][0] == {"task": 48, "progress": "更正后的内容一。", "status": None, "note": "数据截至9月25日"}
    assert str(doc["submitted"]) == "2023-10-04"  # a correction keeps the first date
    kept = ServerState(data).history(Q, UNIT)
    assert "原来的内容一。" in kept[0].read_text(encoding="utf-8") and kept[0].name.endswith("-before.txt")


def test_password_command(data_dir, cli):
    assert cli("serve", "password", "--stdin", "--data", data_dir, input="short\n").exit_code == 2
    res = cli("serve", "password", "--stdin", "--data", data_dir, input="a long enough password\n")
    assert res.exit_code == 0 and "scrypt" in res.output
    assert ServerState(data_dir).check_password("a long enough password") == (True, None)
    assert cli("serve", "password", "--stdin", "--data", data_dir / "nowhere", input="x" * 12 + "\n").exit_code == 2


@pytest.mark.slow
def test_serve_says_when_it_listens_beyond_this_computer(data_dir):
    import os
    import socket
    import subprocess
    import sys
    import time

    def run(*args: str) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen(
            [sys.executable, "-m", "zengshou", "serve", "--port", str(port), "--data", str(data_dir), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "ZENGSHOU_LANG": "zh"},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        proc.terminate()
        out, err = proc.communicate(10)
        return out + err

    quiet = run()
    assert "http://127.0.0.1:" in quiet and "本机以外" not in quiet
    loud = run("--host", "0.0.0.0")
    assert "按 --host 0.0.0.0 的要求，监听本机以外的地址" in loud
    assert "zengshou serve password" in loud  # no password yet: it says how to set one


def test_a_link_where_the_file_should_be_is_never_written_through(served, tmp_path):
    data, app, tokens = served
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours\n")
    unit_file(data).parent.mkdir(parents=True, exist_ok=True)
    unit_file(data).symlink_to(outside)
    c, html = open_link(app, tokens[UNIT])
    r = save(c, html, **{"progress.48": "写入内容"})
    assert r.status_code == 500 and outcome(r.text) == "unwritable" and "写入内容" in r.text
    assert outside.read_text() == "not yours\n" and unit_file(data).is_symlink()


def test_a_file_the_page_cannot_read_is_left_alone(served):
    data, app, tokens = served
    broken = "unit: 市自然资源局\nquarter: 2023Q3\nitems:\n  - task: 48\n    progress: [unclosed\n"
    unit_file(data).parent.mkdir(parents=True, exist_ok=True)
    unit_file(data).write_text(broken, encoding="utf-8")
    c, html = open_link(app, tokens[UNIT])
    assert "格式错误" in html and 'id="draft"' not in html
    r = save(c, html, **{"progress.48": "新内容"})
    assert r.status_code == 409 and outcome(r.text) == "unreadable"
    assert unit_file(data).read_text(encoding="utf-8") == broken


def test_an_existing_yml_file_is_the_units_file(served):
    data, app, tokens = served
    yml = data / "progress" / Q / f"{UNIT}.yml"
    yml.parent.mkdir(parents=True, exist_ok=True)
    yml.write_text(
        "unit: 市自然资源局\nquarter: 2023Q3\nitems:\n  - task: 48\n    progress: 原有内容。\n", encoding="utf-8"
    )
    c, html = open_link(app, tokens[UNIT])
    assert fields(html)["progress.48"] == "原有内容。"
    save(c, html, **{"progress.48": "改过的内容。", "progress.49": "第二项。"})
    assert "改过的内容。" in yml.read_text(encoding="utf-8") and not unit_file(data).exists()


def test_every_message_the_templates_look_up_exists():
    from zengshou.messages import MESSAGES

    folder = Path(__file__).resolve().parent.parent / "src/zengshou/web/templates"
    used: set[str] = set()
    for p in folder.glob("*.j2"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[\w.]*\w)["']\s*[,)]""", p.read_text(encoding="utf-8")))
    assert len(used) > 50
    assert sorted(k for k in used if k not in MESSAGES) == []
    for k in ("filled_by", "phone", "reviewer"):  # looked up as "form.people." ~ k
        assert f"form.people.{k}" in MESSAGES
    for kind in ("draft", "submitted", "kept_draft", "refused", "conflict", "locked", "unreadable", "unwritable"):
        assert f"web.outcome.{kind}" in MESSAGES
    for state in ("missing", "invalid", "draft", "late", "on_time"):
        assert f"web.state.{state}" in MESSAGES


def test_the_submission_date_is_chinas(monkeypatch):
    """17:00 UTC on 5 October is 01:00 on 6 October in Beijing: the date written is the 6th."""
    from datetime import UTC
    from datetime import datetime as real

    import zengshou.web.store as store

    class Clock(real):
        @classmethod
        def now(cls, tz=None):
            return real(2023, 10, 5, 17, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.delenv("ZENGSHOU_TODAY", raising=False)
    monkeypatch.setattr(store, "datetime", Clock)
    assert str(store.cst_today()) == "2023-10-06"
