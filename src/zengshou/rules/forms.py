"""F8xx: reading an Excel form back (``zengshou import``).

A clerk's workbook can go wrong in ways a YAML file cannot: saved as the old .xls, renamed from
something else, still open (the ``~$`` lock file), made for another quarter or from an older
task list, rows shuffled, cells merged, formulas and numbers where text belongs. Each has its
own code so the message can say exactly what to do in Excel or WPS. Findings point at the
workbook: ``line`` is the sheet row, ``col`` the sheet column, and ``cell`` names ``sheet!E12``.

Codes in :data:`REFUSING` stop the import of that file (nothing is written); the others are
reported and the submission is still written (the text is kept whole, never cut).
"""

from __future__ import annotations

from zengshou.registry import RULES, rule


def _rule(code, name, level, summary, message, fix, why, **kw):
    if code not in RULES:  # importing twice (tests, reloads) must not fail
        rule(code, name, level, "import", summary, message, fix, why=why, **kw)


_rule("F801", "lock-file", "error",
      {"zh": "这是 Excel/WPS 的临时锁定文件", "en": "an Excel/WPS lock file"},
      {"zh": "“{name}”是 Excel/WPS 打开文件时生成的临时锁定文件，不是表单", "en": "'{name}' is the lock file Excel/WPS creates while a workbook is open, not a form"},
      {"zh": "导入不带“~$”的那个文件；先在 Excel/WPS 中关闭它。", "en": "Import the file without '~$'; close it in Excel/WPS first."},
      {"zh": "锁定文件只记录谁打开了表格，里面没有填写内容。", "en": "The lock file only records who has the workbook open; it holds no content."},
      bad="~$nyncj-2023Q2.xlsx")

_rule("F802", "old-xls-or-encrypted", "error",
      {"zh": "旧版 .xls 文件或加密的工作簿", "en": "old .xls file or encrypted workbook"},
      {"zh": "这是旧版 Excel 97-2003（.xls）格式的文件，或是设置了打开密码的 .xlsx（两者文件头相同）",
       "en": "this is an old Excel 97-2003 (.xls) file, or an .xlsx protected with an opening password (both start the same way)"},
      {"zh": "在 Excel/WPS 中打开，“另存为”选择“Excel 工作簿（*.xlsx）”；如设置了打开密码，先在“文件→信息→保护工作簿”中删除密码再保存。",
       "en": "Open it in Excel/WPS and Save As 'Excel Workbook (*.xlsx)'; if it has an opening password, remove it (File → Info → Protect Workbook) and save."},
      {"zh": ".xls 是二进制格式，无法安全读取；加密文件没有密码无法读取。", "en": ".xls is a binary format that cannot be read safely; an encrypted file cannot be read without its password."},
      bad="报表.xls")

_rule("F803", "not-xlsx", "error",
      {"zh": "不是 Excel 工作簿", "en": "not an Excel workbook"},
      {"zh": "文件不是 .xlsx 工作簿（{what}）", "en": "the file is not an .xlsx workbook ({what})"},
      {"zh": "文件可能被改了扩展名或已损坏：在 Excel/WPS 中打开原表，“另存为” .xlsx 后重新导入。",
       "en": "It may have been renamed or damaged: open the original in Excel/WPS, Save As .xlsx and import that."},
      {"zh": "只有真正的 .xlsx 文件才能读取；改扩展名不会改变文件格式。", "en": "Only real .xlsx files can be read; renaming does not change a file's format."})

_rule("F804", "empty-file", "error",
      {"zh": "文件为空", "en": "empty file"},
      {"zh": "文件是空的（0 字节）", "en": "the file is empty (0 bytes)"},
      {"zh": "重新保存或重新发送表单；可能是下载或复制没有完成。", "en": "Save or send the form again; the download or copy may not have finished."},
      {"zh": "空文件中没有任何内容可导入。", "en": "An empty file holds nothing to import."})

_rule("F805", "too-big", "error",
      {"zh": "文件过大", "en": "file too big"},
      {"zh": "文件{what}为 {size}，超过上限 {limit}", "en": "the file's {what} is {size}, over the limit of {limit}"},
      {"zh": "表单只需要文字：删去图片、附件和多余的工作表后重新保存。", "en": "The form needs text only: remove pictures, attachments and extra sheets, then save."},
      {"zh": "一张填好的表单不过几十 KB；过大的文件可能不是表单，读取还会耗尽内存。",
       "en": "A filled form is a few dozen KB; a huge file is probably not a form, and reading it could exhaust memory."})

_rule("F806", "no-workbook", "error",
      {"zh": "压缩包中没有工作簿", "en": "zip without a workbook"},
      {"zh": "文件是压缩包，但不是 Excel 工作簿（{what}）", "en": "the file is a zip archive but not an Excel workbook ({what})"},
      {"zh": "导入 Excel 表单本身（.xlsx），而不是 Word 文档或其他压缩文件。", "en": "Import the Excel form itself (.xlsx), not a Word document or another archive."},
      {"zh": ".docx、.zip 等也是压缩包，改名为 .xlsx 并不能读取。", "en": ".docx, .zip and the like are zip archives too; renaming them does not make them workbooks."})

_rule("F807", "unreadable-workbook", "error",
      {"zh": "工作簿已损坏", "en": "workbook damaged"},
      {"zh": "工作簿无法读取：{error}", "en": "the workbook cannot be read: {error}"},
      {"zh": "在 Excel/WPS 中打开（必要时用“打开并修复”），另存为 .xlsx 后重新导入。",
       "en": "Open it in Excel/WPS (use Open and Repair if needed), save as .xlsx and import again."},
      {"zh": "损坏的文件无法可靠读取。", "en": "A damaged file cannot be read reliably."})

_rule("F808", "not-a-form", "error",
      {"zh": "不是 zengshou 生成的表单", "en": "not a zengshou form"},
      {"zh": "工作簿中没有表单信息（隐藏工作表 {sheet}），无法确定是哪个单位、哪个季度的",
       "en": "the workbook has no form metadata (hidden sheet {sheet}), so whose form it is and for which quarter is unknown"},
      {"zh": "用 zengshou template 生成的表单填写；如果是方案原表格式，请加 --unit 单位 --quarter 季度 导入。",
       "en": "Fill in a form made by `zengshou template`; for the plan's own table, import with --unit UNIT --quarter QUARTER."},
      {"zh": "不知道单位和季度，就无法判断该报哪些任务。", "en": "Without the unit and quarter there is no way to know which rows are due."})

_rule("F809", "wrong-unit", "error",
      {"zh": "表单属于其他单位", "en": "form belongs to another unit"},
      {"zh": "这是“{form_unit}”的表单，而不是 --unit 指定的“{unit}”", "en": "this is the form of '{form_unit}', not of '{unit}' given with --unit"},
      {"zh": "去掉 --unit（表单自带单位信息），或导入正确单位的表单。", "en": "Leave out --unit (the form knows its unit), or import the right unit's form."},
      {"zh": "用错单位会把一个单位的进度记到另一个单位名下。", "en": "The wrong unit would file one office's progress under another's name."})

_rule("F810", "wrong-quarter", "error",
      {"zh": "表单属于其他季度", "en": "form for another quarter"},
      {"zh": "这是 {form_quarter} 的表单，而不是 {quarter} 的", "en": "this form is for {form_quarter}, not {quarter}"},
      {"zh": "用 zengshou template --unit {unit_id} --quarter {quarter} 生成本季度的表单重新填写，或改正 --quarter。",
       "en": "Make this quarter's form with `zengshou template --unit {unit_id} --quarter {quarter}`, or correct --quarter."},
      {"zh": "沿用上季度的表格，进度会被记到错误的季度。", "en": "Re-using last quarter's workbook files progress under the wrong quarter."})

_rule("F811", "outdated-form", "error",
      {"zh": "表单的任务清单已过时", "en": "form made from an outdated task list"},
      {"zh": "表单生成后任务清单有变化（{what}）", "en": "the task list changed after this form was made ({what})"},
      {"zh": "用 zengshou template --unit {unit_id} --quarter {quarter} 重新生成表单，把填写内容复制过去。",
       "en": "Make a new form with `zengshou template --unit {unit_id} --quarter {quarter}` and copy the text across."},
      {"zh": "任务内容变了，原来的填写可能对应不上现在的任务。", "en": "When the tasks change, the old answers may no longer match the rows."})

_rule("F812", "no-header", "error",
      {"zh": "找不到表头", "en": "header row not found"},
      {"zh": "工作表“{sheet}”中找不到含“序号”“具体落实措施”“落实进度”的表头行", "en": "no header row with 序号, 具体落实措施 and 落实进度 in sheet '{sheet}'"},
      {"zh": "保留表格原有的表头（序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位），不要删除或改名。",
       "en": "Keep the table's header (序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位) as it is."},
      {"zh": "按表头文字找到各列，才能知道哪一列是落实进度。", "en": "The columns are found by their header text."})

_rule("F813", "rows-deleted", "error",
      {"zh": "表单中的任务行被删除", "en": "rows deleted from the form"},
      {"zh": "表单中缺少第 {rows} 项任务所在的行", "en": "the rows for task(s) {rows} are missing from the form"},
      {"zh": "不要删除任务行：用原表单或重新生成的表单填写，不需报送的行留空即可。",
       "en": "Do not delete rows: fill in the original (or a new) form and leave rows blank instead."},
      {"zh": "行被删除说明表格结构被改动过，进度可能填错了行。", "en": "Deleted rows mean the table was restructured; progress may sit in the wrong row."})

_rule("F814", "rows-added", "error",
      {"zh": "表单中多出了行", "en": "rows added to the form"},
      {"zh": "第 {sheet_row} 行{what}", "en": "sheet row {sheet_row} {what}"},
      {"zh": "删去多余的行，把内容写进对应任务的“落实进度”格（单元格内换行用 Alt+Enter）。",
       "en": "Remove the extra row and put its text into the task's 落实进度 cell (Alt+Enter makes a line break inside a cell)."},
      {"zh": "多出的行不属于任何任务，内容无法汇总。", "en": "An extra row belongs to no task, so its text cannot be merged."})

_rule("F815", "rows-moved", "warning",
      {"zh": "任务行的顺序被改动", "en": "rows moved"},
      {"zh": "任务行的顺序与表单生成时不同（第 {sheet_row} 行现为第 {row} 项）；已按“序号”导入",
       "en": "the rows are not in the order the form was made in (sheet row {sheet_row} now holds task {row}); imported by 序号"},
      {"zh": "核对每行的落实进度是否仍对应本行的任务。", "en": "Check that each row's progress still belongs to that row's task."},
      {"zh": "排序或移动行时，如果只选了部分列，进度会和任务错开。", "en": "Sorting or moving only some columns shifts progress away from its task."})

_rule("F816", "task-text-changed", "error",
      {"zh": "任务内容与清单不符", "en": "task text does not match the list"},
      {"zh": "第 {row} 项的“具体落实措施”与任务清单不一致", "en": "the task text of row {row} does not match the key task list"},
      {"zh": "不要改动任务内容；如果序号或行被挪动，请用重新生成的表单填写。",
       "en": "Do not edit the task text; if 序号 or rows were moved, fill in a newly made form."},
      {"zh": "序号和任务内容对不上，进度就可能记到了错误的任务下。", "en": "When 序号 and task text disagree, progress may be filed under the wrong task."})

_rule("F817", "merged-progress", "error",
      {"zh": "落实进度栏有合并单元格", "en": "merged cells in the progress column"},
      {"zh": "落实进度栏的单元格 {range} 被合并", "en": "cells {range} in the progress column are merged"},
      {"zh": "取消合并（“开始→合并后居中”再点一次），每项任务在自己的格里填写。",
       "en": "Unmerge them (Home → Merge & Center again) and give each task its own text."},
      {"zh": "合并后只有第一格有内容，其他任务会被当作未填写。", "en": "Only the first cell of a merge holds text; the other tasks would read as blank."})

_rule("F818", "formula", "error",
      {"zh": "单元格中是公式", "en": "formula in a cell"},
      {"zh": "第 {row} 项的落实进度（{cell}）是公式“{formula}”，不是文字", "en": "the progress of row {row} ({cell}) is a formula '{formula}', not text"},
      {"zh": "把单元格设为“文本”格式后重新输入；以“=”开头的文字请在前面加英文单引号（'）。",
       "en": "Format the cell as Text and type it again; start text beginning with '=' with an apostrophe (')."},
      {"zh": "公式的结果随表格变化，报送的必须是写定的文字。", "en": "A formula's result changes with the workbook; a report must be fixed text."})

_rule("F819", "not-text", "error",
      {"zh": "应填文字的单元格中是数字或日期", "en": "number or date where text belongs"},
      {"zh": "{cell} 中是{kind}（{value}），不是文字", "en": "{cell} holds a {kind} ({value}), not text"},
      {"zh": "把单元格设为“文本”格式后重新输入，写成完整的句子。", "en": "Format the cell as Text and type it again, as a sentence."},
      {"zh": "Excel 会改写数字和日期的显示（科学计数法、日期格式），导入的内容可能和看到的不一样。",
       "en": "Excel reformats numbers and dates (scientific notation, date formats); what is imported may differ from what was seen."})

_rule("F820", "too-long", "error",
      {"zh": "落实进度超过字数上限", "en": "progress over the length limit"},
      {"zh": "第 {row} 项的落实进度（{cell}）有 {count} 字，超过 {limit} 字的上限（多 {over} 字）；已原样导入，未截断",
       "en": "the progress of row {row} ({cell}) has {count} characters, over the limit of {limit} (by {over}); imported whole, not cut"},
      {"zh": "在表单中精简到 {limit} 字以内（不含空格和换行）后用 --force 重新导入。",
       "en": "Shorten it in the form to {limit} characters (spaces and line breaks do not count) and import again with --force."},
      {"zh": "方案要求每条控制在 300 字以内；超出的文字不会被悄悄删掉，由填报单位自己精简。",
       "en": "The plan limits each item to 300 characters; nothing is cut silently, the unit shortens its own text."})

_rule("F821", "empty-form", "error",
      {"zh": "表单没有填写", "en": "empty form"},
      {"zh": "表单中没有任何落实进度", "en": "the form has no progress at all"},
      {"zh": "在“落实进度”栏填写后保存，再导入；是否发错了文件？", "en": "Fill in the 落实进度 column, save and import again; was the wrong file sent?"},
      {"zh": "空表单导入后只会是一份空的报送。", "en": "An empty form would only become an empty submission."})

_rule("F822", "exists", "error",
      {"zh": "报送文件已存在", "en": "submission already exists"},
      {"zh": "{target} 已存在，未改动（来自 {source}）", "en": "{target} already exists and was left alone (from {source})"},
      {"zh": "确认要用表单内容替换现有报送，请加 --force（会显示改动了什么）。",
       "en": "To replace the existing submission with the form's content, add --force (the changes are shown)."},
      {"zh": "已有的报送可能已经改过或已审核，不能被悄悄覆盖。", "en": "An existing submission may have been edited or reviewed; it is never replaced silently."})

_rule("F823", "duplicate-form", "error",
      {"zh": "同一单位、季度有多份表单", "en": "several forms for one unit and quarter"},
      {"zh": "{target} 已由本次导入的 {first} 写入，本表单未导入", "en": "{target} was already written from {first} in this run; this form was not imported"},
      {"zh": "每个单位每季度只导入一份表单。", "en": "Import one form per unit and quarter."},
      {"zh": "后导入的表单会覆盖先导入的，哪份为准必须由人决定。", "en": "The later form would overwrite the earlier; a person has to decide which one counts."})

_rule("F824", "cannot-write", "error",
      {"zh": "无法写入报送文件", "en": "cannot write the submission"},
      {"zh": "无法写入 {target}：{error}", "en": "cannot write {target}: {error}"},
      {"zh": "关闭正在打开该文件的程序，检查文件夹权限后重试。", "en": "Close any program that has the file open, check the folder's permissions and retry."},
      {"zh": "写入失败时原文件保持不变。", "en": "When writing fails, the previous file stays as it was."})

_rule("F825", "bad-metadata", "error",
      {"zh": "表单信息已损坏", "en": "form metadata damaged"},
      {"zh": "隐藏工作表 {sheet} 中的表单信息不完整或无效（{what}）", "en": "the form metadata in hidden sheet {sheet} is incomplete or invalid ({what})"},
      {"zh": "用 zengshou template 重新生成表单，把填写内容复制过去。", "en": "Make a new form with `zengshou template` and copy the text across."},
      {"zh": "表单信息说明了单位、季度和任务清单，损坏后无法核对。", "en": "The metadata names the unit, quarter and task list; without it nothing can be checked."})

_rule("F826", "cell-control-character", "error",
      {"zh": "单元格含不可见控制字符", "en": "control character in a cell"},
      {"zh": "{cell} 中含不可见控制字符 {char}", "en": "{cell} holds the invisible control character {char}"},
      {"zh": "在 Excel/WPS 中删除该单元格的内容后重新输入（不要从网页或其他程序粘贴）。",
       "en": "Clear the cell in Excel/WPS and type the text again (do not paste it from a web page or another program)."},
      {"zh": "控制字符在报表中显示为乱码，Excel 会拒绝保存，终端会把它当作命令执行。",
       "en": "Control characters show as garbage in the report, Excel refuses to save them and a terminal obeys them."})

_rule("F827", "unit-mismatch", "error",
      {"zh": "表单信息与表头的单位不一致", "en": "form metadata and header name different units"},
      {"zh": "隐藏工作表 {sheet} 记录的单位是“{meta_unit}”，表头 {cell} 写的是“{header_unit}”",
       "en": "hidden sheet {sheet} says the unit is '{meta_unit}', the header {cell} says '{header_unit}'"},
      {"zh": "用 zengshou template --unit 生成该单位自己的表单，把填写内容复制过去后重新导入。",
       "en": "Make the unit's own form with `zengshou template --unit`, copy the text across and import it."},
      {"zh": "表单信息被改动过：若照它导入，这份进度会记到另一个单位名下。",
       "en": "The metadata was edited: importing by it would file this progress under another unit."})

#: Codes that stop a file from being imported. The rest are reported; the file is still written.
REFUSING = frozenset({
    "F801", "F802", "F803", "F804", "F805", "F806", "F807", "F808", "F809", "F810", "F811", "F812",
    "F813", "F814", "F816", "F817", "F818", "F819", "F821", "F822", "F823", "F824", "F825", "F826", "F827",
})
