"""The words a report prints, in Chinese (default) and English.

Kept apart from the renderers so the Excel sheet, the HTML page and the tests read the same
labels, and a custom HTML template can use them as ``t.<key>``.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # titles and sheet names
    "summary": {"zh": "汇总表", "en": "Summary"},
    "status_sheet": {"zh": "报送情况", "en": "Status"},
    "by_lead": {"zh": "按牵头单位", "en": "By lead unit"},
    "by_county": {"zh": "按县（市、区）", "en": "By county"},
    "contents": {"zh": "目录", "en": "Contents"},
    "title_suffix": {"zh": "重点任务清单落实进度", "en": "key task list — progress"},
    "lead_title": {"zh": "{unit}牵头任务落实进度（{quarter}）", "en": "{unit}: rows it leads — progress ({quarter})"},
    "county_title": {"zh": "{unit}落实进度（{quarter}）", "en": "{unit}: progress ({quarter})"},
    "status_title": {"zh": "报送情况（{quarter}，截止日期 {deadline}）", "en": "Reporting status ({quarter}, deadline {deadline})"},
    # column headers
    "no": {"zh": "序号", "en": "No."},
    "measure": {"zh": "主要目标任务", "en": "Objective"},
    "task": {"zh": "具体落实措施", "en": "Measure"},
    "progress": {"zh": "落实进度", "en": "Progress"},
    "units": {"zh": "责任单位", "en": "Responsible units"},
    "unit": {"zh": "单位", "en": "Unit"},
    "item_status": {"zh": "进展", "en": "State"},
    "kind": {"zh": "类别", "en": "Kind"},
    "state": {"zh": "报送状态", "en": "Reporting state"},
    "submitted": {"zh": "报送日期", "en": "Submitted"},
    "late_days": {"zh": "逾期天数", "en": "Days late"},
    "required": {"zh": "应报项数", "en": "Rows due"},
    "reported": {"zh": "已报项数", "en": "Rows reported"},
    "missing_rows": {"zh": "缺报序号", "en": "Rows missing"},
    "errors": {"zh": "错误", "en": "Errors"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    "file": {"zh": "文件", "en": "File"},
    "remark": {"zh": "备注", "en": "Remark"},
    "contact": {"zh": "联系人", "en": "Contact"},
    "total": {"zh": "合计", "en": "Total"},
    "other_files": {"zh": "不属于任何应报单位的文件", "en": "Files of no unit that must report"},
    "totals_line": {"zh": "应报 {units} 个单位，已报 {reported} 个，未报 {missing} 个；有错误 {invalid} 个；缺报任务 {missing_rows} 项。",
                    "en": "{units} units must report: {reported} reported, {missing} missing, {invalid} with errors; {missing_rows} row(s) missing."},
    "rows_led": {"zh": "牵头 {n} 项任务", "en": "leads {n} row(s)"},
    # markers in the progress column
    "missing": {"zh": "未报送", "en": "not reported"},
    "blank": {"zh": "未填写", "en": "not filled in"},
    "skipped": {"zh": "报送文件有错误，未汇总", "en": "submission has errors, left out"},
    "skipped_remark": {"zh": "有错误，已跳过（--skip-invalid）", "en": "has errors, skipped (--skip-invalid)"},
    # roles
    "role_lead": {"zh": "牵头", "en": "lead"},
    "role_participant": {"zh": "配合", "en": "participating"},
    "role_county": {"zh": "县级", "en": "county"},
    "role_other": {"zh": "其他", "en": "other"},
    # unit kinds
    "kind_department": {"zh": "市直部门", "en": "city department"},
    "kind_other": {"zh": "其他单位", "en": "other body"},
    "kind_county": {"zh": "县（市、区）", "en": "county"},
    "kind_group": {"zh": "群组", "en": "group"},
    # page furniture
    "page": {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"},
    "not_submitted_info": {"zh": "未报送", "en": "not reported"},
    "submitted_info": {"zh": "报送日期：{date}　联系人：{contact}", "en": "Submitted: {date}   Contact: {contact}"},
    "draft": {"zh": "草稿（未填报送日期）", "en": "draft (no date)"},
    "back_to_top": {"zh": "返回目录", "en": "Back to contents"},
}

STATE_KEYS = ("missing", "invalid", "draft", "late", "on_time")


def labels(lang: str) -> dict[str, str]:
    """All labels in one language, as a flat dict (what templates see as ``t``)."""
    lang = "en" if lang == "en" else "zh"
    return {k: v[lang] for k, v in LABELS.items()}
