"""Every rule has docs and a test; ``zengshou rules`` and docs/rules.md say the same thing.

Docs policy: every rule has a one-line summary, a message, a fix and a "why", in Chinese and
English, and a failing (``bad``) and fixed (``good``) example — except the few whose subject
cannot be shown as text (EXAMPLES_EXEMPT). Test policy: TESTED_BY names, for every rule, the
test function(s) that make it fail and pass; a new rule fails this module until it has both.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

TESTS = ROOT / "tests"

EXAMPLES_EXEMPT = {
    "S100": "an unreadable file has no text to show",
    "S109": "the control character would be invisible on the page",
    "S111": "a 5 MB file does not fit on a page",
    "S115": "the summary of a hundred other findings",
    "S116": "10,000 values do not fit on a page",
    "S117": "the subject is a file where the progress folder belongs",
    "D200": "the example would be a file that is not there",
    # F8xx (zengshou import) are about Excel workbooks, which cannot be shown as text
    **{f"F8{n:02d}": "the subject is an Excel workbook, not text" for n in range(1, 28)},
}

RUNNER = "test_rule_examples.py::test_documented_examples"
TESTED_BY: dict[str, list[str]] = {
    "S100": ["test_rule_examples.py::test_s100_unreadable"],
    "S101": ["test_rule_examples.py::test_s101_encoding"],
    "S102": [RUNNER],
    "S103": [RUNNER],
    "S104": [RUNNER],
    "S105": [RUNNER],
    "S106": [RUNNER],
    "S107": [RUNNER],
    "S108": [RUNNER, "test_schema_export.py::test_check_jsonschema_agrees_with_validate"],
    "S109": ["test_rule_examples.py::test_s109_control_character"],
    "S110": [RUNNER],
    "S111": ["test_rule_examples.py::test_s111_too_large"],
    "S112": [
        RUNNER,
        "test_rule_examples.py::test_s112_control_character_escape",
        "test_hardening.py::test_control_character_written_as_escape_is_an_error",
    ],
    "S113": [
        "test_rule_examples.py::test_s113_symlink_outside",
        "test_hardening.py::test_symlink_out_of_data_dir_is_a_finding_and_never_read",
    ],
    "S114": [
        "test_rule_examples.py::test_s114_not_a_regular_file",
        "test_hardening.py::test_fifo_given_to_validate_is_a_finding",
    ],
    "S115": ["test_hardening.py::test_findings_of_one_file_are_capped_with_a_summary"],
    "S116": [
        "test_rule_examples.py::test_s116_too_many_values",
        "test_hardening.py::test_too_many_values_stops_reading",
    ],
    "S117": [
        "test_rule_examples.py::test_s117_progress_not_a_folder",
        "test_hardening.py::test_progress_being_a_file_is_an_error",
    ],
    "D200": ["test_rule_examples.py::test_d200_definitions_missing"],
    "D201": ["test_rule_examples.py::test_d201_unknown_unit_ref"],
    "D202": ["test_rule_examples.py::test_d202_duplicate_id"],
    "D203": ["test_rule_examples.py::test_d203_duplicate_alias"],
    "D204": ["test_rule_examples.py::test_d204_row_without_units"],
    "D205": ["test_rule_examples.py::test_d205_row_order"],
    "D206": ["test_rule_examples.py::test_d206_invalid_period"],
    "D207": ["test_rule_examples.py::test_d207_unknown_measure"],
    "D208": ["test_rule_examples.py::test_d208_bad_group"],
    "D209": [
        "test_indicators.py::test_d209_scope_basis",
        "test_indicators.py::test_d209_unconfirmed_group_without_basis",
    ],
    "I301": [RUNNER],
    "I302": [RUNNER],
    "I303": [RUNNER],
    "I304": [RUNNER],
    "I305": [RUNNER],
    "I306": [RUNNER],
    "I307": ["test_rule_examples.py::test_i307_unit_replaced"],
    "C401": [RUNNER],
    "C402": [RUNNER],
    "C403": [RUNNER],
    "C404": [RUNNER],
    "C405": ["test_rule_examples.py::test_c405_too_long"],
    "C406": [RUNNER],
    "C407": [RUNNER],
    "C408": [RUNNER],
    "C409": [RUNNER, "test_text.py::test_bidi_control_is_c409", "test_text.py::test_bidi_control_in_header_field"],
    "R501": [RUNNER],
    "T601": [RUNNER],
    "T602": [RUNNER],
    "T603": [RUNNER],
    # F8xx: zengshou import (tests/test_forms.py)
    "F801": ["test_forms.py::test_lock_file"],
    "F802": ["test_forms.py::test_old_xls_or_encrypted"],
    "F803": ["test_forms.py::test_renamed_file", "test_forms.py::test_corrupt_zip"],
    "F804": ["test_forms.py::test_empty_file"],
    "F805": ["test_forms.py::test_size_checked_before_opening"],
    "F806": ["test_forms.py::test_zip_without_workbook"],
    "F807": ["test_forms.py::test_broken_workbook_inside_zip"],
    "F808": ["test_forms.py::test_not_a_form_without_unit_and_quarter", "test_forms.py::test_plan_table_layout"],
    "F809": ["test_forms.py::test_form_for_another_unit"],
    "F810": ["test_forms.py::test_form_for_another_quarter"],
    "F811": ["test_forms.py::test_outdated_task_list"],
    "F812": ["test_forms.py::test_no_header"],
    "F813": ["test_forms.py::test_rows_deleted"],
    "F814": ["test_forms.py::test_row_added"],
    "F815": ["test_forms.py::test_rows_moved_whole_still_import_by_number", "test_forms.py::test_task_text_changed"],
    "F816": ["test_forms.py::test_task_text_changed", "test_forms.py::test_plan_table_row_text_mismatch"],
    "F817": ["test_forms.py::test_merged_progress_cells"],
    "F818": ["test_forms.py::test_formula"],
    "F819": ["test_forms.py::test_number_where_text_belongs", "test_forms.py::test_date_where_text_belongs"],
    "F820": ["test_forms.py::test_import_validates_what_it_wrote"],
    "F821": ["test_forms.py::test_empty_form"],
    "F822": ["test_forms.py::test_reimport_refuses_without_force_and_shows_diff_with_it"],
    "F823": ["test_forms.py::test_two_forms_for_one_unit_in_one_run"],
    "F824": ["test_forms.py::test_cannot_write_keeps_going"],
    "F825": ["test_forms.py::test_damaged_metadata", "test_hardening.py::test_tampered_contact_cell_is_a_finding"],
    "F826": ["test_hardening.py::test_control_character_escape_in_a_cell_is_refused"],
    "F827": [
        "test_hardening.py::test_tampered_unit_disagreeing_with_the_header_is_refused",
        "test_hardening.py::test_form_whose_header_lost_its_unit_line_is_refused",
    ],
    # Word files (tests/test_forms_docx.py) and mail intake (tests/test_mail_intake.py)
    "F830": ["test_forms_docx.py::test_hostile_docx"],
    "F831": ["test_forms_docx.py::test_hostile_docx"],
    "F832": ["test_forms_docx.py::test_hostile_docx"],
    "F833": ["test_forms_docx.py::test_docm_macros_ignored_text_read"],
    "F834": ["test_forms_docx.py::test_hostile_docx"],
    "F835": ["test_forms_docx.py::test_hostile_docx"],
    "F836": ["test_forms_docx.py::test_no_table_and_unknown_columns"],
    "F837": ["test_forms_docx.py::test_no_table_and_unknown_columns"],
    "F838": ["test_forms_docx.py::test_docx_rows_twice_and_not_in_plan"],
    "F839": ["test_forms_docx.py::test_docx_rows_twice_and_not_in_plan"],
    "F840": ["test_forms_docx.py::test_plan_table_merged_progress_text"],
    "F841": ["test_forms_docx.py::test_docx_tampered_marker"],
    "F842": ["test_forms_docx.py::test_docx_damaged_marker"],
    "F843": ["test_forms_docx.py::test_docx_bad_status_and_figure"],
    "F844": ["test_forms_docx.py::test_docx_bad_status_and_figure"],
    "F845": ["test_forms_docx.py::test_plan_table_only_unit_rows_needs_unit"],
    "F850": ["test_mail_intake.py::test_hostile_mail"],
    "F851": ["test_mail_intake.py::test_no_date_is_a_finding_never_today"],
    "F852": ["test_mail_intake.py::test_unattributed_then_senders_yaml"],
    "F853": ["test_mail_intake.py::test_mbox_midnight_utc_and_resend"],
    "F854": ["test_mail_intake.py::test_unattributed_then_senders_yaml"],
    "F855": ["test_mail_intake.py::test_hostile_mail"],
    "F856": ["test_mail_intake.py::test_bad_yaml_attachment"],
    "F870": ["test_mail_intake.py::test_sender_may_file_only_for_its_units"],
    "F871": ["test_mail_intake.py::test_zip_limits_and_unreadable_archives"],
    "F872": ["test_mail_intake.py::test_sources_disagree"],
    "F873": ["test_mail_intake.py::test_mime_part_cap"],
    "F874": ["test_mail_intake.py::test_equal_dates_winner_does_not_depend_on_file_names"],
    "F875": ["test_mail_intake.py::test_status_deleted_and_quarter_unknown"],
    # D21x / F7xx: indicators and figures (tests/test_indicators.py)
    "D210": ["test_indicators.py::test_d210_unknown_aggregation"],
    "D211": ["test_indicators.py::test_d211_duplicate_indicator_id"],
    "D212": ["test_indicators.py::test_d212_target_missing"],
    "D213": ["test_indicators.py::test_d213_bad_scope"],
    "F701": [RUNNER, "test_indicators.py::test_figure_values"],
    "F702": [RUNNER, "test_indicators.py::test_figure_values"],
    "F703": [RUNNER, "test_indicators.py::test_f703_indicator_not_on_the_row"],
    "F704": [RUNNER, "test_indicators.py::test_f704_running_total_fell"],
    "F705": [RUNNER, "test_indicators.py::test_figure_values"],
    "F706": [RUNNER, "test_indicators.py::test_f706_figure_from_a_unit_that_does_not_report_it"],
}


def _rules():
    """Every registered rule — including families registered by command modules (F8xx)."""
    import zengshou.cli.app  # noqa: F401  (imports every command module and so every rule family)
    from zengshou.rules import RULES

    return RULES


def _functions(file: Path) -> dict[str, str]:
    text = file.read_text(encoding="utf-8")
    tree = ast.parse(text)
    return {n.name: ast.get_source_segment(text, n) or "" for n in tree.body if isinstance(n, ast.FunctionDef)}


def _examples_module():
    spec = importlib.util.spec_from_file_location("_rule_examples", TESTS / "test_rule_examples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("code", list(_rules()))
def test_rule_has_docs(code):
    r = _rules()[code]
    assert re.fullmatch(r"[A-Z]\d{3}", r.code) and re.fullmatch(r"[a-z][a-z0-9-]+", r.name)
    assert r.level in ("error", "warning")
    for field in ("summary", "message", "fix", "why"):
        pair = getattr(r, field)
        for lang in ("zh", "en"):
            assert (pair or {}).get(lang, "").strip(), f"{code}: {field}[{lang}] is empty"
    if code in EXAMPLES_EXEMPT:
        assert not (r.bad and r.good), f"{code} has examples now: drop it from EXAMPLES_EXEMPT"
    else:
        assert r.bad.strip() and r.good.strip() and r.bad != r.good, f"{code}: needs a failing and a fixed example"
    # the message's blanks are filled by the check: both languages use the same ones
    blanks = [set(re.findall(r"\{(\w+)\}", r.message[lang])) for lang in ("zh", "en")]
    assert blanks[0] == blanks[1], f"{code}: zh and en messages use different parameters"


def test_every_rule_has_a_test():
    rules = _rules()
    assert set(TESTED_BY) == set(rules), (
        f"rules without an entry in TESTED_BY (tests/test_checks_rules.py): {sorted(set(rules) - set(TESTED_BY))}; "
        f"entries for unknown rules: {sorted(set(TESTED_BY) - set(rules))}. Add the test function(s) that make "
        "each rule fail and pass, as 'file.py::function'."
    )
    runnable = set(_examples_module().runnable_codes())
    funcs: dict[str, dict[str, str]] = {}
    for code, nodes in TESTED_BY.items():
        assert nodes
        for node in nodes:
            file, name = node.split("::")
            if file not in funcs:  # setdefault would parse the file again for every entry (~130 times)
                funcs[file] = _functions(TESTS / file)
            assert name in funcs[file], f"{code}: {node} does not exist"
            if node == RUNNER:
                assert code in runnable, f"{code}: its examples are not run by {RUNNER}"
            else:
                src = funcs[file][name]
                assert code in src or code.lower() in name, f"{code}: {node} does not mention {code}"


def test_runner_covers_exactly_the_table():
    runnable = set(_examples_module().runnable_codes())
    assert runnable == {c for c, nodes in TESTED_BY.items() if RUNNER in nodes}


def test_rules_page_is_up_to_date():
    from zengshou.ruledocs import rules_markdown

    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: run python scripts/gen_rules_doc.py"


def test_rules_page_holds_the_cli_text(cli):
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code in ("S102", "C404", "T601"):
        for lang in ("zh", "en"):
            res = cli("rules", code, "--lang", lang)
            assert res.exit_code == 0
            assert res.stdout.rstrip("\n") in page


def test_rules_list(cli):
    res = cli("rules")
    assert res.exit_code == 0
    lines = [ln for ln in res.stdout.splitlines() if re.match(r"[A-Z]\d{3} ", ln)]
    assert [ln.split()[0] for ln in lines] == list(_rules())
    c404 = next(ln for ln in lines if ln.startswith("C404"))
    assert c404.split()[1:3] == ["empty-progress", "错误"] and c404.endswith("落实进度为空或只是占位词")
    en = cli("rules", "--lang", "en").stdout
    assert re.search(r"^C407\s+same-as-last-quarter\s+warning\s+same text as last quarter$", en, re.M)


def test_rules_explain(cli):
    res = cli("rules", "empty-progress")  # by name
    assert res.exit_code == 0
    out = res.stdout
    assert out.startswith("C404 empty-progress\n")
    for label in ("检查什么", "为什么重要", "错误示例", "正确示例", "如何修改"):
        assert label in out
    assert "    progress: 同上" in out
    assert cli("rules", "c404").stdout == out  # codes are case-insensitive
    en = cli("rules", "T601", "--lang", "en").stdout
    assert "Failing example:\n    unit: 市财政局" in en and "submitted: 2023-07-12" in en
    assert "Message: submitted ‹submitted›, after the deadline ‹deadline›" in en


def test_rules_json(cli):
    res = cli("rules", "--format", "json", "--lang", "en")
    body = json.loads(res.stdout)
    assert [r["code"] for r in body] == list(_rules())
    one = json.loads(cli("rules", "C401", "-f", "json").stdout)
    assert one["code"] == "C401" and one["level"] == "error" and "task: 71" in one["bad"]
    assert set(one) == {"code", "name", "level", "family", "summary", "message", "why", "bad", "good", "fix"}


def test_rules_unknown(cli):
    res = cli("rules", "C4O4", "--lang", "en")
    assert res.exit_code == 2
    assert "no such rule: C4O4" in res.stderr and "C404" in res.stderr
