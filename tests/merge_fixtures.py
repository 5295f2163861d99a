"""Build a quarter of submissions in a data directory, for the merge tests."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from zengshou.lint import load_catalog

DATA = Path(__file__).resolve().parent.parent / "data"


def merge_once(base: Path, fill: Callable[[Path], object], *args: str) -> tuple[Path, str]:
    """For a module-scoped fixture: definitions copied to base/data, ``fill(data)``, then
    ``zengshou merge <args> --data base/data`` run in base as the ``cli`` fixture runs it.
    Returns the data folder and the command's stdout; the reports are under base/reports/.
    The tests that use them only read them."""
    from typer.testing import CliRunner

    from zengshou.cli.app import app

    data = base / "data"
    (data / "progress").mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(DATA / name, data / name)
    fill(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        for var in ("ZENGSHOU_LANG", "ZENGSHOU_DATA", "COLUMNS"):
            mp.delenv(var, raising=False)
        res = CliRunner().invoke(app, ["merge", *args, "--data", str(data)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return data, res.stdout


def sample_text(unit_name: str, row: int) -> str:
    return f"{unit_name}围绕第{row}项任务，组织召开专题会议{row % 5 + 1}次，落实帮扶资金{row * 3}万元，带动脱贫人口{row * 11}人增收。"


def write_submission(
    data_dir: Path,
    quarter: str,
    unit_id: str,
    items: dict[int, str | None],
    *,
    submitted: str | None = "2023-07-04",
    contact: str = "李明 2820000",
    status: dict[int, str] | None = None,
    name: str | None = None,
) -> Path:
    lines = [f"unit: {unit_id}", f"quarter: {quarter}"]
    if submitted:
        lines.append(f"submitted: {submitted}")
    lines.append(f"contact: {contact}")
    lines.append("items:")
    for row, text in items.items():
        lines.append(f"  - task: {row}")
        if text is not None:
            lines.append(f"    progress: {json.dumps(text, ensure_ascii=False)}")
        if status and row in status:
            lines.append(f"    status: {status[row]}")
    path = data_dir / "progress" / quarter / f"{name or unit_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fill_quarter(
    data_dir: Path,
    quarter: str = "2023Q2",
    *,
    skip: tuple[str, ...] = (),
    texts: dict[tuple[str, int], str] | None = None,
) -> dict[str, Path]:
    """Every unit that must report writes every row it must, with a distinct text."""
    cat, _ = load_catalog(data_dir)
    texts = texts or {}
    out = {}
    for uid in cat.reporters(quarter):
        if uid in skip:
            continue
        u = cat.by_id[uid]
        rows = cat.required_rows(uid, quarter)
        items = {r: texts.get((uid, r), sample_text(u.name, r)) for r in rows}
        out[uid] = write_submission(data_dir, quarter, uid, items, status={r: "推进中" for r in rows[:1]})
    return out


PLAN = "桂林市促进脱贫人口持续增收三年行动方案"
#: what `zengshou merge --quarter 2023Q2` writes: 呈报版 xlsx, 工作底稿 xlsx, 呈报版 docx, 呈报版 html, 工作底稿 html
NAMES = tuple(
    f"{PLAN}-2023Q2-{kind}.{ext}"
    for kind, ext in (
        ("落实进度", "xlsx"),
        ("工作底稿", "xlsx"),
        ("落实进度", "docx"),
        ("落实进度", "html"),
        ("工作底稿", "html"),
    )
)


def read_docx_text(path: Path) -> str:
    """Every paragraph and table cell of a .docx, read back with python-docx."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)
