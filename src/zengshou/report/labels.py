"""The words a report prints, in Chinese (default) and English.

Kept apart from the model and the renderers so the Word document, the workbooks, the HTML
pages and the tests read the same labels; a custom HTML template sees them as ``t.<key>``.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # documents and sections
    "edition_submit": {"zh": "落实进度", "en": "progress"},
    "edition_workpaper": {"zh": "工作底稿", "en": "working-papers"},
    "title": {"zh": "《{plan}》重点任务清单落实进度（{quarter}）",
              "en": "{plan}: key task list — progress ({quarter})"},
    "workpaper_title": {"zh": "《{plan}》重点任务清单落实进度工作底稿（{quarter}）",
                        "en": "{plan}: key task list — working papers ({quarter})"},
    "info": {"zh": "编制单位：{office}　　截至日期：{date}", "en": "Compiled by: {office}    As of: {date}"},
    "summary": {"zh": "汇总表", "en": "Summary"},
    "status_sheet": {"zh": "报送情况", "en": "Status"},
    "indicators": {"zh": "指标", "en": "Indicators"},
    "indicators_title": {"zh": "量化指标完成情况", "en": "Quantitative targets"},
    "notes": {"zh": "口径说明", "en": "Notes on the figures"},
    "by_lead": {"zh": "按牵头单位", "en": "By lead unit"},
    "by_county": {"zh": "按县（市、区）", "en": "By county"},
    "contents": {"zh": "目录", "en": "Contents"},
    "lead_title": {"zh": "{unit}牵头任务落实进度（{quarter}）", "en": "{unit}: rows it leads — progress ({quarter})"},
    "county_title": {"zh": "{unit}落实进度（{quarter}）", "en": "{unit}: progress ({quarter})"},
    "status_title": {"zh": "报送情况（{quarter}，截止日期 {deadline}）", "en": "Reporting status ({quarter}, deadline {deadline})"},
    # column headers
    "no": {"zh": "序号", "en": "No."},
    "measure": {"zh": "具体措施", "en": "Measure"},
    "task": {"zh": "重点任务", "en": "Key task"},
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
    "remarks": {"zh": "审核意见", "en": "Review notes"},
    "contact": {"zh": "联系人", "en": "Contact"},
    "total": {"zh": "合计", "en": "Total"},
    "count": {"zh": "数量", "en": "Count"},
    "who": {"zh": "单位", "en": "Units"},
    "category": {"zh": "情况", "en": "State"},
    "ind_name": {"zh": "指标", "en": "Indicator"},
    "ind_target": {"zh": "目标", "en": "Target"},
    "ind_actual": {"zh": "累计完成", "en": "Achieved"},
    "ind_due": {"zh": "序时进度", "en": "Due by now"},
    "ind_rate": {"zh": "完成率", "en": "Rate"},
    "ind_state": {"zh": "状态", "en": "State"},
    "quarter_col": {"zh": "季度", "en": "Quarter"},
    "actual": {"zh": "实际", "en": "Actual"},
    "due": {"zh": "应完成", "en": "Due"},
    "target": {"zh": "目标", "en": "Target"},
    "series": {"zh": "分季度数据（图表数据源）", "en": "By quarter (chart data)"},
    "chart_data": {"zh": "图表数据", "en": "Chart data"},
    "series_heading": {"zh": "{row}. {name}（{unit}）", "en": "{row}. {name} ({unit})"},
    "other_files": {"zh": "不属于任何应报单位的文件", "en": "Files of no unit that must report"},
    "left_out": {"zh": "无法读取、未汇总的文件", "en": "Files that could not be read (left out)"},
    # punctuation and small patterns
    "sep": {"zh": "、", "en": ", "},
    "clause_sep": {"zh": "；", "en": "; "},
    "colon": {"zh": "：", "en": ": "},
    "continued": {"zh": "（续）", "en": " (cont.)"},
    "with_quarter": {"zh": "{text}（{quarter}）", "en": "{text} ({quarter})"},
    "numbered_heading": {"zh": "{cn}、{text}", "en": "{n}. {text}"},
    "numbered_note": {"zh": "{n}．{text}", "en": "{n}. {text}"},
    "with_role": {"zh": "{unit}（{role}）", "en": "{unit} ({role})"},
    "remark": {"zh": "{level}：{message}（{code}）", "en": "{level}: {message} ({code})"},
    "html_lang": {"zh": "zh-CN", "en": "en"},
    # markers in the progress column
    "missing": {"zh": "未报送", "en": "not reported"},
    "blank": {"zh": "未填写", "en": "not filled in"},
    "skipped": {"zh": "报送文件无法读取，未汇总", "en": "file could not be read, left out"},
    "draft_mark": {"zh": "【草稿】", "en": "[DRAFT] "},
    "lead_missing": {"zh": "牵头单位未报送", "en": "lead unit has not reported"},
    "lead_blank": {"zh": "牵头单位未填写", "en": "lead unit left this row empty"},
    "lead_skipped": {"zh": "牵头单位报送文件无法读取", "en": "lead unit's file could not be read"},
    "lead_draft": {"zh": "牵头单位未正式报送（草稿）", "en": "lead unit has only a draft"},
    "others_reported": {"zh": "；已报：{names}，详见工作底稿", "en": "; reported by {names} (see the working papers)"},
    "not_reported_line": {"zh": "未报送", "en": "Not reported"},
    "not_filled_line": {"zh": "未填写", "en": "Not filled in"},
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
    # reporting states
    "state_missing": {"zh": "未报送", "en": "missing"},
    "state_left_out": {"zh": "文件无法读取", "en": "unreadable"},
    "state_draft": {"zh": "草稿（未填报送日期）", "en": "draft (no date)"},
    "state_late": {"zh": "逾期报送", "en": "late"},
    "state_on_time": {"zh": "按时报送", "en": "on time"},
    "digest_units": {"zh": "应报单位", "en": "Units that must report"},
    "digest_on_time": {"zh": "按时报送", "en": "On time"},
    "digest_late": {"zh": "逾期报送", "en": "Late"},
    "digest_missing": {"zh": "未报送", "en": "Not reported"},
    "digest_draft": {"zh": "草稿（不计入已报）", "en": "Drafts (not counted)"},
    "digest_left_out": {"zh": "文件无法读取", "en": "Unreadable files"},
    "late_by": {"zh": "{name}（逾期{days}天）", "en": "{name} ({days} days late)"},
    "digest": {"zh": "本季度应报送单位{units}个，已报送{reported}个（按时{on_time}个，逾期{late}个），未报送{missing}个，草稿{draft}个（草稿不计入已报送）{left_out}。截止日期为{deadline}。",
               "en": "{units} units must report this quarter: {reported} have reported ({on_time} on time, {late} late), {missing} have not, {draft} sent only a draft (not counted){left_out}. The deadline was {deadline}."},
    "digest_left_out_part": {"zh": "，{n}个单位的文件无法读取、未汇总", "en": "; {n} file(s) could not be read and were left out"},
    "remark_error": {"zh": "错误", "en": "error"},
    "remark_warning": {"zh": "提醒", "en": "warning"},
    "remark_skipped": {"zh": "有错误，已按 --skip-invalid 略去", "en": "has errors, left out (--skip-invalid)"},
    "remark_draft": {"zh": "未填报送日期，按草稿处理，未列入呈报版", "en": "no submission date: a draft, not in the report for leaders"},
    # indicator words
    "ind_on_track": {"zh": "正常", "en": "on track"},
    "ind_behind": {"zh": "滞后", "en": "behind"},
    "ind_no_data": {"zh": "暂无数据", "en": "no figures yet"},
    "ind_no_target": {"zh": "无目标值", "en": "no target"},
    "unconfirmed": {"zh": "{state}（口径待确认）", "en": "{state} (scope to be confirmed)"},
    # page furniture
    "page": {"zh": "第 &P 页 共 &N 页", "en": "Page &P of &N"},
    "page_word": {"zh": ("第 ", " 页 共 ", " 页"), "en": ("Page ", " of ", "")},  # type: ignore[dict-item]
    "submitted_info": {"zh": "报送日期：{date}　联系人：{contact}", "en": "Submitted: {date}   Contact: {contact}"},
    "draft_info": {"zh": "【草稿】未填报送日期　联系人：{contact}", "en": "[DRAFT] no submission date   Contact: {contact}"},
    "back_to_top": {"zh": "返回目录", "en": "Back to contents"},
}


def labels(lang: str) -> dict[str, str]:
    """All labels in one language, as a flat dict (what templates see as ``t``)."""
    lang = "en" if lang == "en" else "zh"
    return {k: v[lang] for k, v in LABELS.items()}

#: 口径说明: every assumption the 呈报版's numbers rest on, in order.
NOTES: dict[str, tuple[str, ...]] = {
    "zh": (
        "本报告汇总截至{as_of}收到的各单位报送文件。“落实进度”栏为牵头单位所报内容；牵头单位未报送的，注明“牵头单位未报送”并列出已报送该项的其他单位，其具体内容见工作底稿。",
        "报送截止日期为每季度第一个月{day}日（本季度为{deadline}），当日及以前报送为按时，之后为逾期，逾期天数按自然日计算。",
        "未填报送日期的文件视为草稿，不计入已报送，其内容不列入本报告（仅见于工作底稿）。",
        "文件无法读取（格式、编码错误或无法确认报送单位）的，不予汇总，在报送情况中列明原因；内容方面的问题（字数超限、照抄任务、与上季度相同等）不影响汇总，意见列入工作底稿的“审核意见”。",
        "“累计完成”为各报送单位所报数字之和（比例类指标取各单位中最不利的数字）；本季度未报数字的单位沿用其最近一次所报数字，年度指标只计本年度所报数字。",
        "“序时进度”为截至本季度按时间进度应完成目标的比例：累计类指标自{start}起至指标期限（未写明的为{end}）平均分配，年度指标每季度计四分之一；比例类指标不计序时进度。“完成率”为累计完成除以目标。",
        "目标按每县提出的指标（如“每个重点帮扶县”“每个县”），全市目标为每县目标乘以相应县数。",
        "以下数字是方案划定的条件或界线，不作为考核目标，不列入指标表：{thresholds}。",
    ),
    "en": (
        "This report merges the files received as of {as_of}. The progress column holds the lead unit's text; where the lead unit has not reported, it says so and names the other units that reported on the row (their texts are in the working papers).",
        "The deadline is day {day} of the first month of the next quarter ({deadline} this quarter); a file sent on that day is on time, later files are late by calendar days.",
        "A file without a submission date is a draft: it is not counted as reported and its texts are not in this report (only in the working papers).",
        "A file that cannot be read (syntax, encoding, or no recognisable unit) is left out and named in the status with the reason; content problems (too long, copied task text, same as last quarter …) do not block: they are listed under review notes in the working papers.",
        "Achieved is the sum of the figures reported (for shares, the least favourable unit's); a unit without a figure this quarter counts with its latest one; per-year targets count only this year's figures.",
        "Due by now is the share of the target due by this quarter: spread evenly from {start} to the target's date (default {end}) for running totals, a quarter of the yearly target per quarter for per-year targets; shares and rates have no schedule. Rate is achieved divided by the target.",
        "Where the plan sets a target per county, the city-wide target is that target times the number of counties concerned.",
        "These numbers in the plan are conditions or limits, not targets, and are not tracked: {thresholds}.",
    ),
}
