#!/usr/bin/env python3
"""The README's screenshots of ``zengshou serve``: a unit's page and the coordinator's dashboard.

    python scripts/serve_screenshots.py [--out docs]

Copies the shipped data to a temporary folder, has a few units fill in 2023Q3 through the
server's own store (one submitted, one draft, one with a text over 300 characters), starts
``zengshou serve`` on 127.0.0.1 and takes the pages with headless chromium (Debian's
/usr/bin/chromium and /usr/bin/chromedriver, through Selenium): docs/serve-unit.png,
docs/serve-unit-phone.png and docs/serve-dashboard.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from test_serve_browser import browser, free_port, open_link, start_server  # noqa: E402
from zengshou.web.state import ServerState  # noqa: E402
from zengshou.web.store import Entry, Store  # noqa: E402

Q = "2023Q3"
PASSWORD = "screenshot password"


def fill(data: Path) -> None:
    state = ServerState(data)
    store = Store(data, state)

    def save(unit: str, texts: dict[int, str], submit: bool, people: dict | None = None, status=None) -> None:
        base = store.page(unit, Q).base
        out = store.save(unit, Q, Entry(texts, status or {}, {}, people or {}), base, submit)
        assert out.kind in ("draft", "submitted", "kept_draft"), out.kind

    people = {"filled_by": "王芳", "phone": "0773-2823456", "reviewer": "陈明"}
    save(
        "zrzyj",
        {
            48: "三季度完成农村宅基地确权登记 3200 宗，办理“房地一体”不动产登记 1850 宗。",
            49: "完成 2023 年度国土变更调查，新增耕地 86 公顷。",
        },
        True,
        people,
    )
    save(
        "gsl",
        {
            45: "组织 46 家民营企业结对帮扶 52 个村，三季度投入帮扶资金 380 万元。",
            64: "开展“万企兴万村”对接活动 3 场。",
        },
        True,
        people,
    )
    save("mzj", {40: "三季度新纳入低保 412 人，发放低保金 2860 万元。", 41: "", 42: ""}, False)
    save("cl", {62: "为 1320 名困难残疾人发放生活补贴，为 2860 名重度残疾人发放护理补贴。" * 9}, False)


def shoot(driver, path: Path, width: int, max_height: int = 2600) -> None:
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height + 100, max_height))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not driver.save_screenshot(str(path)):
        raise SystemExit(f"could not write {path}")
    print("wrote", path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        os.environ["ZENGSHOU_TODAY"] = "2023-10-05"  # two units reported on time ...
        fill(data)
        state = ServerState(data)
        token = state.issue(Q, ["mzj"])["mzj"]
        state.set_password(PASSWORD)
        port = free_port()
        # ... and the dashboard is looked at after the deadline (2023-10-06)
        proc = start_server(data, port, {"ZENGSHOU_TODAY": "2023-10-08", "ZENGSHOU_LANG": "zh"})
        url = f"http://127.0.0.1:{port}"
        d = browser()
        try:
            open_link(d, url, token)
            from selenium.webdriver.common.by import By

            area = d.find_element(By.ID, "progress-41")
            d.execute_script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                area,
                "加强特困人员供养服务，三季度新增集中供养 36 人，分散供养对象全部落实照料责任人。",
            )
            d.find_element(By.ID, "draft").click()
            shoot(d, a.out / "serve-unit.png", 1100)
            shoot(d, a.out / "serve-unit-phone.png", 390, 1800)
            d.get(f"{url}/admin")
            d.find_element(By.ID, "password").send_keys(PASSWORD)
            d.find_element(By.CSS_SELECTOR, "form.narrow button").click()
            shoot(d, a.out / "serve-dashboard.png", 1100)
        finally:
            d.quit()
            proc.terminate()
            proc.wait(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
