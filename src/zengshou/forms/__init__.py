"""Excel forms for clerks: ``zengshou template`` writes them, ``zengshou import`` reads them back.

Clerks work in Excel or WPS. A form is an .xlsx with one row per task the unit must report on,
only the 落实进度 cells (and the contact cell) editable, and a hidden sheet that says whose form
it is, for which quarter, and from which task list (a fingerprint), so import can refuse a form
for the wrong quarter or from an outdated list instead of filing text under the wrong task.

Shared here: the layout both sides agree on.
"""

from __future__ import annotations

import hashlib

from zengshou import signoff

FORM_FORMAT = "zengshou-form"
#: 2: 字数, 进展, figure and previous-quarter columns; 填报人, 联系电话, 审核人 cells (version 1
#: had one 联系人及电话 cell). Import reads both.
FORM_VERSION = 2
META_SHEET = "_zengshou"
SHEET = "落实进度"

# Column headers. The template writes them in this order; import finds columns by these texts
# (the plan's own table puts 落实进度 before 责任单位, and that layout is read too).
H_ROW, H_MEASURE, H_TASK, H_UNITS, H_PROGRESS = "序号", "主要目标任务", "具体落实措施", "责任单位", "落实进度"
HEADERS = (H_ROW, H_MEASURE, H_TASK, H_UNITS, H_PROGRESS)
H_COUNT, H_STATUS, H_FIGURE, H_VALUE, H_PREVIOUS = "字数", "进展", "指标", "数值", "上季度（供参考）"
#: The values of 进展 (models.Item.status), in the order of the form's drop-down list.
STATUSES = ("未启动", "推进中", "已完成", "持续推进")
# The Word form (forms.docx_form) puts each row's figures in one cell, one ``名称（单位）：`` line each.
H_FIGURES = "指标数值"
#: Labels of the sign-off fields under the Word form's heading, and the Submission fields they fill.
SIGN_OFF = {f.zh: f.key for f in signoff.FIELDS}

#: Files larger than this are refused before they are opened.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: ... and so are packages that would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: ... and packages with more parts than any real form has (a Word form has about twenty).
MAX_PARTS = 1000


def fingerprint(cat, rows: list[int]) -> str:
    """sha256 of the form's task list: each row's number and text, in form order.

    Import recomputes it from the current ``tasks.yaml``; a different value means the task list
    changed after the form was made.
    """
    h = hashlib.sha256()
    for r in rows:
        t = cat.task(r)
        h.update(f"{r}\t{t.text if t else ''}\n".encode())
    return h.hexdigest()


# ---------------------------------------------------------------- what a form asks, besides the text
# Shared by the Excel form (forms.xlsx_form) and the YAML form of ``zengshou new`` (writer), so
# both ask for the same figures and show the same previous-quarter text.


def unit_figures(cat, unit_id: str, rows: list[int], quarter) -> dict[int, list]:
    """Row → the indicators (models.Indicator) whose figure ``unit_id`` reports on that row:
    the row's lead for city-wide figures, each unit of ``over`` for per-county ones
    (:func:`zengshou.indicators.reporters`). Thresholds take no figures."""
    from zengshou.indicators import Def, reporters

    out: dict[int, list] = {}
    for row in rows:
        t = cat.task(row)
        mine = [
            ind
            for ind in (t.indicators if t else [])
            if ind.aggregation != "threshold" and unit_id in reporters(cat, Def(row, ind), quarter)
        ]
        if mine:
            out[row] = mine
    return out


def previous_texts(cat, data_dir, unit_id: str, quarter) -> dict[int, str]:
    """Row → what ``unit_id`` wrote for the quarter before ``quarter`` (its own file, or that of
    the unit it succeeded), for the form to show beside this quarter's cell. Nothing when that
    file is missing or cannot be read: the form is still made."""
    from pathlib import Path

    from zengshou.quarters import Quarter
    from zengshou.submissions import SUFFIXES, load_submission

    prev = Quarter.parse(str(quarter)).prev()
    ids = [unit_id] + [u.id for u in cat.units if u.successor and u.successor.id == unit_id]
    for uid in ids:
        for suffix in SUFFIXES:
            path = Path(data_dir) / "progress" / str(prev) / f"{uid}{suffix}"
            if not path.is_file():
                continue
            sub = load_submission(path, cat)
            if sub.ok:
                return {it.task: it.progress for it in sub.valid.items if it.progress and it.progress.strip()}
    return {}


def figure_label(ind) -> str:
    """How the Word form names a figure: ``名称（单位）``; import matches the label to find the indicator."""
    return f"{ind.name}（{ind.unit}）"
