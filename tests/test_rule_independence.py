"""Every rule decides on its own: switching one code off removes exactly that code's findings.

The tree is the shipped sample plus the hostile corpus (every case as its own file) plus a file
that trips every content and figure rule at once, so a rule that silently relied on another
one's outcome (C407 firing on an empty text once C404 is off, say) shows up here.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import DATA
from test_corpus import CASES

from zengshou.config import Config
from zengshou.lint import lint
from zengshou.registry import RULES
from zengshou.workspace import Workspace

LONG = "二季度" + "新建产业基地并带动脱贫户务工增收" * 20  # well over 300 characters

EVERYTHING = f"""unit: 资源县
quarter: 2023Q2
submitted: 2023-07-12
items:
  - task: 71
    progress: 不存在的序号
  - task: 1
    progress: 同上
  - task: 1
    progress: 重复的一项
  - task: 2
    progress: ""
  - task: 3
    progress: {LONG}
  - task: 6
    progress: |-
      【示例】二季度，引进广西大学、桂林理工大学专家团队在会仙镇开展技术指导8次，推广新品种新技术8项。组建砂糖橘、畜牧等产业技术专家组6个，开展田间培训36场次，培训脱贫群众995人次。下一步将继续跟踪落实。
  - task: 4
    progress: 引导脱贫地区成立新型农业经营主体，以股份、订单、托管、劳务等方式与脱贫户建立利益联结关系，推广“政府＋企业＋银行＋保险＋农户”的“五位一体”合作模式，推动企业、农民专业合作社和农户结成“公司＋合作社＋农户”的利益联结机制。
  - task: 5
    progress: 无
    figures:
      nothing_like_this: 3
"""

NOT_MINE = """unit: 市财政局
quarter: 2023Q2
submitted: 2023-07-05
items:
  - task: 1
    progress: 不是本局牵头或参与的任务，却写了一段二十多个字以上的进度。
"""

EVERYTHING_Q1 = """unit: 资源县
quarter: 2023Q1
submitted: 2023-04-04
items:
  - task: 2
    progress: ""
  - task: 5
    progress: 无
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("independence") / "data"
    shutil.copytree(DATA, data)
    folder = data / "progress" / "2023Q2"
    for i, (name, (raw, *_)) in enumerate(sorted(CASES.items())):
        if len(raw) < 1_000_000:
            (folder / f"case{i:02d}.yaml").write_bytes(raw)
    (folder / "ziyuan.yaml").write_text(EVERYTHING, encoding="utf-8")
    (folder / "czj.yaml").write_text(NOT_MINE, encoding="utf-8")
    (data / "progress" / "2023Q1" / "ziyuan.yaml").write_text(EVERYTHING_Q1, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def ws(tree) -> Workspace:
    return Workspace.open(tree)


def _codes(ws: Workspace, off: str | None = None) -> Counter:
    config = Config({off: "off"} if off else {})
    found = lint(ws, config=config).findings
    return Counter((f.code, f.file, f.line, f.col) for f in found)


@pytest.fixture(scope="module")
def baseline(ws) -> Counter:
    return _codes(ws)


def test_the_tree_trips_many_rules(baseline):
    codes = {c for c, *_ in baseline}
    assert {"C401", "C402", "C403", "C404", "C405", "C406", "C408", "R501", "T601", "F703", "I302",
            "S101", "S102", "S108"} <= codes, sorted(codes)


@pytest.mark.parametrize("code", sorted(RULES))
def test_switching_one_rule_off_removes_only_its_findings(ws, baseline, code):
    expected = Counter({k: n for k, n in baseline.items() if k[0] != code})
    assert _codes(ws, off=code) == expected
