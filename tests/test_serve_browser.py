"""zengshou serve driven by a real browser: Debian's chromium through chromedriver (Selenium).

The server runs as ``zengshou serve`` in a subprocess on 127.0.0.1; the browser opens a unit's
link, types two rows (Chinese, an emoji, a 301-character text), sees the live count and the
finding, saves a draft, submits, and the file on disk holds exactly what was typed. Skipped,
saying why, only where no chromium/chromedriver is installed (CI installs them: see .ci/run).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from zengshou.text import char_count
from zengshou.web.state import ServerState

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not HAVE_BROWSER, reason="no chromium + chromedriver found (Debian: apt-get install chromium chromium-driver)"
    ),
]

Q = "2023Q3"
UNIT, OTHER = "zrzyj", "gsl"
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int, env: dict | None = None) -> subprocess.Popen:
    """``zengshou serve`` on 127.0.0.1:port, returned once it answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "zengshou", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start in 30 s")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1200,1400",
        "--lang=zh-CN",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


@pytest.fixture
def site(data_dir: Path):
    env = {"ZENGSHOU_TODAY": "2023-10-05", "ZENGSHOU_LANG": "zh"}
    state = ServerState(data_dir)
    tokens = state.issue(Q, [UNIT, OTHER])
    state.set_password(PASSWORD)
    port = free_port()
    proc = start_server(data_dir, port, env)
    drivers: list = []

    def new_browser():
        d = browser()
        drivers.append(d)
        return d

    try:
        yield data_dir, f"http://127.0.0.1:{port}", tokens, new_browser
    finally:
        for d in drivers:
            d.quit()
        proc.terminate()
        proc.wait(10)


def wait(driver, cond, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(cond)


def text_of(driver, css: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text


def set_value(driver, el, text: str) -> None:
    """Put text in a field as a paste would (chromedriver cannot type characters beyond the
    Basic Multilingual Plane, such as emoji), firing the input event scripts listen to."""
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        el,
        text,
    )


def open_link(driver, url: str, token: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/t/{token}")
    driver.find_element(By.ID, "open").click()
    wait(driver, lambda d: d.current_url.endswith("/u"))


def errors_in_console(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_a_unit_fills_saves_and_submits_in_the_browser(site, cli):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    data, url, tokens, new_browser = site
    d = new_browser()
    open_link(d, url, tokens[UNIT])
    assert "市自然资源局" in d.find_element(By.TAG_NAME, "h1").text

    a = "三季度完成不动产登记“一窗通办”改革，新增确权 1200 宗，群众满意👍🏽🇨🇳。"
    b = "落" * 301
    row48 = d.find_element(By.ID, "progress-48")
    set_value(d, row48, a)
    row49 = d.find_element(By.ID, "progress-49")
    row49.send_keys(b)  # typed: each key fires the input event
    wait(d, lambda d: "301 / 300" in text_of(d, "#count-49"))
    assert "超出 1 字" in text_of(d, "#count-49")
    assert "over" in d.find_element(By.ID, "count-49").get_attribute("class")
    wait(d, lambda d: text_of(d, "#count-48") == f"字数：{char_count(a)} / 300")

    d.find_element(By.ID, "draft").click()
    wait(d, lambda d: d.find_elements(By.ID, "outcome"))
    assert d.find_element(By.ID, "outcome").get_attribute("data-kind") == "draft"
    assert "C405" in text_of(d, "#findings-49") and "301" in text_of(d, "#findings-49")
    assert "submitted" not in yaml.safe_load((data / "progress" / Q / f"{UNIT}.yaml").read_text(encoding="utf-8"))

    row49 = d.find_element(By.ID, "progress-49")
    row49.send_keys(Keys.END, Keys.BACK_SPACE)
    wait(d, lambda d: text_of(d, "#count-49") == "字数：300 / 300")
    d.find_element(By.ID, "filled_by").send_keys("张三")
    d.find_element(By.ID, "phone").send_keys("0773-1234567")
    d.find_element(By.ID, "reviewer").send_keys("李四")
    d.find_element(By.ID, "submit").click()
    wait(d, lambda d: d.find_elements(By.ID, "outcome"))
    assert d.find_element(By.ID, "outcome").get_attribute("data-kind") == "submitted", d.page_source[:3000]
    assert "已于 2023-10-05 报送" in text_of(d, "#state")
    assert errors_in_console(d) == []  # the script ran, and no CSP violation

    doc = yaml.safe_load((data / "progress" / Q / f"{UNIT}.yaml").read_text(encoding="utf-8"))
    assert [(it["task"], it["progress"]) for it in doc["items"]] == [(48, a), (49, "落" * 300)]
    assert (doc["filled_by"], doc["phone"], doc["reviewer"], str(doc["submitted"])) == (
        "张三",
        "0773-1234567",
        "李四",
        "2023-10-05",
    )
    res = cli("validate", "--data", data, str(data / "progress" / Q / f"{UNIT}.yaml"))
    assert res.exit_code == 0, res.output

    # the dashboard shows the unit as 已报
    c = new_browser()
    c.get(f"{url}/admin")
    c.find_element(By.ID, "password").send_keys(PASSWORD, Keys.ENTER)
    wait(c, lambda c: "/admin/q/" in c.current_url)
    row = c.find_element(By.CSS_SELECTOR, f'tr[data-unit="{UNIT}"]')
    assert row.get_attribute("data-state") == "on_time" and "已报" in row.text
    assert c.find_element(By.CSS_SELECTOR, f'tr[data-unit="{OTHER}"]').get_attribute("data-state") == "missing"
    assert errors_in_console(c) == []

    # another unit's link opens only its own rows, and cannot write this unit's
    o = new_browser()
    open_link(o, url, tokens[OTHER])
    assert "市工商联" in o.find_element(By.TAG_NAME, "h1").text
    assert not o.find_elements(By.ID, "progress-48") and a not in o.page_source
    before = (data / "progress" / Q / f"{UNIT}.yaml").read_bytes()
    status = o.execute_async_script(
        """var done = arguments[arguments.length - 1];
        var f = document.getElementById('entry');
        var body = new URLSearchParams(new FormData(f));
        body.set('progress.48', '篡改'); body.set('action', 'draft');
        fetch('/u', {method: 'POST', body: body, headers: {'Accept': 'application/json'}})
          .then(function (r) { done(r.status); });"""
    )
    assert status == 200  # it saved the other unit's own file ...
    assert (data / "progress" / Q / f"{UNIT}.yaml").read_bytes() == before  # ... never this one
    assert "篡改" not in (data / "progress" / Q / f"{OTHER}.yaml").read_text(encoding="utf-8")


def test_a_stale_save_is_refused_showing_both_texts(site):
    from selenium.webdriver.common.by import By

    data, url, tokens, new_browser = site
    first, second = new_browser(), new_browser()
    open_link(first, url, tokens[UNIT])
    open_link(second, url, tokens[UNIT])  # a colleague opens the same link
    set_value(first, first.find_element(By.ID, "progress-48"), "甲：三季度完成确权登记 300 宗。")
    first.find_element(By.ID, "draft").click()
    wait(first, lambda d: d.find_elements(By.ID, "outcome"))
    assert first.find_element(By.ID, "outcome").get_attribute("data-kind") == "draft"

    set_value(second, second.find_element(By.ID, "progress-48"), "乙：三季度完成确权登记 280 宗。")
    second.find_element(By.ID, "draft").click()
    wait(second, lambda d: d.find_elements(By.ID, "outcome"))
    assert second.find_element(By.ID, "outcome").get_attribute("data-kind") == "conflict"
    theirs = text_of(second, "#theirs-48")
    assert "甲：三季度完成确权登记 300 宗。" in theirs and "乙：三季度完成确权登记 280 宗。" in theirs
    assert second.find_element(By.ID, "progress-48").get_attribute("value") == "乙：三季度完成确权登记 280 宗。"
    on_disk = (data / "progress" / Q / f"{UNIT}.yaml").read_text(encoding="utf-8")
    assert "甲：" in on_disk and "乙：" not in on_disk


def test_autosave_saves_a_draft_and_stops_on_a_stale_page(site):
    """The script's autosave (every 30 s) with time sped up: intervals of 30 s run every 0.3 s."""
    from selenium.webdriver.common.by import By

    data, url, tokens, new_browser = site
    d = new_browser()
    d.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "var _si = window.setInterval; window.setInterval = function (f, ms) {"
            " return _si(f, ms >= 30000 ? 300 : ms); };"
        },
    )
    open_link(d, url, tokens[UNIT])
    set_value(d, d.find_element(By.ID, "progress-48"), "自动保存的草稿：三季度完成确权登记 300 宗。")
    path = data / "progress" / Q / f"{UNIT}.yaml"
    wait(d, lambda d: path.exists() and "自动保存的草稿" in path.read_text(encoding="utf-8"))
    wait(d, lambda d: text_of(d, "#autosave") == "草稿已自动保存。")
    assert "submitted" not in yaml.safe_load(path.read_text(encoding="utf-8"))

    # someone else saves meanwhile: the next autosave is refused and autosave stops, saying so
    other = new_browser()
    open_link(other, url, tokens[UNIT])
    set_value(other, other.find_element(By.ID, "progress-48"), "另一位同事保存的内容。")
    other.find_element(By.ID, "draft").click()
    wait(other, lambda o: o.find_elements(By.ID, "outcome"))
    set_value(d, d.find_element(By.ID, "progress-48"), "我后来又改的内容。")
    wait(d, lambda d: "自动保存已停止" in text_of(d, "#autosave"))
    assert "另一位同事保存的内容。" in path.read_text(encoding="utf-8")
    assert "我后来又改的内容" not in path.read_text(encoding="utf-8")
    assert errors_in_console(d) == [] or all("409" in e for e in errors_in_console(d))
