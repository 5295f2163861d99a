"""The mail reader on other projects' public test mails (tests/mailcorpus/public, see its README
for sources and licences), and on mutations of them and of our own Chinese-client messages
(Hypothesis): no exception ever escapes, every message is accounted for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailcorpus.build import STYLES, forwarded_part, mbox, message, zip_of
from zengshou.intake.mail import MailMessage, NotMail, cst, decode_words, iter_messages, parse_from, parse_message

PUBLIC = Path(__file__).parent / "mailcorpus" / "public"
FIXTURES = sorted(p for p in PUBLIC.iterdir() if p.name != "README.md")


def test_public_fixtures_are_read(tmp_path):
    got = {Path(m.display).name.split("#")[0]: m for m in iter_messages(PUBLIC) if isinstance(m, MailMessage)}
    assert len(got) == len(FIXTURES)
    # CPython: an unquoted "From time to time" in the body does not start a message
    mb = got["cpython-mailbox_01.mbox"]
    assert mb.subject.startswith("unquoted From in body")
    assert [a.filename for a in got["cpython-msg_44.txt"].attachments] == ["msg.txt", "msg.txt"]
    assert got["cpython-msg_44.txt"].address == "barry@python.org"
    # mail-parser: a display name that is an address is a name; the address is the one in <>
    assert got["spamscope-mail_test_19"].address == "bob@example.com"
    assert got["spamscope-mail_test_18"].address == "comma.name@example.com"
    assert got["spamscope-mail_test_12"].subject == "代开各地增值税发票"
    # mail-mime-parser: Outlook's three pictures, named in Content-Type only
    assert [a.filename for a in got["zbateson-github-115.txt"].attachments] == [
        "blueball.png",
        "greenball.png",
        "redball.png",
    ]
    assert all(m.date is not None for n, m in got.items() if n != "cpython-mailbox_01.mbox")
    # the README is listed as not mail, not read as one
    assert any(isinstance(m, NotMail) for m in iter_messages(PUBLIC))


def test_public_fixtures_through_the_cli(cli, data_dir):
    res = cli("import", "--mail", PUBLIC, "--data", data_dir)
    assert res.exit_code == 0, res.output
    assert f"共 {len(FIXTURES)} 封邮件" in res.stdout
    assert "Traceback" not in res.output


# ---------------------------------------------------------------- mutations


def _ours() -> list[bytes]:
    docx_like = zip_of([("word/document.xml", b"<w:document/>")], utf8_names=True)
    out = []
    for style in STYLES:
        out.append(
            message(
                style,
                ("资源县政府办", "zy@example.cn"),
                "资源县三季度进度",
                "Thu Oct 05 16:20:31 CST 2023",
                [("资源县进度.docx", docx_like), ("材料.zip", zip_of([("资源县.docx", docx_like)]))],
            )
        )
    out.append(
        message(
            "outlook",
            ("办公室", "o@example.cn"),
            "转发",
            "Fri, 13 Oct 2023 10:00:00 +0800",
            parts=[forwarded_part(out[0].replace(b"----=_NextPart_000_0001", b"----=_In_000_0001"))],
        )
    )
    return out


SEEDS = [p.read_bytes() for p in FIXTURES] + _ours()
NASTY = [
    b"\xff",
    b"\x80",
    b"\xd7\xca",
    b"=?",
    b"?=",
    b"=?gbk?B?",
    b"\r\n",
    b"\n\n",
    b";",
    b'"',
    b"*",
    b"'",
    b"%",
    b"--",
]


@st.composite
def mutated(draw) -> bytes:
    raw = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]))
        if not raw:
            break
        i = draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[i] = draw(st.integers(0, 255))
        elif op == "insert":
            raw[i:i] = draw(st.sampled_from(NASTY)) if draw(st.booleans()) else draw(st.binary(max_size=20))
        elif op == "delete":
            del raw[i : i + draw(st.integers(1, 50))]
        elif op == "truncate":
            del raw[i:]
        else:
            j = min(len(raw), i + draw(st.integers(1, 200)))
            raw[i:i] = raw[i:j]
    return bytes(raw)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_messages_never_raise(raw):
    m = parse_message(raw, "x.eml")
    assert isinstance(m, MailMessage)
    for a in m.attachments:
        assert a.data is None or isinstance(a.data, bytes)
        assert "\x1b" not in a.filename and "/" not in a.filename
    assert all(ch.isprintable() for ch in m.subject + m.sender)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(mutated(), min_size=1, max_size=3), st.booleans())
def test_mutated_mboxes_and_files_never_raise(tmp_path, messages, quote):
    p = tmp_path / "box"
    p.write_bytes(mbox([(m, "") for m in messages], quote_from=quote))
    got = list(iter_messages(p))
    assert got and all(isinstance(m, MailMessage) or hasattr(m, "code") for m in got)
    q = tmp_path / "one.eml"
    q.write_bytes(messages[0])
    assert list(iter_messages(q))


@given(st.text(max_size=80) | st.binary(max_size=80).map(lambda b: b.decode("latin-1")))
def test_header_helpers_never_raise(s):
    decode_words(s)
    parse_from(s)
    cst(s)
    decode_words(s.encode("utf-8", "surrogateescape").decode("ascii", "surrogateescape"))


@pytest.mark.parametrize(
    "header,expected",
    [
        ("Thu Oct 05 16:20:31 CST 2023", "2023-10-05T16:20:31+08:00"),
        ("Thu, 5 Oct 2023 16:20:31 CST", "2023-10-05T16:20:31+08:00"),
        ("Thu, 5 Oct 2023 23:30:00 GMT+0800", "2023-10-05T23:30:00+08:00"),
        ("Thu, 5 Oct 2023 23:30:00 GMT+08:00", "2023-10-05T23:30:00+08:00"),
        ("Thu, 5 Oct 2023 23:30:00 UTC+8", "2023-10-05T23:30:00+08:00"),
        ("Thu, 5 Oct 2023 23:30:00 +08:00", "2023-10-05T23:30:00+08:00"),
        ("Thu, 5 Oct 2023 16:20:31 +0800 (CST)", "2023-10-05T16:20:31+08:00"),
        ("2023-10-05 16:20:31", "2023-10-05T16:20:31+08:00"),
        ("Thu, 5 Oct 2023 17:30:00 +0000", "2023-10-06T01:30:00+08:00"),
        ("Thu, 5 Oct 2023 17:30:00 -0000", "2023-10-06T01:30:00+08:00"),
        ("Thu, 5 Oct 1970 17:30:00 +0000", None),
        ("2023年7月5日", None),
    ],
)
def test_dates(header, expected):
    d = cst(header)
    assert (d.isoformat() if d else None) == expected


def test_raw_8bit_headers_decode_as_utf8_then_gb18030():
    for enc in ("utf-8", "gbk"):
        raw = (
            b"From: "
            + "资源县政府办".encode(enc)
            + b" <zy@example.cn>\r\nSubject: "
            + "资源县进度".encode(enc)
            + b"\r\n"
            b"Date: Thu, 5 Oct 2023 09:00:00 +0800\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
            b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="'
            + "资源县．xlsx".encode(enc)
            + b'"\r\nContent-Transfer-Encoding: base64\r\n\r\neHg=\r\n--B--\r\n'
        )
        m = parse_message(raw, "x.eml")
        assert m.sender == "资源县政府办 <zy@example.cn>" and m.subject == "资源县进度", enc
        assert [a.filename for a in m.attachments] == ["资源县．xlsx"]
        assert not re.search("[\ufffd]", m.subject + m.sender)
