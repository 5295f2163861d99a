"""The report as one self-contained HTML page, rendered with Jinja2.

Autoescaping is always on (``autoescape=True``, not chosen by file extension): every progress
text comes from a clerk's file, and a user template named ``report.html`` or ``report.txt``
must be as safe as ours. Undefined variables raise (``StrictUndefined``) instead of printing
nothing, so a custom template with a typo fails loudly rather than dropping a column.

Templates are looked up in ``--templates DIR`` first, then in the default folder: the
repository's ``templates/`` (a source checkout or editable install), or its copy shipped
inside the package (``zengshou/templates/``, put there by the wheel build).
"""

from __future__ import annotations

from pathlib import Path

from zengshou.i18n import t as msg
from zengshou.report.labels import labels
from zengshou.report.model import FILLED, Report, measure_spans, units_spans
from zengshou.report.xlsx import STATUS_KEYS, progress_cell, section_info, status_rows, totals_line, unit_label

TEMPLATE = "report.html.j2"


class TemplateProblem(Exception):
    """A template could not be found, parsed or rendered; the message says where and why."""


def default_template_dir() -> Path:
    here = Path(__file__).resolve()
    for d in (here.parents[1] / "templates", here.parents[3] / "templates"):
        if (d / TEMPLATE).is_file():
            return d
    return here.parents[1] / "templates"


def environment(templates: Path | None = None):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    search = [str(templates)] if templates else []
    search.append(str(default_template_dir()))
    return Environment(loader=FileSystemLoader(search), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def view(report: Report, lang: str = "zh") -> dict:
    """Everything the template shows, as plain data (documented in docs/report.md)."""
    t = labels(lang)
    ql = report.quarter.label(lang)
    title = msg("report.title", lang, plan=report.plan.short_title, suffix=t["title_suffix"], quarter=ql)

    def cell(entry) -> dict:
        text, style = progress_cell(entry, t)
        return {"text": text, "marker": entry.state != FILLED, "state": entry.state, "status": entry.status or ""}

    rows = report.rows
    ms, us = measure_spans(rows), units_spans(rows)
    summary = [{"number": r.number, "measure": r.measure_label, "measure_span": ms[i], "task": r.task.text,
                "progress": cell(r.lead), "lead": r.lead.unit_name, "units": r.units_text, "units_span": us[i]}
               for i, r in enumerate(rows)]
    leads = []
    for sec in report.leads:
        leads.append({
            "id": sec.unit_id, "anchor": f"lead-{sec.unit_id}", "name": sec.name,
            "title": t["lead_title"].format(unit=sec.name, quarter=ql), "count": len(sec.rows),
            "rows": [{"number": r.number, "task": r.task.text, "span": len(r.entries),
                      "entries": [{"unit": unit_label(e, t, lang), "role": e.role, **cell(e)} for e in r.entries]}
                     for r in sec.rows]})
    counties = []
    for sec in report.counties:
        cms = measure_spans(sec.rows)
        counties.append({
            "id": sec.unit_id, "anchor": f"county-{sec.unit_id}", "name": sec.name,
            "title": t["county_title"].format(unit=sec.name, quarter=ql), "info": section_info(sec, t),
            "rows": [{"number": r.number, "measure": r.measure_label, "measure_span": cms[i], "task": r.task.text,
                      **cell(e)} for i, (r, e) in enumerate(sec.pairs)]})
    status = {"title": t["status_title"].format(quarter=ql, deadline=report.deadline.isoformat()),
              "headers": [t[k] for k in STATUS_KEYS], "rows": status_rows(report, lang, t),
              "states": [u.state for u in report.status.units],
              "totals": totals_line(report, t), "other_files": list(report.status.other_files)}
    return {"lang": lang, "html_lang": msg("report.html_lang", lang), "t": t, "title": title,
            "plan": {"title": report.plan.title, "short_title": report.plan.short_title},
            "quarter": str(report.quarter), "quarter_label": ql, "deadline": report.deadline.isoformat(),
            "summary": summary, "leads": leads, "counties": counties, "status": status,
            "indicators_html": _indicators_html(report, lang)}


def _indicators_html(report: Report, lang: str):
    """The indicator table and inline SVG charts (zengshou.report.svg), as safe markup."""
    from markupsafe import Markup

    from zengshou.report.indicators import for_report
    from zengshou.report.svg import section_html

    return Markup(section_html(for_report(report, lang), lang))


def render_html(report: Report, lang: str = "zh", templates: Path | None = None, name: str = TEMPLATE) -> str:
    """Render the page; any template problem becomes :class:`TemplateProblem` with a clear message."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

    env = environment(templates)
    try:
        tpl = env.get_template(name)
        return tpl.render(**view(report, lang))
    except TemplateNotFound as e:
        raise TemplateProblem(msg("report.tpl_not_found", lang, name=e.name)) from None
    except TemplateSyntaxError as e:
        where = f"{e.filename or e.name}:{e.lineno}"
        raise TemplateProblem(msg("report.tpl_syntax", lang, where=where, error=e.message)) from None
    except UndefinedError as e:
        where = _template_line(e, env)
        raise TemplateProblem(msg("report.tpl_undefined", lang, where=where, error=e.message)) from None
    except TemplateError as e:
        raise TemplateProblem(msg("report.tpl_error", lang, error=e)) from None


def _template_line(exc: BaseException, env) -> str:
    """' (file:line)' of the template frame that failed, when the traceback shows it."""
    tb = exc.__traceback__
    found = ""
    while tb is not None:
        fname = tb.tb_frame.f_code.co_filename
        if fname.endswith((".j2", ".html", ".htm", ".jinja", ".jinja2")):
            found = f" ({fname}:{tb.tb_lineno})"
        tb = tb.tb_next
    return found

