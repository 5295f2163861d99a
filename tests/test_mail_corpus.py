"""``zengshou import --mail`` on a corpus of mail as Chinese offices send it (tests/mailcorpus/build.py):
Foxmail, QQ邮箱, Coremail, Outlook, Thunderbird and Java OA styles, GBK and UTF-8, raw 8-bit
headers, rfc822 forwards, reply chains, archives, mboxes with unquoted From lines and deleted
messages. Each case is imported with the real CLI and checked for the unit, quarter and
``submitted`` date written (read back with zengshou's loader), the findings and the exit code.

``CASES`` is also the table of the closing note (docs: /work/notes/issue-23.md).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
import pytest

from mailcorpus.build import forwarded_part, mbox, message, zip_of
from zengshou.loader import load_file

Q = "2023Q3"
SENDERS = "zy@ziyuan.example.cn: 资源县\nls@longsheng.example.cn: 龙胜县\n"


# ---------------------------------------------------------------- forms, made once


_FORMS: dict[tuple[str, str, str], bytes] = {}


def form(cli, data: Path, unit: str, fmt: str = "docx", text: str = "三季度完成") -> bytes:
    """A filled zengshou form (Word or Excel) for ``unit``, cached for the session."""
    key = (unit, fmt, text)
    if key in _FORMS:
        return _FORMS[key]
    name = f"_{unit}_{abs(hash(text))}.{fmt}"
    res = cli("template", "-u", unit, "-q", Q, "--format", fmt, "-o", name, "--data", data)
    assert res.exit_code == 0, res.output
    if fmt == "docx":
        d = docx.Document(name)
        t = d.tables[1]
        col = [c.text for c in t.rows[0].cells].index("落实进度")
        for r in t.rows[1:]:
            r.cells[col].text = f"{text}第{r.cells[0].text}项"
        d.save(name)
    else:
        wb = openpyxl.load_workbook(name)
        ws = wb["落实进度"]
        for r in range(6, ws.max_row + 1):
            if ws.cell(r, 1).value is not None:
                ws.cell(r, 5).value = f"{text}第{ws.cell(r, 1).value}项"
        wb.save(name)
    _FORMS[key] = Path(name).read_bytes()
    return _FORMS[key]


def plan_docx(data: Path, unit: str, paragraphs: list[str]) -> bytes:
    """The plan's own table (no zengshou marker) under ``paragraphs``."""
    from test_forms_docx import plan_table
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(data)
    rows = cat.required_rows(unit, Q)
    d = plan_table(cat, rows, title=None, progress={r: f"第{r}项进展" for r in rows})
    body = d.element.body
    tbl = body[0]
    for p in paragraphs:
        para = d.add_paragraph(p)
        tbl.addprevious(para._p)
    name = f"_plan_{unit}.docx"
    d.save(name)
    return Path(name).read_bytes()


# ---------------------------------------------------------------- the cases


@dataclass
class Case:
    kind: str
    build: object  # (cli, data) -> Path to import
    exit: int
    written: dict[str, str] = field(default_factory=dict)  # unit id -> submitted date
    codes: set[str] = field(default_factory=set)  # must appear
    not_written: tuple[str, ...] = ()
    stdout: tuple[str, ...] = ()
    quarter: str = Q
    args: tuple[str, ...] = ()


def _eml(name: str, raw: bytes) -> Path:
    p = Path("mails") / name
    p.parent.mkdir(exist_ok=True)
    p.write_bytes(raw)
    return p


def _senders(data: Path) -> None:
    (data / "senders.yaml").write_text(SENDERS, encoding="utf-8")


ZY = ("资源县政府办", "zy@ziyuan.example.cn")
LS = ("龙胜县乡村振兴局", "ls@longsheng.example.cn")
NY = ("市农业农村局", "ny@nyncj.example.cn")


def c_foxmail(cli, data):
    return _eml(
        "a.eml",
        message(
            "foxmail",
            ZY,
            "资源县三季度落实进度",
            "Thu, 5 Oct 2023 09:12:03 +0800",
            [("资源县落实进度.docx", form(cli, data, "ziyuan"))],
        ),
    )


def c_qq(cli, data):
    return _eml(
        "a.eml",
        message(
            "qq",
            NY,
            "农业农村局进度",
            "Wed, 4 Oct 2023 22:10:00 +0800",
            [("农业农村局.xlsx", form(cli, data, "nyncj", "xlsx"))],
        ),
    )


def c_coremail(cli, data):
    return _eml(
        "a.eml",
        message(
            "coremail",
            LS,
            "龙胜县三季度进度",
            "Thu, 5 Oct 2023 16:20:31 +0800 (CST)",
            [("龙胜县落实进度.docx", form(cli, data, "longsheng"))],
        ),
    )


def c_outlook_utc(cli, data):
    return _eml(
        "a.eml",
        message(
            "outlook",
            NY,
            "进度",
            "Wed, 4 Oct 2023 17:30:00 +0000",
            [("农业农村局进度.xlsx", form(cli, data, "nyncj", "xlsx"))],
        ),
    )


def c_oa_utf8_cst(cli, data):
    return _eml(
        "a.eml",
        message(
            "oa-utf8",
            ZY,
            "资源县三季度落实进度（OA）",
            "Fri Oct 06 16:20:31 CST 2023",
            [("资源县落实进度.docx", form(cli, data, "ziyuan"))],
        ),
    )


def c_oa_gbk_gmt8(cli, data):
    return _eml(
        "a.eml",
        message(
            "oa-gbk",
            LS,
            "龙胜县进度",
            "Thu, 5 Oct 2023 23:30:00 GMT+0800",
            [("龙胜县落实进度.xlsx", form(cli, data, "longsheng", "xlsx"))],
        ),
    )


def c_forward(cli, data):
    inner = message(
        "foxmail",
        ZY,
        "资源县三季度落实进度",
        "Thu, 5 Oct 2023 09:00:00 +0800",
        [("资源县落实进度.docx", form(cli, data, "ziyuan"))],
    )
    outer = message(
        "outlook",
        ("县政府办公室", "office@ziyuan.example.cn"),
        "转发: 资源县三季度落实进度",
        "Fri, 13 Oct 2023 10:00:00 +0800",
        body="转发资源县报送的材料。",
        parts=[forwarded_part(inner.replace(b"----=_NextPart_000_0001", b"----=_Inner_000_0001"))],
    )
    return _eml("fwd.eml", outer)


def c_reply_chain(cli, data):
    body = (
        "收到，附件为更新后的进度。\n\n"
        "------------------ 原始邮件 ------------------\n"
        "From: 乡村振兴局 <xczxfwzx@guilin.gov.cn>\n"
        "发送时间: 2023年9月28日(星期四) 上午9:00\n"
        "主题: 关于报送2023年第三季度落实进度的通知\n\n"
        "各单位：请于10月6日前报送。\n"
    )
    return _eml(
        "re.eml",
        message(
            "qq",
            NY,
            "Re: Re: 关于报送2023年第三季度落实进度的通知",
            "Thu, 5 Oct 2023 11:00:00 +0800",
            [("农业农村局.docx", form(cli, data, "nyncj"))],
            body=body,
            extra_headers=[
                b"In-Reply-To: <abc@guilin.gov.cn>",
                b"References: <abc@guilin.gov.cn> <def@nyncj.example.cn>",
            ],
        ),
    )


def c_zip_gbk(cli, data):
    z = zip_of([("资源县落实进度.docx", form(cli, data, "ziyuan")), ("现场照片.jpg", b"\xff\xd8\xff\xe0jpeg")])
    return _eml(
        "z.eml",
        message("coremail", ZY, "资源县材料（压缩包）", "Thu, 5 Oct 2023 09:00:00 +0800", [("资源县材料.zip", z)]),
    )


def c_rar(cli, data):
    return _eml(
        "r.eml",
        message(
            "foxmail",
            ZY,
            "进度",
            "Thu, 5 Oct 2023 09:00:00 +0800",
            [("资源县进度.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64)],
        ),
    )


def c_winmail(cli, data):
    tnef = b"\x78\x9f\x3e\x22\x01\x00\x01\x06\x90\x08\x00" + b"\x00" * 100
    return _eml("w.eml", message("outlook", NY, "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("winmail.dat", tnef)]))


def c_msg(cli, data):
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "__substg1.0_0037001F".encode("utf-16-le") + b"\x00" * 100
    )
    return _eml(
        "m.eml", message("qq", NY, "转发：进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("农业农村局进度.msg", ole)])
    )


def _from_line_body(style: str, sender, date: str, att) -> bytes:
    """A message whose text part is 8-bit, with a body line starting 「From 10月1日起」."""
    raw = message(style, sender, "龙胜县进度", date, [att], body="@@BODY@@")
    body = "您好：\nFrom 10月1日起，我县按新口径统计。\n附件为三季度进度。\n".encode()
    raw = re.sub(
        rb"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n[A-Za-z0-9+/=\r\n]+?\r\n\r\n",
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body.replace(b"\n", b"\r\n")
        + b"\r\n",
        raw,
        count=1,
    )
    assert b"From 10" in raw
    return raw


def c_mbox_thunderbird(cli, data):
    a = message(
        "thunderbird", ZY, "资源县进度", "Wed, 4 Oct 2023 09:00:00 +0800", [("资源县.docx", form(cli, data, "ziyuan"))]
    )
    b = _from_line_body(
        "thunderbird", LS, "Thu, 5 Oct 2023 09:00:00 +0800", ("龙胜县.docx", form(cli, data, "longsheng"))
    )
    deleted = message(
        "thunderbird",
        ZY,
        "资源县进度（误发）",
        "Fri, 6 Oct 2023 09:00:00 +0800",
        [("资源县.docx", form(cli, data, "ziyuan", text="误发"))],
    )
    p = Path("Inbox")
    p.write_bytes(
        mbox(
            [
                (a, "X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000"),
                (b, "X-Mozilla-Status: 0001"),
                (deleted, "X-Mozilla-Status: 0009"),
            ],
            quote_from=False,
        )
    )
    return p


def c_mboxcl2(cli, data):
    b = _from_line_body(
        "thunderbird", LS, "Thu, 5 Oct 2023 09:00:00 +0800", ("龙胜县.docx", form(cli, data, "longsheng"))
    )
    b = b.replace("From 10月1日起，".encode(), b"\r\nFrom clerk@longsheng Thu Oct  5 08:00:00 2023\r\n")
    p = Path("box.mbox")
    p.write_bytes(mbox([(b, "Status: RO")], quote_from=False, content_length=True))
    return p


def c_names(cli, data):
    atts = [
        ("资源县进度．XLSX", form(cli, data, "ziyuan", "xlsx")),
        (None, form(cli, data, "longsheng")),
        ("农业农村局.docx", form(cli, data, "nyncj", "xlsx")),
        ("财政局.et", form(cli, data, "czj", "xlsx")),
    ]
    return _eml(
        "n.eml",
        message("qq", ("办公室", "office@example.cn"), "四个单位的进度", "Thu, 5 Oct 2023 09:00:00 +0800", atts),
    )


def c_salutation(cli, data):
    _senders(data)
    blob = plan_docx(data, "ziyuan", ["桂林市乡村振兴局：", "现将我县落实进度报送如下。"])
    return _eml(
        "s.eml", message("foxmail", ZY, "落实进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("落实进度.docx", blob)])
    )


def c_passing_quarter(cli, data):
    blob = plan_docx(data, "ziyuan", ["资源县2023年第三季度重点任务清单落实进度", "注：2023Q2已报送。"])
    return _eml(
        "p.eml", message("foxmail", ZY, "落实进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("落实进度.docx", blob)])
    )


def c_sender_mismatch(cli, data):
    _senders(data)
    return _eml(
        "x.eml",
        message(
            "foxmail",
            ZY,
            "龙胜县进度",
            "Thu, 5 Oct 2023 09:00:00 +0800",
            [("龙胜县.docx", form(cli, data, "longsheng"))],
        ),
    )


def c_spoofed_name(cli, data):
    _senders(data)
    raw = message(
        "qq",
        ("", "evil@gmail.com"),
        "资源县进度",
        "Thu, 5 Oct 2023 09:00:00 +0800",
        [("资源县.docx", form(cli, data, "ziyuan"))],
    )
    raw = raw.replace(b"From: <evil@gmail.com>", b"From: =?utf-8?q?zy=40ziyuan=2Eexample=2Ecn?= <evil@gmail.com>")
    return _eml("spoof.eml", raw)


def c_no_attachment(cli, data):
    return _eml(
        "n.eml",
        message("coremail", ZY, "资源县进度（正文）", "Thu, 5 Oct 2023 09:00:00 +0800", [], body="三季度我县完成了……"),
    )


def c_equal_dates(cli, data):
    d = "Thu, 5 Oct 2023 09:00:00 +0800"
    _eml("b.eml", message("foxmail", ZY, "进度", d, [("进度.docx", form(cli, data, "ziyuan", text="甲稿"))]))
    _eml("a.eml", message("foxmail", ZY, "进度", d, [("进度.docx", form(cli, data, "ziyuan", text="乙稿"))]))
    return Path("mails")


def c_part_bomb(cli, data):
    parts = b"".join(b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(20000))
    raw = (
        b"From: a@b.cn\r\nDate: Thu, 5 Oct 2023 09:00:00 +0800\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        + parts
        + b"--B--\r\n"
    )
    return _eml("bomb.eml", raw)


def c_escape_name(cli, data):
    return _eml(
        "x\x1b[2J\x1b]0;pwned\x07.eml",
        message("qq", NY, "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("现场.jpg", b"\xff\xd8")]),
    )


def c_forward_vs_correction(cli, data):
    v1 = message(
        "foxmail",
        ZY,
        "资源县进度",
        "Tue, 3 Oct 2023 09:00:00 +0800",
        [("进度.docx", form(cli, data, "ziyuan", text="初稿"))],
    )
    v2 = message(
        "foxmail",
        ZY,
        "资源县进度（更正）",
        "Thu, 5 Oct 2023 09:00:00 +0800",
        [("进度（更正）.docx", form(cli, data, "ziyuan", text="更正稿"))],
    )
    fwd = message(
        "outlook",
        ("县政府办公室", "office@ziyuan.example.cn"),
        "转发：资源县进度",
        "Sun, 8 Oct 2023 09:00:00 +0800",
        parts=[forwarded_part(v1.replace(b"----=_NextPart_000_0001", b"----=_Inner_000_0001"))],
    )
    _eml("1.eml", v1)
    _eml("2.eml", v2)
    _eml("3.eml", fwd)
    return Path("mails")


def c_folder_no_suffix(cli, data):
    _eml(
        "1",
        message(
            "foxmail", ZY, "资源县", "Thu, 5 Oct 2023 09:00:00 +0800", [("资源县.docx", form(cli, data, "ziyuan"))]
        ),
    )
    _eml(
        "2.txt",
        message(
            "qq", NY, "农业农村局", "Thu, 5 Oct 2023 09:00:00 +0800", [("农业农村局.docx", form(cli, data, "nyncj"))]
        ),
    )
    _eml("说明.txt", "这是导出说明，不是邮件。\n".encode())
    return Path("mails")


def c_many_attachments(cli, data):
    atts = [(f"照片{i}.jpg", b"\xff\xd8\xff\xe0" + bytes([i])) for i in range(60)]
    atts.append(("资源县进度.docx", form(cli, data, "ziyuan")))
    return _eml("many.eml", message("qq", ZY, "资源县进度及照片", "Thu, 5 Oct 2023 09:00:00 +0800", atts))


def c_mbox_bad_then_good(cli, data):
    bad = message("oa-gbk", ZY, "坏邮件", "Wed, 4 Oct 2023 09:00:00 +0800", [("资源县.jpg", b"\xff\xd8")])
    good = message(
        "oa-utf8", LS, "龙胜县", "Thu, 5 Oct 2023 09:00:00 +0800", [("龙胜县.docx", form(cli, data, "longsheng"))]
    )
    p = Path("oa.mbox")
    p.write_bytes(mbox([(bad, ""), (good, "")]))
    return p


CASES = [
    Case("Foxmail, GBK words, Word form", c_foxmail, 0, {"ziyuan": "2023-10-05"}),
    Case("QQ邮箱, UTF-8 words, Excel form", c_qq, 0, {"nyncj": "2023-10-04"}),
    Case("Coremail, RFC 2231 GBK name, Date (CST) comment", c_coremail, 0, {"longsheng": "2023-10-05"}),
    Case("Outlook, name= only, 17:30 UTC = next day", c_outlook_utc, 0, {"nyncj": "2023-10-05"}),
    Case("Java OA, raw UTF-8 headers, Date … CST", c_oa_utf8_cst, 0, {"ziyuan": "2023-10-06"}),
    Case("Java OA, raw GBK headers, GMT+0800", c_oa_gbk_gmt8, 0, {"longsheng": "2023-10-05"}),
    Case("rfc822 forward a week later", c_forward, 0, {"ziyuan": "2023-10-05"}),
    Case("reply chain (Re: Re:, quoted From: lines)", c_reply_chain, 0, {"nyncj": "2023-10-05"}),
    Case(".zip with GBK names", c_zip_gbk, 0, {"ziyuan": "2023-10-05"}),
    Case(".rar", c_rar, 1, codes={"F871"}, not_written=("ziyuan",), stdout=(".zip",)),
    Case("winmail.dat (Outlook RTF)", c_winmail, 1, codes={"F871"}, not_written=("nyncj",), stdout=("HTML",)),
    Case("Outlook .msg attached", c_msg, 1, codes={"F871"}, not_written=("nyncj",), stdout=(".eml",)),
    Case(
        "Thunderbird mbox: unquoted From line, deleted message",
        c_mbox_thunderbird,
        0,
        {"ziyuan": "2023-10-04", "longsheng": "2023-10-05"},
        stdout=("已删除",),
    ),
    Case("mboxcl2: Content-Length over a From_ line", c_mboxcl2, 0, {"longsheng": "2023-10-05"}),
    Case(
        "names: ．XLSX, none, xlsx named .docx, .et",
        c_names,
        0,
        {"ziyuan": "2023-10-05", "longsheng": "2023-10-05", "nyncj": "2023-10-05", "czj": "2023-10-05"},
    ),
    Case(
        "plan table under 「桂林市乡村振兴局：」 + senders.yaml",
        c_salutation,
        0,
        {"ziyuan": "2023-10-05"},
        not_written=("xczxj",),
        args=("--quarter", Q),
    ),
    Case("note 「2023Q2已报送」 vs title 第三季度", c_passing_quarter, 0, {"ziyuan": "2023-10-05"}),
    Case("sender listed for 资源县 sends 龙胜县", c_sender_mismatch, 1, codes={"F870"}, not_written=("longsheng",)),
    Case(
        "display name spoofs a listed address",
        c_spoofed_name,
        1,
        codes={"F870"},
        not_written=("ziyuan",),
        stdout=("evil@gmail.com",),
    ),
    Case("message without attachment", c_no_attachment, 0, stdout=("没有附件",)),
    Case("equal Dates, different content", c_equal_dates, 1, {"ziyuan": "2023-10-05"}, codes={"F874"}),
    Case("20,000 MIME parts", c_part_bomb, 1, codes={"F873"}),
    Case("terminal escape in the .eml name", c_escape_name, 0, stdout=("\\x1b[2J",)),
    Case(
        "later forward of v1 vs the unit's 更正", c_forward_vs_correction, 0, {"ziyuan": "2023-10-05"}, codes={"F853"}
    ),
    Case(
        "folder: files without .eml",
        c_folder_no_suffix,
        0,
        {"ziyuan": "2023-10-05", "nyncj": "2023-10-05"},
        stdout=("不是邮件",),
    ),
    Case("form after 60 other attachments", c_many_attachments, 0, {"ziyuan": "2023-10-05"}),
    Case("mbox: raw GBK message, then a good one", c_mbox_bad_then_good, 0, {"longsheng": "2023-10-05"}),
]


def run_case(cli, data: Path, case: Case):
    path = case.build(cli, data)
    t0 = time.perf_counter()
    res = cli("import", "--mail", path, *case.args, "--data", data)
    return res, time.perf_counter() - t0


def codes(res) -> set[str]:
    return set(re.findall(r"\b(F8\d\d|[SDICRT]\d{3})\b", res.stdout))


@pytest.mark.parametrize("case", CASES, ids=[c.build.__name__[2:] for c in CASES])
def test_corpus(cli, data_dir, case: Case):
    res, took = run_case(cli, data_dir, case)
    out = res.stdout
    assert res.exit_code == case.exit, out
    assert case.codes <= codes(res), out
    assert "\x1b" not in out and "Traceback" not in out
    for unit, submitted in case.written.items():
        doc = load_file(data_dir / "progress" / case.quarter / f"{unit}.yaml")
        assert doc.ok, out
        assert doc.data["submitted"] == submitted, (unit, out)
        assert doc.data["quarter"] == case.quarter
    for unit in case.not_written:
        assert not (data_dir / "progress" / case.quarter / f"{unit}.yaml").exists(), out
    for s in case.stdout:
        assert s in out, out
    assert took < 20, took
