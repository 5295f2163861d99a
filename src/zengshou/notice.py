"""The 催报通知 (reminder notice) and the phrases that say where each unit stands.

Library code: the CLI prints what :func:`render_reminder` returns and turns :class:`NoticeError`
into a one-line error with exit 2.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound

from zengshou.rules.completeness import _ranges
from zengshou.status import STATE_WORDS


class NoticeError(Exception):
    """The notice could not be rendered; ``message`` is a zh/en pair for the user."""

    def __init__(self, message: dict[str, str]):
        super().__init__(message["en"])
        self.message = message


def state_text(u, lang: str) -> str:
    word = STATE_WORDS[u.state][lang]
    if u.state == "late":
        word += f" {u.late_days} 天" if lang == "zh" else f" by {u.late_days} day(s)"
    return word


def reason(u, lang: str) -> str:
    """Why a unit is on the reminder list, in one phrase."""
    sep = "、" if lang == "zh" else ", "
    parts = []
    if u.state == "missing":
        return "尚未报送" if lang == "zh" else "not received"
    if u.errors:
        parts.append(f"报送材料有 {u.errors} 处错误需修改" if lang == "zh" else f"{u.errors} error(s) to correct")
    if u.state == "draft":
        parts.append("尚未正式报送（未填报送日期）" if lang == "zh" else "not sent yet (no date of sending)")
    if u.missing_rows:
        rows = _ranges(u.missing_rows, sep)
        parts.append(f"缺第 {rows} 项任务" if lang == "zh" else f"rows {rows} missing")
    return ("；" if lang == "zh" else "; ").join(parts)


def needs_reminder(u) -> bool:
    return u.state in ("missing", "invalid", "draft") or bool(u.missing_rows)


def template_dirs(templates: Path | None, data: Path) -> list[Path]:
    """Where the reminder template is looked up: --templates, beside the data folder, the source
    tree (checkout or editable install), the copy shipped in the wheel (zengshou/templates/)."""
    here = Path(__file__).resolve()
    dirs = [templates] if templates else []
    dirs += [Path(data).resolve().parent / "templates", here.parents[2] / "templates", here.parent / "templates"]
    return [d for d in dirs if d is not None]


def render_reminder(cat, st, *, lang: str, notice_date: date, templates: Path | None, data: Path,
                    office: str | None = None) -> str:
    """The notice for the units that still have to report or correct their reports, each named
    once, signed by ``office`` (``[report] office`` in zengshou.toml; default ``plan.office``).

    It is read by people who never run the tool: no command names, paths or ids.
    """
    dirs = template_dirs(templates, data)
    if templates is not None and not templates.is_dir():
        raise NoticeError({"zh": f"模板目录不存在：{templates}", "en": f"template folder not found: {templates}"})
    env = Environment(loader=FileSystemLoader([str(d) for d in dirs if d.is_dir()]), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    units = [{"id": u.unit_id, "name": u.name, "kind": u.kind, "state": u.state,
              "state_text": state_text(u, lang), "reason": reason(u, lang), "file": u.file,
              "missing_rows": u.missing_rows, "errors": u.errors}
             for u in st.units if needs_reminder(u)]
    def day(d: date) -> str:
        return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else f"{d:%d %B %Y}".lstrip("0")

    name = "reminder.txt.j2" if lang == "zh" else "reminder.en.txt.j2"
    ctx = {
        "plan": cat.plan, "quarter": str(st.quarter), "quarter_label": st.quarter.label(lang),
        "deadline": st.deadline.isoformat(), "deadline_text": day(st.deadline),
        "overdue": notice_date > st.deadline, "date": notice_date.isoformat(), "date_text": day(notice_date),
        "units": units, "totals": st.totals, "complete": st.complete,
        "mailbox": cat.plan.mailbox, "contact": cat.plan.contact, "lang": lang,
        "office": office or cat.plan.office,
    }
    try:
        return env.get_template(name).render(**ctx)
    except TemplateNotFound:
        where = "、".join(str(d) for d in dirs)
        raise NoticeError({"zh": f"找不到催报通知模板 {name}（查找了：{where}）；用 --templates 指定",
                           "en": f"reminder template {name} not found (looked in: {where}); use --templates"}) from None
    except TemplateError as e:
        raise NoticeError({"zh": f"催报通知模板有误：{e}", "en": f"error in the reminder template: {e}"}) from e
