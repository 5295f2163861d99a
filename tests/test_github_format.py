"""The ``github`` format follows GitHub's workflow-command syntax and keeps the log readable.

Syntax (docs.github.com, "Workflow commands for GitHub Actions"):
``::error file={name},line={line},col={col},title={title}::{message}``; data escapes ``%`` CR LF
as %25 %0D %0A, properties also ``:`` and ``,`` as %3A %2C. GitHub shows at most 10 error and
10 warning annotations per step, so the reporter caps them and says so.
"""

from __future__ import annotations

import re

from conftest import write
from zengshou.findings import Finding
from zengshou.reporters import GithubReporter, _gh_escape

CMD = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")
GOOD = (
    "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n"
    "    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
)


def test_escaping():
    assert _gh_escape("50%\r\nnext") == "50%25%0D%0Anext"
    assert _gh_escape("a:b,c%", prop=True) == "a%3Ab%2Cc%25"
    assert _gh_escape("a:b,c") == "a:b,c"  # message data keeps : and ,


def test_annotation_syntax():
    f = Finding("C404", "data/progress/2023Q2/a,b:c.yaml", 6, 15, {"row": 13, "what": {"zh": "为空", "en": "is empty"}})
    line = GithubReporter("en").annotation(f)
    m = CMD.match(line)
    assert m, line
    assert m.group(1) == "error"
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    assert props == {
        "file": "data/progress/2023Q2/a%2Cb%3Ac.yaml",
        "line": "6",
        "col": "15",
        "title": "C404 empty-progress",
    }
    message, fix = m.group(3).split("%0A")
    assert message == "progress for row 13 is empty"
    assert fix.startswith("Say what was done this quarter")


def test_no_line_no_position():
    f = Finding("S100", "data/progress/2023Q2/x.yaml", None, None, {"error": "Permission denied"})
    assert (
        GithubReporter("en")
        .annotation(f)
        .startswith("::error file=data/progress/2023Q2/x.yaml,title=S100 unreadable::")
    )


def test_grouped_log_cap_and_summary(cli, empty_data):
    # 12 units without required rows, one error (C401) and one warning (T601) each: 24 findings, more than GitHub shows
    for uid in ["gxj", "tzcjj", "jyj", "zjj", "scjgj", "jtysj", "slj", "tyjrj", "gzw", "njzx", "tzb", "xcb"]:
        write(
            empty_data / f"progress/2023Q2/{uid}.yaml",
            GOOD.replace("市财政局", uid).replace("task: 13", "task: 99").replace("07-05", "07-20"),
        )
    res = cli("validate", "--data", empty_data, "--format", "github", "--lang", "en")
    assert res.exit_code == 1
    out = res.stdout.splitlines()
    cmds = [ln for ln in out if ln.startswith("::") and not ln.startswith(("::group::", "::endgroup::"))]
    assert all(CMD.match(c) for c in cmds), [c for c in cmds if not CMD.match(c)]
    errors = [c for c in cmds if c.startswith("::error ")]
    warnings = [c for c in cmds if c.startswith("::warning ")]
    assert len(errors) == 10 and len(warnings) == 10
    assert all("title=C401 unknown-task" in c for c in errors)
    assert cmds[-1] == (
        "::notice title=zengshou::2 more error(s) and 2 more warning(s) not annotated "
        "(GitHub shows at most 10 of each per step); every finding is in the log"
    )
    # the log: one collapsible group per file, each finding with file:line:col and its code
    groups = [ln for ln in out if ln.startswith("::group::")]
    assert len(groups) == 12 and out.count("::endgroup::") == 12
    assert "::group::data/progress/2023Q2/gxj.yaml: 1 error(s), 1 warning(s)" in groups
    i = out.index("::group::data/progress/2023Q2/gxj.yaml: 1 error(s), 1 warning(s)")
    assert out[i + 1].startswith("data/progress/2023Q2/gxj.yaml:3:12 T601 warning ")
    assert any(ln.startswith("data/progress/2023Q2/gxj.yaml:5:11 C401 error ") for ln in out[i : i + 10])
    assert out[-1] == "Checked 14 file(s): 12 error(s), 12 warning(s)."


def test_clean_run(cli, empty_data):
    write(empty_data / "progress/2023Q2/czj.yaml", GOOD)
    res = cli("validate", "--data", empty_data, "--format", "github", "--lang", "en")
    assert res.exit_code == 0
    assert res.stdout == "Checked 3 file(s): no problems found.\n"
