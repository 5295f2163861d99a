"""``zengshou template`` and ``zengshou import``: Excel and Word forms for clerks, reading them
back, and reading them straight from the exported mailbox (``import --mail``).

``template`` writes a protected .xlsx form (:mod:`zengshou.forms.xlsx_form`) or a .docx form
(:mod:`zengshou.forms.docx_form`) per unit and quarter. ``import`` reads filled-in forms — or the
plan's own table — writes ``<data>/progress/<quarter>/<unit id>.yaml``, validates what it wrote
and prints the findings; ``--mail`` does the same for every attachment of the messages
(:mod:`zengshou.intake`). It never replaces an existing submission without ``--force``, and with
it shows the diff.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (
    DEFAULT_DATA,
    DataOpt,
    H,
    LangOpt,
    QuarterOpt,
    console,
    fail,
    lang_of,
    out,
    quarter_or_exit,
    reporting_unit_or_exit,
    resolve_unit_or_exit,
    workspace_or_exit,
    write_or_exit,
)
from zengshou.i18n import join, t

FORMS_DIR = Path("forms")


class FormFormat(StrEnum):
    xlsx = "xlsx"
    docx = "docx"


@command("template")
def template_cmd(
    quarter: QuarterOpt,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.unit"))] = None,
    all_units: Annotated[bool, typer.Option("--all", help=H("opt.template.all"))] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=H("opt.template.output"))] = None,
    fmt: Annotated[FormFormat | None, typer.Option("--format", "-f", help=H("opt.template.format"))] = None,
    all_rows: Annotated[bool, typer.Option("--all-rows", help=H("opt.template.all_rows"))] = False,
    force: Annotated[bool, typer.Option("--force", help=H("opt.template.force"))] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Write forms for clerks: Excel (.xlsx: 落实进度, 进展, figures and 填报人/联系电话/审核人 editable) or Word (.docx).

    Same inputs, same bytes. An existing file with different content is left alone unless --force.
    """
    from zengshou.api import form_bytes
    from zengshou.forms import previous_texts
    from zengshou.forms.xlsx_form import form_rows
    from zengshou.submissions import display_path

    lang = lang_of(lang)
    ext = (fmt or FormFormat.xlsx).value
    if bool(unit) == all_units:
        fail("cli.unit_or_all", lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang)
    if all_units:
        folder = output if output is not None else FORMS_DIR / str(q)
        if folder.exists() and not folder.is_dir():
            fail("cli.not_folder_all", lang, path=folder)
        jobs = [(uid, folder / f"{uid}.{ext}") for uid in cat.reporters(q)]
    else:
        assert unit is not None  # --unit or --all, checked above
        u = reporting_unit_or_exit(cat, unit, q, lang)
        target = output if output is not None else Path(f"{u.id}-{q}.{ext}")
        if target.is_dir():
            target = target / f"{u.id}-{q}.{ext}"
        jobs = [(u.id, target)]

    kept = 0
    for uid, target in jobs:
        rows, optional = form_rows(cat, uid, q, all_rows)
        name = cat.by_id[uid].name
        shown = display_path(target)
        if not rows:
            fail("cli.no_rows", lang, name=name)
        blob = form_bytes(ext, cat, uid, q, rows, optional, previous_texts(cat, data, uid, q))
        if target.exists() and not force:
            try:
                same = target.read_bytes() == blob
            except OSError:
                same = False
            if not same:
                kept += 1
                sys.stderr.write(t("cli.exists_differs", lang, path=shown) + "\n")
                continue
        write_or_exit(target, blob, lang, shown)
        n = len(rows) - len(optional)
        extra = t("cli.form_optional", lang, n=len(optional)) if optional else ""
        out(t("cli.form_wrote", lang, path=shown, unit=name, quarter=q.label(lang), n=n, extra=extra))
    if kept:
        raise typer.Exit(1)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@command("import")
def import_cmd(
    files: Annotated[
        list[Path] | None, typer.Argument(help=H("opt.import.files"), metavar=H("meta.files"), show_default=False)
    ] = None,
    mail: Annotated[Path | None, typer.Option("--mail", help=H("opt.import.mail"))] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.import.unit"))] = None,
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.import.quarter"))] = None,
    submitted: Annotated[
        str | None, typer.Option("--submitted", metavar="YYYY-MM-DD", help=H("opt.import.submitted"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=H("opt.import.force"))] = False,
    send_receipts: Annotated[bool, typer.Option("--send-receipts", help=H("opt.import.send_receipts"))] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Import filled-in forms (Excel or Word) or mailed submissions into progress/<quarter>/<unit id>.yaml, then validate.

    Exit 0 imported and valid (or nothing new), 1 findings (a file refused, or imported but invalid), 2 usage error.
    """
    lang = lang_of(lang)
    if bool(files) == (mail is not None):
        fail("cli.files_or_mail", lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang) if quarter else None
    if send_receipts:  # before importing anything: the settings must allow sending the receipts
        from zengshou.cli.review import receipts_ready_or_exit

        receipts_ready_or_exit(data, lang)
    if mail is not None:
        if unit or submitted:
            fail("cli.mail_options", lang)
        _import_mail(ws, mail, q, force, lang, receipts=send_receipts)
        return
    assert files  # files or --mail, checked above
    unit_id = resolve_unit_or_exit(cat, unit, lang).id if unit else None
    if unit_id and cat.by_id[unit_id].kind == "group":
        fail("cli.group_not_unit_short", lang, name=cat.by_id[unit_id].name)
    sub_date = None
    if submitted is not None:
        try:
            if not _DATE.match(submitted):
                raise ValueError
            sub_date = date.fromisoformat(submitted)
        except ValueError:
            fail("cli.bad_date_eg", lang, text=submitted)
    for f in files:
        if not f.exists():
            fail("cli.no_such_file", lang, path=f)
        if f.is_dir():
            fail("cli.is_folder_form", lang, path=f)

    from zengshou.forms.xlsx_import import import_forms

    outcomes = import_forms(cat, data, files, unit_id=unit_id, quarter=q, submitted=sub_date, force=force)
    _report(ws, outcomes, [], len(files), lang, receipts=send_receipts)


def _report(
    ws, outcomes, extra_findings, n_inputs: int, lang: str, *, quiet_lines: bool = False, receipts: bool = False
) -> None:
    """Print diffs, one line per outcome, the lint of what was written; exit 1 on errors."""
    from zengshou.findings import Finding
    from zengshou.lint import cap_per_file, lint
    from zengshou.reporters import render_text

    # as validate lists them: at most 100 per file, then one S115 with the total (a table of
    # 10,000 stray rows printed 20,003 lines)
    found = [*extra_findings, *(f for oc in outcomes for f in oc.form.findings)]
    first: dict[str, int] = {}  # files in the order they were read; within a file, by position
    for f in found:
        first.setdefault(f.file, len(first))
    findings = cap_per_file(sorted(found, key=lambda f: (first[f.file], *Finding.sort_key(f)[1:])))
    for oc in outcomes:
        imp = oc.form
        if oc.diff:
            sys.stdout.write(oc.diff if oc.diff.endswith("\n") else oc.diff + "\n")
        if quiet_lines:
            continue
        filled = sum(1 for _, text in imp.items if text.strip())
        if oc.written:
            kept = t("cli.new_kept", lang, backup=oc.backup) if oc.backup else ""
            out(
                t(
                    "cli.replaced" if oc.replaced else "cli.imported",
                    lang,
                    source=imp.display,
                    target=oc.target_display,
                    items=len(imp.items),
                    filled=filled,
                )
                + kept
            )
        elif oc.unchanged:
            out(t("cli.import_same", lang, source=imp.display, target=oc.target_display))
        else:
            out(t("cli.not_imported", lang, source=imp.display))

    targets = list(
        dict.fromkeys(oc.target for oc in outcomes if (oc.written or oc.unchanged) and oc.target is not None)
    )
    sources: dict[str, str | dict[int, str]] = {}
    if targets:
        result = lint(ws, targets)
        findings += result.findings
        sources = result.sources
    sys.stdout.write(render_text(findings, lang, sources=sources, files=n_inputs + len(targets)))
    code = 1 if any(f.level == "error" for f in findings) else 0
    if receipts:  # --send-receipts: zengshou.outbox builds them from the outcomes
        from zengshou.cli.review import send_receipts

        code = 2 if send_receipts(ws, outcomes, lang=lang) else code
    raise typer.Exit(code)


def _import_mail(ws, mail: Path, q, force: bool, lang: str, *, receipts: bool = False) -> None:
    """--mail: read the messages and import their attachments (zengshou.intake), print a summary."""
    from rich.table import Table
    from rich.text import Text

    from zengshou.i18n import tr
    from zengshou.intake.attachments import RESULTS, import_mail, per_unit
    from zengshou.intake.mail import iter_messages, load_senders
    from zengshou.text import visible

    if not mail.exists():
        fail("cli.no_such_mail", lang, path=mail)
    cat, data = ws.cat, ws.data_dir
    senders, sender_findings = load_senders(cat, data)
    run = import_mail(cat, data, iter_messages(mail), senders, quarter=q, force=force)

    # one row per attachment, and per message or file without one; then the totals per unit
    table = Table(title=t("mail.title", lang))
    for key in ("mail.col.message", "mail.col.unit", "mail.col.attachment", "mail.col.result"):
        table.add_column(t(key, lang), overflow="fold")
    for r in run.rows:
        why = tr(r.why, lang) if isinstance(r.why, dict) else r.why
        result = t(f"mail.result.{r.result}", lang) + (t("mail.why", lang, why=why) if why else "")
        if r.backup:
            result += t("mail.why", lang, why=t("mail.backup", lang, backup=r.backup))
        message = r.message + (f" <{r.address}>" if r.address and f"<{r.address}>" not in r.message else "")
        # mailed text and file names are never markup, and never reach the terminal as escapes
        table.add_row(*(Text(visible(x)) for x in (message, r.unit, r.attachment, result)))
    console().print(table)
    counts = {k: sum(1 for r in run.rows if r.result == k) for k in RESULTS}
    shown = join((t("mail.count", lang, result=t(f"mail.result.{k}", lang), n=n) for k, n in counts.items() if n), lang)
    out(t("mail.summary", lang, messages=run.messages, rows=len(run.rows), counts=shown or "—"))
    by_unit = per_unit(run)
    if by_unit:
        out(t("mail.by_unit", lang))
        for unit, n, whys in by_unit:
            parts = join((t("mail.count", lang, result=t(f"mail.result.{k}", lang), n=v) for k, v in n.items()), lang)
            why = join((tr(w, lang) if isinstance(w, dict) else w for w in whys), lang)
            name = unit if unit != "—" else t("mail.unit_none", lang)
            line = t(
                "mail.unit_line", lang, unit=name, counts=parts, why=t("mail.unit_why", lang, why=why) if why else ""
            )
            console().print(Text(visible(line)))
    if run.nothing_new and not counts["refused"]:
        out(t("mail.nothing_new", lang))
    _report(ws, run.outcomes, sender_findings + run.findings, run.messages, lang, quiet_lines=True, receipts=receipts)
