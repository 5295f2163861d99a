"""Every user-facing string, by message id: ``id → (Chinese, English)``.

One catalogue for the terminal (help, messages, tables), the reports, the forms and the docs, so
the same thing has the same name everywhere. Placeholders are ``str.format`` fields and appear in
both languages (a test checks it). Rule texts stay with their rules (``zengshou.rules``: a rule's
texts keyed by its code are a catalogue of their own); everything else lives here.

Look strings up with :func:`zengshou.i18n.t`; never branch on the language in code.

Sections: vocabulary (one word per thing), formatting glue, CLI messages, help, table headers,
findings output, rule docs, notice phrases, report labels, forms. Plain data, one import (the
sign-off fields' labels, defined with the fields in :mod:`zengshou.signoff`): this module is read
on every start-up.
"""

from __future__ import annotations

from zengshou.signoff import FIELDS

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ vocabulary: one word per thing
    # unit kinds (units.yaml ``kind``): status, units, the report's 报送情况 sheet and the docs
    "kind.county": ("县（市、区）", "county"),
    "kind.department": ("市直部门", "city department"),
    "kind.other": ("其他单位", "other body"),
    "kind.group": ("群组", "group"),
    # a unit's role on a row of the key task list
    "role.lead": ("牵头", "lead"),
    "role.participant": ("配合", "participating"),
    "role.county": ("县级", "county"),
    "role.other": ("其他", "other"),
    "role.group": ("所在群组", "via group"),
    # reporting states of a unit in a quarter (zengshou.status.STATES); full form and the short
    # form narrow tables and totals use
    "state.missing": ("未报送", "missing"),
    "state.invalid": ("有错误", "invalid"),
    "state.draft": ("草稿（未填报送日期）", "draft (no date)"),
    "state.late": ("逾期报送", "late"),
    "state.on_time": ("按时报送", "on time"),
    "state.returned": ("退回", "returned"),
    "state.returned.short": ("退回", "returned"),
    "state.missing.short": ("未报送", "missing"),
    "state.invalid.short": ("有错误", "invalid"),
    "state.draft.short": ("草稿", "draft"),
    "state.late.short": ("逾期", "late"),
    "state.on_time.short": ("按时", "on time"),
    "state.late_by": ("{state} {days} 天", "{state} by {days} day(s)"),
    # finding levels
    "level.error": ("错误", "error"),
    "level.warning": ("警告", "warning"),
    "level.off": ("关闭", "off"),
    # an item's optional 进展 (models.ProgressItem.status): the values are typed in Chinese in
    # every submission, so they are the same words in both languages, glossed in English
    "progress.values": ("未启动 / 推进中 / 已完成 / 持续推进", "未启动 / 推进中 / 已完成 / 持续推进"),
    # indicator states and how an indicator adds up (zengshou.indicators)
    "ind.on_track": ("正常", "on track"),
    "ind.behind": ("滞后", "behind"),
    "ind.n/a": ("—", "n/a"),
    "ind.threshold": ("界线，不考核", "threshold, not tracked"),
    "ind.no_data": ("暂无数字", "no figures yet"),
    "ind.no_target": ("无目标值", "no target"),
    "ind.unconfirmed": ("口径待确认", "scope to be confirmed"),
    "ind.assumption": (
        "“{group}”按{members}计：方案{where}未列出名单，{unconfirmed}。",
        "{group} is taken as {members}: the plan{where} names no list; {unconfirmed}.",
    ),
    "ind.assumption_where": ("（第{rows}项）", " (rows {rows})"),
    "agg.cumulative": ("累计", "cumulative"),
    "agg.count_by": ("限期累计", "count by date"),
    "agg.level": ("保有量", "level"),
    "agg.per_year": ("年度", "per year"),
    "agg.monthly": ("每月", "every month"),
    "agg.at_least": ("不低于", "at least"),
    "agg.at_most": ("不超过", "at most"),
    "agg.threshold": ("界线", "threshold"),
    # ------------------------------------------------------------ formatting glue
    "sep.list": ("、", ", "),
    "sep.clause": ("；", "; "),
    "fmt.paren": ("{text}（{note}）", "{text} ({note})"),
    "fmt.colon": ("{label}：{value}", "{label}: {value}"),
    "fmt.row": ("第 {row} 项", "row {row}"),
    "fmt.date": ("{year}年{month}月{day}日", "{day} {month_name} {year}"),
    "fmt.date_short": ("{month}月{day}日", "{day} {month_abbr}"),
    "fmt.quarter": ("{year}年第{nth}季度", "Q{q} {year}"),
    "fmt.means": ("{short}＝{full}", "{short} = {full}"),
    "fmt.error_prefix": ("错误：", "error: "),
    "fmt.note_prefix": ("注意：", "note: "),
    # ------------------------------------------------------------ CLI: usage and environment errors
    "cli.bad_lang": ("不支持的语言：{lang}（可用 zh、en）", "unsupported language: {lang} (use zh or en)"),
    "cli.no_data_dir": (
        "数据目录不存在：{data}（用 --data 指定，或设置 ZENGSHOU_DATA）",
        "data directory not found: {data} (use --data or set ZENGSHOU_DATA)",
    ),
    "cli.unknown_unit": ("未知单位：{name}{hint}", "unknown unit: {name}{hint}"),
    "cli.unit_near": ("；可能是：{near}", "; did you mean: {near}"),
    "cli.unit_see_all": ("；用 zengshou units 查看全部单位", "; see `zengshou units`"),
    "cli.bad_quarter": (
        "季度格式不对：{text}（应为 2023Q2 这样的形式）",
        "not a quarter: {text} (expected e.g. 2023Q2)",
    ),
    "cli.quarter_outside": (
        "季度 {quarter} 不在规划期 {start}–{end} 内",
        "quarter {quarter} is outside the plan period {start}–{end}",
    ),
    "cli.group_not_unit": (
        "“{name}”是群组，不是一个报送单位；请指定具体单位，如 --unit 资源县",
        "'{name}' is a group, not a reporting unit; name one unit, e.g. --unit ziyuan",
    ),
    "cli.group_not_unit_short": ("“{name}”是群组，不是一个报送单位", "'{name}' is a group, not a reporting unit"),
    "cli.successor": (
        "自 {since} 起“{old}”的任务由“{new}”报送，已为后者生成。",
        "from {since} on, '{new}' reports for '{old}'; writing its form.",
    ),
    "cli.locked": (
        "无法替换 {path}：文件可能正在 Excel 或 WPS 中打开。请关闭后重试；原文件未改动。",
        "cannot replace {path}: it is probably open in Excel or WPS. Close it and retry; the old file is unchanged.",
    ),
    "cli.cannot_write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "cli.data_not_dir": (
        "数据目录 {data} 不是目录（是一个文件）；用 --data 指定数据目录，或设置 ZENGSHOU_DATA",
        "data directory {data} is not a directory (it is a file); use --data or set ZENGSHOU_DATA",
    ),
    "cli.not_regular": (
        "{path} 不是普通文件（是设备、命名管道、目录或符号链接），不会覆盖它",
        "{path} is not a regular file (a device, FIFO, directory or symbolic link) and will not be replaced",
    ),
    "cli.not_regular_output": (
        "--output {path} 不是普通文件（是设备、命名管道、目录或符号链接），不会覆盖它；请指定一个普通文件路径",
        "--output {path} is not a regular file (a device, FIFO, directory or symbolic link) and will "
        "not be replaced; name a regular file",
    ),
    "cli.bad_today": (
        "环境变量 ZENGSHOU_TODAY={value} 不是有效日期：应为 YYYY-MM-DD，如 2023-07-05；或删除该变量",
        "ZENGSHOU_TODAY={value} is not a valid date: use YYYY-MM-DD, e.g. 2023-07-05, or unset it",
    ),
    "cli.bad_config": ("配置文件有误：{error}", "bad configuration: {error}"),
    "cli.bad_date": ("日期格式不对：{text}（应为 YYYY-MM-DD）", "not a date: {text} (expected YYYY-MM-DD)"),
    "cli.bad_date_eg": (
        "日期格式不对：{text}（应为 YYYY-MM-DD，如 2023-07-05）",
        "not a date: {text} (expected YYYY-MM-DD, e.g. 2023-07-05)",
    ),
    "cli.no_such_file": ("文件不存在：{path}", "no such file: {path}"),
    "cli.is_folder": ("{path} 是一个文件夹", "{path} is a folder"),
    "cli.is_folder_xlsx": ("{path} 是文件夹，请给出 .xlsx 文件", "{path} is a folder; name .xlsx files"),
    "cli.is_folder_form": (
        "{path} 是文件夹，请给出 .xlsx 或 .docx 文件",
        "{path} is a folder; name .xlsx or .docx files",
    ),
    "cli.files_or_mail": (
        "请给出要导入的文件，或用 --mail 指定邮件（二者选一）",
        "name the files to import, or mail with --mail (one of the two)",
    ),
    "cli.mail_options": (
        "--mail 不能与 --unit、--submitted 同用：单位来自附件或 senders.yaml，日期来自邮件",
        "--mail takes neither --unit nor --submitted: the unit comes from the attachment or senders.yaml, "
        "the date from the message",
    ),
    "cli.no_such_mail": ("邮件文件或文件夹不存在：{path}", "no such mail file or folder: {path}"),
    "mail.title": ("邮件导入结果", "Mail import"),
    "mail.col.message": ("邮件", "message"),
    "mail.col.unit": ("单位", "unit"),
    "mail.col.attachment": ("附件", "attachment"),
    "mail.col.result": ("结果", "result"),
    "mail.why": ("（{why}）", " ({why})"),
    "mail.summary": ("共 {messages} 封邮件、{rows} 行：{counts}。", "{messages} message(s), {rows} row(s): {counts}."),
    "mail.result.imported": ("已导入", "imported"),
    "mail.result.replaced": ("已替换（旧文件已备份）", "replaced (the old file was backed up)"),
    "mail.result.unchanged": ("内容相同，未改动", "unchanged"),
    "mail.result.superseded": ("被较晚的一份取代", "superseded by a later version"),
    "mail.result.refused": ("未导入", "not imported"),
    "mail.result.skipped": ("跳过：不是报送文件", "skipped: not a submission"),
    "mail.result.no_attachment": ("没有附件", "no attachment"),
    "mail.result.deleted": ("跳过：邮件客户端中已删除", "skipped: deleted in the mail client"),
    "mail.result.not_mail": ("跳过：不是邮件文件", "skipped: not a mail file"),
    "mail.result.unreadable": ("无法读取", "cannot be read"),
    "mail.backup": ("原文件备份为 {backup}", "old file kept as {backup}"),
    "mail.by_unit": ("按单位汇总：", "By unit:"),
    "mail.unit_line": ("  {unit}：{counts}{why}", "  {unit}: {counts}{why}"),
    "mail.unit_none": ("（未归属单位）", "(no unit)"),
    "mail.unit_why": ("；原因：{why}", "; why: {why}"),
    "mail.count": ("{result} {n}", "{result} {n}"),
    "mail.why.deleted": (
        "邮件客户端已将其标为删除（尚未压缩文件夹）",
        "the mail client marked it deleted (the folder was not compacted)",
    ),
    "mail.why.no_attachment": (
        "邮件没有附件；如单位说已报送，请其把表格作为附件重发",
        "the message has no attachment; if the unit says it reported, ask it to resend the form as an attachment",
    ),
    "mail.why.empty_zip": ("压缩包里没有文件", "the archive holds no files"),
    "mail.why.other_file": ("{ext} 文件", "{ext} file"),
    "mail.broken_structure": (
        "邮件结构损坏，无法解析；请该单位重新发送",
        "the message's structure is damaged and cannot be parsed; ask the unit to send it again",
    ),
    "mail.bad_encoding": ("附件的传输编码损坏", "the attachment's transfer encoding is damaged"),
    "mail.bad_base64": (
        "附件的 base64 编码损坏（邮件可能被截断）",
        "the attachment's base64 is damaged (the mail may be cut off)",
    ),
    "mail.too_many_files": (
        "文件夹中超过 {n} 个文件，其余未读取",
        "more than {n} files in the folder; the rest were not read",
    ),
    "mail.not_regular": (
        "不是普通文件（链接、管道或设备），未读取",
        "not a regular file (a link, pipe or device); not read",
    ),
    "mail.cannot_open": (
        "文件无法打开（权限不足或已被删除）",
        "the file cannot be opened (no permission, or it was removed)",
    ),
    "mail.not_listed": (
        "（未列出该地址；该单位只接受 senders.yaml 中为它列出的地址）",
        "(the address is not listed; the unit accepts only the addresses senders.yaml lists for it)",
    ),
    "mail.unexpected": (
        "附件无法读取（内容不符合任何已知格式的规则）；请该单位重新发送，最好直接附上 Excel/Word 表格",
        "the attachment cannot be read (its content breaks the rules of every known format); ask the unit to send it again, the Excel/Word form attached as it is",
    ),
    "mail.no_address": ("（发件地址无法识别）", "(no usable sender address)"),
    "mail.no_messages": ("邮箱文件中没有邮件", "the mailbox file holds no messages"),
    "mail.empty_file": ("文件是空的", "the file is empty"),
    "mail.not_a_message": ("不是邮件文件（开头没有邮件头）", "not a mail file (it does not start with headers)"),
    "mail.too_big": ("邮件超过 {mb} MB，未读取", "message over {mb} MB, not read"),
    "mail.ask.msg": (
        "这是 Outlook 的 .msg 文件，无法读取；请在 Outlook 中把邮件另存为 .eml（或导出为 mbox），"
        "或请该单位把表格直接作为附件重发",
        "an Outlook .msg file cannot be read; save the message as .eml in Outlook (or export an mbox), "
        "or ask the unit to resend the form itself as an attachment",
    ),
    "mail.ask.rar": (
        "RAR 压缩包无法读取；请该单位把表格直接作为附件重发，或改用 .zip 压缩",
        "a RAR archive cannot be read; ask the unit to resend the form itself as an attachment, or as a .zip",
    ),
    "mail.ask.7z": (
        "7z 压缩包无法读取；请该单位把表格直接作为附件重发，或改用 .zip 压缩",
        "a 7z archive cannot be read; ask the unit to resend the form itself as an attachment, or as a .zip",
    ),
    "mail.ask.tnef": (
        "winmail.dat 是 Outlook 以“RTF 格式”发信时打包的附件，无法读取；请该单位在 Outlook 中改用 HTML "
        "或纯文本格式后重发",
        "winmail.dat is how Outlook packs attachments of a message sent in Rich Text format; ask the unit to "
        "resend in HTML or plain-text format",
    ),
    "mail.ask.encrypted_zip": (
        "压缩包设置了密码，无法读取；请该单位发送不加密的压缩包，或把表格直接作为附件发送",
        "the archive is password-protected; ask the unit for an unencrypted archive, or the form itself",
    ),
    "mail.zip.nested": (
        "压缩包嵌套超过 {n} 层，未读取；请该单位直接发送表格",
        "archives nested more than {n} deep were not read; ask the unit for the form itself",
    ),
    "mail.zip.damaged": ("压缩包已损坏；请该单位重新发送", "the archive is damaged; ask the unit to send it again"),
    "mail.zip.too_many": (
        "压缩包内有 {n} 个文件，超过 {limit} 个，未读取；请该单位只发送报送表格",
        "the archive holds {n} files, more than {limit}; not read. Ask the unit for the forms only",
    ),
    "mail.zip.too_big": (
        "压缩包解压后超过 {limit} MB，未读取；请该单位只发送报送表格",
        "the archive unpacks to more than {limit} MB; not read. Ask the unit for the forms only",
    ),
    "mail.zip.member_too_big": (
        "压缩包中的“{name}”超过 {limit} MB，未读取",
        "'{name}' in the archive is over {limit} MB; not read",
    ),
    "mail.zip.member_damaged": (
        "压缩包中的“{name}”已损坏，无法解压；请该单位重新发送",
        "'{name}' in the archive is damaged and cannot be unpacked; ask the unit to send it again",
    ),
    "mail.senders_not_mapping": ("应为“邮箱地址: 单位”的映射", "expected a mapping 'address: unit'"),
    "mail.senders_bad_address": ("“{addr}”不是邮箱地址", "'{addr}' is not a mail address"),
    "mail.senders_bad_unit": ("“{unit}”不是报送单位", "'{unit}' is not a reporting unit"),
    "mail.yaml_unit_quarter": (
        "单位“{unit}”或季度“{quarter}”无效",
        "unit '{unit}' or quarter '{quarter}' is not valid",
    ),
    "mail.same_content": ("内容相同", "same content"),
    "mail.rows_differ": ("{n} 项不同（第 {rows} 项{more}）", "{n} row(s) differ ({rows}{more})"),
    "form.err.os": (
        "无法读取文件（权限不足、正被其他程序占用或已被删除）",
        "the file cannot be read (no permission, in use by another program, or removed)",
    ),
    # what an Excel file turned out to be, and what a cell held (forms/xlsx_import.py)
    "what.is_word": ("这是 Word 文档", "it is a Word document"),
    "what.is_powerpoint": ("这是 PowerPoint 演示文稿", "it is a PowerPoint presentation"),
    "what.empty_zip": ("压缩包是空的", "the archive is empty"),
    "what.no_workbook": ("其中没有 xl/workbook.xml", "it has no xl/workbook.xml"),
    "what.looks_pdf": ("看起来是 PDF 文件", "it looks like a PDF"),
    "what.looks_html": (
        "看起来是网页或 XML 文件，例如另存为“网页”的表格",
        "it looks like HTML or XML, e.g. a sheet saved as a web page",
    ),
    "what.looks_rtf": ("看起来是 RTF 文档", "it looks like an RTF document"),
    "what.looks_text": ("看起来是文本或 CSV 文件", "it looks like a text or CSV file"),
    "kind.cell.error": ("错误值", "error value"),
    "kind.cell.date": ("日期或时间", "date or time"),
    "kind.cell.bool": ("逻辑值", "boolean"),
    "kind.cell.number": ("数字", "number"),
    "what.progress_no_seq": ("有落实进度（{ref}）但没有序号", "has progress ({ref}) but no 序号"),
    "what.not_form_row": ("不是表单原有的任务行", "is not one of the form's rows"),
    "what.task_repeated": (
        "重复了第 {seq} 项（第 {first} 行已有）",
        "repeats task {seq} (already on sheet row {first})",
    ),
    "what.task_not_on_form": ("的第 {seq} 项不是本表单的任务", "holds task {seq}, which is not on this form"),
    # what the Word reader found wrong with a form's header (forms/docx_import.py, F830/F841)
    "what.no_document": ("其中没有 word/document.xml", "it has no word/document.xml"),
    "what.header_no_unit_line": (
        "表头中没有“填报单位：…”一行，隐藏标记为“{marker}”",
        "the header line '填报单位：…' is missing; the hidden marker says '{marker}'",
    ),
    "what.header_unit_unknown": (
        "表头的填报单位“{said}”不是单位清单中的单位，隐藏标记为“{marker}”",
        "the header's unit '{said}' is not in the unit list; the hidden marker says '{marker}'",
    ),
    "what.header_other_unit": (
        "表头为“{shown}”，隐藏标记为“{marker}”",
        "the header says '{shown}', the hidden marker '{marker}'",
    ),
    "what.header_no_quarter": (
        "表头没有写季度，隐藏标记为 {marker}",
        "the header names no quarter; the hidden marker says {marker}",
    ),
    "what.header_other_quarter": (
        "表头为 {shown}，隐藏标记为 {marker}",
        "the header says {shown}, the hidden marker {marker}",
    ),
    "what.missing.unit": ("单位", "unit"),
    "what.missing.quarter": ("季度", "quarter"),
    "form.header_unit_missing": ("（表头没有“填报单位：”一行）", "(the header has no 填报单位 line)"),
    "form.err.zip": (
        "压缩包已损坏（文件可能没有传完整）",
        "its zip structure is damaged (the file may be incomplete)",
    ),
    "form.err.part": ("该部件已损坏，无法解压", "the part is damaged and cannot be unpacked"),
    "form.err.xml": ("该部件的 XML 已损坏", "the part's XML is damaged"),
    "form.err.dtd": ("DTD 或实体声明", "a DTD or entity declaration"),
    "form.err.workbook": (
        "文件内容已损坏，或不是 Excel/WPS 能打开的工作簿",
        "its content is damaged, or it is not a workbook Excel/WPS can open",
    ),
    "form.is_msg": (
        "这是 Outlook 的邮件文件（.msg），不是表单；请在 Outlook 中把邮件另存为 .eml 后用 zengshou import --mail "
        "导入，或把其中的附件另存出来再导入",
        "an Outlook message (.msg), not a form; save it as .eml in Outlook and use zengshou import --mail, "
        "or save its attachment and import that",
    ),
    "form.is_eml": (
        "这是一封邮件（.eml 或 mbox），不是表单；请用 zengshou import --mail 文件 导入",
        "a mail message (.eml or mbox), not a form; import it with zengshou import --mail FILE",
    ),
    "mail.source.unit": ("单位", "unit"),
    "mail.source.quarter": ("季度", "quarter"),
    "mail.source.senders": ("senders.yaml（发件人）", "senders.yaml (the sender)"),
    "mail.source.title": ("文档标题", "the document's title"),
    "mail.nothing_new": (
        "没有新内容：这些邮件已全部导入过（重复运行不会重复导入）。",
        "Nothing new: every message was imported before (running again imports nothing twice).",
    ),
    "cli.not_folder_all": (
        "{path} 不是文件夹（--all 时 -o 指定文件夹）",
        "{path} is not a folder (with --all, -o names a folder)",
    ),
    "cli.no_rows": ("“{name}”在重点任务清单中没有任务，无需报送", "'{name}' is named on no row; nothing to report"),
    "cli.exists": (
        "{path} 已存在，未改动（可能已有填写内容）；确需重新生成请加 --force（原文件会另存为 .bak）",
        "{path} already exists and was left alone (it may hold work); use --force to replace it "
        "(the old file is kept as .bak)",
    ),
    "cli.same_content": ("{path} 内容相同，未改动", "{path}: same content, unchanged"),
    "cli.cannot_read": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "writer.outside_data": (
        "路径经符号链接指向数据目录之外（如季度文件夹是链接），不会写到那里；validate 也不会读取",
        "the path leads out of the data directory through a symbolic link (a quarter folder made a link, "
        "say); nothing is written there, and validate would not read it",
    ),
    "writer.lock_timeout": (
        "另一个程序正在写入同一单位的报送文件，等待超时；稍后重试",
        "another program is writing the same unit's submission and did not finish in time; retry later",
    ),
    # configuration files (zengshou.configfile.SCHEMA): each names the file, the key, what to write
    "config.unknown_key": (
        "{path}：不认识的设置 {key}（可用的有：{known}）；请检查拼写，或删去这一行",
        "{path}: unknown setting {key} (known: {known}); check the spelling or remove the line",
    ),
    "config.not_table": (
        "{path}：{key} 必须是一个表（一组设置），例如 {example}",
        "{path}: {key} must be a table (a group of settings), e.g. {example}",
    ),
    "config.want_bool": (
        "{path}：{key} 必须是 true 或 false（不加引号），不是 {value}；例如 {example}",
        "{path}: {key} must be true or false (no quotes), not {value}; e.g. {example}",
    ),
    "config.want_int": (
        "{path}：{key} 必须是整数（不加引号），不是 {value}；例如 {example}",
        "{path}: {key} must be a whole number (no quotes), not {value}; e.g. {example}",
    ),
    "config.want_text": (
        "{path}：{key} 必须是加引号的文字，不是 {value}；例如 {example}",
        "{path}: {key} must be a quoted text, not {value}; e.g. {example}",
    ),
    "config.want_table": (
        "{path}：{key} 必须是一个表，不是 {value}；例如 {example}",
        "{path}: {key} must be a table, not {value}; e.g. {example}",
    ),
    "config.bad_text": (
        "{path}：{key} 必须是 1 至 {limit} 个字符的一行文字，不含控制字符；例如 {example}",
        "{path}: {key} must be one line of 1 to {limit} characters without control characters; e.g. {example}",
    ),
    "config.not_a_choice": (
        "{path}：{key} 只能是 {choices}；例如 {example}",
        "{path}: {key} must be one of {choices}; e.g. {example}",
    ),
    "config.out_of_range": (
        "{path}：{key} 必须在 {low} 到 {high} 之间，不是 {value}；例如 {example}",
        "{path}: {key} must be between {low} and {high}, not {value}; e.g. {example}",
    ),
    "config.too_many": (
        "{path}：{key} 有 {n} 项，最多 {limit} 项",
        "{path}: {key} has {n} entries, at most {limit} are allowed",
    ),
    "config.too_big": (
        "{path}：配置文件超过 {limit} KB，不像是配置文件",
        "{path}: the configuration file is over {limit} KB, which no configuration needs",
    ),
    "cli.bad_office": (
        "--office 必须是 1 至 {limit} 个字符的一行文字，不含控制字符",
        "--office must be one line of 1 to {limit} characters without control characters",
    ),
    "config.deadline_quarter": (
        '{path}：[deadlines] 中的 {key} 不是季度；写成如 2023Q3 = "2023-10-09"',
        '{path}: [deadlines]: {key} is not a quarter; write e.g. 2023Q3 = "2023-10-09"',
    ),
    "config.deadline_date": (
        '{path}：[deadlines] {key}：{value} 不是日期；写成 "YYYY-MM-DD"，如 "2023-10-09"',
        '{path}: [deadlines] {key}: {value} is not a date; write it as "YYYY-MM-DD", e.g. "2023-10-09"',
    ),
    "config.deadline_range": (
        "{path}：[deadlines] {key}：{day} 必须在季度结束（{end}）之后，且不晚于 {last}",
        "{path}: [deadlines] {key}: {day} must fall after the quarter ends ({end}) and by {last}",
    ),
    "config.deadline_twice": ("{path}：[deadlines] 中 {key} 写了两次", "{path}: [deadlines]: {key} is given twice"),
    "config.unknown_rule": (
        '{path}：[rules] 中不认识的规则“{name}”；写规则代码或名称，如 C407 = "error"（zengshou rules 可查）',
        '{path}: unknown rule {name} in [rules]; write a code or a name, e.g. C407 = "error" (see `zengshou rules`)',
    ),
    "config.bad_level": (
        "{path}：规则 {name} 的级别只能是 {levels}，不是 {level}",
        "{path}: rule {name}: level must be one of {levels}, not {level}",
    ),
    "cli.cannot_back_up": ("无法备份 {path}，未改动：{reason}", "cannot back up {path}, left alone: {reason}"),
    "cli.diff_old": ("现有 / existing", "现有 / existing"),
    "cli.diff_new": ("新生成 / new", "新生成 / new"),
    "cli.exists_differs": (
        "{path} 已存在且内容不同（可能已填写），未改动；确需重新生成请加 --force",
        "{path} exists with different content (maybe filled in) and was left alone; use --force to replace it",
    ),
    "cli.unit_or_all": (
        "请用 --unit 指定一个单位，或用 --all 生成全部单位的表单（二者选一）",
        "give either --unit for one unit or --all for every unit (one of the two)",
    ),
    "cli.no_task_row": (
        "重点任务清单中没有第 {row} 项（共 {count} 项）",
        "the key task list has no row {row} (it has {count})",
    ),
    "cli.no_quarter_folders": (
        "{path} 下没有季度文件夹；用 --quarter 指定季度",
        "no quarter folders under {path}; name one with --quarter",
    ),
    "cli.no_such_rule": ("没有这条规则：{code}{hint}", "no such rule: {code}{hint}"),
    "cli.rule_see_all": ("；用 zengshou rules 查看全部规则", "; see `zengshou rules`"),
    "cli.changed_with_paths": ("--changed 不能与文件参数同时使用", "--changed cannot be combined with file arguments"),
    "cli.changed_unknown": ("无法确定改动的文件：{error}", "cannot tell which files changed: {error}"),
    "cli.bad_formats": (
        "不支持的格式：{formats}（可用 docx、xlsx、html，用逗号分隔）",
        "unsupported format: {formats} (use docx, xlsx, html, comma-separated)",
    ),
    "cli.templates_missing": ("模板目录不存在：{path}", "template folder not found: {path}"),
    # CLI: what was done
    "cli.new_wrote": (
        "已写入 {path}：{unit} {quarter}，须报送 {n} 项任务{extra}。\n填写后运行：zengshou validate {path}",
        "wrote {path}: {unit}, {quarter}, {n} required row(s){extra}.\nWhen filled in, run: zengshou validate {path}",
    ),
    "cli.new_replaced": (
        "已替换 {path}：{unit} {quarter}，须报送 {n} 项任务{extra}。\n填写后运行：zengshou validate {path}",
        "replaced {path}: {unit}, {quarter}, {n} required row(s){extra}.\nWhen filled in, run: zengshou validate {path}",
    ),
    "cli.new_optional": ("（另有 {n} 项可选）", " (+{n} optional)"),
    "cli.new_kept": ("；原文件另存为 {backup}", "; the old file is kept as {backup}"),
    "cli.form_wrote": (
        "已写入 {path}：{unit} {quarter}，须报送 {n} 项任务{extra}",
        "wrote {path}: {unit}, {quarter}, {n} required row(s){extra}",
    ),
    "cli.form_optional": ("（另有 {n} 项选填）", " (+{n} optional)"),
    "cli.imported": (
        "已导入 {source} → {target}：{items} 项，已填写 {filled} 项",
        "imported {source} → {target}: {items} item(s), {filled} filled in",
    ),
    "cli.replaced": (
        "已替换 {source} → {target}：{items} 项，已填写 {filled} 项",
        "replaced {source} → {target}: {items} item(s), {filled} filled in",
    ),
    "cli.import_same": ("{source} → {target}：内容相同，未改动", "{source} → {target}: same content, unchanged"),
    "cli.not_imported": ("未导入 {source}（见下列问题）", "not imported: {source} (see below)"),
    "cli.merge_stopped": ("合并已中止：{n} 个错误", "merge stopped: {n} error(s)"),
    "cli.merge_skip_hint": (
        "；修正后重试，或用 --skip-invalid 跳过有错误的报送文件（它们会在报表中标出）",
        "; fix them and retry, or use --skip-invalid to leave those submissions out (marked in the report)",
    ),
    "cli.merge_skipped": ("已跳过 {n} 个有错误的报送文件：{files}", "skipped {n} submission(s) with errors: {files}"),
    "cli.merge_strict_hint": (
        "（--strict：有错误即中止；去掉 --strict 时，无法读取的文件略去、内容问题列入审核意见）",
        " (--strict: any error stops the merge; without it unreadable files are left out and "
        "content findings go to the review notes)",
    ),
    "cli.merge_left_out": (
        "未汇总 {n} 个无法读取的文件：{files}（原因见报送情况）",
        "left out {n} file(s) that could not be read: {files} (reasons in the status)",
    ),
    # ------------------------------------------------------------ help: the program
    "help.app": (
        "增收：桂林市促进脱贫人口持续增收三年行动方案重点任务落实进度的季度报送工具。\n\n"
        "退出码：0 正常；1 发现问题（或仍有单位未报送）；2 用法或环境错误。",
        "zengshou (增收): quarterly progress reporting on the key tasks of Guilin's plan to keep raising "
        "the incomes of people lifted out of poverty.\n\n"
        "Exit codes: 0 ok, 1 findings (or units still missing), 2 usage or environment error.",
    ),
    "help.version": ("显示版本号后退出。", "Print the version and exit."),
    "help.help": ("显示本帮助后退出。", "Show this help and exit."),
    "help.install_completion": ("为当前 shell 安装命令补全。", "Install completion for the current shell."),
    "help.show_completion": (
        "显示当前 shell 的命令补全脚本，可复制后自行安装。",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    "help.quickstart": (
        "增收：重点任务落实进度季度报送工具\n"
        "\n"
        "填报人员（各县、市直牵头单位）\n"
        "  zengshou tasks --unit 资源县                  本单位负责哪些任务\n"
        "  zengshou new --unit 资源县 --quarter 2023Q3   生成本单位的填报文件\n"
        "  zengshou validate 文件.yaml                   检查填好的文件\n"
        "  zengshou rules C404                           查看某条提示的说明\n"
        "\n"
        "汇总人员\n"
        "  zengshou status --quarter 2023Q3              谁已报送、谁还没有\n"
        "  zengshou status --quarter 2023Q3 --remind     生成催报通知\n"
        "  zengshou template --all --quarter 2023Q3      生成 Excel 填报表\n"
        "  zengshou import 表格.xlsx                     导入填好的 Excel 表\n"
        "  zengshou merge --quarter 2023Q3               生成汇总表（Excel 和网页）\n"
        "\n"
        "说明：README.md（给填报人员的说明）、docs/rules.md、docs/report.md、\n"
        "docs/forms.md。全部命令：zengshou --help；每个命令：zengshou 命令 --help。\n"
        "English: zengshou --lang en",
        "zengshou (增收): quarterly progress reporting on the key tasks\n"
        "\n"
        "Clerks (counties, city lead units)\n"
        "  zengshou tasks --unit ziyuan                  the rows your unit reports on\n"
        "  zengshou new --unit ziyuan --quarter 2023Q3   write your ready-to-fill file\n"
        "  zengshou validate FILE.yaml                   check the filled-in file\n"
        "  zengshou rules C404                           explain a finding\n"
        "\n"
        "Coordinator\n"
        "  zengshou status --quarter 2023Q3              who has reported\n"
        "  zengshou status --quarter 2023Q3 --remind     the reminder notice\n"
        "  zengshou template --all --quarter 2023Q3      Excel forms for clerks\n"
        "  zengshou import FORM.xlsx                     read a filled-in form back\n"
        "  zengshou merge --quarter 2023Q3               the report (Excel and HTML)\n"
        "\n"
        "Docs: README.md, docs/rules.md, docs/report.md, docs/forms.md.\n"
        "Every command: zengshou --help; one command: zengshou COMMAND --help.\n"
        "中文：zengshou --lang zh",
    ),
    # help: shared options
    "opt.data": (
        "数据目录，含 tasks.yaml、units.yaml 和 progress/。",
        "Data directory holding tasks.yaml, units.yaml and progress/.",
    ),
    "opt.lang": ("输出语言：zh（中文，默认）或 en（英文）。", "Language of messages and help: zh (default) or en."),
    "opt.format_table": ("输出格式：table（表格）或 json。", "Output format: table or json."),
    "opt.quarter": ("季度，如 2023Q2。", "Quarter, e.g. 2023Q2."),
    "opt.unit": ("单位：编号、全称或简称。", "Unit: id, full name or alias."),
    # help: commands (short: the one line of `zengshou --help`; long: the command's own help)
    "cmd.tasks.short": ("重点任务清单，或某单位负责的任务", "The key task list, or one unit's rows"),
    "cmd.tasks": (
        "列出重点任务清单；用 --unit 只列某单位涉及的任务及其角色（牵头、配合、县级）。",
        "List the key task list (重点任务清单); with --unit, only the rows that unit is named on, "
        "and its role (lead, participating, county).",
    ),
    "opt.tasks.unit": (
        "只列此单位涉及的任务：编号、全称或简称。",
        "Only rows this unit is named on: id, full name or alias.",
    ),
    "cmd.units.short": ("单位编号、名称、类别和简称", "Unit ids, names, kinds and aliases"),
    "cmd.units": (
        "列出全部单位：编号（用于文件名）、全称、类别、须报送项数和简称。",
        "List the units: ids (used in file names), full names, kinds, rows due and aliases.",
    ),
    "cmd.validate.short": ("检查定义文件和填报文件", "Check the definitions and the submissions"),
    "cmd.validate": (
        "检查 tasks.yaml、units.yaml 和填报文件。\n\n退出码：0 没有问题；1 发现问题；2 用法错误。",
        "Check tasks.yaml, units.yaml and the progress files.\n\nExit codes: 0 clean, 1 findings, 2 usage error.",
    ),
    "opt.validate.paths": (
        "要检查的文件或文件夹（pre-commit 会传入文件名）；不给则检查整个数据目录。",
        "Files or folders to check (pre-commit passes file names). Default: the whole data directory.",
    ),
    "opt.validate.quarter": ("只检查此季度，如 2023Q2。", "Only this quarter, e.g. 2023Q2."),
    "opt.validate.strict": ("有警告也算不通过（退出码 1）。", "Warnings fail the run too."),
    "opt.validate.format": (
        "输出格式：text（文字）、json 或 github（GitHub 注解）。",
        "text, json or github (annotations).",
    ),
    "opt.validate.output": ("另把 JSON 格式的结果写入此文件。", "Also write the JSON report to this file."),
    "opt.validate.changed": (
        "只检查某个 git 版本以来改动的文件（已提交、已暂存、未暂存、未跟踪）。若 tasks.yaml、"
        "units.yaml 或 zengshou.toml 有改动，则检查全部。版本用 --changed 版本 或 --since 版本"
        " 指定，默认 origin/HEAD，没有时为 HEAD。",
        "Only files changed since a git ref (committed, staged, unstaged, untracked); "
        "everything when tasks.yaml, units.yaml or zengshou.toml changed. Ref: `--changed REF` or "
        "--since REF, default origin/HEAD, else HEAD.",
    ),
    "opt.validate.since": (
        "--changed 比较的 git 版本（隐含 --changed），如 origin/main。",
        "Git ref for --changed (implies it), e.g. origin/main.",
    ),
    "opt.validate.no_cache": (
        "逐个重新检查所有文件，不读也不写缓存（缓存在数据目录旁的 .zengshou-cache/ 文件夹中）。",
        "Check every file afresh: neither read nor write the cache (.zengshou-cache beside "
        "the data directory, or ZENGSHOU_CACHE_DIR).",
    ),
    "cmd.new.short": ("为某单位生成待填写的报送文件", "Write a ready-to-fill submission for a unit"),
    "cmd.new": (
        "为某单位生成本季度待填写的报送文件：列出须报送的每项任务，任务原文写在注释里。\n\n"
        "已有文件时不覆盖（提示后退出码 2）；确需重新生成请加 --force。",
        "Write a ready-to-fill submission for a unit: every row it must report on, with the task as a comment.\n\n"
        "Never overwrites an existing file: it says so and exits 2; --force replaces it.",
    ),
    "opt.new.force": (
        "替换已有文件（其中可能有已填写的内容，请慎用）。",
        "Replace an existing file (it is the clerk's work: careful).",
    ),
    "opt.new.output": (
        "写到此处，而不是 数据目录/progress/季度/单位编号.yaml；用 - 输出到屏幕。",
        "Write here instead of <data>/progress/<quarter>/<unit id>.yaml; '-' prints it.",
    ),
    "opt.new.all_rows": (
        "同时列出本单位只是配合的任务（可选填）。",
        "Also list the rows the unit only participates in (optional to report).",
    ),
    "cmd.status.short": ("本季度谁已报送、谁还没有", "Who has reported for a quarter"),
    "cmd.status": (
        "某季度的报送情况：按时、逾期、草稿、有错误、退回、未报送。--quarter last 表示今天应报送的季度（上一季度），便于定时任务。\n\n"
        "退出码：0 所有应报单位都已按要求报送；1 仍有单位未报送或有错误（便于定时催报）；2 用法错误或发送失败。",
        "Who has reported for a quarter: on time, late, draft, invalid, returned or missing. --quarter last is the "
        "quarter whose reports are due today (the previous one), for scheduled runs.\n\n"
        "Exit codes: 0 when every unit that must report has a valid, dated file covering all its rows; 1 while "
        "anything is missing or invalid (so a scheduler can keep sending reminders); 2 on usage errors or when "
        "a send failed.",
    ),
    "opt.status.remind": (
        "不显示表格，改为生成催报通知（列出未报送或需修改的单位）。",
        "Print the reminder notice (催报通知) for the units still missing or invalid, instead of the table.",
    ),
    "opt.status.date": (
        "催报通知落款日期，YYYY-MM-DD（默认今天）。",
        "Date printed on the notice, YYYY-MM-DD (default: today).",
    ),
    "opt.status.templates": (
        "存放 reminder.txt.j2 的文件夹（英文为 reminder.en.txt.j2；默认数据目录旁的 templates/）。",
        "Folder holding reminder.txt.j2 (reminder.en.txt.j2 with --lang en; default: templates/ beside "
        "the data folder).",
    ),
    "cmd.merge.short": (
        "生成本季度报告：呈报版（文字文档、表格、网页）和工作底稿",
        "The quarter's report: for leaders and working papers",
    ),
    "cmd.merge": (
        "把本季度的报送文件合并为两份文件：呈报版（领导阅，文字文档、表格、网页：正文——报送情况、任务进展、"
        "指标完成情况及滞后单位、需关注事项；附件——汇总表、量化指标完成情况、口径说明）"
        "和工作底稿（表格、网页：报送情况及联系人、审核意见；各单位落实进度，每个单位每项一行）。\n\n"
        "无法读取的文件不汇总并注明原因；内容问题列入审核意见；草稿不进入呈报版（除非 --include-drafts）；"
        "未报送的显示为“未报送”。--strict：有错误即中止（退出码 1）。"
        "写出 reports/季度/方案名-季度-落实进度.docx/.xlsx/.html 和 -工作底稿.xlsx/.html，并显示其路径。",
        "Merge the quarter's submissions into two documents: the report for leaders (Word, Excel, HTML: an "
        "overview — status, progress of the tasks, targets and who is behind, what needs attention — and its "
        "annexes: summary table, targets, notes on the figures) and the working papers (Excel, HTML: status "
        "with contacts and review notes; every unit's text, one line per unit and row).\n\nA file that cannot be read is left out "
        "and named; content findings go to the review notes; drafts stay out of the report for leaders (unless "
        "--include-drafts); missing submissions show as 未报送. --strict: any error stops the merge (exit 1). "
        "Writes reports/<quarter>/<plan>-<quarter>-落实进度.docx/.xlsx/.html and the working papers "
        "(…-工作底稿.xlsx/.html), and prints their paths.",
    ),
    "opt.merge.quarter": ("要汇总的季度，如 2023Q2。", "Quarter to merge, e.g. 2023Q2."),
    "opt.merge.out": ("输出文件夹，默认 reports/季度/。", "Output folder. Default: reports/<quarter>/."),
    "opt.merge.format": (
        "输出格式，用逗号分隔：docx、xlsx、html（默认全部）。",
        "Comma-separated: docx, xlsx, html (default: all three).",
    ),
    "opt.merge.include_drafts": (
        "草稿（未填报送日期）也列入呈报版，标【草稿】（内部预览用）。",
        "Show drafts (no submitted date) in the report for leaders, marked 【草稿】 (internal preview).",
    ),
    "opt.merge.strict": (
        "报送文件有任何错误即中止（默认：无法读取的文件略去，内容问题列入审核意见）。",
        "Any error in a submission stops the merge (default: unreadable files are left out, content findings listed).",
    ),
    "opt.merge.date": (
        "标题下的截至日期，YYYY-MM-DD（默认本季度截止日期）。",
        "The date under the title (截至日期), YYYY-MM-DD (default: the quarter's deadline).",
    ),
    "opt.merge.office": (
        "标题下的编制单位（默认取 zengshou.toml 中的 report.office，否则 tasks.yaml 的 plan.office）。",
        "The compiling office under the title (编制单位; default: [report] office in zengshou.toml, "
        "else plan.office in tasks.yaml).",
    ),
    "opt.merge.skip_invalid": (
        "有错误的报送文件一律不汇总（在报告中标出）。",
        "Also leave out every submission with an error (marked in the report).",
    ),
    "opt.merge.templates": (
        "自定义 report.html.j2 / workpaper.html.j2 所在文件夹（缺少的文件用内置模板）。",
        "Folder with your own report.html.j2 / workpaper.html.j2 (missing files fall back to the built-in ones).",
    ),
    "cmd.template.short": ("生成 Excel 或 Word 填报表", "Excel or Word forms for clerks"),
    "cmd.template": (
        "为填报人员生成填报表：Excel（.xlsx，落实进度、进展、指标数值和填报人等单元格可编辑）或 Word（.docx，--format docx）。\n\n"
        "输入相同则文件逐字节相同。已有内容不同的文件不覆盖，除非加 --force。",
        "Write forms for clerks: Excel (.xlsx: 落实进度, 进展, figures and 填报人/联系电话/审核人 editable) "
        "or Word (.docx, --format docx).\n\n"
        "Same inputs, same bytes. An existing file with different content is left alone unless --force.",
    ),
    "opt.template.all": ("为该季度每个应报单位各生成一份。", "One form for every unit that must report that quarter."),
    "opt.template.output": (
        "输出文件（默认 ./单位编号-季度.xlsx 或 .docx）；用 --all 时为文件夹（默认 forms/季度/，每单位一个文件）。",
        "File to write (default ./<unit id>-<quarter>.xlsx or .docx); with --all a folder (default "
        "forms/<quarter>/, one file per unit).",
    ),
    "opt.template.format": (
        "xlsx（Excel/WPS 表格，默认）或 docx（Word/WPS 文字）。",
        "xlsx (Excel/WPS spreadsheet, the default) or docx (Word/WPS Writer).",
    ),
    "opt.template.all_rows": (
        "同时列出本单位只是配合的任务，标为选填。",
        "Also list the rows the unit only participates in, marked optional (选填).",
    ),
    "opt.template.force": (
        "替换内容不同的已有文件（已填写的表会丢失）。",
        "Replace existing files that differ (a filled-in form would be lost).",
    ),
    "cmd.import.short": (
        "导入填好的 Excel/Word 表或邮件附件并检查",
        "Import filled-in Excel/Word forms or mail attachments",
    ),
    "cmd.import": (
        "把填好的 Excel/Word 表（或 --mail 邮件中的附件）导入为 progress/季度/单位编号.yaml，然后检查。\n\n"
        "退出码：0 已导入且无错误（或没有新内容）；1 发现问题（有文件被拒绝，或导入后有错误）；2 用法错误。",
        "Import filled-in Excel/Word forms (or, with --mail, mail attachments) into progress/<quarter>/<unit id>.yaml, "
        "then validate them.\n\n"
        "Exit 0 imported and valid (or nothing new), 1 findings (a file refused, or imported but invalid), 2 usage error.",
    ),
    "opt.import.files": (
        "填好的 Excel 表（.xlsx）或 Word 表（.docx）：本工具生成的表单或方案原表。",
        "Filled-in forms: Excel (.xlsx) or Word (.docx), zengshou's or the plan's own table.",
    ),
    "opt.import.mail": (
        "导入邮件中的全部报送附件：一个 .eml 文件、存放 .eml 的文件夹，或 mbox 邮箱文件。报送日期取邮件日期（北京时间）。",
        "Import every submission attached to mail: an .eml file, a folder of .eml files, or an mbox file. "
        "The date sent is the message's Date in China Standard Time.",
    ),
    "opt.import.unit": (
        "所属单位：导入方案原表时必填（Word 表的标题写明时可省），导入填报表时用于核对。",
        "Whose file it is: required for the plan's own table (unless a Word table's title says), checked against a form.",
    ),
    "opt.import.quarter": (
        "哪个季度：导入方案原表时必填（Word 表的标题写明时可省），导入填报表时用于核对。",
        "Which quarter: required for the plan's own table (unless a Word table's title says), checked against a form.",
    ),
    "opt.import.submitted": (
        "报送日期；不填则导入为草稿。",
        "Date the form was sent; without it the submission is a draft.",
    ),
    "opt.import.force": ("替换已有的报送文件，并显示改动。", "Replace an existing submission, showing what changed."),
    "cmd.schema.short": ("输出某类文件的 JSON Schema", "The JSON Schema of a file kind"),
    "cmd.schema": (
        "输出某类文件的 JSON Schema（供编辑器和 check-jsonschema 使用）。",
        "Print the JSON Schema of a file kind (for editors and check-jsonschema).",
    ),
    "opt.schema.kind": (
        "progress（季度报送文件）、tasks 或 units。",
        "progress (a quarterly submission), tasks or units.",
    ),
    "cmd.rules.short": ("全部检查规则，或解释一条", "Every rule, or one explained"),
    "cmd.rules": (
        "列出全部检查规则，或解释一条：检查什么、为什么、错误示例和正确示例。",
        "List every rule, or explain one: what it checks, why, a failing and a fixed example.",
    ),
    "opt.rules.code": (
        "要解释的规则代码（如 C404）或名称（如 empty-progress）。",
        "A rule code (C404) or name (empty-progress) to explain.",
    ),
    "opt.rules.format": ("输出格式：text（文字）或 json。", "text or json."),
    "cmd.indicators.short": ("量化指标完成情况", "The plan's quantitative targets"),
    "cmd.indicators": (
        "规划的量化指标：实际数、目标值、完成比例、应完成比例，正常或滞后。",
        "The plan's quantitative targets: actual figures, target, share achieved and due, on track or behind.",
    ),
    "opt.indicators.quarter": (
        "季度，如 2023Q2（默认 progress/ 下最新的季度）。",
        "Quarter, e.g. 2023Q2 (default: the latest folder under progress/).",
    ),
    "cmd.history.short": ("某项任务历季度的填报内容", "A row's progress across quarters"),
    "cmd.history": ("某项任务历季度的落实进度和指标数字。", "A row's progress texts and figures across all quarters."),
    "opt.history.task": ("重点任务清单的序号。", "Row number (序号) of the key task list."),
    "opt.history.unit": ("只看此单位：编号、全称或简称。", "Only this unit: id, full name or alias."),
    # metavars: the placeholders of the usage line
    "meta.paths": ("路径", "PATH"),
    "meta.files": ("文件", "FILE"),
    "meta.ref": ("版本", "REF"),
    "meta.code": ("代码", "CODE"),
    "meta.kind": ("文件类型", "KIND"),
    "meta.channel": ("渠道", "CHANNEL"),
    "meta.options": ("[选项]", "[OPTIONS]"),
    "meta.command": ("命令 [参数]…", "COMMAND [ARGS]…"),
    # help chrome: click's and typer's own words (msgid is click's English)
    "chrome.Usage:": ("用法：", "Usage:"),
    "chrome.Options": ("选项", "Options"),
    "chrome.Arguments": ("参数", "Arguments"),
    "chrome.Commands": ("命令", "Commands"),
    "chrome.Error": ("错误", "Error"),
    "chrome.default": ("默认：{}", "default: {}"),
    "chrome.env_var": ("环境变量：{}", "env var: {}"),
    "chrome.required": ("必填", "required"),
    "chrome.try_help": (
        "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
        "Try [blue]'{command_path} {help_option}'[/] for help.",
    ),
    "chrome.Aborted.": ("已中止。", "Aborted."),
    # ------------------------------------------------------------ tables
    "table.blocks": (
        "（终端较窄，每行改为一段显示，依次为：{columns}）",
        "(narrow terminal: one block per row, fields in order: {columns})",
    ),
    "table.short_forms": ("（终端较窄，用简写：{forms}）", "(narrow terminal, short forms: {forms})"),
    # status
    "status.title": ("{quarter}落实进度报送情况（截止 {deadline}）", "Submissions for {quarter} (deadline {deadline})"),
    "status.unit": ("单位", "Unit"),
    "status.kind": ("类别", "Kind"),
    "status.file": ("文件", "File"),
    "status.submitted": ("报送日期", "Submitted"),
    "status.state": ("状态", "State"),
    "status.missing": ("缺报任务", "Rows missing"),
    "status.errors": ("错误", "Errors"),
    "status.warnings": ("警告", "Warnings"),
    "status.all_missing": ("{n}（全部）", "{n} (all)"),
    "status.some_missing": ("{n}（{rows}）", "{n} ({rows})"),
    "status.total": ("合计", "Total"),
    "status.total_reported": ("已报 {reported}/{units}", "{reported}/{units} reported"),
    "status.totals": (
        "合计：应报 {units} 个单位，{states}；缺报任务 {missing_rows} 项，错误 {errors} 个，警告 {warnings} 个。",
        "Total: {units} units must report: {states}; {missing_rows} required row(s) missing, "
        "{errors} error(s), {warnings} warning(s).",
    ),
    "status.state_count": ("{state} {n}", "{state} {n}"),
    "status.others": (
        "其他文件（不属于须报送单位，或与已报送文件重复）：{files}",
        "Other files (no unit that must report, or duplicates): {files}",
    ),
    "status.complete": ("全部单位已按要求报送。", "Every unit has reported."),
    "status.waiting": (
        "尚有 {n} 个单位未报送或需修改；zengshou status --quarter {quarter} --remind 可生成催报通知。",
        "{n} unit(s) still missing or to fix; `zengshou status --quarter {quarter} --remind` prints a reminder notice.",
    ),
    "status.no_file_column": (
        "（终端较窄，省略了“类别”“文件”两列：除“未报送”的单位外都已收到文件；类别见 zengshou units）",
        "(narrow terminal: the Kind and File columns are left out; every unit but the missing ones has "
        "a file; kinds: zengshou units)",
    ),
    # tasks
    "tasks.title": ("{plan} — 重点任务清单", "{plan} — key task list"),
    "tasks.title_unit": ("{unit}：涉及 {rows} 项任务，须报送 {n} 项", "{unit}: named on {rows} rows, must report {n}"),
    "tasks.row": ("序号", "Row"),
    "tasks.measure": ("措施", "Measure"),
    "tasks.task": ("具体落实措施", "Task"),
    "tasks.lead": ("牵头单位", "Lead"),
    "tasks.units": ("责任单位", "Units"),
    "tasks.role": ("角色", "Role"),
    # units
    "units.title": ("责任单位", "Units"),
    "units.id": ("编号", "Id"),
    "units.name": ("名称", "Name"),
    "units.kind": ("类别", "Kind"),
    "units.due": ("须报送", "Must report"),
    "units.aliases": ("简称", "Aliases"),
    "units.members": ("成员：{names}", "members: {names}"),
    # indicators
    "indicators.title": ("{plan} — 量化指标（截至{quarter}）", "{plan} — indicators as of {quarter}"),
    "indicators.row": ("序号", "Row"),
    "indicators.name": ("指标（计算方式）", "Indicator (how it adds up)"),
    "indicators.actual": ("实际", "Actual"),
    "indicators.target": ("目标", "Target"),
    "indicators.done": ("完成", "Done"),
    "indicators.due": ("应完成", "Due"),
    "indicators.status": ("状态", "Status"),
    "indicators.note": (
        "实际：全市合计（按比例考核的取最低/最高值；括号内为已报数字的单位/应报单位）。应完成：按规划期线性推算。"
        "每县各有目标的指标，任一县未达即为滞后。",
        "Actual: city total (shares: the lowest / highest reported; in brackets units reported / units due). "
        "Due: linear over the plan period. Where each county has its own target, one county short makes it behind.",
    ),
    "indicators.unconfirmed": ("〔{note}〕", "[{note}]"),
    "indicators.confirm_scope": (
        "核实后在 units.yaml 中改正该组成员并将 confirmed 改为 true。",
        " Once checked, correct the group's members in units.yaml and set confirmed: true.",
    ),
    # history
    "history.title": ("第 {row} 项：{text}", "Row {row}: {text}"),
    "history.quarter": ("季度", "Quarter"),
    "history.unit": ("单位", "Unit"),
    "history.status": ("进展", "Status"),
    "history.figures": ("指标数字", "Figures"),
    "history.progress": ("落实进度", "Progress"),
    "history.none": ("没有找到报送内容。", "Nothing reported on this row yet."),
    # ------------------------------------------------------------ zengshou serve (cli/serve.py, web/*)
    "cmd.serve.short": (
        "在内网开放网页填报（收集表）和统筹看板",
        "Serve the units' web form and the coordinator's dashboard",
    ),
    "cmd.serve": (
        "启动网页填报服务：各单位用各自的链接在浏览器中填写本单位的任务，统筹单位在看板上查看报送情况、催报、下载汇总表。\n\n"
        "数据仍是数据目录里的报送文件；服务器自己的状态（链接的摘要、密码摘要、锁定、历史版本）保存在数据目录下的 .zengshou-serve 文件夹。"
        "默认只在本机（127.0.0.1）监听；要让内网其他电脑访问，须明确指定 --host。\n\n"
        "子命令：links 生成或吊销各单位的填报链接；password 设置统筹单位看板的密码。",
        "Start the web form: each unit fills in its rows in the browser through its own link; the coordinator "
        "watches who has reported, sends reminders and downloads the merged report on a dashboard.\n\n"
        "The submission files in the data directory stay the data; the server's own state (link hashes, the password hash, "
        "locks, history) lives in the .zengshou-serve folder inside the data directory. It listens on this computer only "
        "(127.0.0.1) unless --host is given.\n\n"
        "Subcommands: links issues or revokes the units' links; password sets the dashboard's password.",
    ),
    "opt.serve.host": (
        "监听地址。默认 127.0.0.1（仅本机）；内网访问请写本机的内网地址或 0.0.0.0。",
        "Address to listen on. Default 127.0.0.1 (this computer only); give the intranet address or 0.0.0.0 to open it to the network.",
    ),
    "opt.serve.port": ("监听端口。", "Port to listen on."),
    "cmd.serve.links.short": (
        "生成（或吊销）各单位本季度的填报链接",
        "Issue (or revoke) the units' links for a quarter",
    ),
    "cmd.serve.links": (
        "为每个应报单位生成本季度的填报链接（每次运行都生成新链接，之前发出的链接仍然有效，除非吊销）。"
        "链接只显示这一次：服务器只保存其摘要。\n\n"
        "--revoke 单位：吊销该单位的全部链接（加 --quarter 则只吊销该季度的）。",
        "Issue a link per reporting unit for the quarter (each run issues new ones; links sent earlier keep working "
        "until revoked). A link is shown only this once: the server keeps only its hash.\n\n"
        "--revoke UNIT revokes every link of the unit (of --quarter only, when given).",
    ),
    "opt.serve.links.quarter": ("季度，例如 2023Q2。", "Quarter, e.g. 2023Q2."),
    "opt.serve.links.out": (
        "把链接清单写入该文件（不写则输出到屏幕）。",
        "Write the list of links to this file (else to the screen).",
    ),
    "opt.serve.links.revoke": (
        "吊销该单位的链接（单位名称、简称或编号）。",
        "Revoke the links of this unit (name, alias or id).",
    ),
    "opt.serve.links.url": (
        "链接开头的网址：各单位访问本服务器所用的地址，例如 http://192.168.1.20:8000。",
        "Address the links start with: how the units reach this server, e.g. http://192.168.1.20:8000.",
    ),
    "opt.serve.links.unit": ("只为该单位生成链接。", "Issue a link for this unit only."),
    "cmd.serve.password.short": ("设置统筹单位看板的密码", "Set the dashboard's password"),
    "cmd.serve.password": (
        "设置统筹单位看板（/admin）的密码：从终端读取两次（不回显），或用 --stdin 从标准输入读一行。只保存加盐的 scrypt 摘要。",
        "Set the password of the coordinator's dashboard (/admin): read twice from the terminal (not echoed), or one line "
        "from standard input with --stdin. Only a salted scrypt hash is kept.",
    ),
    "opt.serve.password.stdin": ("从标准输入读取密码（一行）。", "Read the password from standard input (one line)."),
    "cli.serve.listening": (
        "网页填报已启动：{url}\n  统筹单位看板：{url}/admin\n  数据目录：{data}\n  服务器状态：{state}\n按 Ctrl+C 停止。",
        "Serving the web form at {url}\n  coordinator's dashboard: {url}/admin\n  data directory: {data}\n  server state: {state}\nPress Ctrl+C to stop.",
    ),
    "cli.serve.public": (
        "注意：按 --host {host} 的要求，监听本机以外的地址，内网中能连到本机的人都能打开这些页面（仍需链接或密码）。",
        "Note: as --host {host} asks, listening beyond this computer: anyone on the network who can reach it can open these pages (a link or the password is still needed).",
    ),
    "cli.serve.no_password": (
        "统筹单位看板还没有密码：运行 zengshou serve password 设置后才能登录。",
        "The dashboard has no password yet: run zengshou serve password to set one before logging in.",
    ),
    "cli.serve.bad_host": (
        "监听地址 {host} 无效：请写 IP 地址或主机名。",
        "Listen address {host} is not valid: give an IP address or a host name.",
    ),
    "cli.serve.cannot_start": ("无法启动网页填报：{reason}", "Cannot start the web form: {reason}"),
    "cli.serve.state_error": ("服务器状态文件损坏：{reason}", "The server's state is damaged: {reason}"),
    "cli.serve.links_head": (
        "{quarter}填报链接（每个单位一条；请分别单独发送，不要群发）：",
        "Links for {quarter} (one per unit; send each to its unit only):",
    ),
    "cli.serve.link_line": ("{unit}：{url}", "{unit}: {url}"),
    "cli.serve.links_wrote": (
        "已生成 {n} 条链接，写入 {path}。该文件含有效链接，发送后请删除。",
        "Issued {n} links, written to {path}. The file holds live links: delete it once they are sent.",
    ),
    "cli.serve.links_note": (
        "链接只显示这一次（服务器只保存摘要）；丢失后重新运行本命令生成新链接。",
        "The links are shown only this once (the server keeps their hashes); run this command again for new ones.",
    ),
    "cli.serve.loopback_links": (
        "这些链接以本机地址开头，只能在运行服务的电脑上打开；发给各单位前请用 --url 写上它们访问本机所用的地址，例如 --url http://192.168.1.20:8000。",
        "These links start with this computer's own address and open only on it; before sending them, give --url with the address the units reach it by, e.g. --url http://192.168.1.20:8000.",
    ),
    "cli.serve.revoked": (
        "已吊销{unit}的 {n} 条链接；用这些链接打开的页面立即失效。",
        "Revoked {n} link(s) of {unit}; pages opened with them stop working at once.",
    ),
    "cli.serve.revoked_none": ("{unit}没有可吊销的链接。", "{unit} has no live links to revoke."),
    "cli.serve.need_quarter": (
        "请用 --quarter 指定季度（或用 --revoke 吊销链接）。",
        "Give --quarter (or --revoke a unit's links).",
    ),
    "cli.serve.bad_url": (
        "网址 {url} 无效：应以 http:// 或 https:// 开头。",
        "Address {url} is not valid: it must start with http:// or https://.",
    ),
    "cli.serve.no_units": ("{quarter}没有应报单位。", "No unit must report for {quarter}."),
    "cli.serve.password_prompt": ("新密码", "New password"),
    "cli.serve.password_again": ("再输入一次", "Repeat it"),
    "cli.serve.password_mismatch": ("两次输入的密码不一致，未修改。", "The two passwords differ; nothing changed."),
    "cli.serve.password_short": ("密码至少 {n} 个字符。", "The password must have at least {n} characters."),
    "cli.serve.password_set": (
        "看板密码已设置（只保存 scrypt 摘要）；已登录的看板需要重新登录。",
        "The dashboard password is set (only its scrypt hash is kept); open dashboards must log in again.",
    ),
    "web.title": ("网页填报", "Web form"),
    "web.brand": ("增收 · 重点任务落实进度填报", "zengshou · progress reporting"),
    "web.skip": ("跳到正文", "Skip to content"),
    "web.logout": ("退出", "Log out"),
    "web.home.text": (
        "请用统筹单位发给本单位的链接打开填报页面。",
        "Open your unit's page with the link the coordinator sent you.",
    ),
    "web.home.admin": ("统筹单位登录", "Coordinator's login"),
    "web.landing.title": ("打开本单位的填报页面", "Open your unit's page"),
    "web.landing.text": (
        "这是本单位本季度的专用填报链接。点击下面的按钮开始填写。",
        "This is your unit's own link for the quarter. Press the button to start.",
    ),
    "web.landing.button": ("开始填报", "Start"),
    "web.landing.hint": (
        "请勿转发此链接：持有链接的人都能填写本单位的内容。链接失效时请联系统筹单位。",
        "Do not forward this link: whoever has it can fill in your unit's rows. Ask the coordinator when it stops working.",
    ),
    "web.bad_link": ("链接无效", "This link does not work"),
    "web.bad_link.text": (
        "链接不存在或已被吊销。请核对链接是否完整，或联系统筹单位重新发送。",
        "The link is unknown or was revoked. Check that it is complete, or ask the coordinator for a new one.",
    ),
    "web.too_many": ("尝试次数过多", "Too many attempts"),
    "web.too_many.text": ("尝试次数过多，请一分钟后再试。", "Too many attempts; try again in a minute."),
    "web.csrf": ("页面已过期", "This page has expired"),
    "web.csrf.text": (
        "提交的表单不是本服务器刚刚发出的页面（可能已打开太久）。请返回，刷新页面后重试；已填写的内容请先复制保存。",
        "The form did not come from a page this server just sent (it may have been open too long). Go back, reload and try again; copy what you typed first.",
    ),
    "web.no_session": ("请先打开本单位的链接", "Open your unit's link first"),
    "web.no_session.text": (
        "没有找到有效的登录（已超过 12 小时、链接已被吊销或浏览器未保存登录）。请重新打开统筹单位发给本单位的链接。",
        "No valid session (older than 12 hours, the link was revoked, or the browser kept no cookie). Open your unit's link again.",
    ),
    "web.logged_out": ("已退出", "Logged out"),
    "web.logged_out.text": (
        "已退出。再次填写请重新打开本单位的链接。",
        "You are logged out. Open your unit's link to continue.",
    ),
    "web.not_found": ("页面不存在", "Not found"),
    "web.not_found.text": ("没有这个页面。", "There is no such page."),
    "web.bad_request": ("无法处理的请求", "Bad request"),
    "web.bad_request.text": (
        "提交的内容不是本页面发出的格式（例如某一栏过长）。请返回检查后重试。",
        "The post is not what this page sends (a field too long, say). Go back, check and try again.",
    ),
    "web.state_error": ("服务器状态文件损坏", "The server's state is damaged"),
    "web.finding": ("{level} {code}：{message} → {fix}", "{level} {code}: {message} → {fix}"),
    "web.git_message": ("网页填报：{unit} {quarter} {kind}", "web form: {unit} {quarter} {kind}"),
    "web.kind.draft": ("保存草稿", "draft saved"),
    "web.kind.submitted": ("报送", "submitted"),
    "web.kind.kept_draft": ("保存草稿（有错误未报送）", "draft saved (errors, not submitted)"),
    "web.unit.heading": ("{unit} · {quarter}落实进度", "{unit} · progress for {quarter}"),
    "web.unit.deadline": (
        "报送截止日期：{deadline}；每项不超过 {limit} 字。",
        "Deadline: {deadline}; at most {limit} characters per row.",
    ),
    "web.unit.submitted": ("已于 {date} 报送", "submitted on {date}"),
    "web.unit.draft": ("草稿（尚未报送）", "draft (not submitted)"),
    "web.unit.new": ("尚未填写", "not started"),
    "web.unit.locked": (
        "统筹单位已锁定本季度：内容不能再修改。如需更正，请联系统筹单位。",
        "The coordinator has locked this quarter: nothing can be changed. Ask the coordinator to correct anything.",
    ),
    "web.unit.unreadable": (
        "本单位的报送文件有格式错误，网页无法显示或修改。请联系统筹单位处理。",
        "Your unit's file has a format error the web form cannot show or change. Ask the coordinator.",
    ),
    "web.unit.findings": (
        "检查结果：{errors} 个错误，{warnings} 个警告（见各项下方）。",
        "Checks: {errors} error(s), {warnings} warning(s) (under each row).",
    ),
    "web.unit.optional": ("配合单位，可选填", "participating: optional"),
    "web.unit.lead": ("牵头单位：{lead}", "lead unit: {lead}"),
    "web.unit.previous": ("上季度（供参考）", "last quarter (for reference)"),
    "web.unit.progress": ("落实进度", "Progress"),
    "web.unit.status": ("进展", "Stage"),
    "web.unit.status_none": ("（不填）", "(none)"),
    "web.unit.people": ("填报信息", "Sign-off"),
    "web.unit.save_draft": ("保存草稿", "Save draft"),
    "web.unit.submit": ("检查并报送", "Check and submit"),
    "web.unit.correct": ("提交更正", "Submit correction"),
    "web.unit.hint": (
        "草稿随时可以保存（有错误也会保存）；报送前会按规则检查，有错误时只保存为草稿。报送后在统筹单位锁定本季度之前仍可更正。每次保存的版本都会留存。",
        "A draft can be saved at any time (even with errors); submitting checks the rules first and keeps a draft when there are errors. "
        "After submitting you can correct it until the coordinator locks the quarter. Every saved version is kept.",
    ),
    "web.count": ("字数：{n} / {limit}", "{n} / {limit} characters"),
    "web.count.over": ("（超出 {n} 字）", " ({n} over)"),
    "web.outcome.draft": ("草稿已保存。", "Draft saved."),
    "web.outcome.submitted": (
        "已报送。可以继续更正，直到统筹单位锁定本季度。",
        "Submitted. You can correct it until the coordinator locks the quarter.",
    ),
    "web.outcome.kept_draft": (
        "未报送：有错误（见各项下方）。已将填写内容保存为草稿，改正后再点“检查并报送”。",
        "Not submitted: there are errors (under each row). What you typed is saved as a draft; correct it and submit again.",
    ),
    "web.outcome.refused": (
        "更正未保存：有错误（见各项下方）。已报送的版本保持不变；改正后再提交。",
        "The correction was not saved: there are errors (under each row). The submitted version is unchanged; correct and submit again.",
    ),
    "web.outcome.conflict": (
        "未保存：您打开本页之后，有人保存了新的内容。",
        "Not saved: someone saved this unit's rows after you opened this page.",
    ),
    "web.outcome.unwritable": (
        "未保存：服务器无法写入本单位的报送文件（该位置不是普通文件，或磁盘已满、没有写权限）。您填写的内容仍在下方，请先复制保存并联系统筹单位。",
        "Not saved: the server cannot write your unit's file (not a regular file there, a full disk or no permission). What you typed is below: copy it and tell the coordinator.",
    ),
    "web.outcome.locked": ("未保存：统筹单位已锁定本季度。", "Not saved: the coordinator has locked this quarter."),
    "web.outcome.unreadable": (
        "未保存：本单位的报送文件有格式错误，请联系统筹单位。",
        "Not saved: your unit's file has a format error; ask the coordinator.",
    ),
    "web.conflict.text": (
        "下面各项同时列出了已保存的版本和您填写的版本，您填写的内容仍在输入框中。请核对合并后再保存；被替换的版本会留存。",
        "Each row below shows the saved version and yours; yours is still in the box. Reconcile them and save again; the version replaced is kept.",
    ),
    "web.conflict.theirs": ("已保存的版本（他人）：", "Saved meanwhile (someone else): "),
    "web.conflict.yours": ("您填写的版本：", "Yours: "),
    "web.autosave.saving": ("正在自动保存草稿…", "Saving the draft…"),
    "web.autosave.saved": ("草稿已自动保存。", "Draft saved automatically."),
    "web.autosave.stale": (
        "自动保存已停止：有人保存了新的内容。请点“保存草稿”查看两个版本。",
        "Autosave stopped: someone saved newer rows. Press Save draft to see both versions.",
    ),
    "web.autosave.failed": ("自动保存失败，请手动保存。", "Autosave failed; save by hand."),
    "web.login.title": ("统筹单位登录", "Coordinator's login"),
    "web.login.password": ("密码", "Password"),
    "web.login.button": ("登录", "Log in"),
    "web.login.no_password": (
        "尚未设置密码：请在服务器上运行 zengshou serve password。",
        "No password is set: run zengshou serve password on the server.",
    ),
    "web.login_wrong": ("密码不正确。", "Wrong password."),
    "web.login_locked": (
        "连续输错密码次数过多，登录已锁定到 {until}。",
        "Too many wrong passwords: logging in is locked until {until}.",
    ),
    "web.dash.title": ("{quarter}报送情况", "Reports for {quarter}"),
    "web.dash.quarters": ("季度", "Quarters"),
    "web.dash.meta": (
        "截止日期：{deadline}；今天：{today}（北京时间）。",
        "Deadline: {deadline}; today: {today} (China Standard Time).",
    ),
    "web.dash.locked": ("本季度已锁定", "quarter locked"),
    "web.dash.caption": (
        "应报单位 {n} 个；每 30 秒自动刷新（需启用脚本），或刷新页面。",
        "{n} units must report; refreshed every 30 s (with scripts on), or reload.",
    ),
    "web.dash.findings": ("检查结果", "Findings"),
    "web.dash.n_findings": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "web.dash.saves": ("保存次数", "Saves"),
    "web.dash.last": ("（最近 {when}）", "(last {when})"),
    "web.dash.links": ("有效链接", "Live links"),
    "web.dash.late_days": ("{n} 天", "{n} day(s)"),
    "web.dash.of_which_late": ("其中逾期", "of which late"),
    "web.dash.tools": ("操作", "Actions"),
    "web.dash.remind": ("生成催报通知（含链接）", "Reminder notice (with links)"),
    "web.dash.merge": ("生成汇总表", "Merge the report"),
    "web.dash.lock": ("锁定本季度", "Lock the quarter"),
    "web.dash.unlock": ("解除锁定", "Unlock the quarter"),
    "web.dash.tools_hint": (
        "催报通知为每个未报送或需修改的单位生成一条新链接（之前发出的链接仍有效）。锁定后各单位不能再修改。",
        "The reminder issues a new link for each unit still missing or to correct (links sent earlier keep working). Once locked, units can change nothing.",
    ),
    "web.dash.notice": ("催报通知（复制后发送）", "Reminder notice (copy and send)"),
    "web.dash.reports": ("汇总表下载", "Merged report"),
    "web.remind.none": ("所有应报单位都已按要求报送，无需催报。", "Every unit has reported: no reminder needed."),
    "web.remind.links": ("各单位填报链接（请分别发送给对应单位）：", "Each unit's link (send each to its unit only):"),
    "web.remind.link": ("{unit}：{url}", "{unit}: {url}"),
    "web.merge.done": ("汇总表已生成，见下方下载。", "The report is merged: download it below."),
    "web.merge.failed": ("汇总表未能生成：{reason}", "The report could not be merged: {reason}"),
    "web.merge.timeout": ("汇总表生成超时。", "Merging the report timed out."),
    "web.state.on_time": ("已报", "reported"),
    "web.state.late": ("逾期", "late"),
    "web.state.draft": ("草稿", "draft"),
    "web.state.missing": ("未报送", "missing"),
    "web.state.invalid": ("有错误", "invalid"),
    "web.state.returned": ("退回", "returned"),
    "web.dash.review": ("退回意见：{comment}", "returned with: {comment}"),
    "web.state.overdue": ("已过截止日期", "past the deadline"),
    # ------------------------------------------------------------ findings output (reporters)
    "findings.clean": ("检查了 {files} 个文件，没有发现问题。", "Checked {files} file(s): no problems found."),
    "findings.summary": (
        "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告。",
        "Checked {files} file(s): {errors} error(s), {warnings} warning(s).",
    ),
    "findings.file_head": (
        "{file}: {errors} 个错误，{warnings} 个警告",
        "{file}: {errors} error(s), {warnings} warning(s)",
    ),
    "findings.gh_more": (
        "另有 {errors} 个错误、{warnings} 个警告未标注（GitHub 每步最多显示 {per} 个错误和 {per} 个警告），全部问题见日志",
        "{errors} more error(s) and {warnings} more warning(s) not annotated (GitHub shows at most {per} of "
        "each per step); every finding is in the log",
    ),
    # ------------------------------------------------------------ rule docs (zengshou rules, docs/rules.md)
    "ruledoc.what": ("检查什么", "What it checks"),
    "ruledoc.message": ("提示信息", "Message"),
    "ruledoc.why": ("为什么重要", "Why it matters"),
    "ruledoc.bad": ("错误示例", "Failing example"),
    "ruledoc.good": ("正确示例", "Fixed example"),
    "ruledoc.fix": ("如何修改", "How to fix"),
    "ruledoc.level": ("级别", "level"),
    "ruledoc.family": ("类别", "family"),
    "ruledoc.foot": (
        "用 zengshou rules 代码（或名称）查看某条规则的说明。",
        "Run `zengshou rules CODE` (or NAME) to explain one rule.",
    ),
    "ruledoc.code": ("代码", "Code"),
    "ruledoc.name": ("名称", "Name"),
    "ruledoc.summary": ("说明", "Summary"),
    # ------------------------------------------------------------ the reminder notice (notice.py)
    "notice.not_received": ("尚未报送", "not received"),
    "notice.returned": ("报送材料已退回修改，意见：{comment}", "returned for correction: {comment}"),
    "notice.returned_bare": ("报送材料已退回修改", "returned for correction"),
    "notice.errors": ("报送材料有 {n} 处错误需修改", "{n} error(s) to correct"),
    "notice.draft": ("尚未正式报送（未填报送日期）", "not sent yet (no date of sending)"),
    "notice.rows_missing": ("缺第 {rows} 项任务", "rows {rows} missing"),
    "notice.template": ("reminder.txt.j2", "reminder.en.txt.j2"),
    "notice.no_template_dir": ("模板目录不存在：{path}", "template folder not found: {path}"),
    "notice.no_template": (
        "找不到催报通知模板 {name}（查找了：{where}）；用 --templates 指定",
        "reminder template {name} not found (looked in: {where}); use --templates",
    ),
    "notice.bad_template": ("催报通知模板有误：{error}", "error in the reminder template: {error}"),
    # ------------------------------------------------------------ the report (report/*)
    # the words of the 呈报版 and the 工作底稿 (templates see them as t.<key>, without "report.")
    "report.edition_submit": ("落实进度", "progress"),
    "report.edition_workpaper": ("工作底稿", "working-papers"),
    "report.title": ("《{plan}》重点任务清单落实进度（{quarter}）", "{plan}: key task list — progress ({quarter})"),
    "report.workpaper_title": (
        "《{plan}》重点任务清单落实进度工作底稿（{quarter}）",
        "{plan}: key task list — working papers ({quarter})",
    ),
    "report.info": ("编制单位：{office}\u3000\u3000截至日期：{date}", "Compiled by: {office}    As of: {date}"),
    "report.summary": ("汇总表", "Summary"),
    "report.status_sheet": ("报送情况", "Status"),
    "report.indicators": ("指标", "Indicators"),
    "report.indicators_title": ("量化指标完成情况", "Quantitative targets"),
    "report.notes": ("口径说明", "Notes on the figures"),
    "report.by_lead": ("按牵头单位", "By lead unit"),
    "report.by_county": ("按县（市、区）", "By county"),
    "report.contents": ("目录", "Contents"),
    "report.lead_title": ("{unit}牵头任务落实进度（{quarter}）", "{unit}: rows it leads — progress ({quarter})"),
    "report.county_title": ("{unit}落实进度（{quarter}）", "{unit}: progress ({quarter})"),
    "report.status_title": (
        "报送情况（{quarter}，截止日期 {deadline}）",
        "Reporting status ({quarter}, deadline {deadline})",
    ),
    "report.no": ("序号", "No."),
    "report.measure": ("具体措施", "Measure"),
    "report.task": ("重点任务", "Key task"),
    "report.progress": ("落实进度", "Progress"),
    "report.units": ("责任单位", "Responsible units"),
    "report.unit": ("单位", "Unit"),
    "report.item_status": ("进展", "State"),
    "report.kind": ("类别", "Kind"),
    "report.state": ("报送状态", "Reporting state"),
    "report.submitted": ("报送日期", "Submitted"),
    "report.late_days": ("逾期天数", "Days late"),
    "report.required": ("应报项数", "Rows due"),
    "report.reported": ("已报项数", "Rows reported"),
    "report.missing_rows": ("缺报序号", "Rows missing"),
    "report.errors": ("错误", "Errors"),
    "report.warnings": ("警告", "Warnings"),
    "report.file": ("文件", "File"),
    "report.remarks": ("审核意见", "Review notes"),
    "report.review": ("审核结果", "Review decision"),
    "report.review_returned": ("退回（{date}）：{comment}", "returned ({date}): {comment}"),
    "report.review_accepted": ("通过（{date}）{comment}", "accepted ({date}) {comment}"),
    "report.contact": ("联系人", "Contact"),
    "report.total": ("合计", "Total"),
    "report.count": ("数量", "Count"),
    "report.who": ("单位", "Units"),
    "report.category": ("情况", "State"),
    "report.ind_name": ("指标", "Indicator"),
    "report.ind_target": ("目标", "Target"),
    "report.ind_actual": ("累计完成", "Achieved"),
    "report.ind_due": ("序时进度", "Due by now"),
    "report.ind_rate": ("完成率", "Rate"),
    "report.ind_state": ("状态", "State"),
    "report.quarter_col": ("季度", "Quarter"),
    "report.actual": ("实际", "Actual"),
    "report.due": ("应完成", "Due"),
    "report.target": ("目标", "Target"),
    "report.series": ("分季度数据（图表数据源）", "By quarter (chart data)"),
    "report.chart_data": ("图表数据", "Chart data"),
    "report.series_heading": ("{row}. {name}（{unit}）", "{row}. {name} ({unit})"),
    "report.other_files": ("不属于任何应报单位的文件", "Files of no unit that must report"),
    "report.left_out": ("无法读取、未汇总的文件", "Files that could not be read (left out)"),
    "report.sep": ("、", ", "),
    "report.clause_sep": ("；", "; "),
    "report.colon": ("：", ": "),
    "report.continued": ("（续）", " (cont.)"),
    "report.with_quarter": ("{text}（{quarter}）", "{text} ({quarter})"),
    "report.numbered_heading": ("{number}、{text}", "{number}. {text}"),
    "report.numbered_note": ("{n}．{text}", "{n}. {text}"),
    "report.with_role": ("{unit}（{role}）", "{unit} ({role})"),
    "report.remark": ("{level}：{message}（{code}）", "{level}: {message} ({code})"),
    "report.html_lang": ("zh-CN", "en"),
    "report.missing": ("未报送", "not reported"),
    "report.blank": ("未填写", "not filled in"),
    "report.skipped": ("报送文件无法读取，未汇总", "file could not be read, left out"),
    "report.draft_mark": ("【草稿】", "[DRAFT] "),
    "report.lead_missing": ("牵头单位未报送", "lead unit has not reported"),
    "report.lead_blank": ("牵头单位未填写", "lead unit left this row empty"),
    "report.lead_skipped": ("牵头单位报送文件无法读取", "lead unit's file could not be read"),
    "report.lead_draft": ("牵头单位未正式报送（草稿）", "lead unit has only a draft"),
    "report.others_reported": ("；已报送该项的单位：{names}", "; reported by {names}"),
    "report.not_reported_line": ("未报送", "Not reported"),
    "report.not_filled_line": ("未填写", "Not filled in"),
    "report.state_left_out": ("文件无法读取", "unreadable"),
    "report.digest_units": ("应报单位", "Units that must report"),
    "report.digest_on_time": ("按时报送", "On time"),
    "report.digest_late": ("逾期报送", "Late"),
    "report.digest_missing": ("未报送", "Not reported"),
    "report.digest_draft": ("草稿（不计入已报）", "Drafts (not counted)"),
    "report.digest_left_out": ("文件无法读取", "Unreadable files"),
    "report.late_by": ("{name}（逾期{days}天）", "{name} ({days} days late)"),
    "report.digest": (
        "本季度应报送单位{units}个，已报送{reported}个（按时{on_time}个，逾期{late}个），未报送{missing}个，草稿{draft}个（草稿不计入已报送）{left_out}。截止日期为{deadline}。",
        "{units} units must report this quarter: {reported} have reported ({on_time} on time, {late} late), {missing} have not, {draft} sent only a draft (not counted){left_out}. The deadline was {deadline}.",
    ),
    "report.digest_left_out_part": (
        "，{n}个单位的文件无法读取、未汇总",
        "; {n} file(s) could not be read and were left out",
    ),
    "report.remark_error": ("错误", "error"),
    "report.remark_warning": ("提醒", "warning"),
    "report.remark_skipped": ("有错误，已按 --skip-invalid 略去", "has errors, left out (--skip-invalid)"),
    "report.remark_draft": (
        "未填报送日期，按草稿处理，未列入呈报版",
        "no submission date: a draft, not in the report for leaders",
    ),
    "report.ind_on_track": ("正常", "on track"),
    "report.ind_behind": ("滞后", "behind"),
    "report.ind_no_data": ("暂无数据", "no figures yet"),
    "report.ind_no_target": ("无目标值", "no target"),
    "report.unconfirmed": ("{state}（口径待确认）", "{state} (scope to be confirmed)"),
    "report.page": ("第 &P 页 共 &N 页", "Page &P of &N"),
    "report.page_word": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "report.submitted_info": ("报送日期：{date}\u3000联系人：{contact}", "Submitted: {date}   Contact: {contact}"),
    "report.draft_info": (
        "【草稿】未填报送日期\u3000联系人：{contact}",
        "[DRAFT] no submission date   Contact: {contact}",
    ),
    "report.back_to_top": ("返回目录", "Back to contents"),
    "report.heading_numerals": ("一,二,三,四,五,六,七,八,九,十", "1,2,3,4,5,6,7,8,9,10"),
    "report.note_1": (
        "本报告汇总截至{as_of}收到的各单位报送文件{files}个（按时{on_time}个，逾期{late}个；逾期的在报送情况中注明报送日期和逾期天数）。附件1“落实进度”栏为牵头单位所报内容，“进展”栏为牵头单位所报进展；牵头单位未报送的，注明“牵头单位未报送”并列出已报送该项的其他单位。",
        "This report merges the {files} files received as of {as_of} ({on_time} on time, {late} late; late files are marked in the status with their date and days late). In Annex 1 the progress column holds the lead unit's text and the state column its stated progress; where the lead unit has not reported, it says so and names the other units that reported on the row.",
    ),
    "report.note_2": (
        "报送截止日期为每季度第一个月{day}日（本季度为{deadline}），当日及以前报送为按时，之后为逾期，逾期天数按自然日计算。",
        "The deadline is day {day} of the first month of the next quarter ({deadline} this quarter); a file sent on that day is on time, later files are late by calendar days.",
    ),
    "report.note_3": (
        "未填报送日期的文件视为草稿，不计入已报送，其内容不列入本报告（仅见于工作底稿）。",
        "A file without a submission date is a draft: it is not counted as reported and its texts are not in this report (only in the working papers).",
    ),
    "report.note_4": (
        "文件无法读取（格式、编码错误或无法确认报送单位）的，不予汇总，在报送情况中列明原因；内容方面的问题（字数超限、照抄任务、与上季度相同等）不影响汇总，意见列入工作底稿的“审核意见”。",
        "A file that cannot be read (syntax, encoding, or no recognisable unit) is left out and named in the status with the reason; content problems (too long, copied task text, same as last quarter …) do not block: they are listed under review notes in the working papers.",
    ),
    "report.note_5": (
        "“累计完成”为各报送单位所报数字之和（比例类指标取各单位中最不利的数字）；本季度未报数字的单位沿用其最近一次所报数字，年度指标只计本年度所报数字。",
        "Achieved is the sum of the figures reported (for shares, the least favourable unit's); a unit without a figure this quarter counts with its latest one; per-year targets count only this year's figures.",
    ),
    "report.note_6": (
        "“序时进度”为截至本季度按时间进度应完成目标的比例：累计类指标自{start}起至指标期限（未写明的为{end}）平均分配，年度指标每季度计四分之一；比例类指标不计序时进度。“完成率”为累计完成除以目标。",
        "Due by now is the share of the target due by this quarter: spread evenly from {start} to the target's date (default {end}) for running totals, a quarter of the yearly target per quarter for per-year targets; shares and rates have no schedule. Rate is achieved divided by the target.",
    ),
    "report.note_7": (
        "目标按每县提出的指标（如“每个重点帮扶县”“每个县”），全市目标为每县目标乘以相应县数。",
        "Where the plan sets a target per county, the city-wide target is that target times the number of counties concerned.",
    ),
    "report.note_8": (
        "以下数字是方案划定的条件或界线，不作为考核目标，不列入指标表：{thresholds}。",
        "These numbers in the plan are conditions or limits, not targets, and are not tracked: {thresholds}.",
    ),
    "report.too_long": (
        "{where} {unit} 第 {row} 项的落实进度有 {length} 个字符，超过 Excel 单元格上限 {limit} 个字符；报表不截断文字，因此未生成 .xlsx。请压缩到 300 字以内，或只生成 --format docx,html。",
        "{where} {unit}, row {row}: the progress text has {length} characters, more than Excel's cell limit of {limit}; the report never cuts text, so no .xlsx was written. Shorten it to at most 300 characters, or use --format docx,html.",
    ),
    # the 正文 (report/body.py) and the 附件 headings (issue 22)
    "report.quarter": ("{year}年{nth}季度", "Q{nth} {year}"),
    "report.quarter_numerals": ("一,二,三,四", "1,2,3,4"),
    "report.quarter_short": ("{yy}年Q{q}", "Q{q} {yy}"),
    "report.progress_heading": ("重点任务进展", "Progress of the key tasks"),
    "report.attention": ("需关注事项", "Needs attention"),
    "report.annexes_label": ("附件：", "Annexes: "),
    "report.annex_1": ("汇总表（重点任务清单落实进度）", "Summary (progress of the key task list)"),
    "report.annex_2": ("量化指标完成情况", "Quantitative targets"),
    "report.annex_3": ("口径说明", "Notes on the figures"),
    "report.annex_heading": ("附件{n}\u3000{text}", "Annex {n}: {text}"),
    "report.annex_label": ("附件{n}", "Annex {n}"),
    "report.pk_unreported_cell": ("—", "—"),
    "report.progress_para": (
        "{total}项重点任务中，按牵头单位所报进展：已完成{done}项，持续推进{ongoing}项，推进中{active}项，未启动{not_started}项；已报送但未注明进展{unstated}项，牵头单位未报送{unreported}项。",
        "Of the {total} key tasks, by the lead units' reports: {done} done, {ongoing} ongoing, {active} in progress, {not_started} not started; {unstated} reported without a state, {unreported} not reported by the lead unit.",
    ),
    "report.ind_para": (
        "纳入跟踪的量化指标{n}项：达到序时进度{ok}项，滞后{behind}项，暂无数据{no_data}项{other}",
        "{n} quantitative targets are tracked: {ok} on schedule, {behind} behind, {no_data} without figures yet{other}",
    ),
    "report.ind_para_behind": (
        "。滞后指标及落后的县（市、区）、单位如下：",
        ". The targets behind, and who is behind:",
    ),
    "report.ind_para_none_behind": ("。", "."),
    "report.behind_line": ("第{row}项 {name}（{where}）：{who}", "Row {row} {name} ({where}): {who}"),
    "report.where_due": ("全市{actual}，序时进度{due}", "city {actual}, due {due}"),
    "report.where_goal": ("全市{actual}，目标{goal}", "city {actual}, target {goal}"),
    "report.where_ceiling": ("全市最高{actual}，上限{goal}", "city highest {actual}, ceiling {goal}"),
    "report.who_below": ("低于序时进度的：{names}", "below schedule: {names}"),
    "report.who_below_goal": ("低于目标{target}的：{names}", "below the target of {target}: {names}"),
    "report.who_above": ("超过上限{target}的：{names}", "above the ceiling of {target}: {names}"),
    "report.who_no_figure": ("未报数字的：{names}", "no figure: {names}"),
    "report.and_more": ("等{n}个", " ({n} in all)"),
    "report.att_not_started": (
        "第{row}项未启动（牵头：{unit}）：{task}",
        "Row {row} not started (lead: {unit}): {task}",
    ),
    "report.att_more": (
        "另有{n}项任务未启动，见附件1“进展”栏。",
        "{n} more tasks not started: see the State column of Annex 1.",
    ),
    "report.att_behind": (
        "量化指标滞后：第{rows}项（落后的单位见上文）。",
        "Targets behind: rows {rows} (who is behind: see above).",
    ),
    "report.att_unreported": (
        "牵头单位未报送或未填写的任务{n}项：第{rows}项。",
        "{n} tasks not reported by their lead unit: rows {rows}.",
    ),
    "report.att_missing": ("未报送的单位{n}个：{names}。", "{n} units have not reported: {names}."),
    "report.att_left_out": (
        "报送文件无法读取的单位{n}个：{names}。",
        "{n} units sent a file that could not be read: {names}.",
    ),
    "report.att_draft": (
        "只报送草稿（未计入）的单位{n}个：{names}。",
        "{n} units sent only a draft (not counted): {names}.",
    ),
    "report.att_late": ("逾期报送的单位{n}个：{names}。", "{n} units reported late: {names}."),
    "report.att_none": (
        "本季度各单位均按时报送，无未启动任务，量化指标均未滞后。",
        "All units reported on time; no task is not started and no target is behind.",
    ),
    "report.ind_who": ("落后单位", "Who is behind"),
    "report.body_sheet": ("正文", "Overview"),
    "report.texts_sheet": ("落实进度", "Progress texts"),
    "report.lead_unit": ("牵头单位", "Lead unit"),
    "report.ceiling": ("上限", "Ceiling"),
    "report.tpl_not_found": ("找不到模板 {name}", "template not found: {name}"),
    "report.tpl_syntax": ("模板语法错误 {where}：{error}", "template syntax error at {where}: {error}"),
    "report.tpl_undefined": (
        "模板使用了未定义的变量{where}：{error}（可用变量见 docs/report.md）",
        "template uses an undefined variable{where}: {error} (see docs/report.md for the variables)",
    ),
    "report.tpl_error": ("模板出错：{error}", "template error: {error}"),
    # ------------------------------------------------------------ spans: the year and the plan (issue 26)
    # report/span.py and its renderers see these as words without "span." (t.title_span, t.rule_1)
    "span.key_year": ("{year}年", "{year}"),
    "span.label_year": ("{year}年度", "{year}"),
    "span.key_plan": ("{start}-{end}", "{start}-{end}"),
    "span.label_plan": ("{start}—{end}年", "{start}–{end}"),
    "span.title_span": ("《{plan}》重点任务清单落实情况（{span}）", "{plan}: key task list — {span}"),
    "span.workpaper_title_span": (
        "《{plan}》重点任务清单落实情况工作底稿（{span}）",
        "{plan}: key task list — working papers, {span}",
    ),
    "span.sec_reporting": ("报送情况", "Reporting"),
    "span.sec_lights": ("任务灯情", "Lights"),
    "span.sec_counties": ("各县（市、区）灯情对比", "Counties compared"),
    "span.sec_indicators": ("量化指标完成情况", "Quantitative targets"),
    "span.annex": ("附件", "Annex"),
    "span.sec_tasks": ("重点任务逐季进展", "Key tasks quarter by quarter"),
    "span.sec_charts": ("量化指标走势", "Indicator trends"),
    "span.sec_progress": ("牵头单位逐季落实进度", "Lead units' progress, quarter by quarter"),
    "span.sec_series": ("指标逐季数值", "Indicators quarter by quarter"),
    "span.sec_records": ("报送考核", "Reporting record"),
    "span.county_matrix_title": ("各县（市、区）任务灯情（{quarter}）", "Counties × tasks ({quarter})"),
    "span.task_matrix_title": (
        "牵头单位任务灯情（{span}逐季，按单位排列）",
        "Lead units × their tasks, by quarter ({span})",
    ),
    "span.reporting_text": (
        "{span}共{n}个季度，累计应报{units}家次：按时{on_time}家次，逾期{late}家次（合计{late_days}天），未报送{missing}家次，草稿{draft}家次。",
        "{span}: {n} quarter(s), {units} reports due: {on_time} on time, {late} late ({late_days} days in all), {missing} missing, {draft} drafts.",
    ),
    "span.lights_text": (
        "截至{quarter}，{tasks}项重点任务中绿灯{green}项、黄灯{yellow}项、红灯{red}项、灰灯（未报）{grey}项{since}。各县（市、区）的任务灯情见下表，逐项见工作底稿。",
        "At {quarter}, of {tasks} key tasks {green} are green, {yellow} yellow, {red} red and {grey} grey (not reported){since}. The counties' lights are below; every cell is in the working papers.",
    ),
    "span.lights_since": ("；与{previous}相比，红灯{red}，绿灯{green}", "; since {previous}: red {red}, green {green}"),
    "span.quarter": ("季度", "Quarter"),
    "fmt.quarter_head": ("{nth}季度", "Q{q}"),  # a quarter as a narrow column head (span of a year)
    "span.qhead_plan": ("{year}\nQ{q}", "{year}\nQ{q}"),
    "span.point_year_end": ("{year}年末", "end {year}"),
    "span.units_due": ("应报", "Due"),
    "span.on_time": ("按时", "On time"),
    "span.late": ("逾期", "Late"),
    "span.late_days": ("逾期天数", "Days late"),
    "span.missing": ("未报送", "Missing"),
    "span.draft": ("草稿", "Drafts"),
    "span.left_out": ("无法读取", "Unreadable"),
    "span.light_item": ("灯情", "Light"),
    "span.now": ("本季度", "This quarter"),
    "span.before": ("上季度", "Quarter before"),
    "span.change": ("变化", "Change"),
    "span.tasks_col": ("重点任务", "Key tasks"),
    "span.cells_col": ("县级任务（县×任务）", "County cells (county × task)"),
    "span.county": ("县（市、区）", "County"),
    "span.rows": ("应报任务", "Rows"),
    "span.red_change": ("红灯变化", "Red, change"),
    "span.target": ("目标", "Target"),
    "span.final": ("最终值", "Final"),
    "span.lead": ("牵头单位", "Lead unit"),
    "span.latest": ("最新落实进度（{quarter}）", "Latest progress ({quarter})"),
    "span.legend": (
        "灯情：绿灯＝已完成或达到、超过序时进度；黄灯＝推进中（无量化指标可比）；红灯＝未启动或欠序时进度；灰灯＝未报。格内文字为进展及序时进度（超/达/欠）。",
        "Lights: green = done, or on or ahead of schedule; yellow = in progress (no figure to judge by); red = not started, or behind schedule; grey = not reported. Cells show the state and the pace (ahead/on/behind).",
    ),
    "span.state_done": ("已完成", "done"),
    "span.state_ongoing": ("推进中", "in progress"),
    "span.state_not_started": ("未启动", "not started"),
    "span.state_not_reported": ("未报", "not reported"),
    "span.state_short_done": ("完成", "done"),
    "span.state_short_ongoing": ("推进", "on"),
    "span.state_short_not_started": ("未启", "not st."),
    "span.state_short_not_reported": ("未报", "n/r"),
    "span.pace_ahead": ("超序时进度", "ahead of schedule"),
    "span.pace_on_pace": ("达序时进度", "on schedule"),
    "span.pace_behind": ("欠序时进度", "behind schedule"),
    "span.pace_short_ahead": ("超", "ahead"),
    "span.pace_short_on_pace": ("达", "on"),
    "span.pace_short_behind": ("欠", "behind"),
    "span.pace_join": ("/", "/"),
    "span.colour_green": ("绿灯", "green"),
    "span.colour_yellow": ("黄灯", "yellow"),
    "span.colour_red": ("红灯", "red"),
    "span.colour_grey": ("灰灯（未报）", "grey (not reported)"),
    "span.change_none": ("—", "—"),
    "span.change_same": ("持平", "same"),
    "span.change_up": ("增加{n}", "+{n}"),
    "span.change_down": ("减少{n}", "−{n}"),
    "span.rank_up": ("上升{n}位", "up {n}"),
    "span.rank_down": ("下降{n}位", "down {n}"),
    "span.records_title": (
        "{year}年报送考核（{n}个季度，截至{last}）",
        "Reporting record {year} ({n} quarter(s), to {last})",
    ),
    "span.rank": ("名次", "Rank"),
    "span.unit": ("单位", "Unit"),
    "span.kind": ("类别", "Kind"),
    "span.rows_missing": ("缺报项数", "Rows missing"),
    "span.returned": ("退回", "Returned"),
    "span.rank_change": ("名次变化", "Rank change"),
    "span.findings": ("问题（按类别）", "Findings by kind"),
    "span.kind_word_syntax": ("格式", "syntax"),
    "span.kind_word_identity": ("身份", "identity"),
    "span.kind_word_content": ("内容", "content"),
    "span.kind_word_completeness": ("完整性", "completeness"),
    "span.kind_word_timing": ("时效", "timing"),
    "span.kind_word_figures": ("指标数字", "figures"),
    "span.rule_1": (
        "本报告覆盖{span}已有报送数据的季度（{first}至{last}）：每个季度按“zengshou merge --quarter”的同一规则汇总，逐季内容与季度报告一致；没有任何报送文件夹的后续季度尚未到期，不计入。",
        "This report covers the quarters of {span} that have data ({first} to {last}); each quarter is merged by the same rules as `zengshou merge --quarter`, so it reads as in the quarterly report. Later quarters without a folder are not yet due and are left out.",
    ),
    "span.rule_2": (
        "进展状态按单位所填“进展”确定：填“已完成”为已完成，填“未启动”为未启动，其余已填写内容（推进中、持续推进或未填进展）为推进中；须报送而未报送、未填写该项、仅有草稿或文件无法读取的为未报。",
        "State follows the unit's status: 已完成 is done, 未启动 is not started, any other text (推进中, 持续推进 or none) is in progress; a row due but not reported, left empty, only in a draft or in an unreadable file is not reported.",
    ),
    "span.rule_3": (
        "序时进度分类只用于有量化指标、有目标值和数字的任务：指标“滞后”（累计完成低于序时应完成、有县未达到每县目标或超过上限）为欠序时进度；完成率高于序时进度{ahead}个百分点及以上为超序时进度；其余为达序时进度。一项任务有多个指标的，取最不利者。",
        "Pace applies only to tasks with a tracked indicator, a target and figures: an indicator behind (below what is due, a county below its own target, or a ceiling exceeded) is behind schedule; a rate {ahead} percentage points or more above what is due is ahead; otherwise on schedule. A task with several indicators takes the least favourable.",
    ),
    "span.rule_4": (
        "灯情颜色：未报为灰灯；欠序时进度或未启动为红灯；已完成、超序时进度或达序时进度为绿灯；其余（推进中且无指标可比）为黄灯。依次判断，先符合者为准。",
        "Colours, first match wins: not reported is grey; behind schedule or not started is red; done, ahead or on schedule is green; otherwise (in progress, nothing to measure) yellow.",
    ),
    "span.rule_5": (
        "任务灯情取牵头单位的进展和全市指标的序时进度；各县（市、区）的灯情取该县的进展，指标按每县目标考核（“每个县”“不低于”“不超过”类）的取该县本身数字的序时进度，其余不分县判断序时进度。灯情统计为{last}，变化与上一季度相比。",
        "A task's light is its lead unit's state with the city-wide pace; a county's light is that county's state, with the pace of its own figure where the target applies to each county. Counts are at {last}; changes are against the quarter before.",
    ),
    "span.rule_6": (
        "报送考核按年度统计：报送日期在截止日期当日及以前的季度为按时，之后为逾期（逾期天数按自然日累计），无文件或仅有草稿的为未报送；缺报项数为已报送文件中漏报的任务数；问题按规则类别统计错误和警告条数；退回为协调人退回修改的次数。排名依次比较未报送、退回、逾期季度数、逾期天数、缺报项数和问题数，少者在前，完全相同的并列；名次变化与上一年度相比。",
        "Reporting records are per year: a quarter sent by the deadline is on time, later is late (days added up), no file or only a draft is missing; rows missing are rows left out of reports sent; findings are errors and warnings by rule family; returned counts the coordinator's returns. Units rank by missing, returned, late quarters, days late, rows missing and findings, fewer first, equal records tied; the change is against the year before.",
    ),
    "span.rule_7": (
        "呈报版正文列汇总数字，附件列每项任务的逐季灯情和最新一季的落实进度；各季度牵头单位报送的全文、各县逐项灯情、指标逐季数值和报送考核见工作底稿。",
        "The main text gives the totals, the annex each task's lights by quarter and its latest progress; every quarter's full text, every county cell, the indicators by quarter and the records are in the working papers.",
    ),
    "records.title": ("{year}年报送考核（{quarters}）", "Reporting record {year} ({quarters})"),
    "records.header": (
        "名次,单位,按时,逾期,逾期天数,未报送,缺报项数,退回,问题,名次变化",
        "Rank,Unit,On time,Late,Days late,Missing,Rows missing,Returned,Findings,Change",
    ),
    "records.findings_note": ("问题：{kinds}", "Findings: {kinds}"),
    "records.totals": (
        "合计 {units} 个单位：按时 {on_time}，逾期 {late}（{late_days} 天），未报送 {missing}，缺报 {rows_missing} 项，退回 {returned}，问题 {findings} 条。",
        "{units} units: {on_time} on time, {late} late ({late_days} days), {missing} missing, {rows_missing} rows missing, {returned} returned, {findings} findings.",
    ),
    "cli.span_year_outside": (
        "{year} 年不在方案期内（{start}—{end} 年）。",
        "{year} is outside the plan ({start}–{end}).",
    ),
    "cli.span_no_data": (
        "方案期内还没有报送数据：progress/ 下没有方案期内的季度文件夹。先用 zengshou status --quarter 查看各季度。",
        "no data in the plan's period yet: progress/ has no quarter folder in it. Check the quarters with zengshou status --quarter.",
    ),
    "cli.span_no_data_year": (
        "{year} 年还没有报送数据：progress/ 下没有该年及以后的季度文件夹。先用 zengshou status --quarter 查看各季度。",
        "no data for {year} yet: progress/ has no quarter folder of that year or later. Check the quarters with zengshou status --quarter.",
    ),
    "cli.span_pick_one": (
        "请只选择 --quarter、--year、--plan 中的一个（必须选一个）。",
        "give exactly one of --quarter, --year, --plan.",
    ),
    "cli.status_pick_one": (
        "请选择 --quarter 或 --year 之一（必须选一个）。",
        "give exactly one of --quarter or --year.",
    ),
    "opt.merge.year": (
        "汇总一年，如 2023：年度呈报版和工作底稿（灯情、逐季进展、指标、报送考核），写到 reports/2023年/；与 --quarter、--plan 三选一。",
        "merge a year, e.g. 2023: the year's report and working papers (lights, progress by quarter, indicators, reporting records) in reports/2023/; one of --quarter, --year, --plan.",
    ),
    "opt.merge.plan": (
        "汇总整个方案期（2022—2024年已有数据的全部季度），写到 reports/2022-2024/；与 --quarter、--year 三选一。",
        "merge the whole plan (every quarter with data) into reports/2022-2024/; one of --quarter, --year, --plan.",
    ),
    "opt.status.year": (
        "一年的报送考核：各单位按时、逾期（天数）、未报送的季度数，缺报项数，退回，问题，名次及变化，如 2023；与 --quarter 二选一。",
        "a year's reporting record per unit (on time, late and days, missing, rows missing, returned, findings, rank and change), e.g. 2023; instead of --quarter.",
    ),
    # ------------------------------------------------------------ the submission form (writer.py)
    "form.title": ("《{title}》", "{title}"),
    "form.header": (
        "{name} · {label}重点任务落实进度\n"
        "{title}：本单位须报送 {n} 项任务（下列每一项）。\n"
        "截止日期：{deadline}（每季度第一个月 {day} 日前报送上季度进度），发送至 {mailbox}。\n"
        "\n"
        "填写说明：\n"
        "- 在每项 progress: |- 的下一行（比 progress 多缩进两个空格）写本季度做了什么、成效如何，\n"
        "  尽量附数据；每条不超过 {limit} 字，不要只写“无”“略”“同上”。字数与 Word/WPS 的\n"
        "  “字符数（不计空格）”相同：空格和换行不计，一个表情符号算 1 个。\n"
        "- status: 后填进展（选填）：未启动 / 推进中 / 已完成 / 持续推进。\n"
        "- 有量化指标的任务列出了本单位应填的指标：删去 figures 和指标行开头的“# ”，在冒号后只填\n"
        "  数字（如 2990、16.5；比例填百分数，63 表示 63%）。\n"
        "- 每项任务下的“上季度”是本单位上季度的填报内容，仅供参考，不要照抄。\n"
        "- 填写填报人、联系电话、审核人（分管领导）。报送时删去 submitted 前的“# ”并填上实际报送\n"
        "  日期（YYYY-MM-DD）；没有日期即为草稿。",
        "{name} · progress on the key tasks, {label}\n"
        "{title}: this unit must report on {n} row(s), each listed below.\n"
        "Deadline: {deadline} (day {day} of the month after the quarter), send to {mailbox}.\n"
        "\n"
        "How to fill in:\n"
        "- Under each `progress: |-`, indented two spaces more than `progress`, say what was done this\n"
        "  quarter and with what result, with figures; at most {limit} characters, counted as Word's\n"
        "  'characters (no spaces)': spaces and line breaks do not count, an emoji is one. Never just\n"
        "  无, 略 or 同上.\n"
        "- After status: the state of the task (optional): 未启动 / 推进中 / 已完成 / 持续推进.\n"
        "- Rows with quantitative indicators list the figures this unit reports: remove the '# ' before\n"
        "  figures and the indicator lines, and write a plain number after the colon (2990, 16.5; a\n"
        "  share in percent: 63 means 63%).\n"
        "- 'Last quarter' under a task is what this unit wrote then: for reference, do not copy it.\n"
        "- Fill in filled_by, phone and reviewer (the leader who signs it off). When sending, remove the\n"
        "  '# ' before submitted and write the date sent (YYYY-MM-DD); without a date it is a draft.",
    ),
    "form.meaning.cumulative": ("累计：2022年以来的总数", "running total since 2022"),
    "form.meaning.count_by": ("累计：至本季度末的总数", "total at the end of the quarter"),
    "form.meaning.level": ("本季度末的数量", "number at the end of the quarter"),
    "form.meaning.per_year": ("本年累计：1月至本季度末", "this year so far"),
    "form.meaning.share": ("比例：填百分数，63 表示 63%", "share: in percent, 63 means 63%"),
    "form.meaning.rate": ("本季度的数值", "this quarter's value"),
    # ------------------------------------------------------------ finding parts (what, where, kind)
    "what.unit": ("单位", "unit"),
    "what.successor": ("继任单位", "successor"),
    "what.part": ("部分", "part"),
    "what.measure": ("措施", "measure"),
    "what.task_row": ("任务", "task row"),
    "what.member": ("成员", "member"),
    "what.group_only": ("{key} 只用于群组（kind: group）", "{key} applies to groups (kind: group) only"),
    "what.basis_needed": (
        "未确认的群组须写明依据（basis 的 rows、quote、reading）",
        "an unconfirmed group needs its basis (basis rows, quote and reading)",
    ),
    "what.quote_absent": (
        "依据原话“{quote}”不在第 {rows} 项中",
        "the basis quote '{quote}' is not printed in row(s) {rows}",
    ),
    "hint.did_you_mean": ("可能是：{names}", "Did you mean: {names}"),
    "what.basis_row": ("依据中的第 {row} 项不在任务清单中", "basis row {row} is not a row of the task list"),
    "what.rtf": ("这是 RTF 文档（WPS 常把它存成 .doc）", "it is an RTF document (WPS often saves those as .doc)"),
    "what.pdf": ("这是 PDF 文件", "it is a PDF"),
    "what.html": (
        "看起来是网页或 XML 文件，例如另存为“网页”的文档",
        "it looks like HTML or XML, e.g. a document saved as a web page",
    ),
    "what.plain_text": ("看起来是纯文本文件", "it looks like a plain text file"),
    "what.unrecognised": ("文件头无法识别", "unrecognised content"),
    "what.damaged_zip": ("压缩包已损坏：{error}", "damaged zip archive: {error}"),
    "what.part_count": ("部件数", "number of parts"),
    "what.excel_workbook": ("这是 Excel 工作簿", "it is an Excel workbook"),
    "what.no_document_xml": ("其中没有 word/document.xml", "it has no word/document.xml"),
    "what.unpacked_size": ("解压后的大小", "unpacked size"),
    "what.file_size": ("大小", "size"),
    "what.rows_gone": ("第 {rows} 项已不存在", "row(s) {rows} no longer exist"),
    "what.tasks_edited": ("任务内容有改动", "task texts were edited"),
    "kind.broken_link": ("失效的链接", "a broken link"),
    "where.contact": ("联系人", "contact"),
    "where.progress": ("第 {row} 项的落实进度", "progress for row {row}"),
    "where.note": ("第 {row} 项的备注", "note for row {row}"),
    "what.empty": ("为空", "is empty"),
    "what.blank": ("只有空白、标点或不可见字符", "holds only spaces, punctuation or invisible characters"),
    "what.only_says": ("只写了“{text}”", "only says '{text}'"),
    "kind.file.regular": ("普通文件", "a regular file"),
    "kind.file.directory": ("目录", "a directory"),
    "kind.file.fifo": ("命名管道（FIFO）", "a FIFO (named pipe)"),
    "kind.file.char_device": ("字符设备", "a character device"),
    "kind.file.block_device": ("块设备", "a block device"),
    "kind.file.socket": ("套接字", "a socket"),
    "kind.file.special": ("特殊文件", "a special file"),
    "what.key_not_text": ("键必须是文字", "a key must be text"),
    "what.top_list": (
        "文件顶层应为“名称: 值”的映射，这里是列表",
        "the top level must be a mapping of `name: value`, not a list",
    ),
    "what.top_text": (
        "文件顶层应为“名称: 值”的映射，这里是一段文字",
        "the top level must be a mapping of `name: value`, not plain text",
    ),
    # ------------------------------------------------------------ Python API (zengshou.api)
    "api.no_data_dir": ("找不到数据目录 {data}", "no data directory at {data}"),
    "api.bad_config": ("zengshou.toml 有误：{error}", "zengshou.toml is invalid: {error}"),
    "api.bad_definitions": (
        "tasks.yaml 或 units.yaml 有 {n} 处错误（见 findings；或运行 zengshou validate）",
        "tasks.yaml or units.yaml has {n} error(s) (see findings, or run zengshou validate)",
    ),
    "api.bad_quarter": (
        "“{quarter}”不是方案期内的季度（如 2023Q2）",
        "'{quarter}' is not a quarter of the plan (e.g. 2023Q2)",
    ),
    "api.unknown_unit": (
        "“{unit}”不是报送单位（编号、全称或简称）",
        "'{unit}' is not a reporting unit (id, full name or alias)",
    ),
    "api.no_rows": ("{unit} 本季度没有须报送的任务", "{unit} has no rows to report this quarter"),
    "api.bad_format": ("格式“{format}”无效，可用：{formats}", "unknown format '{format}'; use {formats}"),
    # ------------------------------------------------------------ form marker (F825 Excel, F842 Word)
    "marker.no_format": ("缺少 format", "no format"),
    "marker.no_version": ("缺少 version 或不是 1–6 位数字", "no version, or not 1-6 digits"),
    "marker.newer_version": (
        "表单版本 {version} 由更新版本的 zengshou 生成",
        "form version {version} was made by a newer zengshou",
    ),
    "marker.unknown_unit": ("未知单位“{unit}”", "unknown unit '{unit}'"),
    "marker.bad_quarter": ("季度无效", "invalid quarter"),
    "marker.bad_rows": ("任务序号无效", "invalid row list"),
    "marker.no_rows": ("缺少任务行", "no rows"),
    "marker.bad_cell": ("联系人单元格“{cell}”不是一个单元格", "contact cell '{cell}' is not one cell"),
    "marker.no_sheet": ("缺少任务工作表", "the task sheet is missing"),
    "form.status_hint": (
        "进展（选填）：未启动 / 推进中 / 已完成 / 持续推进",
        "optional: 未启动 / 推进中 / 已完成 / 持续推进",
    ),
    "form.figures_hint": (
        "指标（选填）：删去本行和下面指标行开头的“# ”，冒号后填数字",
        "optional: remove '# ' here and on the lines below, write numbers",
    ),
    "form.previous": ("上季度（{q}，供参考）：", "last quarter ({q}, for reference): "),
    "form.figure_label": ("{name}（{unit}，{meaning}）", "{name} ({unit}; {meaning})"),
    "form.item_head": ("第 {row} 项 · 措施 {measure}. {title}", "row {row} · measure {measure}. {title}"),
    "form.item_lead": ("牵头：{lead}", "lead: {lead}"),
    "form.item_optional": ("（本单位为配合单位，可选填）", " (participating unit: optional)"),
    "form.item_task": ("任务：{text}", "task: {text}"),
    # ------------------------------------------------------------ sending (zengshou.outbox), review, receipts
    # configuration ([smtp] [wecom] [dingtalk] [notify] in zengshou.toml; zengshou.outbox.settings)
    "send.cfg_not_table": ("{path}：[{table}] 应为一个表", "{path}: [{table}] must be a table"),
    "send.cfg_unknown_key": (
        "{path}：[{table}] 中没有“{setting}”这个设置项；可用的有：{keys}",
        "{path}: [{table}] has no key '{setting}'; the keys are: {keys}",
    ),
    "send.cfg_text": (
        "{path}：[{table}] {setting} 应为非空文字",
        "{path}: [{table}] {setting} must be a non-empty text",
    ),
    "send.cfg_number": (
        "{path}：[{table}] {setting} 应为 {low} 到 {high} 之间的数",
        "{path}: [{table}] {setting} must be a number from {low} to {high}",
    ),
    "send.cfg_missing": (
        "{path}：[{table}] 缺少 {setting}（见 docs/sending.md）",
        "{path}: [{table}] lacks {setting} (see docs/sending.md)",
    ),
    "send.cfg_choice": (
        "{path}：[{table}] {setting} 只能是：{choices}",
        "{path}: [{table}] {setting} must be one of: {choices}",
    ),
    "send.cfg_no_password": (
        "{path}：[smtp] 设了 user 却没有密码：在环境变量 ZENGSHOU_SMTP_PASSWORD 中设置（或写在 [smtp] password，不要写在命令行里）",
        "{path}: [smtp] has a user but no password: set it in the environment variable ZENGSHOU_SMTP_PASSWORD "
        "(or [smtp] password; never on the command line)",
    ),
    "send.cfg_webhook": (
        "{path}：[{table}] webhook 应为以 https:// 开头的机器人地址",
        "{path}: [{table}] webhook must be the robot's address, starting with https://",
    ),
    "send.cfg_channel_unset": (
        "{path}：[notify] channels 中有 {channel}，但没有配置它（见 docs/sending.md）",
        "{path}: [notify] channels names {channel}, which is not configured (see docs/sending.md)",
    ),
    "send.no_channels": (
        "没有配置任何发送渠道：在 zengshou.toml 中设置 [smtp]（邮件）或 [wecom] / [dingtalk]（群机器人），见 docs/sending.md",
        "No channel to send by: set [smtp] (mail) or [wecom] / [dingtalk] (group robots) in zengshou.toml; "
        "see docs/sending.md",
    ),
    "send.no_smtp": (
        "没有配置邮件发送：在 zengshou.toml 中设置 [smtp]（见 docs/sending.md）",
        "Mail is not configured: set [smtp] in zengshou.toml (see docs/sending.md)",
    ),
    "send.no_robot": ("没有配置{robot}群机器人", "The {robot} group robot is not configured"),
    # failures: what happened, in plain words, and what to do
    "send.err_login": (
        "邮件服务器 {host}:{port} 拒绝登录（账号 {user}，代码 {code}）：请核对 ZENGSHOU_SMTP_USER / ZENGSHOU_SMTP_PASSWORD"
        "（许多邮箱要用“授权码”而不是登录密码）",
        "The mail server {host}:{port} refused the login (account {user}, code {code}): check "
        "ZENGSHOU_SMTP_USER / ZENGSHOU_SMTP_PASSWORD (many providers want an app password, not the login password)",
    ),
    "send.err_no_starttls": (
        "邮件服务器 {host}:{port} 不支持 STARTTLS：把 [smtp] security 改为 ssl（端口一般为 465）",
        'The mail server {host}:{port} does not offer STARTTLS: set [smtp] security = "ssl" (usually port 465)',
    ),
    "send.err_no_auth": (
        "邮件服务器 {host}:{port} 不接受登录：去掉 [smtp] user，或改用加密连接（security = ssl / starttls）",
        "The mail server {host}:{port} accepts no login here: remove [smtp] user, or use ssl / starttls",
    ),
    "send.err_tls": (
        "与邮件服务器 {host}:{port} 建立加密连接失败（{reason}）：核对 [smtp] security 与端口（ssl 一般 465，starttls 一般 587）",
        "Could not set up encryption with the mail server {host}:{port} ({reason}): check [smtp] security and "
        "the port (ssl usually 465, starttls usually 587)",
    ),
    "send.err_timeout": (
        "连接邮件服务器 {host}:{port} 超时（{seconds} 秒）：检查网络、服务器地址和端口",
        "The mail server {host}:{port} did not answer within {seconds} s: check the network, host and port",
    ),
    "send.err_refused": (
        "邮件服务器 {host}:{port} 拒绝连接（服务器未运行或端口不对）：核对 [smtp] host 和 port",
        "The mail server {host}:{port} refused the connection (not running, or the wrong port): check "
        "[smtp] host and port",
    ),
    "send.err_no_host": (
        "找不到邮件服务器 {host}（域名无法解析）：核对 [smtp] host 和网络",
        "The mail server {host} cannot be found (name does not resolve): check [smtp] host and the network",
    ),
    "send.err_dropped": (
        "邮件服务器 {host}:{port} 中断了连接：稍后再试",
        "The mail server {host}:{port} closed the connection: try again later",
    ),
    "send.err_smtp": (
        "邮件服务器 {host}:{port} 拒绝发送（代码 {code}：{reason}）",
        "The mail server {host}:{port} refused to send (code {code}: {reason})",
    ),
    "send.err_network": (
        "无法连接邮件服务器 {host}:{port}（{reason}）",
        "Cannot reach the mail server {host}:{port} ({reason})",
    ),
    "send.err_recipient": (
        "邮件服务器不接受收件地址 {to}：核对 units.yaml 的 email 或 senders.yaml",
        "The mail server does not accept the address {to}: check email in units.yaml or senders.yaml",
    ),
    "send.err_sender": (
        "邮件服务器 {host}:{port} 不接受发件地址 {sender}（代码 {code}）：[smtp] from 应为登录账号的地址",
        "The mail server {host}:{port} refuses the sender {sender} (code {code}): [smtp] from must be the "
        "account's own address",
    ),
    "send.err_robot_http": (
        "{robot}机器人服务暂时出错（HTTP {code}）：稍后再试",
        "The {robot} robot service failed (HTTP {code}): try again later",
    ),
    "send.err_robot_bad_hook": (
        "{robot}机器人地址无效（HTTP {code}）：核对 webhook 设置（或环境变量）是否完整复制",
        "The {robot} robot's webhook is not valid (HTTP {code}): check that the webhook setting (or its "
        "environment variable) was copied whole",
    ),
    "send.err_robot_timeout": (
        "{robot}机器人在 {seconds} 秒内没有应答：检查网络",
        "The {robot} robot did not answer within {seconds} s: check the network",
    ),
    "send.err_robot_no_host": (
        "找不到{robot}机器人的服务器（域名无法解析）：检查网络和 webhook 地址",
        "The {robot} robot's server cannot be found (name does not resolve): check the network and the webhook",
    ),
    "send.err_robot_network": ("无法连接{robot}机器人（{reason}）", "Cannot reach the {robot} robot ({reason})"),
    "send.err_robot_answer": (
        "{robot}机器人的应答无法识别：核对 webhook 是否为群机器人地址",
        "The {robot} robot's answer is not understood: check that the webhook is a group robot's address",
    ),
    "send.err_robot_too_fast": (
        "{robot}机器人提示发送过于频繁（每分钟最多 20 条）",
        "The {robot} robot says too many messages (20 a minute at most)",
    ),
    "send.err_robot_refused": (
        "{robot}机器人拒绝了消息（错误码 {code}：{reason}）：核对 webhook，钉钉还要核对加签密钥 secret 和安全设置",
        "The {robot} robot refused the message (code {code}: {reason}): check the webhook, and for dingtalk the "
        "signing secret and security settings",
    ),
    "send.err_unexpected": ("发送时出现意外错误：{reason}", "Unexpected error while sending: {reason}"),
    "send.log_unwritable": (
        "无法写入发送记录 {path}（{reason}）：未发送任何消息",
        "Cannot write the send log {path} ({reason}): nothing was sent",
    ),
    "send.busy": (
        "另一个 zengshou 正在发送（{path} 被占用）：未发送任何消息，请稍后再试",
        "Another zengshou run is sending ({path} is in use): nothing was sent; try again later",
    ),
    "send.log_failed": (
        "写入发送记录 {path} 失败（{reason}）：已停止发送；最后一条消息可能已发出但未记录",
        "Writing the send log {path} failed ({reason}): sending stopped; the last message may have gone out unrecorded",
    ),
    # what a run did (status --remind --send, review --send, import --send-receipts)
    "send.robot.wecom": ("企业微信", "WeCom"),
    "send.robot.dingtalk": ("钉钉", "DingTalk"),
    "send.channel.smtp": ("邮件", "mail"),
    "send.channel.wecom": ("企业微信群", "WeCom group"),
    "send.channel.dingtalk": ("钉钉群", "DingTalk group"),
    "send.skip_recent": (
        "{when} 已提醒过，{hours} 小时内不再提醒",
        "reminded at {when}; not again within {hours} hours",
    ),
    "send.skip_no_address": (
        "没有邮箱地址：在 units.yaml 中给该单位加 email，或在 senders.yaml 中登记",
        "no mail address: add email to the unit in units.yaml, or list it in senders.yaml",
    ),
    "send.dry_title": (
        "试运行：以下 {n} 条消息将会发送（未实际发送）",
        "Dry run: these {n} message(s) would be sent (nothing was sent)",
    ),
    "send.dry_head": ("【{n}】{channel} → {to}", "[{n}] {channel} → {to}"),
    "send.dry_head_robot": (
        "【{n}】{channel}（群机器人，发给全群）",
        "[{n}] {channel} (group robot: to the whole group)",
    ),
    "send.dry_subject": ("主题：{subject}", "Subject: {subject}"),
    "send.dry_units": ("涉及单位：{units}", "Units: {units}"),
    "send.sent": ("已发送：{channel} → {to}", "sent: {channel} → {to}"),
    "send.failed": ("发送失败：{channel} → {to}：{error}", "failed: {channel} → {to}: {error}"),
    "send.skipped": ("未发送：{channel} → {unit}：{why}", "not sent: {channel} → {unit}: {why}"),
    "send.nothing": ("没有需要发送的消息。", "Nothing to send."),
    "send.summary": (
        "共发送 {sent} 条，失败 {failed} 条，跳过 {skipped} 条；记录见 {log}",
        "{sent} sent, {failed} failed, {skipped} skipped; see {log}",
    ),
    "send.dry_needs_send": ("--dry-run 只与 --send 或 --send-receipts 同用", "--dry-run goes with --send"),
    "send.send_needs_remind": ("--send 只与 --remind 同用", "--send goes with --remind"),
    "send.contact": ("联系人：{contact}", "Contact: {contact}"),
    # the review comment mailed to a unit (review --send)
    "send.review_subject_returned": (
        "{quarter}重点任务落实进度报送材料退回修改通知",
        "Your progress report for {quarter} is returned for correction",
    ),
    "send.review_subject_accepted": (
        "{quarter}重点任务落实进度报送材料审核通过",
        "Your progress report for {quarter} is accepted",
    ),
    "send.review_returned": (
        "{unit}：你单位报送的{quarter}重点任务落实进度，经审核（{date}），需修改后重新报送。",
        "{unit}: your progress report for {quarter} was reviewed on {date} and must be corrected and sent again.",
    ),
    "send.review_accepted": (
        "{unit}：你单位报送的{quarter}重点任务落实进度，已于{date}审核通过。",
        "{unit}: your progress report for {quarter} was accepted on {date}.",
    ),
    "send.review_comment": ("审核意见：", "Comments:"),
    "send.review_resend": (
        "请按上述意见修改后，将完整的报送材料重新发送至邮箱 {mailbox}。",
        "Please correct the report as asked and send the whole report again to {mailbox}.",
    ),
    # receipts (import --mail --send-receipts)
    "send.receipt_subject": ("{unit}{quarter}落实进度报送回执", "Receipt: progress report of {unit} for {quarter}"),
    "send.receipt_opening": (
        "{unit}：已收到你单位 {date} 发送的邮件“{subject}”，附件处理情况如下：",
        "{unit}: we received your message '{subject}' of {date}; its attachments:",
    ),
    "send.receipt_item": ("{n}. {attachment}：{result}", "{n}. {attachment}: {result}"),
    "send.receipt_state": ("你单位{quarter}的报送状态：{state}。", "Your report for {quarter} now stands as: {state}."),
    "send.receipt_findings": ("检查发现 {n} 个问题：", "The checks found {n} problem(s):"),
    "send.receipt_finding": ("{n}.（{level}）{message}", "{n}. ({level}) {message}"),
    "send.receipt_please_fix": (
        "标为“错误”的问题须修改后重新发送；“警告”请核实。",
        "Problems marked 'error' must be corrected and the report sent again; please check the warnings.",
    ),
    "send.receipt_no_findings": ("检查未发现问题。", "The checks found no problems."),
    "send.receipt_auto": ("（本回执由系统自动发送。）", "(This receipt was sent automatically.)"),
    # zengshou review
    "review.bad_record": (
        "审核记录 {path} 无法读取（{reason}）：请恢复或删除该文件后重试",
        "The review record {path} cannot be read ({reason}): restore or remove it and try again",
    ),
    "review.cannot_read": ("无法读取报送文件 {path}", "Cannot read the submission {path}"),
    "review.cannot_write": ("无法写入审核记录 {path}（{reason}）", "Cannot write the review record {path} ({reason})"),
    "review.one_decision": (
        '请给出一个审核结论：--return "意见"（退回修改）或 --accept（通过）',
        'Give one decision: --return "comment" (return for correction) or --accept',
    ),
    "review.empty_comment": (
        '退回须写明意见：--return "请补充第 13 项的量化数字"',
        'A return needs a comment: --return "please add the figures of row 13"',
    ),
    "review.no_file": (
        "{unit} 尚未报送{quarter}的文件，无可审核的材料",
        "{unit} has no report for {quarter} to review",
    ),
    "review.recorded_returned": (
        "已记录：{unit}{quarter}报送材料退回修改（{file}）。意见：{comment}\n记录在 {record}；该单位重新报送后自动解除。",
        "Recorded: the report of {unit} for {quarter} is returned ({file}). Comment: {comment}\n"
        "Kept in {record}; it clears when the unit sends a new version.",
    ),
    "review.recorded_accepted": (
        "已记录：{unit}{quarter}报送材料审核通过（{file}）。记录在 {record}。",
        "Recorded: the report of {unit} for {quarter} is accepted ({file}). Kept in {record}.",
    ),
    "review.no_address": (
        "{unit} 没有邮箱地址，未发送审核意见：在 units.yaml 中加 email 或在 senders.yaml 中登记",
        "{unit} has no mail address; the comment was not sent: add email in units.yaml or list it in senders.yaml",
    ),
    "review.bad_records": ("审核记录无法读取，已忽略：{problems}", "Review records ignored (unreadable): {problems}"),
    "status.returned_line": ("退回意见 · {unit}（{date}）：{comment}", "Returned · {unit} ({date}): {comment}"),
    "cmd.review.short": ("审核报送材料：退回修改或通过", "Review a unit's report: return it or accept it"),
    "cmd.review": (
        '记录对某单位某季度报送材料的审核结论：--return "意见" 退回修改，--accept 通过。\n\n'
        "结论记在报送文件旁的 <单位>.review.json 中（报送文件不被改动），status 中显示为“退回”，"
        "并写入工作底稿和下一次催报通知；该单位重新报送（文件内容有变化）后自动解除。--send 把意见用邮件发给该单位。",
        'Record the decision on a unit\'s report for a quarter: --return "comment" sends it back for correction, '
        "--accept accepts it.\n\nThe decision is kept beside the report in <unit>.review.json (the report itself is "
        "not changed); status shows 退回 (returned), and so do the working paper and the next reminder, until the "
        "unit sends a new version. --send mails the unit the comment.",
    ),
    "opt.review.return": ("退回修改，并写明意见。", "Return the report for correction, with this comment."),
    "opt.review.accept": ("审核通过。", "Accept the report."),
    "opt.review.comment": ("通过时附带的意见（可选）。", "A comment to go with --accept (optional)."),
    "opt.review.send": (
        "把审核结论和意见用邮件发给该单位（邮件设置见 docs/sending.md）。",
        "Mail the decision and comment to the unit (mail settings: docs/sending.md).",
    ),
    "opt.status.send": (
        "与 --remind 同用：把催报通知发给未报送或被退回的单位（邮件，和/或企业微信、钉钉群机器人；设置见 docs/sending.md）。"
        "同一单位在 notify.interval_hours 小时内不重复提醒；每次发送记入数据目录的 sendlog.jsonl。",
        "With --remind: send the notice to the units still missing or returned (mail and/or the WeCom and DingTalk "
        "group robots; settings: docs/sending.md). A unit is not reminded again within notify.interval_hours; "
        "every send is logged in sendlog.jsonl in the data directory.",
    ),
    "opt.status.dry_run": (
        "与 --send 同用：列出将发给谁、发什么，不实际发送。",
        "With --send: show exactly what would go to whom, and send nothing.",
    ),
    "opt.status.channel": (
        "只用这些渠道：smtp、wecom、dingtalk（可重复；默认 notify.channels 或全部已配置的渠道）。",
        "Use only these channels: smtp, wecom, dingtalk (repeatable; default: notify.channels, or every "
        "configured one).",
    ),
    "opt.import.send_receipts": (
        "导入后给每个来件单位发回执：收到了什么、报送状态、检查发现的问题（邮件设置见 docs/sending.md）。",
        "After importing, mail each sender a receipt: what arrived, the report's state, what the checks found "
        "(mail settings: docs/sending.md).",
    ),
}

# the forms' labels of the sign-off fields come from their one definition
MESSAGES.update({f"form.people.{f.key}": (f.label_zh, f.label_en) for f in FIELDS})
