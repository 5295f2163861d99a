"""F8xx: reading an Excel or Word form back, and mail intake (``zengshou import``, ``import --mail``).

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


_rule(
    "F801",
    "lock-file",
    "error",
    {"zh": "这是 Excel/WPS 的临时锁定文件", "en": "an Excel/WPS lock file"},
    {
        "zh": "“{name}”是 Excel/WPS 打开文件时生成的临时锁定文件，不是表单",
        "en": "'{name}' is the lock file Excel/WPS creates while a workbook is open, not a form",
    },
    {
        "zh": "导入不带“~$”的那个文件；先在 Excel/WPS 中关闭它。",
        "en": "Import the file without '~$'; close it in Excel/WPS first.",
    },
    {
        "zh": "锁定文件只记录谁打开了表格，里面没有填写内容。",
        "en": "The lock file only records who has the workbook open; it holds no content.",
    },
    bad="~$nyncj-2023Q2.xlsx",
)

_rule(
    "F802",
    "old-xls-or-encrypted",
    "error",
    {"zh": "旧版 .xls 文件或加密的工作簿", "en": "old .xls file or encrypted workbook"},
    {
        "zh": "这是旧版 Excel 97-2003（.xls）格式的文件，或是设置了打开密码的 .xlsx（两者文件头相同）",
        "en": "this is an old Excel 97-2003 (.xls) file, or an .xlsx protected with an opening password (both start the same way)",
    },
    {
        "zh": "在 Excel/WPS 中打开，“另存为”选择“Excel 工作簿（*.xlsx）”；如设置了打开密码，先在“文件→信息→保护工作簿”中删除密码再保存。",
        "en": "Open it in Excel/WPS and Save As 'Excel Workbook (*.xlsx)'; if it has an opening password, remove it (File → Info → Protect Workbook) and save.",
    },
    {
        "zh": ".xls 是二进制格式，无法安全读取；加密文件没有密码无法读取。",
        "en": ".xls is a binary format that cannot be read safely; an encrypted file cannot be read without its password.",
    },
    bad="报表.xls",
)

_rule(
    "F803",
    "not-xlsx",
    "error",
    {"zh": "不是 Excel 工作簿", "en": "not an Excel workbook"},
    {"zh": "文件不是 .xlsx 工作簿（{what}）", "en": "the file is not an .xlsx workbook ({what})"},
    {
        "zh": "文件可能被改了扩展名或已损坏：在 Excel/WPS 中打开原表，“另存为” .xlsx 后重新导入。",
        "en": "It may have been renamed or damaged: open the original in Excel/WPS, Save As .xlsx and import that.",
    },
    {
        "zh": "只有真正的 .xlsx 文件才能读取；改扩展名不会改变文件格式。",
        "en": "Only real .xlsx files can be read; renaming does not change a file's format.",
    },
)

_rule(
    "F804",
    "empty-file",
    "error",
    {"zh": "文件为空", "en": "empty file"},
    {"zh": "文件是空的（0 字节）", "en": "the file is empty (0 bytes)"},
    {
        "zh": "重新保存或重新发送表单；可能是下载或复制没有完成。",
        "en": "Save or send the form again; the download or copy may not have finished.",
    },
    {"zh": "空文件中没有任何内容可导入。", "en": "An empty file holds nothing to import."},
)

_rule(
    "F805",
    "too-big",
    "error",
    {"zh": "文件过大", "en": "file too big"},
    {"zh": "文件{what}为 {size}，超过上限 {limit}", "en": "the file's {what} is {size}, over the limit of {limit}"},
    {
        "zh": "表单只需要文字：删去图片、附件和多余的工作表或页面后重新保存。",
        "en": "The form needs text only: remove pictures, attachments and extra sheets or pages, then save.",
    },
    {
        "zh": "一张填好的表单不过几十 KB；过大的文件可能不是表单，读取还会耗尽内存。",
        "en": "A filled form is a few dozen KB; a huge file is probably not a form, and reading it could exhaust memory.",
    },
)

_rule(
    "F806",
    "no-workbook",
    "error",
    {"zh": "压缩包中没有工作簿", "en": "zip without a workbook"},
    {
        "zh": "文件是压缩包，但不是 Excel 工作簿（{what}）",
        "en": "the file is a zip archive but not an Excel workbook ({what})",
    },
    {
        "zh": "导入 Excel 表单本身（.xlsx），而不是 Word 文档或其他压缩文件。",
        "en": "Import the Excel form itself (.xlsx), not a Word document or another archive.",
    },
    {
        "zh": ".docx、.zip 等也是压缩包，改名为 .xlsx 并不能读取。",
        "en": ".docx, .zip and the like are zip archives too; renaming them does not make them workbooks.",
    },
)

_rule(
    "F807",
    "unreadable-workbook",
    "error",
    {"zh": "工作簿已损坏", "en": "workbook damaged"},
    {"zh": "工作簿无法读取：{error}", "en": "the workbook cannot be read: {error}"},
    {
        "zh": "在 Excel/WPS 中打开（必要时用“打开并修复”），另存为 .xlsx 后重新导入。",
        "en": "Open it in Excel/WPS (use Open and Repair if needed), save as .xlsx and import again.",
    },
    {"zh": "损坏的文件无法可靠读取。", "en": "A damaged file cannot be read reliably."},
)

_rule(
    "F808",
    "not-a-form",
    "error",
    {"zh": "不是 zengshou 生成的表单", "en": "not a zengshou form"},
    {
        "zh": "工作簿中没有表单信息（隐藏工作表 {sheet}），无法确定是哪个单位、哪个季度的",
        "en": "the workbook has no form metadata (hidden sheet {sheet}), so whose form it is and for which quarter is unknown",
    },
    {
        "zh": "用 zengshou template 生成的表单填写；如果是方案原表格式，请加 --unit 单位 --quarter 季度 导入。",
        "en": "Fill in a form made by `zengshou template`; for the plan's own table, import with --unit UNIT --quarter QUARTER.",
    },
    {
        "zh": "不知道单位和季度，就无法判断该报哪些任务。",
        "en": "Without the unit and quarter there is no way to know which rows are due.",
    },
)

_rule(
    "F809",
    "wrong-unit",
    "error",
    {"zh": "表单属于其他单位", "en": "form belongs to another unit"},
    {
        "zh": "这是“{form_unit}”的表单，而不是 --unit 指定的“{unit}”",
        "en": "this is the form of '{form_unit}', not of '{unit}' given with --unit",
    },
    {
        "zh": "去掉 --unit（表单自带单位信息），或导入正确单位的表单。",
        "en": "Leave out --unit (the form knows its unit), or import the right unit's form.",
    },
    {
        "zh": "用错单位会把一个单位的进度记到另一个单位名下。",
        "en": "The wrong unit would file one office's progress under another's name.",
    },
)

_rule(
    "F810",
    "wrong-quarter",
    "error",
    {"zh": "表单属于其他季度", "en": "form for another quarter"},
    {"zh": "这是 {form_quarter} 的表单，而不是 {quarter} 的", "en": "this form is for {form_quarter}, not {quarter}"},
    {
        "zh": "用 zengshou template --unit {unit_id} --quarter {quarter} 生成本季度的表单重新填写，或改正 --quarter。",
        "en": "Make this quarter's form with `zengshou template --unit {unit_id} --quarter {quarter}`, or correct --quarter.",
    },
    {
        "zh": "沿用上季度的表格，进度会被记到错误的季度。",
        "en": "Re-using last quarter's workbook files progress under the wrong quarter.",
    },
)

_rule(
    "F811",
    "outdated-form",
    "error",
    {"zh": "表单的任务清单已过时", "en": "form made from an outdated task list"},
    {"zh": "表单生成后任务清单有变化（{what}）", "en": "the task list changed after this form was made ({what})"},
    {
        "zh": "用 zengshou template --unit {unit_id} --quarter {quarter} 重新生成表单，把填写内容复制过去。",
        "en": "Make a new form with `zengshou template --unit {unit_id} --quarter {quarter}` and copy the text across.",
    },
    {
        "zh": "任务内容变了，原来的填写可能对应不上现在的任务。",
        "en": "When the tasks change, the old answers may no longer match the rows.",
    },
)

_rule(
    "F812",
    "no-header",
    "error",
    {"zh": "找不到表头", "en": "header row not found"},
    {
        "zh": "工作表“{sheet}”中找不到含“序号”“具体落实措施”“落实进度”的表头行",
        "en": "no header row with 序号, 具体落实措施 and 落实进度 in sheet '{sheet}'",
    },
    {
        "zh": "保留表格原有的表头（序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位），不要删除或改名。",
        "en": "Keep the table's header (序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位) as it is.",
    },
    {"zh": "按表头文字找到各列，才能知道哪一列是落实进度。", "en": "The columns are found by their header text."},
)

_rule(
    "F813",
    "rows-deleted",
    "error",
    {"zh": "表单中的任务行被删除", "en": "rows deleted from the form"},
    {"zh": "表单中缺少第 {rows} 项任务所在的行", "en": "the rows for task(s) {rows} are missing from the form"},
    {
        "zh": "不要删除任务行：用原表单或重新生成的表单填写，不需报送的行留空即可。",
        "en": "Do not delete rows: fill in the original (or a new) form and leave rows blank instead.",
    },
    {
        "zh": "行被删除说明表格结构被改动过，进度可能填错了行。",
        "en": "Deleted rows mean the table was restructured; progress may sit in the wrong row.",
    },
)

_rule(
    "F814",
    "rows-added",
    "error",
    {"zh": "表单中多出了行", "en": "rows added to the form"},
    {"zh": "第 {sheet_row} 行{what}", "en": "sheet row {sheet_row} {what}"},
    {
        "zh": "删去多余的行，把内容写进对应任务的“落实进度”格（单元格内换行用 Alt+Enter）。",
        "en": "Remove the extra row and put its text into the task's 落实进度 cell (Alt+Enter makes a line break inside a cell).",
    },
    {
        "zh": "多出的行不属于任何任务，内容无法汇总。",
        "en": "An extra row belongs to no task, so its text cannot be merged.",
    },
)

_rule(
    "F815",
    "rows-moved",
    "warning",
    {"zh": "任务行的顺序被改动", "en": "rows moved"},
    {
        "zh": "任务行的顺序与表单生成时不同（第 {sheet_row} 行现为第 {row} 项）；已按“序号”导入",
        "en": "the rows are not in the order the form was made in (sheet row {sheet_row} now holds task {row}); imported by 序号",
    },
    {
        "zh": "核对每行的落实进度是否仍对应本行的任务。",
        "en": "Check that each row's progress still belongs to that row's task.",
    },
    {
        "zh": "排序或移动行时，如果只选了部分列，进度会和任务错开。",
        "en": "Sorting or moving only some columns shifts progress away from its task.",
    },
)

_rule(
    "F816",
    "task-text-changed",
    "error",
    {"zh": "任务内容与清单不符", "en": "task text does not match the list"},
    {
        "zh": "第 {row} 项的“具体落实措施”与任务清单不一致",
        "en": "the task text of row {row} does not match the key task list",
    },
    {
        "zh": "不要改动任务内容；如果序号或行被挪动，请用重新生成的表单填写。",
        "en": "Do not edit the task text; if 序号 or rows were moved, fill in a newly made form.",
    },
    {
        "zh": "序号和任务内容对不上，进度就可能记到了错误的任务下。",
        "en": "When 序号 and task text disagree, progress may be filed under the wrong task.",
    },
)

_rule(
    "F817",
    "merged-progress",
    "error",
    {"zh": "落实进度栏有合并单元格", "en": "merged cells in the progress column"},
    {"zh": "落实进度栏的单元格 {range} 被合并", "en": "cells {range} in the progress column are merged"},
    {
        "zh": "取消合并（“开始→合并后居中”再点一次），每项任务在自己的格里填写。",
        "en": "Unmerge them (Home → Merge & Center again) and give each task its own text.",
    },
    {
        "zh": "合并后只有第一格有内容，其他任务会被当作未填写。",
        "en": "Only the first cell of a merge holds text; the other tasks would read as blank.",
    },
)

_rule(
    "F818",
    "formula",
    "error",
    {"zh": "单元格中是公式", "en": "formula in a cell"},
    {
        "zh": "第 {row} 项的落实进度（{cell}）是公式“{formula}”，不是文字",
        "en": "the progress of row {row} ({cell}) is a formula '{formula}', not text",
    },
    {
        "zh": "把单元格设为“文本”格式后重新输入；以“=”开头的文字请在前面加英文单引号（'）。",
        "en": "Format the cell as Text and type it again; start text beginning with '=' with an apostrophe (').",
    },
    {
        "zh": "公式的结果随表格变化，报送的必须是写定的文字。",
        "en": "A formula's result changes with the workbook; a report must be fixed text.",
    },
)

_rule(
    "F819",
    "not-text",
    "error",
    {"zh": "应填文字的单元格中是数字或日期", "en": "number or date where text belongs"},
    {"zh": "{cell} 中是{kind}（{value}），不是文字", "en": "{cell} holds a {kind} ({value}), not text"},
    {
        "zh": "把单元格设为“文本”格式后重新输入，写成完整的句子。",
        "en": "Format the cell as Text and type it again, as a sentence.",
    },
    {
        "zh": "Excel 会改写数字和日期的显示（科学计数法、日期格式），导入的内容可能和看到的不一样。",
        "en": "Excel reformats numbers and dates (scientific notation, date formats); what is imported may differ from what was seen.",
    },
)

_rule(
    "F820",
    "too-long",
    "error",
    {"zh": "落实进度超过字数上限", "en": "progress over the length limit"},
    {
        "zh": "第 {row} 项的落实进度（{cell}）有 {count} 字，超过 {limit} 字的上限（多 {over} 字）；已原样导入，未截断",
        "en": "the progress of row {row} ({cell}) has {count} characters, over the limit of {limit} (by {over}); imported whole, not cut",
    },
    {
        "zh": "在表单中精简到 {limit} 字以内（不含空格和换行）后用 --force 重新导入。",
        "en": "Shorten it in the form to {limit} characters (spaces and line breaks do not count) and import again with --force.",
    },
    {
        "zh": "方案要求每条控制在 300 字以内；超出的文字不会被悄悄删掉，由填报单位自己精简。",
        "en": "The plan limits each item to 300 characters; nothing is cut silently, the unit shortens its own text.",
    },
)

_rule(
    "F821",
    "empty-form",
    "error",
    {"zh": "表单没有填写", "en": "empty form"},
    {"zh": "表单中没有任何落实进度", "en": "the form has no progress at all"},
    {
        "zh": "在“落实进度”栏填写后保存，再导入；是否发错了文件？",
        "en": "Fill in the 落实进度 column, save and import again; was the wrong file sent?",
    },
    {"zh": "空表单导入后只会是一份空的报送。", "en": "An empty form would only become an empty submission."},
)

_rule(
    "F822",
    "exists",
    "error",
    {"zh": "报送文件已存在", "en": "submission already exists"},
    {
        "zh": "{target} 已存在，未改动（来自 {source}）",
        "en": "{target} already exists and was left alone (from {source})",
    },
    {
        "zh": "确认要用表单内容替换现有报送，请加 --force（会显示改动了什么）。",
        "en": "To replace the existing submission with the form's content, add --force (the changes are shown).",
    },
    {
        "zh": "已有的报送可能已经改过或已审核，不能被悄悄覆盖。",
        "en": "An existing submission may have been edited or reviewed; it is never replaced silently.",
    },
)

_rule(
    "F823",
    "duplicate-form",
    "error",
    {"zh": "同一单位、季度有多份表单", "en": "several forms for one unit and quarter"},
    {
        "zh": "{target} 已由本次导入的 {first} 写入，本表单未导入",
        "en": "{target} was already written from {first} in this run; this form was not imported",
    },
    {"zh": "每个单位每季度只导入一份表单。", "en": "Import one form per unit and quarter."},
    {
        "zh": "后导入的表单会覆盖先导入的，哪份为准必须由人决定。",
        "en": "The later form would overwrite the earlier; a person has to decide which one counts.",
    },
)

_rule(
    "F824",
    "cannot-write",
    "error",
    {"zh": "无法写入报送文件", "en": "cannot write the submission"},
    {"zh": "无法写入 {target}：{error}", "en": "cannot write {target}: {error}"},
    {
        "zh": "关闭正在打开该文件的程序，检查文件夹权限后重试。",
        "en": "Close any program that has the file open, check the folder's permissions and retry.",
    },
    {"zh": "写入失败时原文件保持不变。", "en": "When writing fails, the previous file stays as it was."},
)

_rule(
    "F825",
    "bad-metadata",
    "error",
    {"zh": "表单信息已损坏", "en": "form metadata damaged"},
    {
        "zh": "隐藏工作表 {sheet} 中的表单信息不完整或无效（{what}）",
        "en": "the form metadata in hidden sheet {sheet} is incomplete or invalid ({what})",
    },
    {
        "zh": "用 zengshou template 重新生成表单，把填写内容复制过去。",
        "en": "Make a new form with `zengshou template` and copy the text across.",
    },
    {
        "zh": "表单信息说明了单位、季度和任务清单，损坏后无法核对。",
        "en": "The metadata names the unit, quarter and task list; without it nothing can be checked.",
    },
)

_rule(
    "F826",
    "cell-control-character",
    "error",
    {"zh": "单元格含不可见控制字符", "en": "control character in a cell"},
    {"zh": "{cell} 中含不可见控制字符 {char}", "en": "{cell} holds the invisible control character {char}"},
    {
        "zh": "在 Excel/WPS 中删除该单元格的内容后重新输入（不要从网页或其他程序粘贴）。",
        "en": "Clear the cell in Excel/WPS and type the text again (do not paste it from a web page or another program).",
    },
    {
        "zh": "控制字符在报表中显示为乱码，Excel 会拒绝保存，终端会把它当作命令执行。",
        "en": "Control characters show as garbage in the report, Excel refuses to save them and a terminal obeys them.",
    },
)

_rule(
    "F827",
    "unit-mismatch",
    "error",
    {"zh": "表单信息与表头的单位不一致", "en": "form metadata and header name different units"},
    {
        "zh": "隐藏工作表 {sheet} 记录的单位是“{meta_unit}”，表头 {cell} 写的是“{header_unit}”",
        "en": "hidden sheet {sheet} says the unit is '{meta_unit}', the header {cell} says '{header_unit}'",
    },
    {
        "zh": "用 zengshou template --unit 生成该单位自己的表单，把填写内容复制过去后重新导入。",
        "en": "Make the unit's own form with `zengshou template --unit`, copy the text across and import it.",
    },
    {
        "zh": "表单信息被改动过：若照它导入，这份进度会记到另一个单位名下。",
        "en": "The metadata was edited: importing by it would file this progress under another unit.",
    },
)

# ---------------------------------------------------------------- Word files (F830–F845)

_rule(
    "F830",
    "not-docx",
    "error",
    {"zh": "不是 Word 文档", "en": "not a Word document"},
    {"zh": "文件不是 .docx 文档（{what}）", "en": "the file is not a .docx document ({what})"},
    {
        "zh": "在 Word/WPS 中打开原文件，“另存为”选择“Word 文档（*.docx）”后重新导入。",
        "en": "Open the original in Word/WPS, Save As 'Word Document (*.docx)' and import that.",
    },
    {
        "zh": "只有真正的 .docx 文件才能读取；改扩展名不会改变文件格式。",
        "en": "Only real .docx files can be read; renaming does not change a file's format.",
    },
    bad="落实进度.docx  （实为 RTF 或网页文件）",
    good="落实进度.docx  （Word 另存为 .docx）",
)

_rule(
    "F831",
    "old-doc",
    "error",
    {"zh": "旧版 .doc 文件", "en": "old .doc file"},
    {"zh": "这是 Word 97-2003（.doc）格式的文件", "en": "this is a Word 97-2003 (.doc) file"},
    {
        "zh": "在 Word/WPS 中打开，“另存为”选择“Word 文档（*.docx）”后重新导入。",
        "en": "Open it in Word/WPS and Save As 'Word Document (*.docx)', then import that.",
    },
    {
        "zh": ".doc 是二进制格式，无法安全可靠地读取表格。",
        "en": ".doc is a binary format whose tables cannot be read safely and reliably.",
    },
    bad="资源县落实进度.doc",
    good="资源县落实进度.docx",
)

_rule(
    "F832",
    "encrypted-docx",
    "error",
    {"zh": "文档设置了打开密码", "en": "document has an opening password"},
    {
        "zh": "文档已加密（设置了打开密码），无法读取",
        "en": "the document is encrypted (it has an opening password) and cannot be read",
    },
    {
        "zh": "在 Word 中“文件→信息→保护文档→用密码进行加密”清空密码（WPS：“文件→文档加密”）后保存，再导入。",
        "en": "Remove the password (Word: File → Info → Protect Document → Encrypt with Password, clear it), save and import again.",
    },
    {
        "zh": "没有密码无法读取内容；报送材料不需要加密。",
        "en": "Without the password nothing can be read; a progress report needs no encryption.",
    },
    bad="落实进度.docx  （设置了打开密码）",
    good="落实进度.docx  （无密码）",
)

_rule(
    "F833",
    "macros-ignored",
    "warning",
    {"zh": "文档含宏，宏未运行", "en": "document has macros; they were not run"},
    {
        "zh": "这是启用宏的文档（.docm）：只读取了文字，宏没有运行",
        "en": "this is a macro-enabled document (.docm): its text was read, its macros were not run",
    },
    {"zh": "报送时请另存为普通的 .docx（Word 文档）。", "en": "Send a plain .docx (Word Document) next time."},
    {
        "zh": "宏可能带有恶意代码；报送内容只需要文字。",
        "en": "Macros can carry malicious code; a report needs only its text.",
    },
    bad="落实进度.docm",
    good="落实进度.docx",
)

_rule(
    "F834",
    "unsafe-xml",
    "error",
    {"zh": "文档中有不安全的 XML", "en": "unsafe XML in the document"},
    {
        "zh": "文档部件 {part} 含有 DTD 或实体声明（{what}），为安全起见不予读取",
        "en": "document part {part} declares a DTD or entities ({what}); it is not read, for safety",
    },
    {
        "zh": "Word/WPS 保存的文档不会有这些内容：请在 Word/WPS 中打开后重新另存为 .docx；文件来源可疑时请勿打开。",
        "en": "Word and WPS never write these: open the file in Word/WPS and Save As .docx again; if its origin is doubtful, do not open it.",
    },
    {
        "zh": "外部实体可以读取本机文件，实体展开可以耗尽内存（XXE、“十亿笑”攻击）。",
        "en": "External entities can read local files and entity expansion can exhaust memory (XXE, 'billion laughs').",
    },
    bad='<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    good="<w:document …>（无 DOCTYPE）",
)

_rule(
    "F835",
    "unreadable-docx",
    "error",
    {"zh": "Word 文档已损坏", "en": "Word document damaged"},
    {"zh": "文档无法读取（{part}）：{error}", "en": "the document cannot be read ({part}): {error}"},
    {
        "zh": "在 Word/WPS 中打开（必要时用“打开并修复”），另存为 .docx 后重新导入。",
        "en": "Open it in Word/WPS (use Open and Repair if needed), save as .docx and import again.",
    },
    {"zh": "损坏的文件无法可靠读取。", "en": "A damaged file cannot be read reliably."},
    bad="word/document.xml: <w:document><w:body>（下载不完整，标签未闭合）",
    good="word/document.xml: <w:document><w:body>…</w:body></w:document>",
)

_rule(
    "F836",
    "no-table",
    "error",
    {"zh": "文档中没有表格", "en": "no table in the document"},
    {"zh": "文档中没有表格，找不到落实进度", "en": "the document has no table, so there is no progress to read"},
    {
        "zh": "在重点任务清单表格的“落实进度”栏中填写，不要把内容写成段落或贴成图片。",
        "en": "Fill in the 落实进度 column of the key task table; do not write paragraphs or paste a picture.",
    },
    {"zh": "只有表格中的行才能对应到任务序号。", "en": "Only table rows can be matched to task numbers."},
    bad="资源县二季度落实进度：各项工作稳步推进……（只有段落）",
    good="序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位（表格）",
)

_rule(
    "F837",
    "columns-not-recognised",
    "error",
    {"zh": "表格的列无法识别", "en": "table columns not recognised"},
    {
        "zh": "表 {table} 中找不到含“序号”“落实进度”和任务内容的列（表头：{header}）",
        "en": "table {table} has no columns for 序号, 落实进度 and the task text (header: {header})",
    },
    {
        "zh": "保留重点任务清单的表头（序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位）和任务原文，不要删除或改名。",
        "en": "Keep the key task table's header (序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位) and the task texts as they are.",
    },
    {
        "zh": "按表头和任务原文找到各列，才能知道哪一栏是哪项任务的落实进度。",
        "en": "Columns are found by their header and task text; otherwise no text can be placed.",
    },
    bad="编号 | 工作内容 | 完成情况",
    good="序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位",
)

_rule(
    "F838",
    "row-not-in-plan",
    "error",
    {"zh": "序号不在任务清单中", "en": "row number not in the task list"},
    {
        "zh": "{cell} 的序号“{value}”不是任务清单（或本表单）中的任务",
        "en": "the 序号 '{value}' at {cell} is not a task of the list (or of this form)",
    },
    {
        "zh": "核对序号：只填写清单中本单位的任务；不要另加行，补充说明写进对应任务的落实进度栏。",
        "en": "Check the number: fill in only the list's rows for the unit; put extra remarks into the matching task's 落实进度 cell.",
    },
    {
        "zh": "对不上任务的文字无法汇总，不能猜测它属于哪一项。",
        "en": "Text that matches no task cannot be merged, and is not guessed.",
    },
    bad="71 | …… | 新增工作……",
    good="12 | …… | 二季度……",
)

_rule(
    "F839",
    "row-twice",
    "error",
    {"zh": "同一序号出现两次", "en": "row number appears twice"},
    {
        "zh": "第 {row} 项在 {cell} 再次出现（{first} 已有）",
        "en": "task {row} appears again at {cell} (already at {first})",
    },
    {
        "zh": "每项任务只保留一行，把内容合并到同一格中。",
        "en": "Keep one row per task and put all its text into that row's cell.",
    },
    {"zh": "两行中哪一行为准必须由填报单位决定。", "en": "Which of the two rows counts is for the unit to decide."},
    bad="5 | …… | 一季度……\n5 | …… | 二季度……",
    good="5 | …… | 二季度……",
)

_rule(
    "F840",
    "merged-text",
    "error",
    {"zh": "合并单元格中的内容跨了几项任务", "en": "text in a merged cell spanning several tasks"},
    {
        "zh": "“{column}”栏 {cell} 合并了第 {rows} 项的单元格并填了内容，无法确定属于哪一项",
        "en": "the {column} cell at {cell} is merged over tasks {rows} and holds text; whose text it is cannot be known",
    },
    {
        "zh": "取消合并（“表格工具→拆分单元格”），每项任务在自己的格里填写。",
        "en": "Split the cell (Table Tools → Split Cells) and give each task its own text.",
    },
    {
        "zh": "合并单元格只属于第一行；把一段话当作几项任务的进度会重复计数或漏报。",
        "en": "A merged cell belongs to its first row; using one text for several tasks double-counts or loses them.",
    },
    bad="1–3 | ……（落实进度合并为一格）| 三项工作均已完成",
    good="1 | …… | 第1项进展\n2 | …… | 第2项进展\n3 | …… | 第3项进展",
)

_rule(
    "F841",
    "marker-mismatch",
    "error",
    {"zh": "表单隐藏标记与表头不符", "en": "form marker disagrees with the header"},
    {
        "zh": "表单的隐藏标记（文档属性）与可见表头不一致：{what}",
        "en": "the form's hidden marker (document properties) disagrees with its visible header: {what}",
    },
    {
        "zh": "用 zengshou template --format docx 为本单位重新生成表单，把填写内容复制过去。",
        "en": "Make a new form for the unit with `zengshou template --format docx` and copy the text across.",
    },
    {
        "zh": "表头和标记说的不是同一单位或季度，说明表单被复制或改动过，进度可能记到别人名下。",
        "en": "When header and marker name different units or quarters the form was copied or edited; the progress could be filed under someone else.",
    },
    bad="表头：填报单位：龙胜各族自治县；zengshou_unit = ziyuan",
    good="表头：填报单位：资源县人民政府；zengshou_unit = ziyuan",
)

_rule(
    "F842",
    "bad-docx-marker",
    "error",
    {"zh": "Word 表单标记已损坏", "en": "Word form marker damaged"},
    {
        "zh": "Word 表单的隐藏标记（自定义文档属性 zengshou_*）不完整或无效（{what}）",
        "en": "the Word form's hidden marker (custom document properties zengshou_*) is incomplete or invalid ({what})",
    },
    {
        "zh": "用 zengshou template --format docx 重新生成表单，把填写内容复制过去。",
        "en": "Make a new form with `zengshou template --format docx` and copy the text across.",
    },
    {
        "zh": "标记说明了单位、季度和任务清单，损坏后无法核对。",
        "en": "The marker names the unit, quarter and task list; without it nothing can be checked.",
    },
    bad="zengshou_unit = nobody",
    good="zengshou_unit = ziyuan",
)

_rule(
    "F843",
    "bad-status",
    "error",
    {"zh": "进展不是可选值", "en": "进展 is not one of the values"},
    {
        "zh": "第 {row} 项的进展（{cell}）为“{value}”，应为 {allowed} 之一",
        "en": "the 进展 of row {row} ({cell}) is '{value}'; it must be one of {allowed}",
    },
    {
        "zh": "在“进展”栏的下拉框中选择，或只填写其中一个词。",
        "en": "Choose from the drop-down in the 进展 column, or type exactly one of the words.",
    },
    {
        "zh": "汇总表按这四种进展统计；其他写法无法归类。",
        "en": "The report counts these four states; anything else cannot be classified.",
    },
    bad="进展：基本完成",
    good="进展：推进中",
)

_rule(
    "F844",
    "figure-not-attributed",
    "error",
    {"zh": "指标数值对应不上指标", "en": "figure not attributable to an indicator"},
    {
        "zh": "第 {row} 项的指标数值栏（{cell}）中“{text}”对应不上本行的指标",
        "en": "'{text}' in the figures cell of row {row} ({cell}) names none of the row's indicators",
    },
    {
        "zh": "保留“指标名称（单位）：”原文，只在冒号后填写数字；说明文字写进落实进度栏。",
        "en": "Keep the 'name (unit):' labels as they are and type only the number after the colon; explanations go into 落实进度.",
    },
    {
        "zh": "数值要计入指定的指标，认不出是哪项指标就不能计入。",
        "en": "A figure counts towards one indicator; one that cannot be attributed cannot count.",
    },
    bad="累计培训脱贫劳动力（人次）：1200\n另培训 300 人",
    good="累计培训脱贫劳动力（人次）：1500",
)

_rule(
    "F845",
    "unit-or-quarter-unknown",
    "error",
    {"zh": "不知道是哪个单位或季度的", "en": "unit or quarter unknown"},
    {
        "zh": "文档没有说明{what}（不是 zengshou 表单，标题中也没有）",
        "en": "the document does not say the {what} (not a zengshou form, and the title does not say)",
    },
    {
        "zh": "导入时加 --unit 单位 --quarter 季度；或在表格上方的标题中写明单位和季度，如“资源县2023年第二季度落实进度”。",
        "en": "Import with --unit UNIT --quarter QUARTER, or name the unit and quarter in the title above the table.",
    },
    {
        "zh": "不知道单位和季度，就无法判断该报哪些任务、记到谁名下。",
        "en": "Without unit and quarter there is no knowing which rows are due or whose they are.",
    },
    bad="zengshou import 落实进度.docx",
    good="zengshou import 落实进度.docx --unit 资源县 --quarter 2023Q2",
)

# ---------------------------------------------------------------- mail intake (F850–F856)

_rule(
    "F850",
    "mail-unreadable",
    "error",
    {"zh": "邮件无法读取", "en": "mail cannot be read"},
    {"zh": "无法读取邮件：{what}", "en": "the mail cannot be read: {what}"},
    {
        "zh": "从邮件客户端重新导出（.eml 文件或 mbox 邮箱文件）后再导入。",
        "en": "Export it again from the mail client (.eml files or an mbox file) and import that.",
    },
    {
        "zh": "读不出的邮件中的附件不会被猜测或跳过而不提示。",
        "en": "Attachments of an unreadable message are never guessed at or silently skipped.",
    },
    bad="zengshou import --mail 收件箱.msg",
    good="zengshou import --mail 收件箱.mbox",
)

_rule(
    "F851",
    "mail-no-date",
    "error",
    {"zh": "邮件没有可用的发送日期", "en": "message has no usable date"},
    {
        "zh": "邮件“{subject}”（{sender}）没有可用的 Date 日期（{date}），导入为草稿，未填报送日期",
        "en": "message '{subject}' ({sender}) has no usable Date header ({date}); imported as a draft without a sending date",
    },
    {
        "zh": "按邮件客户端显示的收到时间，在导入的文件中手工填写 submitted: YYYY-MM-DD。",
        "en": "Write submitted: YYYY-MM-DD by hand in the imported file, from the time the mail client shows.",
    },
    {
        "zh": "报送日期决定是否逾期，不能用“今天”代替。",
        "en": "The sending date decides on time or late; 'today' is never used instead.",
    },
    bad="Date: 2023年7月5日",
    good="Date: Wed, 05 Jul 2023 09:12:00 +0800",
)

_rule(
    "F852",
    "unattributed-attachment",
    "error",
    {"zh": "附件无法确定所属单位", "en": "attachment cannot be attributed"},
    {
        "zh": "附件“{attachment}”（邮件“{subject}”，发件人 {sender}）无法确定是哪个单位的，未导入",
        "en": "attachment '{attachment}' (message '{subject}' from {sender}) cannot be attributed to a unit; not imported",
    },
    {
        "zh": "在数据目录的 senders.yaml 中加一行“{address}: 单位”，或用 zengshou import 文件 --unit 单位 单独导入。",
        "en": "Add '{address}: UNIT' to senders.yaml in the data directory, or import the file alone with --unit UNIT.",
    },
    {
        "zh": "猜错单位会把一个单位的进度记到另一个单位名下。",
        "en": "A wrong guess files one unit's progress under another's name.",
    },
    bad="# data/senders.yaml（没有 clerk@example.cn）",
    good="# data/senders.yaml\nclerk@example.cn: 资源县",
)

_rule(
    "F853",
    "superseded",
    "warning",
    {"zh": "同一单位重发，较早的一份未采用", "en": "resent: an earlier version was not used"},
    {
        "zh": "{unit} {quarter} 的较早一份（{attachment}，{date}）被 {later} 的重发取代：{summary}",
        "en": "the earlier version of {unit} {quarter} ({attachment}, {date}) was superseded by the one of {later}: {summary}",
    },
    {
        "zh": "核对以最新一份为准是否正确；如需采用较早的一份，单独导入该附件并加 --force。",
        "en": "Check that the latest one is right; to use the earlier one, import that attachment alone with --force.",
    },
    {
        "zh": "单位更正后重发是常事，以邮件日期最晚的一份为准，较早的列出以便核对。",
        "en": "Units resend corrections; the latest by Date counts, earlier ones are listed for checking.",
    },
    bad="7月5日 进度.docx；7月6日 进度（更正）.docx",
    good="7月6日 进度（更正）.docx",
)

_rule(
    "F854",
    "bad-senders",
    "error",
    {"zh": "senders.yaml 有误", "en": "senders.yaml is wrong"},
    {"zh": "senders.yaml：{what}", "en": "senders.yaml: {what}"},
    {
        "zh": "每行写“邮箱地址: 单位”（单位用编号、全称或简称，如 zyxzf@163.com: 资源县）。",
        "en": "Write one 'address: unit' per line (unit id, full name or alias, e.g. zyxzf@163.com: ziyuan).",
    },
    {
        "zh": "发件人对照表决定附件算哪个单位的，错误的条目不能使用。",
        "en": "The sender map decides whose an attachment is; a wrong entry cannot be used.",
    },
    bad="zyxzf@163.com: 资源",
    good="zyxzf@163.com: 资源县",
)

_rule(
    "F855",
    "bad-attachment",
    "error",
    {"zh": "附件无法解码", "en": "attachment cannot be decoded"},
    {"zh": "附件“{attachment}”无法解码：{what}", "en": "attachment '{attachment}' cannot be decoded: {what}"},
    {"zh": "请该单位重新发送附件。", "en": "Ask the unit to send the attachment again."},
    {"zh": "损坏的附件无法可靠读取。", "en": "A damaged attachment cannot be read reliably."},
    bad="Content-Transfer-Encoding: base64\n\neHh4!!!not*base64",
    good="Content-Transfer-Encoding: base64\n\nUEsDBBQAAAAI…",
)

_rule(
    "F856",
    "bad-yaml-attachment",
    "error",
    {"zh": "YAML 附件不是有效的报送文件", "en": "YAML attachment is not a valid submission"},
    {
        "zh": "附件“{attachment}”不是有效的报送文件（{what}）",
        "en": "attachment '{attachment}' is not a valid submission ({what})",
    },
    {
        "zh": "请该单位用 zengshou validate 检查后重新发送。",
        "en": "Ask the unit to check it with `zengshou validate` and send it again.",
    },
    {"zh": "无效的文件导入后只会带来更多错误。", "en": "An invalid file would only bring its errors along."},
    bad="unit: 资源县\nquarter: 2023Q3\nitems:\n  - task: 1\n    progress: [未闭合",
    good="unit: 资源县\nquarter: 2023Q3\nitems:\n  - task: 1\n    progress: 三季度……",
)

_rule(
    "F870",
    "sender-not-allowed",
    "error",
    {"zh": "发件人无权代该单位报送", "en": "sender may not file for this unit"},
    {
        "zh": "发件地址 {address} 报送的是{unit}的材料，但 senders.yaml 中该地址对应的是：{listed}；未导入",
        "en": "{address} sent a submission for {unit}, but senders.yaml lists that address for: {listed}; not imported",
    },
    {
        "zh": "先向{unit}核实；确属代报的，在 senders.yaml 中把{unit}加到该地址下（如“{key}: [资源县, 龙胜县]”）后重新导入。",
        "en": "Check with {unit}; if the address may file for it, add {unit} to the address in senders.yaml "
        "(e.g. '{key}: [ziyuan, longsheng]') and import again.",
    },
    {
        "zh": "任何人都能在邮件中冒用单位名义；senders.yaml 写明谁可以替谁报送，不符的不会覆盖该单位自己的材料。",
        "en": "Anyone can claim a unit's name in a mail; senders.yaml says who may file for whom, and a mismatch never replaces the unit's own file.",
    },
    bad="# senders.yaml\nzyx@example.cn: 资源县\n# zyx@example.cn 发来龙胜县的表单",
    good="# senders.yaml\nzyx@example.cn: [资源县, 龙胜县]",
)

_rule(
    "F871",
    "unreadable-format",
    "error",
    {"zh": "附件格式无法读取，需请单位重发", "en": "attachment format cannot be read; ask for another"},
    {"zh": "“{name}”：{what}", "en": "'{name}': {what}"},
    {
        "zh": "按上面的提示处理：请该单位重发（直接附上 Excel/Word 表格最好），或按提示另存后重新导入。",
        "en": "Do as the message says: ask the unit to send again (the Excel/Word form attached as it is is best), or save it as told and import again.",
    },
    {
        "zh": "压缩包、winmail.dat 或 .msg 里的表格读不出来，不能当作没有收到而不提示。",
        "en": "A form inside an archive, winmail.dat or .msg that cannot be read must not pass as never sent.",
    },
    bad="附件：进度.rar",
    good="附件：进度.xlsx（或 进度.zip）",
)

_rule(
    "F872",
    "sources-disagree",
    "error",
    {"zh": "单位或季度的来源互相矛盾", "en": "sources disagree on the unit or quarter"},
    {
        "zh": "{what}不一致：{first}为“{a}”，{second}为“{b}”；未导入",
        "en": "the {what} disagrees: {first} says '{a}', {second} says '{b}'; not imported",
    },
    {
        "zh": "向发件单位核实后，改正文档标题或 senders.yaml，或用 zengshou import 文件 --unit 单位 --quarter 季度 单独导入。",
        "en": "Check with the sender, then correct the title or senders.yaml, or import the file alone with --unit and --quarter.",
    },
    {
        "zh": "来源不一致时猜测会把材料记到错误的单位或季度名下。",
        "en": "Guessing between disagreeing sources files the text under the wrong unit or quarter.",
    },
    bad="senders.yaml：zyx@example.cn: 资源县；标题：龙胜县2023年第三季度落实进度",
    good="标题：资源县2023年第三季度落实进度",
)

_rule(
    "F873",
    "too-many-parts",
    "error",
    {"zh": "邮件的组成部分过多", "en": "message has too many parts"},
    {
        "zh": "邮件有 {n} 个组成部分（附件、正文、转发的邮件等），超过 {limit} 个，未读取",
        "en": "the message has {n} parts (attachments, texts, forwarded messages), more than {limit}; not read",
    },
    {
        "zh": "请该单位只附上报送表格重新发送。",
        "en": "Ask the unit to send again with only the forms attached.",
    },
    {
        "zh": "正常的报送邮件只有几个附件；过多的组成部分会让读取耗时过长、占用内存过多。",
        "en": "A real submission has a few attachments; thousands of parts would take minutes and gigabytes to read.",
    },
    bad="Content-Type: multipart/mixed; boundary=B\n（420,000 个 --B 分隔的部分，共 14 MB）",
    good="Content-Type: multipart/mixed; boundary=B\n（正文和 1 个附件：进度.xlsx）",
)

_rule(
    "F874",
    "same-date-versions",
    "error",
    {"zh": "同一时间发出的两份内容不同", "en": "two different versions with the same date"},
    {
        "zh": "{unit} {quarter} 有两份同一时间（{date}）发出、内容不同的材料：未采用“{attachment}”，采用了“{kept}”（{summary}）",
        "en": "{unit} {quarter} has two different versions sent at the same time ({date}): '{attachment}' was not used, "
        "'{kept}' was ({summary})",
    },
    {
        "zh": "向该单位核实以哪一份为准；如需采用另一份，单独导入该附件并加 --force。",
        "en": "Ask the unit which one counts; to use the other, import that attachment alone with --force.",
    },
    {
        "zh": "时间相同无法判断先后；选哪一份不取决于文件名或邮件顺序，但仍需人工确认。",
        "en": "The same time says nothing of which came later; the choice never depends on file names or order, but needs a check.",
    },
    bad="a.eml、b.eml：Date: Thu, 5 Oct 2023 09:00:00 +0800，两份附件内容不同",
    good="b.eml：Date: Thu, 5 Oct 2023 09:30:00 +0800（更正后重发）",
)

_rule(
    "F875",
    "mail-quarter-unknown",
    "error",
    {"zh": "邮件附件没有说明季度", "en": "mailed attachment does not say the quarter"},
    {
        "zh": "附件“{attachment}”（{unit}）没有说明是哪个季度的（不是 zengshou 表单，标题中也没有），未导入",
        "en": "attachment '{attachment}' ({unit}) does not say its quarter (not a zengshou form, and no title says it); not imported",
    },
    {
        "zh": "加 --quarter 季度 重新运行 zengshou import --mail；或请该单位在表格上方的标题中写明季度。",
        "en": "Run zengshou import --mail again with --quarter QUARTER, or ask the unit to name the quarter in the title above the table.",
    },
    {
        "zh": "不知道季度，就无法判断该报哪些任务。",
        "en": "Without the quarter there is no knowing which rows are due.",
    },
    bad="zengshou import --mail 收件箱.mbox",
    good="zengshou import --mail 收件箱.mbox --quarter 2023Q3",
)

#: Codes that stop a file from being imported. The rest are reported; the file is still written.
REFUSING = frozenset(
    {
        "F801",
        "F802",
        "F803",
        "F804",
        "F805",
        "F806",
        "F807",
        "F808",
        "F809",
        "F810",
        "F811",
        "F812",
        "F813",
        "F814",
        "F816",
        "F817",
        "F818",
        "F819",
        "F821",
        "F822",
        "F823",
        "F824",
        "F825",
        "F826",
        "F827",
        "F830",
        "F831",
        "F832",
        "F834",
        "F835",
        "F836",
        "F837",
        "F838",
        "F839",
        "F840",
        "F841",
        "F842",
        "F843",
        "F844",
        "F845",
        "F850",
        "F852",
        "F855",
        "F856",
        "F870",
        "F871",
        "F872",
        "F873",
        "F875",
    }
)
