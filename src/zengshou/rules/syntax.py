"""S1xx: reading the file — encoding, YAML syntax, unsafe constructs, structure.

These are produced by :mod:`zengshou.loader` and by the schema check in
:mod:`zengshou.schema`; they are registered here so they have docs like every other rule.
"""

from zengshou.registry import rule

rule(
    "S100",
    "unreadable",
    "error",
    "syntax",
    {"zh": "文件无法读取", "en": "file cannot be read"},
    {"zh": "无法读取文件：{error}", "en": "cannot read the file: {error}"},
    {"zh": "检查文件路径和权限。", "en": "Check the path and the file's permissions."},
    why={
        "zh": "读不到的文件无法检查，也不能合并进报表。",
        "en": "A file that cannot be read can be neither checked nor merged.",
    },
)

rule(
    "S101",
    "encoding",
    "error",
    "syntax",
    {"zh": "文件不是 UTF-8 编码", "en": "file is not UTF-8"},
    {
        "zh": "第 {offset} 字节（{byte}）处不是有效的 {encoding} 编码",
        "en": "byte {offset} ({byte}) is not valid {encoding}",
    },
    {
        "zh": "请用记事本或 WPS“另存为”，编码选择 UTF-8 后重新保存（Windows 编辑器常默认存为 GBK/ANSI）。",
        "en": "Re-save the file as UTF-8 (Windows editors often save GBK/ANSI by default).",
    },
    why={
        "zh": "猜测编码可能把文字悄悄改错；只有明确的 UTF-8（可带 BOM）或带 BOM 的 UTF-16 才能保证报送内容原样保留。",
        "en": "Guessing an encoding can silently change text; only UTF-8 (BOM optional) or UTF-16 with a BOM keep it exact.",
    },
    bad="（用 GBK 保存的文件）",
    good="（用 UTF-8 保存的同一文件）",
)

rule(
    "S102",
    "yaml-syntax",
    "error",
    "syntax",
    {"zh": "YAML 语法错误", "en": "YAML syntax error"},
    {"zh": "YAML 语法错误：{problem}", "en": "YAML syntax error: {problem}"},
    {
        "zh": "对照示例检查缩进和冒号：每行“名称: 值”，冒号为半角且后面有一个空格。",
        "en": "Check indentation and colons against the example: `name: value`, an ASCII colon followed by a space.",
    },
    why={"zh": "语法错误的文件无法读取。", "en": "A file with a syntax error cannot be read."},
    bad="items:\n\t- task: 1",
    good="items:\n  - task: 1",
    hints={
        "tab": {
            "zh": "此行含制表符（Tab）：YAML 只能用空格缩进。",
            "en": "This line has a tab: YAML indents with spaces only.",
        },
        "fullwidth-colon": {
            "zh": "此行含全角冒号“：”：键和值之间要用半角冒号“: ”。",
            "en": "This line has a full-width colon '：': use an ASCII colon and a space ': '.",
        },
        "quotes": {
            "zh": "此行含中文引号：若要给值加引号，请用半角引号。",
            "en": "This line has Chinese quotation marks: quote values with ASCII quotes.",
        },
    },
)

rule(
    "S103",
    "duplicate-key",
    "error",
    "syntax",
    {"zh": "重复的键", "en": "duplicate key"},
    {"zh": "键“{key}”重复，第 {first_line} 行已出现", "en": "key '{key}' repeated; first at line {first_line}"},
    {"zh": "删除或合并其中一个。", "en": "Delete or merge one of them."},
    why={"zh": "重复的键会让一个值被悄悄丢弃。", "en": "A repeated key silently drops one of the values."},
    bad="unit: 资源县\nunit: 龙胜县",
    good="unit: 资源县",
)

rule(
    "S104",
    "anchor",
    "error",
    "syntax",
    {"zh": "不允许使用锚点和别名", "en": "anchors and aliases are not allowed"},
    {
        "zh": "不允许使用锚点/别名（&{anchor} / *{anchor}）",
        "en": "anchors/aliases are not allowed (&{anchor} / *{anchor})",
    },
    {
        "zh": "把内容直接写出来，不要用 & 和 * 引用。",
        "en": "Write the content out instead of referencing it with & and *.",
    },
    why={
        "zh": "别名可以构造“十亿笑声”攻击，让读取程序耗尽内存；报送文件也不需要它。",
        "en": "Aliases enable 'billion laughs' attacks that exhaust memory; submissions never need them.",
    },
    bad="progress: &a 已完成\nother: *a",
    good="progress: 已完成",
)

rule(
    "S105",
    "tag",
    "error",
    "syntax",
    {"zh": "不允许使用 YAML 标签", "en": "YAML tags are not allowed"},
    {"zh": "不允许使用 YAML 标签 {tag}", "en": "YAML tag {tag} is not allowed"},
    {"zh": "删除以“!”开头的标签，只写普通文字。", "en": "Remove the tag starting with '!'; write plain text."},
    why={
        "zh": "标签可以让读取程序构造任意对象，是常见的安全漏洞。",
        "en": "Tags can make a loader build arbitrary objects, a classic vulnerability.",
    },
    bad="progress: !!python/object:os.system ls",
    good="progress: 已完成",
)

rule(
    "S106",
    "multiple-documents",
    "error",
    "syntax",
    {"zh": "一个文件只能有一个文档", "en": "only one document per file"},
    {"zh": "文件中有多个 YAML 文档（“---”分隔）", "en": "the file holds several YAML documents (separated by '---')"},
    {
        "zh": "每个单位每季度一个文件；删除多余的“---”及其后的内容，或拆成多个文件。",
        "en": "One file per unit per quarter: remove the extra '---' and what follows, or split the file.",
    },
    why={"zh": "第二个文档会被忽略，内容就丢了。", "en": "A second document would be ignored and its content lost."},
    bad="unit: 资源县\n---\nunit: 龙胜县",
    good="unit: 资源县",
)

rule(
    "S107",
    "too-deep",
    "error",
    "syntax",
    {"zh": "嵌套层次过深", "en": "nesting too deep"},
    {"zh": "嵌套超过 {limit} 层", "en": "nesting deeper than {limit} levels"},
    {
        "zh": "报送文件只需要三层：单位信息、items 列表、每条的字段。",
        "en": "A submission needs three levels: header, the items list, each item's fields.",
    },
    why={"zh": "极深的嵌套会让程序栈溢出。", "en": "Extreme nesting can overflow a parser's stack."},
    bad="a: [[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]",
    good="items:\n  - task: 1",
)

rule(
    "S108",
    "structure",
    "error",
    "syntax",
    {"zh": "结构不符合格式", "en": "wrong structure"},
    {"zh": "结构错误：{what}", "en": "wrong structure: {what}"},
    {
        "zh": "对照格式说明（zengshou new 生成的文件）修改。",
        "en": "Compare with the documented format (a file written by `zengshou new`).",
    },
    why={
        "zh": "缺字段、多字段或类型不对，程序就无法可靠地合并这份报送。",
        "en": "With a field missing, unknown or of the wrong type, the file cannot be merged reliably.",
    },
    bad="unit: 资源县\nquarter: 2023Q2\nitem:\n  - task: 1",
    good="unit: 资源县\nquarter: 2023Q2\nitems:\n  - task: 1\n    progress: ……",
    hints={
        "fullwidth-colon": {
            "zh": "此行含全角冒号“：”：键和值之间要用半角冒号“: ”。",
            "en": "This line has a full-width colon '：': use an ASCII colon and a space ': '.",
        }
    },
)

rule(
    "S109",
    "control-character",
    "error",
    "syntax",
    {"zh": "含不可见控制字符", "en": "control character"},
    {"zh": "含不可见控制字符 {char}", "en": "invisible control character {char}"},
    {
        "zh": "删除该字符（常由从网页或 Word 粘贴带入），重新输入该处文字。",
        "en": "Delete the character (often pasted in from a web page or Word) and retype the text there.",
    },
    why={
        "zh": "控制字符在报表里显示为乱码，Excel 也可能拒绝打开。",
        "en": "Control characters show as garbage and can make Excel refuse the file.",
    },
)

rule(
    "S110",
    "empty-file",
    "error",
    "syntax",
    {"zh": "文件为空", "en": "empty file"},
    {"zh": "文件为空", "en": "the file is empty"},
    {"zh": "用 zengshou new 生成模板后填写。", "en": "Write one with `zengshou new` and fill it in."},
    why={"zh": "空文件看起来已报送，其实什么也没有。", "en": "An empty file looks submitted but says nothing."},
    bad="# 2023年第二季度进度（待填）\n",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "S111",
    "too-large",
    "error",
    "syntax",
    {"zh": "文件过大", "en": "file too large"},
    {
        "zh": "文件有 {size} 字节，超过 {limit} 字节的上限",
        "en": "the file has {size} bytes, over the {limit}-byte limit",
    },
    {
        "zh": "检查是否误存了其他内容；每条进度最多 300 字。",
        "en": "Check that nothing else was saved into it; each item holds at most 300 characters.",
    },
    why={
        "zh": "超大文件多半是误操作，也会拖慢检查。",
        "en": "A huge file is almost always a mistake and slows every check.",
    },
)

rule(
    "S112",
    "control-character-escape",
    "error",
    "syntax",
    {"zh": "值中含由转义写入的控制字符", "en": "control character written as an escape"},
    {
        "zh": "引号内的转义写入了不可见控制字符 {char}",
        "en": "an escape in a quoted value writes the invisible control character {char}",
    },
    {
        "zh": "删除引号内的“\\x01”“\\0”“\\e”“\\v”之类的转义；换行请直接换行（用 |- 块），不要写转义。",
        "en": "Remove escapes such as \\x01, \\0, \\e or \\v from the quoted value; for a line break use a |- block, not an escape.",
    },
    why={
        "zh": "双引号内的转义能写入文件里看不见的字符：Excel 拒绝保存含这些字符的表格，终端会把它们当作控制命令执行。",
        "en": "Escapes in double quotes put characters in a value that the file does not show: Excel refuses to save them "
        "and a terminal obeys them as commands.",
    },
    bad='unit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: "二季度采购\\x01完成"',
    good="unit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 二季度采购完成",
)

rule(
    "S113",
    "symlink-outside",
    "error",
    "syntax",
    {"zh": "符号链接指向数据目录之外", "en": "symbolic link out of the data directory"},
    {
        "zh": "这是指向数据目录之外（{target}）的符号链接，未读取",
        "en": "a symbolic link to {target}, outside the data directory; not read",
    },
    {
        "zh": "把文件本身放进数据目录，删除这个链接。",
        "en": "Put the file itself in the data directory and delete the link.",
    },
    why={
        "zh": "跟随链接会把数据目录外的文件（如密码、密钥）读进检查结果和 CI 日志。",
        "en": "Following the link would read a file from elsewhere (passwords, keys) into the findings and the CI log.",
    },
    bad="ln -s /etc/passwd data/progress/2023Q2/lingui.yaml",
    good="data/progress/2023Q2/lingui.yaml（普通文件 / a regular file）",
)

rule(
    "S114",
    "not-a-regular-file",
    "error",
    "syntax",
    {"zh": "不是普通文件", "en": "not a regular file"},
    {"zh": "这是{kind}，不是普通文件，未读取", "en": "this is {kind}, not a regular file; not read"},
    {
        "zh": "数据目录里只放普通的 YAML 文件；删除或改名这一项。",
        "en": "Keep only regular YAML files in the data directory; remove or rename this entry.",
    },
    why={
        "zh": "读取命名管道会一直等待，读取设备文件会没有尽头；目录不是报送文件。",
        "en": "Reading a FIFO waits forever and a device never ends; a directory is not a submission.",
    },
    bad="mkfifo data/progress/2023Q2/czj.yaml",
    good="data/progress/2023Q2/czj.yaml（普通文件 / a regular file）",
)

rule(
    "S115",
    "too-many-findings",
    "error",
    "syntax",
    {"zh": "问题过多，未全部列出", "en": "too many findings to list"},
    {
        "zh": "本文件共有 {total} 个问题，只列出前 {shown} 个，另有 {more} 个未列出",
        "en": "this file has {total} findings; the first {shown} are listed, {more} more are not",
    },
    {
        "zh": "先改正上面列出的问题再检查；这么多问题往往出自同一处错误（如缩进）。",
        "en": "Fix the ones listed and check again; this many usually come from one mistake (such as indentation).",
    },
    why={
        "zh": "一个小文件也能产生成千上万个问题，全部列出会淹没日志、耗尽内存。",
        "en": "A small file can cause a million findings; listing them all floods the log and exhausts memory.",
    },
)

rule(
    "S116",
    "too-many-values",
    "error",
    "syntax",
    {"zh": "条目过多", "en": "too many values"},
    {
        "zh": "文件中的值超过 {limit} 个，后面的内容未读取",
        "en": "the file holds more than {limit} values; the rest was not read",
    },
    {
        "zh": "每个单位每季度只报几十条任务：检查是否误粘贴了大量内容。",
        "en": "A unit reports a few dozen rows a quarter: check that nothing was pasted in by mistake.",
    },
    why={
        "zh": "几 MB 的文件可以写出上百万个值，逐个检查会耗尽时间和内存。",
        "en": "A few megabytes can hold a million values; checking each would exhaust time and memory.",
    },
    bad="unit: 市财政局\nquarter: 2023Q2\nitems:\n- 1\n- 1\n（…… 两万行 / 20,000 lines）",
)

rule(
    "S117",
    "progress-not-a-folder",
    "error",
    "syntax",
    {"zh": "progress 不是文件夹", "en": "progress is not a folder"},
    {
        "zh": "progress 应是存放各季度报送的文件夹，这里是{kind}",
        "en": "progress must be the folder of the quarters' submissions; it is {kind}",
    },
    {
        "zh": "删除或改名这个文件，建立 progress 文件夹（zengshou new 会建好）。",
        "en": "Remove or rename it and create the progress folder (`zengshou new` does).",
    },
    why={
        "zh": "否则每个单位都会显示为未报送，而看不出原因。",
        "en": "Otherwise every unit shows as missing with no reason given.",
    },
)
