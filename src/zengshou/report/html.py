"""The report's two HTML pages (呈报版 and 工作底稿), rendered with Jinja2 from the report model.

Autoescaping is always on (``autoescape=True``, not chosen by file extension): every progress
text comes from a clerk's file, and a user template named ``report.html`` or ``report.txt``
must be as safe as ours. Undefined variables raise (``StrictUndefined``) instead of printing
nothing, so a custom template with a typo fails loudly rather than dropping a column.

Templates are looked up in ``--templates DIR`` first, then in the default folder: the
repository's ``templates/`` (a source checkout or editable install), or its copy shipped
inside the package (``zengshou/templates/``, put there by the wheel build). Looking up a
template is the only file access here; the page's content comes from the model alone.
"""

from __future__ import annotations

from pathlib import Path

from zengshou.i18n import t as msg
from zengshou.report.measure import balance
from zengshou.report.model import EDITIONS, SUBMIT, WORKPAPER, Report, Row, WorkRow, measure_spans, units_spans
from zengshou.report.svg import chart

TEMPLATES = {SUBMIT: "report.html.j2", WORKPAPER: "workpaper.html.j2"}
TEMPLATE = TEMPLATES[SUBMIT]


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
    return Environment(
        loader=FileSystemLoader(search),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def view(report: Report, edition: str = SUBMIT) -> dict:
    """Everything a template shows, as plain data (documented in docs/report.md).

    Each part a template iterates over is built by its own helper below; this function puts
    them together with the report's scalars under the names the documentation promises."""
    rep, t = report, report.words
    return {
        "lang": rep.lang,
        "html_lang": t["html_lang"],
        "t": t,
        "edition": edition,
        "page_css": _page_css(t),
        "sections": list(EDITIONS[edition]),
        "title": rep.title
        if edition == SUBMIT
        else t["workpaper_title"].format(plan=rep.plan_title, quarter=rep.quarter_label),
        "info": rep.info,
        "office": rep.office,
        "header": rep.header,
        "plan": {"title": rep.plan_title, "short_title": rep.short_title},
        "quarter": str(rep.quarter),
        "quarter_label": rep.quarter_label,
        "deadline": rep.deadline_text,
        "digest": {
            "paragraph": rep.digest.paragraph,
            "table": [{"label": a, "count": n, "who": w} for a, n, w in rep.digest.table],
        },
        "summary": _summary(rep.rows),
        "summary_widths": [f"{w:g}%" for w in _summary_widths(rep.rows, t)],
        "texts_widths": [f"{w:g}%" for w in _texts_widths(rep)] if edition == WORKPAPER else [],
        "indicators": _indicators(rep),
        "charts": _charts(rep),
        "notes": list(rep.notes),
        "status": _status(rep),
        "left_out": [{"file": x.file, "unit": x.unit, "reason": x.reason} for x in rep.left_out],
        "other_files": list(rep.other_files),
        "leads": _leads(rep),
        "counties": _counties(rep),
        "body": _body(rep),
        "work": _work(rep),
    }


def _summary(rows: list[Row]) -> list[dict]:
    """The summary table's rows, with the spans of the merged 措施 and 责任单位 cells worked out
    here (as the plan prints them) so that every template merges them alike."""
    ms, us = measure_spans(rows), units_spans(rows)
    return [
        {
            "number": r.number,
            "measure": r.measure_label,
            "measure_span": ms[i],
            "continued": i > 0 and rows[i - 1].measure.id == r.measure.id,
            "task": r.task.text,
            "progress": {"text": r.summary.text, "marker": r.summary.marker},
            "state": {"text": r.progress, "key": r.progress_key},
            "units": r.units_text,
            "units_span": us[i],
        }
        for i, r in enumerate(rows)
    ]


def _summary_widths(rows: list[Row], t: dict[str, str]) -> list[float]:
    """The summary table's columns in percent, balanced on the texts they hold, so the long
    columns (重点任务, 进展) get the room the short ones leave."""
    cols = [
        [""] * len(rows),
        [r.measure_label + t["continued"] for r in rows],
        [r.task.text for r in rows],
        [r.summary.text for r in rows],
        [""] * len(rows),
        [r.units_text for r in rows],
    ]
    # percent of the page width; a 9.5 pt character is 1.23% of the 273 mm between the margins
    return balance(cols, [4, 10, None, None, 6, None], 100, text=3, per_char=1.23, pad=1.1, step=1)


def _indicators(rep: Report) -> list[dict]:
    """The indicators table: the figures as the model has already worded them."""
    return [
        {
            "row": x.row,
            "name": x.name,
            "target": x.target,
            "actual": x.actual,
            "due": x.due,
            "rate": x.rate,
            "state": x.state,
            "behind": x.behind,
            "who": x.who,
        }
        for x in rep.indicators
    ]


def _charts(rep: Report) -> list:
    """The indicators' SVG charts, marked safe: :func:`zengshou.report.svg.chart` escapes its
    texts itself, so autoescaping the SVG again would print the markup instead of the chart."""
    from markupsafe import Markup

    return [Markup(chart(x.series, rep.words)) for x in rep.indicators if x.series.chartable]


def _status(rep: Report) -> list[dict]:
    """The reporting status table (报送情况及联系人, 审核意见), one line per unit."""
    return [
        {
            "name": s.name,
            "kind": s.kind,
            "state": s.state,
            "state_text": s.state_text,
            "submitted": s.submitted,
            "late_days": s.late_days,
            "required": s.required,
            "reported": s.reported,
            "missing_rows": s.missing_rows,
            "errors": s.errors,
            "warnings": s.warnings,
            "file": s.file,
            "remarks": s.remarks,
            "contact": s.contact,
            "review": s.review,
            "review_text": s.review_text,
        }
        for s in rep.status
    ]


def _work_lines(row: WorkRow) -> list[dict]:
    """A work row's lines, one per unit — the same shape in the lead units' sections and in the
    工作底稿's table, so a template can share the markup."""
    return [
        {"unit": ln.unit, "text": ln.text, "marker": ln.marker, "role": ln.role, "status": ln.status}
        for ln in row.lines
    ]


def _work(rep: Report) -> list[dict]:
    """The 工作底稿's table: every row, every unit's text once."""
    return [
        {"number": w.number, "measure": w.measure, "task": w.task, "lead": w.lead, "lines": _work_lines(w)}
        for w in rep.work
    ]


def _leads(rep: Report) -> list[dict]:
    """Per lead unit, its section: the rows it leads and every unit's line in each."""
    return [
        {
            "id": sec.unit_id,
            "anchor": f"lead-{sec.unit_id}",
            "name": sec.name,
            "title": sec.title,
            "count": len(sec.rows),
            "rows": [{"number": w.number, "task": w.task, "lines": _work_lines(w)} for w in sec.work],
        }
        for sec in rep.leads
    ]


def _counties(rep: Report) -> list[dict]:
    """Per county, its section: its own text for each row it takes part in, or the wording of its
    state when it has none, drafts marked as such."""
    t = rep.words
    counties = []
    for sec in rep.counties:
        cms = measure_spans(sec.rows)
        counties.append(
            {
                "id": sec.unit_id,
                "anchor": f"county-{sec.unit_id}",
                "name": sec.name,
                "title": sec.title,
                "info": sec.info,
                "rows": [
                    {
                        "number": r.number,
                        "measure": r.measure_label,
                        "measure_span": cms[i],
                        "task": r.task.text,
                        "text": ((t["draft_mark"] if e.draft else "") + e.text) if e.filled else t[e.state],
                        "marker": not e.filled,
                        "status": e.status or "",
                    }
                    for i, (r, e) in enumerate(sec.pairs)
                ],
            }
        )
    return counties


def _body(rep: Report) -> dict | None:
    """The 呈报版's body paragraphs and lists, or None when the report has no body."""
    if not rep.body:
        return None
    return {
        "progress": dict(rep.body.progress),
        "progress_paragraph": rep.body.progress_paragraph,
        "indicator_paragraph": rep.body.indicator_paragraph,
        "behind": list(rep.body.behind),
        "attention": list(rep.body.attention),
        "annexes": list(rep.body.annexes),
    }


def _texts_widths(rep: Report) -> list[float]:
    """The 工作底稿 table's columns in percent: 重点任务 and the text share what the others leave."""
    cols: list[list[str]] = [[] for _ in range(7)]
    for row in rep.work:
        for line in row.lines:
            for c, v in enumerate(("", row.measure, row.task, row.lead, line.unit, line.status, line.text)):
                cols[c].append(v)
    return balance(cols, [4, 10, None, 9, 12, 6, None], 100, text=6, per_char=1.23, pad=1.1, step=1)


def _page_css(t: dict[str, str]):
    """The CSS ``content`` of the page-number box: “第 X 页 共 Y 页” as strings and counters."""
    import re

    from markupsafe import Markup

    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", t["page_word"]):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"')
    return Markup(" ".join(parts))


def render_html(report: Report, templates: Path | None = None, edition: str = SUBMIT, name: str | None = None) -> str:
    """Render one edition's page; any template problem becomes :class:`TemplateProblem`."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

    lang = report.lang
    env = environment(templates)
    try:
        tpl = env.get_template(name or TEMPLATES[edition])
        return tpl.render(**view(report, edition))
    except TemplateNotFound as e:
        raise TemplateProblem(_msg("not_found", lang, name=e.name)) from None
    except TemplateSyntaxError as e:
        raise TemplateProblem(
            _msg("syntax", lang, where=f"{e.filename or e.name}:{e.lineno}", error=e.message)
        ) from None
    except UndefinedError as e:
        raise TemplateProblem(_msg("undefined", lang, where=_template_line(e), error=e.message)) from None
    except TemplateError as e:
        raise TemplateProblem(_msg("error", lang, error=e)) from None


def _template_line(exc: BaseException) -> str:
    """' (file:line)' of the template frame that failed, when the traceback shows it."""
    tb = exc.__traceback__
    found = ""
    while tb is not None:
        fname = tb.tb_frame.f_code.co_filename
        if fname.endswith((".j2", ".html", ".htm", ".jinja", ".jinja2")):
            found = f" ({fname}:{tb.tb_lineno})"
        tb = tb.tb_next
    return found


def _msg(key: str, lang: str, **kw) -> str:
    return msg(f"report.tpl_{key}", lang, **kw)
