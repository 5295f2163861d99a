"""``zengshou import --mail``: real .eml and mbox files built with the standard library's
``email`` package, imported with the real CLI; the YAML written is read back with zengshou's
loader.
"""

from __future__ import annotations

import base64
import mailbox
import re
from pathlib import Path

import docx

from zengshou.loader import load_file

Q = "2023Q3"
DOCX_CT = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def codes(res) -> list[str]:
    return re.findall(r"\b(F8\d\d|[SDICRT]\d{3})\b", res.stdout)


def message(
    sender: str,
    subject: str,
    date: str | None,
    attachments: list[tuple[str, bytes]],
    *,
    name_style: str = "2231-gb18030",
) -> bytes:
    """A message as a Chinese mail client sends it: base64 attachments, file names encoded
    per ``name_style`` (RFC 2231 in GB18030, RFC 2047 in GB2312-labelled GBK, or UTF-8).
    Built with the compat32 MIME classes, which keep header text exactly as given."""
    from email import encoders
    from email.mime.base import MIMEBase
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    m = MIMEMultipart()
    m["From"] = sender
    m["To"] = "xczxfwzx@guilin.gov.cn"
    m["Subject"] = subject
    if date is not None:
        m["Date"] = date
    m.attach(MIMEText("您好，附件是本单位落实进度，请查收。", "plain", "gb18030"))
    for name, blob in attachments:
        part = MIMEBase("application", "octet-stream")
        part.set_payload(blob)
        encoders.encode_base64(part)
        if name_style == "2231-gb18030":
            enc = "".join(f"%{b:02X}" for b in name.encode("gb18030"))
            part["Content-Disposition"] = f"attachment; filename*=GB18030''{enc}"
        elif name_style == "2047-gb2312":
            part["Content-Disposition"] = (
                'attachment; filename="=?GB2312?B?' + base64.b64encode(name.encode("gbk")).decode() + '?="'
            )
        else:
            part["Content-Disposition"] = f"attachment; filename*=utf-8''{''.join(f'%{b:02X}' for b in name.encode())}"
        m.attach(part)
    raw = m.as_bytes()
    assert b"GB18030''%" in raw or name_style != "2231-gb18030" or not attachments
    return raw


def filled_form(cli, data: Path, unit: str, text: str = "三季度完成", name: str = "f.docx") -> bytes:
    res = cli("template", "-u", unit, "-q", Q, "--format", "docx", "-o", name, "--data", data)
    assert res.exit_code == 0, res.output
    d = docx.Document(name)
    t = d.tables[1]
    col = [c.text for c in t.rows[0].cells].index("落实进度")
    for r in t.rows[1:]:
        r.cells[col].text = f"{text}第{r.cells[0].text}项"
    d.save(name)
    return Path(name).read_bytes()


def yaml_of(data: Path, unit: str) -> dict:
    doc = load_file(data / "progress" / Q / f"{unit}.yaml")
    assert doc.ok, [f.message("en") for f in doc.findings]
    return doc.data


def test_eml_dates_in_china_time_either_side_of_midnight(cli, data_dir):
    """17:30 UTC on 6 July is 01:30 on the 7th in Guilin; 23:59 +0800 stays the 6th."""
    form_ny = filled_form(cli, data_dir, "nyncj", name="ny.docx")
    form_zy = filled_form(cli, data_dir, "ziyuan", name="zy.docx")
    mails = Path("mails")
    mails.mkdir()
    (mails / "a.eml").write_bytes(
        message(
            "市农业农村局 <ny@example.cn>",
            "农业农村局三季度进度",
            "Thu, 5 Oct 2023 17:30:00 +0000",
            [("农业农村局落实进度.docx", form_ny)],
        )
    )
    (mails / "b.eml").write_bytes(
        message(
            "=?GB2312?B?" + base64.b64encode("资源县".encode("gbk")).decode() + "?= <zy@example.cn>",
            "=?GB18030?B?" + base64.b64encode("资源县三季度进度".encode("gb18030")).decode() + "?=",
            "Fri, 6 Oct 2023 23:59:00 +0800",
            [("资源县落实进度.docx", form_zy)],
            name_style="2047-gb2312",
        )
    )
    res = cli("import", "--mail", mails, "--data", data_dir)
    assert res.exit_code == 0, res.output
    ny, zy = yaml_of(data_dir, "nyncj"), yaml_of(data_dir, "ziyuan")
    assert ny["submitted"] == "2023-10-06" and zy["submitted"] == "2023-10-06"
    assert ny["source"] == {
        "sender": "市农业农村局 <ny@example.cn>",
        "subject": "农业农村局三季度进度",
        "date": "2023-10-06T01:30:00+08:00",
        "attachment": "农业农村局落实进度.docx",
    }
    assert zy["source"]["subject"] == "资源县三季度进度" and zy["source"]["sender"] == "资源县 <zy@example.cn>"
    assert zy["source"]["attachment"] == "资源县落实进度.docx"
    assert "资源县落实进度.docx" in res.stdout and "已导入" in res.stdout
    # the loaded submission carries the source (for 报送情况)
    from zengshou.lint import load_catalog
    from zengshou.submissions import load_submission

    cat, _ = load_catalog(data_dir)
    sub = load_submission(data_dir / "progress" / Q / "ziyuan.yaml", cat)
    assert sub.model.source.subject == "资源县三季度进度"
    # again: nothing new, exit 0, says so
    res = cli("import", "--mail", mails, "--data", data_dir)
    assert res.exit_code == 0 and "没有新内容" in res.stdout, res.output


def test_mbox_midnight_utc_and_resend(cli, data_dir):
    first = filled_form(cli, data_dir, "nyncj", "初稿", name="a.docx")
    second = filled_form(cli, data_dir, "nyncj", "更正稿", name="b.docx")
    box = mailbox.mbox("inbox.mbox")
    # the correction is first in the mailbox but later by Date: Date decides, not order
    box.add(message("ny@example.cn", "更正", "Sat, 7 Oct 2023 00:10:00 +0800", [("进度（更正）.docx", second)]))
    box.add(message("ny@example.cn", "进度", "Fri, 6 Oct 2023 15:50:00 +0000", [("进度.docx", first)]))
    box.add(
        message("ny@example.cn", "照片", "Fri, 6 Oct 2023 08:00:00 +0800", [("现场.jpg", b"\xff\xd8\xff\xe0 jpeg")])
    )
    box.flush()
    box.close()
    res = cli("import", "--mail", "inbox.mbox", "--data", data_dir)
    assert res.exit_code == 0, res.output
    data = yaml_of(data_dir, "nyncj")
    assert data["submitted"] == "2023-10-07" and data["source"]["attachment"] == "进度（更正）.docx"
    assert all(it["progress"].startswith("更正稿") for it in data["items"])
    assert "F853" in codes(res) and "10 项不同" in res.stdout  # the earlier one, with a diff summary
    assert "现场.jpg" in res.stdout and "跳过" in res.stdout


def test_no_date_is_a_finding_never_today(cli, data_dir):
    form = filled_form(cli, data_dir, "nyncj")
    Path("x.eml").write_bytes(message("ny@example.cn", "进度", None, [("进度.docx", form)]))
    res = cli("import", "--mail", "x.eml", "--data", data_dir)
    assert res.exit_code == 1 and "F851" in codes(res)
    assert "submitted" not in yaml_of(data_dir, "nyncj")
    Path("y.eml").write_bytes(message("ny@example.cn", "进度", "yesterday-ish", [("进度.docx", form)]))
    res = cli("import", "--mail", "y.eml", "--data", data_dir)
    assert "F851" in codes(res)


def test_unattributed_then_senders_yaml(cli, data_dir, cat=None):
    """A plan-layout Word table without a title: the unit comes from senders.yaml."""
    from test_forms_docx import plan_table
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(data_dir)
    rows = cat.required_rows("nyncj", Q)
    plan_table(cat, rows, title=None, progress={r: f"第{r}项进展" for r in rows}).save("t.docx")
    Path("t.eml").write_bytes(
        message(
            "Clerk <clerk@nyj.example.cn>",
            "三季度",
            "Thu, 5 Oct 2023 09:00:00 +0800",
            [("落实进度.docx", Path("t.docx").read_bytes())],
        )
    )
    res = cli("import", "--mail", "t.eml", "--quarter", Q, "--data", data_dir)
    assert res.exit_code == 1 and "F852" in codes(res) and "clerk@nyj.example.cn" in res.stdout
    assert not (data_dir / "progress" / Q / "nyncj.yaml").exists()
    (data_dir / "senders.yaml").write_text(
        "clerk@nyj.example.cn: 市农业农村局\n'@bad.cn': 不存在的单位\n", encoding="utf-8"
    )
    res = cli("import", "--mail", "t.eml", "--quarter", Q, "--data", data_dir)
    assert "F854" in codes(res)  # the bad entry, with its line
    assert yaml_of(data_dir, "nyncj")["submitted"] == "2023-10-05"


def test_yaml_and_excel_attachments(cli, data_dir):
    import openpyxl

    res = cli("template", "-u", "nyncj", "-q", Q, "-o", "ny.xlsx", "--data", data_dir)
    assert res.exit_code == 0
    wb = openpyxl.load_workbook("ny.xlsx")
    ws = wb["落实进度"]
    for r in range(6, ws.max_row + 1):
        ws.cell(r, 5).value = f"Excel 第{ws.cell(r, 1).value}项"
    wb.save("ny.xlsx")
    res = cli("new", "-u", "czj", "-q", Q, "--data", data_dir)
    assert res.exit_code == 0
    src = data_dir / "progress" / Q / "czj.yaml"
    text = src.read_text(encoding="utf-8").replace("progress: |-\n", "progress: |-\n      财政局三季度拨付资金。\n")
    src.unlink()
    Path("m.eml").write_bytes(
        message(
            "cz@example.cn",
            "进度",
            "Wed, 4 Oct 2023 10:00:00 +0800",
            [("农业农村局.xlsx", Path("ny.xlsx").read_bytes()), ("czj.yaml", text.encode())],
            name_style="utf-8",
        )
    )
    res = cli("import", "--mail", "m.eml", "--quarter", Q, "--data", data_dir)
    assert res.exit_code == 0, res.output
    assert yaml_of(data_dir, "nyncj")["submitted"] == "2023-10-04"
    cz = yaml_of(data_dir, "czj")
    assert cz["submitted"] == "2023-10-04" and cz["items"][0]["progress"] == "财政局三季度拨付资金。"


def test_bad_yaml_attachment(cli, data_dir):
    bad = "unit: 资源县\nquarter: 2023Q3\nitems:\n  - task: 1\n    progress: [未闭合\n".encode()
    Path("y.eml").write_bytes(
        message("zy@example.cn", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("ziyuan.yaml", bad)])
    )
    res = cli("import", "--mail", "y.eml", "--data", data_dir)
    assert res.exit_code == 1 and "F856" in codes(res)
    assert not (data_dir / "progress" / Q / "ziyuan.yaml").exists()


def test_existing_submission_needs_force(cli, data_dir):
    form = filled_form(cli, data_dir, "nyncj")
    Path("a.eml").write_bytes(message("ny@example.cn", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("进度.docx", form)]))
    assert cli("import", "--mail", "a.eml", "--data", data_dir).exit_code == 0
    form2 = filled_form(cli, data_dir, "nyncj", "新版", name="g.docx")
    Path("b.eml").write_bytes(
        message("ny@example.cn", "进度", "Fri, 6 Oct 2023 09:00:00 +0800", [("进度.docx", form2)])
    )
    before = (data_dir / "progress" / Q / "nyncj.yaml").read_bytes()
    res = cli("import", "--mail", "b.eml", "--data", data_dir)
    assert res.exit_code == 1 and "F822" in codes(res)
    assert (data_dir / "progress" / Q / "nyncj.yaml").read_bytes() == before
    res = cli("import", "--mail", "b.eml", "--force", "--data", data_dir)
    assert res.exit_code == 0 and "+      新版第1项" in res.stdout  # the diff


def test_hostile_mail(cli, data_dir):
    Path("junk.eml").write_bytes(b"\x00\x01binary junk")
    res = cli("import", "--mail", "junk.eml", "--data", data_dir)
    assert res.exit_code == 1 and "F850" in codes(res)
    raw = message("ny@example.cn", "坏附件", "Thu, 5 Oct 2023 09:00:00 +0800", [("进度.docx", b"x" * 100)])
    raw, n = re.subn(rb"(%78\r?\n\r?\n)[A-Za-z0-9+/=\r\n]+", rb"\1eHh4!!!not*base64=x", raw)
    assert n == 1
    Path("bad.eml").write_bytes(raw)
    res = cli("import", "--mail", "bad.eml", "--data", data_dir)
    assert res.exit_code == 1 and {"F855"} & set(codes(res)), res.output


def test_subject_with_markup_and_terminal_escape(cli, data_dir):
    Path("e.eml").write_bytes(
        message(
            "x@example.cn", "[bold red]假的[/] \x1b[2J清屏", "Thu, 5 Oct 2023 09:00:00 +0800", [("a.jpg", b"\xff\xd8")]
        )
    )
    res = cli("import", "--mail", "e.eml", "--data", data_dir)
    i = res.stdout.find("\x1b")
    assert res.exit_code == 0 and i < 0, repr(res.stdout[i - 60 : i + 20])
    assert "red]假的[/]" in res.stdout  # shown as typed, not taken as rich markup


def test_mbox_of_1000_messages_streams(cli, data_dir, tmp_path):
    """1,000 messages of ~40 KB each (40 MB): every one read, memory bounded by one message."""
    import tracemalloc

    from zengshou.intake.attachments import import_mail
    from zengshou.intake.mail import iter_messages
    from zengshou.lint import load_catalog

    blob = bytes(range(256)) * 160
    one = message("x@example.cn", "照片", "Thu, 5 Oct 2023 09:00:00 +0800", [("现场.jpg", blob)])
    path = tmp_path / "big.mbox"
    with path.open("wb") as fh:
        for _i in range(1000):
            fh.write(b"From x@example.cn Thu Oct  5 09:00:00 2023\n")
            fh.write(one.replace(b"\r\n", b"\n") + b"\n")
    assert path.stat().st_size > 40 * 1024 * 1024
    cat, _ = load_catalog(data_dir)
    tracemalloc.start()
    run = import_mail(cat, data_dir, iter_messages(path), {}, quarter=None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert run.messages == 1000 and len(run.rows) == 1000 and all(r.result == "skipped" for r in run.rows)
    assert peak < 12 * 1024 * 1024, peak
    res = cli("import", "--mail", path, "--data", data_dir)
    assert res.exit_code == 0 and "共 1000 封邮件" in res.stdout


def test_mail_usage_errors(cli, data_dir):
    assert cli("import", "--mail", "nope.mbox", "--data", data_dir).exit_code == 2
    Path("a.eml").write_bytes(b"From: a@b\n\nhi\n")
    assert cli("import", "--mail", "a.eml", "--unit", "资源县", "--data", data_dir).exit_code == 2
    assert cli("import", "--data", data_dir).exit_code == 2


# ---------------------------------------------------------------- issue 28: who may file for whom, bounds


def test_from_address_is_parsed_before_decoding(cli, data_dir):
    """An RFC 2047 display name spelling a listed address is a name: the address is the one in <>."""
    from zengshou.intake.mail import parse_message

    form = filled_form(cli, data_dir, "ziyuan")
    raw = message("=?utf-8?q?zyx=40example=2Ecn?= <evil@gmail.com>", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [])
    assert parse_message(raw, "x.eml").address == "evil@gmail.com"
    two = message("zyx@example.cn, evil@gmail.com", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [])
    assert parse_message(two, "x.eml").address == ""  # two addresses: none of them counts
    (data_dir / "senders.yaml").write_text("zyx@example.cn: 资源县\n", encoding="utf-8")
    Path("s.eml").write_bytes(
        message(
            "=?utf-8?q?zyx=40example=2Ecn?= <evil@gmail.com>",
            "资源县进度",
            "Thu, 5 Oct 2023 09:00:00 +0800",
            [("资源县.docx", form)],
        )
    )
    res = cli("import", "--mail", "s.eml", "--data", data_dir)
    assert res.exit_code == 1 and "F870" in codes(res), res.output
    assert "evil@gmail.com" in res.stdout  # the real address, in the summary and the finding
    assert not (data_dir / "progress" / Q / "ziyuan.yaml").exists()


def test_sender_may_file_only_for_its_units(cli, data_dir):
    """The address senders.yaml maps to 资源县 sends a form saying 龙胜县: not written (F870), and
    龙胜县's own file is untouched even with --force; listing both units allows it."""
    own = filled_form(cli, data_dir, "longsheng", "龙胜县自己", name="ls.docx")
    Path("own.eml").write_bytes(
        message("ls@example.cn", "龙胜县", "Wed, 4 Oct 2023 09:00:00 +0800", [("龙胜县.docx", own)])
    )
    (data_dir / "senders.yaml").write_text("zyx@example.cn: 资源县\nls@example.cn: 龙胜县\n", encoding="utf-8")
    assert cli("import", "--mail", "own.eml", "--data", data_dir).exit_code == 0
    target = data_dir / "progress" / Q / "longsheng.yaml"
    before = target.read_bytes()
    other = filled_form(cli, data_dir, "longsheng", "冒名", name="x.docx")
    Path("x.eml").write_bytes(
        message(
            "=?utf-8?b?6LWE5rqQ5Y6/?= <zyx@example.cn>",
            "龙胜县进度",
            "Thu, 5 Oct 2023 09:00:00 +0800",
            [("龙胜县.docx", other)],
        )
    )
    res = cli("import", "--mail", "x.eml", "--force", "--data", data_dir)
    assert res.exit_code == 1 and "F870" in codes(res), res.output
    assert target.read_bytes() == before and not list(target.parent.glob("*.bak*"))
    # the coordinator says so: the address may file for both
    (data_dir / "senders.yaml").write_text(
        "zyx@example.cn: [资源县, 龙胜县]\nls@example.cn: 龙胜县\n", encoding="utf-8"
    )
    res = cli("import", "--mail", "x.eml", "--force", "--data", data_dir)
    assert res.exit_code == 0 and "F870" not in codes(res), res.output
    assert "冒名第1项" in target.read_text(encoding="utf-8")


def test_force_keeps_a_backup(cli, data_dir):
    first = filled_form(cli, data_dir, "nyncj", "初稿", name="a.docx")
    second = filled_form(cli, data_dir, "nyncj", "更正稿", name="b.docx")
    Path("a.eml").write_bytes(message("ny@example.cn", "进度", "Wed, 4 Oct 2023 09:00:00 +0800", [("a.docx", first)]))
    Path("b.eml").write_bytes(message("ny@example.cn", "更正", "Thu, 5 Oct 2023 09:00:00 +0800", [("b.docx", second)]))
    assert cli("import", "--mail", "a.eml", "--data", data_dir).exit_code == 0
    target = data_dir / "progress" / Q / "nyncj.yaml"
    old = target.read_bytes()
    res = cli("import", "--mail", "b.eml", "--force", "--data", data_dir)
    assert res.exit_code == 0, res.output
    bak = target.with_name("nyncj.yaml.bak")
    assert bak.read_bytes() == old and "更正稿第1项" in target.read_text(encoding="utf-8")
    assert "nyncj.yaml.bak" in res.stdout
    # the same again: nothing replaced, no second backup
    assert cli("import", "--mail", "b.eml", "--force", "--data", data_dir).exit_code == 0
    assert not target.with_name("nyncj.yaml.bak.1").exists()


def test_equal_dates_winner_does_not_depend_on_file_names(cli, data_dir):
    a = filled_form(cli, data_dir, "nyncj", "甲稿", name="a.docx")
    b = filled_form(cli, data_dir, "nyncj", "乙稿", name="b.docx")
    date = "Thu, 5 Oct 2023 09:00:00 +0800"
    winners = []
    for names in (("1.eml", "2.eml"), ("2.eml", "1.eml")):
        d = Path("m" + names[0][0])
        d.mkdir()
        (d / names[0]).write_bytes(message("ny@example.cn", "进度", date, [("a.docx", a)]))
        (d / names[1]).write_bytes(message("ny@example.cn", "进度", date, [("b.docx", b)]))
        target = data_dir / "progress" / Q / "nyncj.yaml"
        target.unlink(missing_ok=True)
        res = cli("import", "--mail", d, "--data", data_dir)
        assert res.exit_code == 1 and "F874" in codes(res), res.output
        winners.append(target.read_text(encoding="utf-8").split("items:")[1])
    assert winners[0] == winners[1]


def test_mime_part_cap(tmp_path, monkeypatch):
    """A 14 MB message of 420,000 tiny parts is declined before parsing (F873), not parsed for
    half a minute and a gigabyte (bench/run.py measures the time)."""
    import email as email_pkg

    from zengshou.intake import mail

    part = b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    raw = b"From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n" + part * 420_000 + b"--B--\r\n"
    assert len(raw) > 14 * 1024 * 1024

    def no_parse(*a, **k):
        raise AssertionError("parsed a message over the part limit")

    monkeypatch.setattr(email_pkg, "message_from_bytes", no_parse)
    m = mail.parse_message(raw, "big.eml")
    assert [f.code for f in m.findings] == ["F873"] and not m.attachments


def test_file_names_with_escapes_in_the_summary(cli, data_dir):
    d = Path("mails")
    d.mkdir()
    (d / "a\x1b[31mred\x1b]0;title\x07.eml").write_bytes(
        message("x@example.cn", "照片", "Thu, 5 Oct 2023 09:00:00 +0800", [("a\x1b[2J.jpg", b"\xff\xd8")])
    )
    (d / "b\x1b[2J.eml").write_bytes(message("y@example.cn", "没有附件", "Thu, 5 Oct 2023 09:00:00 +0800", []))
    res = cli("import", "--mail", d, "--data", data_dir)
    assert res.exit_code == 0 and "\x1b" not in res.stdout and "\x07" not in res.stdout, repr(res.stdout)
    assert "\\x1b[31mred" in res.stdout
    assert "没有附件" in res.stdout  # the message without an attachment has its row


def test_run_result_is_data_for_receipts(cli, data_dir):
    """import_mail returns every message's rows with the real address, unit and date (for
    building receipts, issue 25)."""
    from zengshou.intake.attachments import import_mail
    from zengshou.intake.mail import iter_messages
    from zengshou.lint import load_catalog

    form = filled_form(cli, data_dir, "nyncj")
    Path("a.eml").write_bytes(
        message("农业农村局 <NY@Example.cn>", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("进度.docx", form)])
    )
    Path("b.eml").write_bytes(message("z@example.cn", "问候", "Thu, 5 Oct 2023 10:00:00 +0800", []))
    cat, _ = load_catalog(data_dir)
    run = import_mail(cat, data_dir, iter_messages(Path(".")), {})
    rows = {r.address: r for r in run.rows}
    assert rows["ny@example.cn"].result == "imported" and rows["ny@example.cn"].unit_id == "nyncj"
    assert str(rows["ny@example.cn"].submitted) == "2023-10-05" and rows["ny@example.cn"].quarter == Q
    assert rows["z@example.cn"].result == "no_attachment"


def test_mail_files_handed_to_import_as_forms(cli, data_dir):
    """An Outlook .msg (an OLE2 file, like an old .xls) or a saved .eml imported as a form: F871
    says what it is and what to do, not "old .xls" or "CSV"."""
    Path("进度.msg").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "__substg1.0_0037001F".encode("utf-16-le")
    )
    Path("进度.xlsx").write_bytes(message("zy@example.cn", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", []))
    for name, words in (("进度.msg", "Outlook"), ("进度.xlsx", "import --mail")):
        res = cli("import", name, "--unit", "资源县", "--quarter", Q, "--data", data_dir)
        assert res.exit_code == 1 and codes(res) == ["F871"] and words in res.stdout, res.output


def test_zip_limits_and_unreadable_archives(cli, data_dir, monkeypatch):
    """Archives within limits are read (member names without folders); past a limit, encrypted
    or in a format that cannot be read: F871 naming what to ask for, exit 1."""
    import io
    import zipfile

    from mailcorpus.build import zip_of
    from zengshou.intake import archives

    inner = zip_of([("../../etc/资源县.docx", b"PK\x03\x04x")])
    members, problems = archives.read_zip(inner, 0)
    assert members == [("资源县.docx", b"PK\x03\x04x")] and not problems
    b_zip = archives.read_zip(zip_of([("b.zip", zip_of([("c.txt", b"x")]))]), 0)[0][0][1]
    assert archives.read_zip(b_zip, 1)[0] == [("c.txt", b"x")]  # a zip in a zip is read
    _, problems = archives.read_zip(b_zip, archives.MAX_NESTING)  # one more level is not
    assert problems and "嵌套" in problems[0]["zh"]
    monkeypatch.setattr(archives, "MAX_MEMBERS", 3)
    _, problems = archives.read_zip(zip_of([(f"{i}.txt", b"x") for i in range(5)]), 0)
    assert "5 个文件" in problems[0]["zh"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", b"x")
    enc = bytearray(buf.getvalue())
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):  # set the encrypted flag in both headers
        i = enc.find(sig)
        off = i + (6 if sig == b"PK\x03\x04" else 8)
        enc[off] |= 1
    Path("m.eml").write_bytes(
        message(
            "zy@example.cn",
            "压缩包",
            "Thu, 5 Oct 2023 09:00:00 +0800",
            [("加密.zip", bytes(enc)), ("进度.7z", b"7z\xbc\xaf\x27\x1c" + b"\x00" * 30)],
        )
    )
    res = cli("import", "--mail", "m.eml", "--data", data_dir)
    assert res.exit_code == 1 and res.stdout.count(" F871 ") == 2, res.output
    assert "密码" in res.stdout and "7z" in res.stdout


def test_status_deleted_and_quarter_unknown(cli, data_dir):
    """mutt/Dovecot mark deleted messages with D in Status/X-Status; a plan table attributed by
    senders.yaml but without a quarter is F875 (--quarter), not F845's --unit advice."""
    from test_forms_docx import plan_table
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(data_dir)
    rows = cat.required_rows("nyncj", Q)
    plan_table(cat, rows, title=None, progress={r: f"第{r}项" for r in rows}).save("t.docx")
    blob = Path("t.docx").read_bytes()
    (data_dir / "senders.yaml").write_text("ny@example.cn: 市农业农村局\n", encoding="utf-8")
    box = mailbox.mbox("box")
    gone = message("ny@example.cn", "删除的", "Fri, 6 Oct 2023 09:00:00 +0800", [("t.docx", blob)])
    box.add(gone.replace(b"Subject:", b"Status: RO\nX-Status: D\nSubject:", 1))
    box.add(message("ny@example.cn", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("t.docx", blob)]))
    box.flush()
    box.close()
    res = cli("import", "--mail", "box", "--data", data_dir)
    assert res.exit_code == 1 and "F875" in codes(res) and "F845" not in codes(res), res.output
    assert "--unit" not in res.stdout and "已删除" in res.stdout
    res = cli("import", "--mail", "box", "--quarter", Q, "--data", data_dir)
    assert res.exit_code == 0, res.output
    assert yaml_of(data_dir, "nyncj")["submitted"] == "2023-10-05"  # not the deleted 10-06 one


def test_sources_disagree(cli, data_dir):
    """senders.yaml says 资源县, the title above the plan table says 龙胜县: F872, nothing
    written; two quarters in the title: F872; a title that agrees: imported."""
    from test_forms_docx import plan_table
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(data_dir)
    rows = cat.required_rows("ziyuan", Q)
    (data_dir / "senders.yaml").write_text("zy@example.cn: 资源县\n", encoding="utf-8")
    date = "Thu, 5 Oct 2023 09:00:00 +0800"
    for title, code in (
        ("龙胜县2023年第三季度落实进度", "F872"),
        ("资源县2023Q2、2023年第三季度落实进度", "F872"),
        ("资源县2023年第三季度落实进度", None),
    ):
        plan_table(cat, rows, title=title, progress={r: f"第{r}项" for r in rows}).save("t.docx")
        Path("t.eml").write_bytes(message("zy@example.cn", "进度", date, [("t.docx", Path("t.docx").read_bytes())]))
        res = cli("import", "--mail", "t.eml", "--data", data_dir)
        if code:
            assert res.exit_code == 1 and code in codes(res), res.output
            assert not (data_dir / "progress" / Q / "ziyuan.yaml").exists()
            assert not (data_dir / "progress" / Q / "longsheng.yaml").exists()
        else:
            assert res.exit_code == 0, res.output
            assert yaml_of(data_dir, "ziyuan")["submitted"] == "2023-10-05"
