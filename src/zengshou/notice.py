"""The 催报通知 (reminder notice) and the phrases that say where each unit stands.

Library code: the CLI prints what :func:`render_reminder` returns and turns :class:`NoticeError`
into a one-line error with exit 2.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound

from zengshou.i18n import both, join, long_date, t
from zengshou.rules.completeness import _ranges


class NoticeError(Exception):
    """The notice could not be rendered; ``message`` is a zh/en pair for the user."""

    def __init__(self, key: str, **params: object):
        self.message = both(key, **params)
        super().__init__(self.message["en"])


def state_text(u, lang: str, short: bool = False) -> str:
    """The unit's state (``逾期报送 5 天``); ``short`` gives the narrow tables' form (``逾期 5 天``)."""
    word = t(f"state.{u.state}.short" if short else f"state.{u.state}", lang)
    if u.state == "late":
        word = t("state.late_by", lang, state=word, days=u.late_days)
    return word


def reason(u, lang: str) -> str:
    """Why a unit is on the reminder list, in one phrase."""
    parts = []
    if u.state == "missing":
        return t("notice.not_received", lang)
    if u.state == "returned":
        comment = " ".join((u.review.comment if u.review else "").split())
        parts.append(t("notice.returned", lang, comment=comment) if comment else t("notice.returned_bare", lang))
    if u.errors:
        parts.append(t("notice.errors", lang, n=u.errors))
    if u.state == "draft":
        parts.append(t("notice.draft", lang))
    if u.missing_rows:
        parts.append(t("notice.rows_missing", lang, rows=_ranges(u.missing_rows, t("sep.list", lang))))
    return t("sep.clause", lang).join(parts)


def needs_reminder(u) -> bool:
    return u.state in ("missing", "returned", "invalid", "draft") or bool(u.missing_rows)


#: the states ``status --remind --send`` mails a unit in: nothing received yet (a draft has no
#: date of sending: it has not been sent), or the coordinator returned it. Errors the checks
#: found reach a unit through the coordinator's ``review --return``, never automatically.
SEND_STATES = ("missing", "draft", "returned")


def needs_sending(u) -> bool:
    return u.state in SEND_STATES


def template_dirs(templates: Path | None, data: Path) -> list[Path]:
    """Where the reminder template is looked up: --templates, beside the data folder, the source
    tree (checkout or editable install), the copy shipped in the wheel (zengshou/templates/)."""
    here = Path(__file__).resolve()
    dirs = [templates] if templates else []
    dirs += [Path(data).resolve().parent / "templates", here.parents[2] / "templates", here.parent / "templates"]
    return [d for d in dirs if d is not None]


def render_reminder(
    cat,
    st,
    *,
    lang: str,
    notice_date: date,
    templates: Path | None,
    data: Path,
    office: str | None = None,
    only: set[str] | None = None,
) -> str:
    """The notice for the units that still have to report or correct their reports, each named
    once, signed by ``office`` (``[report] office`` in zengshou.toml; default ``plan.office``).

    It is read by people who never run the tool: no command names, paths or ids. ``only``: the
    unit ids to name (a mail to one unit names that unit alone).
    """
    dirs = template_dirs(templates, data)
    if templates is not None and not templates.is_dir():
        raise NoticeError("notice.no_template_dir", path=templates)
    env = Environment(
        loader=FileSystemLoader([str(d) for d in dirs if d.is_dir()]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    units = [
        {
            "id": u.unit_id,
            "name": u.name,
            "kind": u.kind,
            "state": u.state,
            "state_text": state_text(u, lang),
            "reason": reason(u, lang),
            "file": u.file,
            "missing_rows": u.missing_rows,
            "errors": u.errors,
            "comment": u.review.comment if u.review and u.state == "returned" else "",
        }
        for u in st.units
        if needs_reminder(u) and (only is None or u.unit_id in only)
    ]

    def day(d: date) -> str:
        return long_date(d, lang)

    name = t("notice.template", lang)
    ctx = {
        "plan": cat.plan,
        "quarter": str(st.quarter),
        "quarter_label": st.quarter.label(lang),
        "deadline": st.deadline.isoformat(),
        "deadline_text": day(st.deadline),
        "overdue": notice_date > st.deadline,
        "date": notice_date.isoformat(),
        "date_text": day(notice_date),
        "units": units,
        "totals": st.totals,
        "complete": st.complete,
        "mailbox": cat.plan.mailbox,
        "contact": cat.plan.contact,
        "lang": lang,
        "office": office or cat.plan.office,
        # a mail to one unit greets it by name instead of 各有关单位
        "addressee": units[0]["name"] if only is not None and len(only) == 1 and len(units) == 1 else "",
    }
    try:
        return env.get_template(name).render(**ctx)
    except TemplateNotFound:
        where = join(dirs, lang)
        raise NoticeError("notice.no_template", name=name, where=where) from None
    except TemplateError as e:
        raise NoticeError("notice.bad_template", error=e) from e
