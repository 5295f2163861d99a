"""The span's two HTML pages (呈报版 and 工作底稿 of a year or the whole plan), rendered with
Jinja2 from the :class:`~zengshou.report.span.SpanReport` alone (issue 26).

Same environment as the quarter's pages (:func:`zengshou.report.html.environment`:
autoescaping always on, ``StrictUndefined``, ``--templates DIR`` first); the templates are
``span_report.html.j2`` and ``span_workpaper.html.j2`` and share ``_report_style.html.j2``.
Lights are table cells with the class ``lamp <colour>`` holding the state and pace in words.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

from zengshou.i18n import t as msg
from zengshou.report.html import TemplateProblem, environment
from zengshou.report.span_model import FILL, INK, SPAN_EDITIONS, SUBMIT, WORKPAPER, Lamp, SpanReport
from zengshou.report.svg import chart

TEMPLATES = {SUBMIT: "span_report.html.j2", WORKPAPER: "span_workpaper.html.j2"}


def _lamp(x: Lamp | None) -> dict | None:
    return None if x is None else asdict(x)


def view(report: SpanReport, edition: str = SUBMIT) -> dict:
    """Everything a span template shows, as plain data (docs/report.md, "Spans")."""
    from markupsafe import Markup

    rep, t = report, report.words
    matrix = lambda m: {  # noqa: E731
        "title": m.title,
        "columns": list(m.columns),
        "rows": [
            {"number": r.number, "task": r.task, "lead": r.lead, "cells": [_lamp(c) for c in r.cells]} for r in m.rows
        ],
    }
    return {
        "lang": rep.lang,
        "html_lang": t["html_lang"],
        "t": t,
        "edition": edition,
        "sections": list(SPAN_EDITIONS[edition]),
        "page_css": _page_css(t),
        "lamp_css": Markup("".join(f"td.lamp.{c}{{background:#{FILL[c]};color:#{INK[c]};}}" for c in FILL)),
        "title": rep.title if edition == SUBMIT else rep.workpaper_title,
        "info": rep.info,
        "header": rep.header,
        "span": {"kind": rep.kind, "key": rep.key, "label": rep.label},
        "quarters": list(rep.quarters),
        "quarter_labels": list(rep.quarter_labels),
        "quarter_heads": list(rep.quarter_heads),
        "points": list(rep.points),
        "last_label": rep.last_label,
        "previous_label": rep.previous_label,
        "reporting_text": rep.reporting_text,
        "reporting": [asdict(x) for x in rep.reporting],
        "reporting_total": asdict(rep.reporting_total),
        "lights_text": rep.lights_text,
        "counts": [
            {"key": a.key, "label": a.label, "tasks": asdict(a), "cells": asdict(b)}
            for a, b in zip(rep.task_counts, rep.cell_counts, strict=True)
        ],
        "colours": list(FILL),
        "counties": [asdict(x) for x in rep.counties],
        "indicators": [{k: v for k, v in asdict(x).items() if k != "series"} for x in rep.indicators],
        "tasks": [
            {
                "number": x.number,
                "measure": x.measure,
                "task": x.task,
                "lead": x.lead,
                "quarters": [
                    {
                        "quarter": q.quarter,
                        "label": q.label,
                        "lead": q.lead,
                        "lamp": _lamp(q.lamp),
                        "text": q.text,
                        "marker": q.marker,
                        "status": q.status,
                    }
                    for q in x.quarters
                ],
            }
            for x in rep.tasks
        ],
        "charts": [Markup(chart(x.series, t)) for x in rep.chart_lines],
        "county_matrix": matrix(rep.county_matrix),
        "task_matrix": matrix(rep.task_matrix),
        "record_kinds": list(rep.record_kinds),
        "records": [{"year": r.year, "title": r.title, "lines": [asdict(x) for x in r.lines]} for r in rep.records],
        "notes": list(rep.notes),
    }


def _page_css(t: dict[str, str]):
    from markupsafe import Markup

    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", t["page_word"]):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"')
    return Markup(" ".join(parts))


def render_span_html(report: SpanReport, templates: Path | None = None, edition: str = SUBMIT) -> str:
    """Render one edition's page; any template problem becomes
    :class:`~zengshou.report.html.TemplateProblem`."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

    lang = report.lang
    try:
        tpl = environment(templates).get_template(TEMPLATES[edition])
        return tpl.render(**view(report, edition))
    except TemplateNotFound as e:
        raise TemplateProblem(msg("report.tpl_not_found", lang, name=e.name)) from None
    except TemplateSyntaxError as e:
        where = f"{e.filename or e.name}:{e.lineno}"
        raise TemplateProblem(msg("report.tpl_syntax", lang, where=where, error=e.message)) from None
    except UndefinedError as e:
        raise TemplateProblem(msg("report.tpl_undefined", lang, where="", error=e.message)) from None
    except TemplateError as e:
        raise TemplateProblem(msg("report.tpl_error", lang, error=e)) from None
