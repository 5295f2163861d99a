"""Sending for real: ``status --remind --send``, ``review``, ``import --send-receipts``.

A real SMTP server (aiosmtpd) and a real HTTP server standing in for the 企业微信 and 钉钉 robots
run on 127.0.0.1; what they receive is parsed back with the standard library's mail parser and
JSON, and the send log is read back line by line.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import socket
import threading
import urllib.parse
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openpyxl
import pytest

from conftest import write
from merge_fixtures import NAMES, fill_quarter
from zengshou.lint import load_catalog

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

Q = "2023Q2"
TODAY = "2023-07-10"
PASSWORD = "pw-Secret-7731"
DING_SECRET = "SECdingtalk0123456789abcdef"
WECOM_KEY = "wecom-key-5b8e"
DING_TOKEN = "ding-token-91aa"
SECRETS = (PASSWORD, DING_SECRET, WECOM_KEY, DING_TOKEN)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self):
        return [(list(e.rcpt_tos), message_from_bytes(e.content, policy=policy.default)) for e in self.envelopes]


@pytest.fixture
def smtpd():
    """A local SMTP server; ``smtpd.auth`` decides logins (accepts PASSWORD for clerk@)."""
    inbox = Inbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append(auth_data.login)
        ok = auth_data.login == b"cuiban@xczxj.example.cn" and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

    port = free_port()
    ctl = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_require_tls=False, auth_required=False
    )
    ctl.start()
    inbox.port = port
    inbox.logins = logins
    yield inbox
    ctl.stop()


class Robots:
    """The webhooks: /wecom, /dingtalk answer errcode 0; /gone answers 404; /refuse errcode 310000."""

    def __init__(self):
        self.requests: list[tuple[str, dict, dict]] = []
        robots = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                url = urllib.parse.urlsplit(self.path)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
                robots.requests.append((url.path, dict(urllib.parse.parse_qsl(url.query)), body))
                if url.path == "/gone":
                    self.send_response(404)
                    self.end_headers()
                    return
                answer = {"errcode": 310000, "errmsg": "sign not match"} if url.path == "/refuse" else {"errcode": 0}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robots():
    r = Robots()
    yield r
    r.close()


def configure(data: Path, smtp_port: int | None = None, *, extra: str = "", login: bool = False, charset=None):
    lines = []
    if smtp_port is not None:
        lines += ["[smtp]", 'host = "127.0.0.1"', f"port = {smtp_port}", 'security = "none"']
        lines += ['from = "cuiban@xczxj.example.cn"', 'from_name = "桂林市乡村振兴局"', "timeout = 5"]
        if login:
            lines += ['user = "cuiban@xczxj.example.cn"']
        if charset:
            lines += [f'charset = "{charset}"']
    lines += ["[notify]", "retries = 1", "retry_wait = 0", extra]
    (data / "zengshou.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def address_book(data: Path) -> dict[str, str]:
    """Every unit gets an address in senders.yaml: <id>@units.example.cn."""
    cat, _ = load_catalog(data)
    ids = [u.id for u in cat.units if u.kind != "group"]
    write(data / "senders.yaml", "".join(f"{uid}@units.example.cn: {uid}\n" for uid in ids))
    return {uid: f"{uid}@units.example.cn" for uid in ids}


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("ZENGSHOU_TODAY", TODAY)
    for var in ("ZENGSHOU_SMTP_USER", "ZENGSHOU_SMTP_PASSWORD", "ZENGSHOU_WECOM_WEBHOOK"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("ZENGSHOU_DINGTALK_WEBHOOK", raising=False)
    monkeypatch.delenv("ZENGSHOU_DINGTALK_SECRET", raising=False)
    return monkeypatch


def status_json(cli, data: Path) -> dict:
    res = cli("status", "--quarter", Q, "--format", "json", "--data", data)
    return json.loads(res.stdout)


def log_lines(data: Path) -> list[dict]:
    path = data / "sendlog.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def to_remind(cli, data: Path) -> set[str]:
    return {u["unit_id"] for u in status_json(cli, data)["units"] if u["state"] in ("missing", "draft", "returned")}


def remind(cli, data: Path, *args):
    return cli("status", "--quarter", Q, "--remind", "--send", "--date", TODAY, "--data", data, *args)


# ---------------------------------------------------------------- mail reminders


def test_dry_run_shows_what_would_go_to_whom_and_sends_nothing(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port)
    book = address_book(data_dir)
    res = remind(cli, data_dir, "--dry-run")
    assert res.exit_code == 1, res.output  # as status: 1 while units are still to report
    due = to_remind(cli, data_dir)
    assert res.stdout.startswith(f"试运行：以下 {len(due)} 条消息将会发送（未实际发送）")
    for uid in due:
        assert f"邮件 → {book[uid]}" in res.stdout
    assert "主题：关于报送2023年第二季度重点任务落实进度的催报通知" in res.stdout
    assert smtpd.envelopes == [] and not (data_dir / "sendlog.jsonl").exists()


def test_reminders_arrive_in_chinese_only_for_missing_and_returned(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port)
    book = address_book(data_dir)
    # an on-time report returned by the coordinator joins the missing ones
    res = cli("review", "--quarter", Q, "--unit", "czj", "--return", "第 13 项请补充量化数字。", "--data", data_dir)
    assert res.exit_code == 0, res.output
    due = to_remind(cli, data_dir)
    assert "czj" in due and len(due) == 25  # 23 missing, 1 draft, 1 returned
    res = remind(cli, data_dir)
    assert res.exit_code == 1, res.output
    got = smtpd.messages()
    assert sorted(r for rcpt, _ in got for r in rcpt) == sorted(book[u] for u in due)
    cat, _ = load_catalog(data_dir)
    for rcpt, msg in got:
        uid = rcpt[0].split("@")[0]
        assert msg["subject"] == "关于报送2023年第二季度重点任务落实进度的催报通知"
        assert msg["from"].addresses[0].display_name == "桂林市乡村振兴局"
        assert msg.get_content_charset() == "utf-8" and msg["Content-Transfer-Encoding"] == "base64"
        body = msg.get_content()
        assert f"1. {cat.by_id[uid].name}：" in body and "2. " not in body  # names that unit alone
        assert body.startswith(f"{cat.by_id[uid].name}：\n")  # and greets it by name
    czj = next(m for r, m in got if r == [book["czj"]])
    assert "市财政局：报送材料已退回修改，意见：第 13 项请补充量化数字。" in czj.get_content()
    # the log holds every send
    log = log_lines(data_dir)
    assert len(log) == len(due) and {e["result"] for e in log} == {"sent"}
    assert {e["unit"] for e in log} == due and {e["channel"] for e in log} == {"smtp"}
    assert all(e["kind"] == "reminder" and e["quarter"] == Q and e["at"] for e in log)
    assert "共发送 25 条，失败 0 条，跳过 0 条" in res.stdout


def test_gbk_charset_for_clients_that_ignore_the_label(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port, charset="gbk")
    address_book(data_dir)
    assert remind(cli, data_dir, "--channel", "smtp").exit_code == 1
    rcpt, msg = smtpd.messages()[0]
    assert msg.get_content_charset() == "gbk"
    raw = smtpd.envelopes[0].content
    assert b"=?gbk?b?" in raw  # the subject as a GBK encoded word
    subject = str(make_header(decode_header(message_from_bytes(raw)["Subject"])))
    assert subject == "关于报送2023年第二季度重点任务落实进度的催报通知"
    payload = message_from_bytes(raw).get_payload()
    text = base64.b64decode(payload).decode("gbk")  # what a GBK-only client shows
    assert text.startswith("\n") or "：\n" in text
    assert "截至2023年7月10日" in text and "各有关单位" not in text  # a mail to one unit greets it by name


def test_a_unit_is_not_reminded_twice_within_the_interval(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port, extra="interval_hours = 24")
    address_book(data_dir)
    assert remind(cli, data_dir).exit_code == 1
    first = len(smtpd.envelopes)
    again = remind(cli, data_dir)
    assert again.exit_code == 1 and len(smtpd.envelopes) == first
    [line] = [ln for ln in again.stdout.splitlines() if ln.startswith("未发送：邮件 → ")]  # one line, all units
    assert "恭城瑶族自治县人民政府" in line and line.endswith("24 小时内不再提醒")
    # a day later they are due again: move the log's times back 25 hours
    path = data_dir / "sendlog.jsonl"
    lines = log_lines(data_dir)
    for e in lines:
        e["at"] = (datetime.fromisoformat(e["at"]) - timedelta(hours=25)).isoformat()
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines), encoding="utf-8")
    assert remind(cli, data_dir).exit_code == 1
    assert len(smtpd.envelopes) == 2 * first


def test_refused_login_is_a_clear_error_logged_without_the_password(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port, login=True)
    address_book(data_dir)
    env.setenv("ZENGSHOU_SMTP_PASSWORD", "wrong-" + PASSWORD)
    res = remind(cli, data_dir)
    assert res.exit_code == 2
    assert "拒绝登录" in res.stderr and "授权码" in res.stderr and "Traceback" not in res.output
    # one login (smtplib tries PLAIN, then LOGIN), not one per unit: retries would lock the account
    assert len(smtpd.logins) == 2
    log = log_lines(data_dir)
    assert log and {e["result"] for e in log} == {"failed"}
    assert all("拒绝登录" in e["error"]["zh"] for e in log)
    text = res.output + (data_dir / "sendlog.jsonl").read_text("utf-8")
    assert "wrong-" + PASSWORD not in text
    # the right password from the environment: sent
    env.setenv("ZENGSHOU_SMTP_PASSWORD", PASSWORD)
    assert remind(cli, data_dir).exit_code == 1
    assert smtpd.envelopes and PASSWORD not in (data_dir / "sendlog.jsonl").read_text("utf-8")


def test_dead_server_gives_a_clear_error_bounded_retries_and_a_log_line(cli, data_dir, env):
    configure(data_dir, free_port())  # nothing listens there
    address_book(data_dir)
    res = remind(cli, data_dir)
    assert res.exit_code == 2
    assert "拒绝连接" in res.stderr and "127.0.0.1" in res.stderr and "Traceback" not in res.output
    log = log_lines(data_dir)
    assert len(log) == len(to_remind(cli, data_dir)) and {e["result"] for e in log} == {"failed"}
    assert "拒绝连接" in log[0]["error"]["zh"] and "refused" in log[0]["error"]["en"]


def test_english(cli, data_dir, env):
    configure(data_dir, free_port())
    address_book(data_dir)
    res = remind(cli, data_dir, "--lang", "en")
    assert res.exit_code == 2 and "refused the connection" in res.stderr


# ---------------------------------------------------------------- group robots


def test_robots_get_one_signed_message_naming_every_unit(cli, data_dir, robots, env):
    configure(data_dir)
    env.setenv("ZENGSHOU_WECOM_WEBHOOK", f"{robots.base}/wecom?key={WECOM_KEY}")
    env.setenv("ZENGSHOU_DINGTALK_WEBHOOK", f"{robots.base}/dingtalk?access_token={DING_TOKEN}")
    env.setenv("ZENGSHOU_DINGTALK_SECRET", DING_SECRET)
    res = remind(cli, data_dir)
    assert res.exit_code == 1, res.output
    by = {}
    for path, query, body in robots.requests:
        by.setdefault(path, []).append((query, body))
    assert set(by) == {"/wecom", "/dingtalk"}
    ding_query, ding_body = by["/dingtalk"][0]
    # 钉钉 加签: HMAC-SHA256 of "timestamp\nsecret", base64 (parse_qsl has undone the URL encoding)
    ts = ding_query["timestamp"]
    want = base64.b64encode(hmac.new(DING_SECRET.encode(), f"{ts}\n{DING_SECRET}".encode(), hashlib.sha256).digest())
    assert ding_query["sign"] == want.decode() and ding_query["access_token"] == DING_TOKEN
    assert abs(int(ts) / 1000 - datetime.now().timestamp()) < 60
    assert "timestamp" not in by["/wecom"][0][0]
    text = "".join(b["text"]["content"] for _, b in by["/dingtalk"])
    assert text.startswith("关于报送2023年第二季度重点任务落实进度的催报通知")
    cat, _ = load_catalog(data_dir)
    for uid in to_remind(cli, data_dir):
        assert cat.by_id[uid].name in text
    for _, b in by["/wecom"] + by["/dingtalk"]:
        assert b["msgtype"] == "text" and len(b["text"]["content"].encode()) <= 2000
    log = log_lines(data_dir)
    assert {e["channel"] for e in log} == {"wecom", "dingtalk"} and {e["to"] for e in log} == {"wecom", "dingtalk"}
    blob = res.output + (data_dir / "sendlog.jsonl").read_text("utf-8")
    assert not any(s in blob for s in SECRETS)
    # the interval holds per channel: a second run posts nothing
    n = len(robots.requests)
    assert remind(cli, data_dir).exit_code == 1 and len(robots.requests) == n


@pytest.mark.parametrize(("path", "said"), [("gone", "机器人地址无效"), ("refuse", "拒绝了消息（错误码 310000")])
def test_bad_webhook_is_a_clear_error_and_logged(cli, data_dir, robots, env, path, said):
    configure(data_dir, extra="")
    env.setenv("ZENGSHOU_WECOM_WEBHOOK", f"{robots.base}/{path}?key={WECOM_KEY}")
    res = remind(cli, data_dir)
    assert res.exit_code == 2 and said in res.stderr and "Traceback" not in res.output
    assert len(robots.requests) == 1  # a refusal is final: no retry
    log = log_lines(data_dir)
    assert [e["result"] for e in log] == ["failed"] and said in log[0]["error"]["zh"]
    assert WECOM_KEY not in res.output + json.dumps(log)


# ---------------------------------------------------------------- 审核/退回


@pytest.mark.slow
def test_returned_shows_in_status_and_workpaper_and_clears_on_resubmission(cli, empty_data, tmp_path, env):
    data = empty_data
    (data / "zengshou.toml").write_text('[rules]\nC404 = "off"\n', encoding="utf-8")
    fill_quarter(data, Q, skip=("kjj",))
    before = (data / "progress" / Q / "mzj.yaml").read_bytes()
    res = cli("review", "-q", Q, "-u", "市民政局", "--return", "第 21 项请写明资金数额。", "--data", data)
    assert res.exit_code == 0, res.output
    assert "退回修改" in res.stdout and "progress/2023Q2/mzj.review.json" in res.stdout
    assert (data / "progress" / Q / "mzj.yaml").read_bytes() == before  # the submission is untouched
    st = status_json(cli, data)
    mzj = next(u for u in st["units"] if u["unit_id"] == "mzj")
    assert mzj["state"] == "returned" and mzj["review"]["comment"] == "第 21 项请写明资金数额。"
    assert st["totals"]["returned"] == 1 and not st["complete"]
    table = cli("status", "-q", Q, "--data", data, env={"COLUMNS": "200"})
    assert (
        "退回" in table.stdout and "退回意见 · 市民政局" in table.stdout and "第 21 项请写明资金数额。" in table.stdout
    )
    # the year's reporting record (status --year, issue 26) counts the return
    year = json.loads(cli("status", "--year", "2023", "--format", "json", "--data", data).stdout)
    rec = next(u for u in year["units"] if u["unit_id"] == "mzj")
    assert rec["returned"] == 1 and [m["returned"] for m in rec["quarters"] if m["quarter"] == Q] == [True]
    assert next(u for u in year["units"] if u["unit_id"] == "czj")["returned"] == 0
    # the record is not a submission: validate and status do not see it as one
    val = cli("validate", "--quarter", Q, "--data", data)
    assert "review.json" not in val.output
    assert st["other_files"] == []
    # the 工作底稿: 退回 in 状态, the comment in 审核结果 (xlsx and HTML)
    assert cli("merge", "--quarter", Q, "--data", data, "--format", "xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "reports" / Q / NAMES[1])["报送情况"]
    head = [c.value for c in ws[3]]
    assert head[-3:] == ["文件", "审核意见", "审核结果"]
    rows = {r[1].value: [c.value for c in r] for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)}
    assert rows["市民政局"][3] == "退回"
    assert re.fullmatch(r"退回（\d{4}年\d{1,2}月\d{1,2}日）：第 21 项请写明资金数额。", rows["市民政局"][14])
    assert rows["市财政局"][14] is None
    assert cli("merge", "--quarter", Q, "--data", data, "--format", "html").exit_code == 0
    page = (tmp_path / "reports" / Q / NAMES[4]).read_text("utf-8")
    assert '<tr class="on_time returned">' in page and "第 21 项请写明资金数额。" in page
    # the unit sends a corrected report: 退回 clears by itself, the history stays
    path = data / "progress" / Q / "mzj.yaml"
    path.write_text(path.read_text("utf-8").replace("submitted: 2023-07-04", "submitted: 2023-07-12"), "utf-8")
    mzj = next(u for u in status_json(cli, data)["units"] if u["unit_id"] == "mzj")
    assert mzj["state"] == "late" and mzj["review"] is None
    record = json.loads((data / "progress" / Q / "mzj.review.json").read_text("utf-8"))
    assert [h["decision"] for h in record["history"]] == ["returned"]


def test_review_send_mails_the_comment(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port)
    book = address_book(data_dir)
    res = cli("review", "-q", Q, "-u", "czj", "--return", "请补报第 13 项。", "--send", "--data", data_dir)
    assert res.exit_code == 0, res.output
    [(rcpt, msg)] = smtpd.messages()
    assert rcpt == [book["czj"]] and msg["subject"] == "2023年第二季度重点任务落实进度报送材料退回修改通知"
    body = msg.get_content()
    assert "审核意见：\n请补报第 13 项。" in body and "市财政局" in body
    assert log_lines(data_dir)[0]["kind"] == "review"


def test_review_usage_errors(cli, data_dir, env):
    assert "--return" in cli("review", "-q", Q, "-u", "czj", "--data", data_dir).stderr
    res = cli("review", "-q", Q, "-u", "czj", "--return", "  ", "--data", data_dir)
    assert res.exit_code == 2 and "退回须写明意见" in res.stderr
    res = cli("review", "-q", Q, "-u", "gongcheng", "--accept", "--data", data_dir)
    assert res.exit_code == 2 and "尚未报送" in res.stderr
    res = cli("review", "-q", Q, "-u", "czj", "--accept", "--send", "--data", data_dir)
    assert res.exit_code == 2 and "[smtp]" in res.stderr


def test_a_broken_review_record_is_named_not_a_traceback(cli, data_dir, env):
    write(data_dir / "progress" / Q / "czj.review.json", "{not json")
    res = cli("status", "-q", Q, "--data", data_dir)
    assert res.exit_code == 1 and "czj.review.json" in res.stderr and "Traceback" not in res.output


# ---------------------------------------------------------------- receipts


def test_import_mail_sends_receipts(cli, data_dir, smtpd, env):
    from test_mail_intake import message

    configure(data_dir, smtpd.port)
    yaml_text = (data_dir / "progress" / Q / "czj.yaml").read_text("utf-8")
    (data_dir / "progress" / Q / "czj.yaml").unlink()
    raw = message(
        "财政局 <clerk@czj.example.cn>",
        "二季度进度",
        "Wed, 05 Jul 2023 09:30:00 +0800",
        [("财政局二季度.yaml", yaml_text.encode("utf-8"))],
    )
    mail = write(data_dir.parent / "in.eml", raw.decode("ascii"))
    res = cli("import", "--mail", mail, "--quarter", Q, "--send-receipts", "--data", data_dir)
    assert res.exit_code in (0, 1), res.output
    [(rcpt, msg)] = smtpd.messages()
    assert rcpt == ["clerk@czj.example.cn"]
    assert msg["subject"] == "市财政局2023年第二季度落实进度报送回执"
    body = msg.get_content()
    assert "已收到你单位 2023-07-05 09:30 发送的邮件“二季度进度”" in body
    assert "1. 财政局二季度.yaml：已导入" in body and "报送状态：按时报送" in body
    assert log_lines(data_dir)[0]["kind"] == "receipt"
    # the same mailbox again: nothing new, no second receipt
    res = cli("import", "--mail", mail, "--quarter", Q, "--send-receipts", "--data", data_dir)
    assert len(smtpd.envelopes) == 1 and "没有需要发送的消息" in res.stdout


# ---------------------------------------------------------------- settings


def test_settings_errors_are_clear(cli, data_dir, env):
    write(data_dir / "zengshou.toml", '[smtp]\nhost = "127.0.0.1"\npasswrod = "x"\n')
    res = remind(cli, data_dir)
    assert (
        res.exit_code == 2 and "passwrod" in res.stderr and "password" in res.stderr and "zengshou.toml" in res.stderr
    )
    # a secret of the wrong type is refused without being shown; validate reads the same file
    write(data_dir / "zengshou.toml", '[smtp]\nhost = "127.0.0.1"\nuser = "a@b.cn"\npassword = 73194286\n')
    res = remind(cli, data_dir)
    assert res.exit_code == 2 and "password" in res.stderr and "73194286" not in res.output + res.stderr
    write(data_dir / "zengshou.toml", "[notify]\ninterval_hour = 12\n")
    res = cli("validate", "--data", data_dir)
    assert res.exit_code == 2 and "interval_hour" in res.stderr and "interval_hours" in res.stderr
    write(data_dir / "zengshou.toml", '[smtp]\nhost = "127.0.0.1"\nuser = "a@b.cn"\n')
    res = remind(cli, data_dir)
    assert res.exit_code == 2 and "ZENGSHOU_SMTP_PASSWORD" in res.stderr
    write(data_dir / "zengshou.toml", "[report]\n")
    res = remind(cli, data_dir)
    assert res.exit_code == 2 and "没有配置任何发送渠道" in res.stderr
    res = cli("status", "-q", Q, "--send", "--data", data_dir)
    assert res.exit_code == 2 and "--send 只与 --remind 同用" in res.stderr
    # nothing secret is taken from the command line
    assert cli("status", "-q", Q, "--remind", "--send", "--password", "x", "--data", data_dir).exit_code == 2


def test_quarter_last_for_a_schedule(cli, data_dir, env):
    res = cli("status", "--quarter", "last", "--format", "json", "--data", data_dir)
    assert json.loads(res.stdout)["quarter"] == Q  # today is 2023-07-10: the second quarter is due


# ---------------------------------------------------------------- the parts


def test_rate_limit_waits_before_the_21st_message():
    from zengshou.outbox.channels import RateLimit

    now = [1000.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    limit = RateLimit(20, lambda: now[0], sleep)
    for _ in range(20):
        limit.wait()
        now[0] += 0.5
    assert slept == []
    limit.wait()
    assert slept == [pytest.approx(50.0)]  # the first went out at 1000, it is now 1010


def test_long_robot_text_is_split_at_line_ends():
    from zengshou.outbox.channels import split_text

    text = "".join(f"{i}. 某某县人民政府：尚未报送\n" for i in range(300))
    parts = split_text(text)
    assert len(parts) > 1 and all(len(p.encode()) <= 2000 for p in parts)
    assert "\n".join(parts) == text.rstrip("\n")
    assert all(len(p.encode()) <= 2000 for p in split_text("长" * 5000))


def test_dingtalk_sign_matches_the_documented_recipe():
    from zengshou.outbox.channels import dingtalk_sign

    ts, secret = 1577808000000, "SECxyz"
    raw = base64.b64encode(hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()).decode()
    assert dingtalk_sign(secret, ts) == urllib.parse.quote_plus(raw)


def test_a_silent_server_times_out_clearly(cli, data_dir, env):
    """A server that takes the connection and never answers: a timeout, said so, retried once."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(50)
        configure(data_dir, silent.getsockname()[1])
        text = (data_dir / "zengshou.toml").read_text("utf-8").replace("timeout = 5", "timeout = 1")
        (data_dir / "zengshou.toml").write_text(text, "utf-8")
        write(data_dir / "senders.yaml", "lipu@units.example.cn: lipu\n")
        res = remind(cli, data_dir, "--channel", "smtp")
    assert res.exit_code == 2 and "超时（1 秒）" in res.stderr
    assert [e["result"] for e in log_lines(data_dir)] == ["failed"]


def test_starttls_not_offered(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port)
    text = (data_dir / "zengshou.toml").read_text("utf-8").replace('security = "none"', 'security = "starttls"')
    (data_dir / "zengshou.toml").write_text(text, "utf-8")
    write(data_dir / "senders.yaml", "lipu@units.example.cn: lipu\n")
    res = remind(cli, data_dir)
    assert res.exit_code == 2 and "不支持 STARTTLS" in res.stderr and smtpd.envelopes == []


def test_units_yaml_email_is_an_address(cli, data_dir, smtpd, env):
    configure(data_dir, smtpd.port)
    units = data_dir / "units.yaml"
    text = units.read_text("utf-8")
    anchor = "    name: 荔浦市人民政府\n"
    assert anchor in text
    units.write_text(text.replace(anchor, anchor + "    email: [lipu-a@example.cn, lipu-b@example.cn]\n"), "utf-8")
    assert remind(cli, data_dir, "--channel", "smtp").exit_code == 1
    assert [e.rcpt_tos for e in smtpd.envelopes] == [["lipu-a@example.cn", "lipu-b@example.cn"]]
    units.write_text(text.replace(anchor, anchor + "    email: not-an-address\n"), "utf-8")
    res = cli("status", "-q", Q, "--data", data_dir)
    assert res.exit_code == 1 and "not-an-address" in res.output and "Traceback" not in res.output


def test_every_message_id_the_sending_code_names_exists():
    from zengshou.messages import MESSAGES

    src = Path(__file__).resolve().parent.parent / "src" / "zengshou"
    files = [*sorted((src / "outbox").glob("*.py")), src / "review.py", src / "cli" / "review.py"]
    used = {m for f in files for m in re.findall(r'"((?:send|review|status|notice)\.[a-z_.]+)"', f.read_text("utf-8"))}
    assert len(used) > 40 and sorted(used - set(MESSAGES)) == []


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="fcntl locks: POSIX only")
def test_two_runs_at_once_do_not_both_send(cli, data_dir, smtpd, env):
    import fcntl

    configure(data_dir, smtpd.port)
    address_book(data_dir)
    with open(data_dir / "sendlog.jsonl", "a") as held:  # another run holds the log
        fcntl.flock(held, fcntl.LOCK_EX)
        res = remind(cli, data_dir)
    assert res.exit_code == 2 and "另一个 zengshou 正在发送" in res.stderr and smtpd.envelopes == []
    assert remind(cli, data_dir).exit_code == 1 and smtpd.envelopes
