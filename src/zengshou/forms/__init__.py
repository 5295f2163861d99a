"""Excel forms for clerks: ``zengshou template`` writes them, ``zengshou import`` reads them back.

Clerks work in Excel or WPS. A form is an .xlsx with one row per task the unit must report on,
only the 落实进度 cells (and the contact cell) editable, and a hidden sheet that says whose form
it is, for which quarter, and from which task list (a fingerprint), so import can refuse a form
for the wrong quarter or from an outdated list instead of filing text under the wrong task.

Shared here: the layout both sides agree on.
"""

from __future__ import annotations

import hashlib

FORM_FORMAT = "zengshou-form"
FORM_VERSION = 1
META_SHEET = "_zengshou"
SHEET = "落实进度"

# Column headers. The template writes them in this order; import finds columns by these texts
# (the plan's own table puts 落实进度 before 责任单位, and that layout is read too).
H_ROW, H_MEASURE, H_TASK, H_UNITS, H_PROGRESS = "序号", "主要目标任务", "具体落实措施", "责任单位", "落实进度"
HEADERS = (H_ROW, H_MEASURE, H_TASK, H_UNITS, H_PROGRESS)
# Columns the Word form adds (see forms.docx_form): the row's status (models.Item.status), the
# figures its indicators need, and last quarter's text for reference (never imported).
H_STATUS, H_FIGURES, H_PREVIOUS = "进展", "指标数值", "上季度落实进度（供参考）"
#: ``models.Item.status`` values, in the order a form offers them.
STATUSES = ("未启动", "推进中", "已完成", "持续推进")
#: Labels of the sign-off fields under the form's heading (填报人 / 联系电话 / 审核人).
SIGN_OFF = ("填报人", "联系电话", "审核人")

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
        h.update(f"{r}\t{t.text if t else ''}\n".encode("utf-8"))
    return h.hexdigest()


def figure_fields(cat, unit_id: str, quarter, rows: list[int]) -> dict[int, list]:
    """Row → the indicators (``models.Indicator``) whose figure ``unit_id`` reports on that row.

    The same reporters the figure rules count (``indicators.reporters``): a lead unit the
    city-wide figure, a county its own where the indicator is counted per county. A figure from
    anyone else would only draw F706 (not counted), so the form does not ask for it.
    """
    from zengshou.indicators import definitions, reporters

    wanted = set(rows)
    out: dict[int, list] = {}
    for d in definitions(cat):
        if d.row in wanted and unit_id in reporters(cat, d, quarter):
            out.setdefault(d.row, []).append(d.ind)
    return out


def figure_label(ind) -> str:
    """How a form names a figure: ``名称（单位）``; import matches the label to find the indicator."""
    return f"{ind.name}（{ind.unit}）"


def previous_texts(ws, unit_id: str, quarter) -> dict[int, str]:
    """Row → the unit's progress text of the quarter before (``Workspace.previous``), when that
    submission loads cleanly.

    Shown on a Word form for reference, so a clerk writes what is new (C407 flags a copy)."""
    sub = ws.previous(unit_id, quarter)
    if sub is None or not sub.ok:
        return {}
    return {it.task: it.progress for it in sub.model.items if it.progress and it.progress.strip()}
