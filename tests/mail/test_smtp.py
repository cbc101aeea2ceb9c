"""Sending to a real SMTP server on loopback (aiosmtpd): STARTTLS or TLS on a self-signed certificate
trusted through `cafile`, AUTH, and what arrives is what is on disk."""

from __future__ import annotations

import socket
import sys
import time
import tracemalloc
import types
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest

from reportgen.build_files import load_brief
from reportgen.errors import MailError
from reportgen.mail import MailRequest, mail_folder
from reportgen.mail.config import SmtpSettings, load_settings
from reportgen.mail.connection import MAX_REPLY_BYTES, MAX_REPLY_LINES
from reportgen.mail.smtp import PASSWORD_ENV, Credentials, credentials, send
from reportgen.packs import find_pack
from reportgen.pipeline import render_all
from tests.builders import make_brief
from tests.support.hostile_smtp import Listening, Script, after_hello, drip, flood, hostile_server, say
from tests.support.smtp_server import PASSWORD, USER, Server, smtp_server

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every connection these tests make goes to loopback, and no developer config is read."""
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] in LOOPBACK, f"a mail test tried to connect to {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with smtp_server(tmp_path) as running:
        yield running


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    brief = make_brief(title="Opération test", key_points=["Troops moved north.", "Talks resume in May."])
    render_all(brief, find_pack("analyst"), out, False, {})
    return out


def config_for(server: Server, tmp_path: Path, security: str = "starttls", user: str = USER) -> Path:
    path = tmp_path / "mail.toml"
    path.write_text(
        f'[smtp]\nhost = "{server.host}"\nport = {server.port}\nsecurity = "{security}"\n'
        f'user = "{user}"\ncafile = "{server.cafile}"\ntimeout = 10\n\n'
        '[mail]\nfrom = "Analysis Desk <desk@example.org>"\n',
        encoding="utf-8",
    )
    return path


def request(config: Path, **changes: Any) -> MailRequest:
    fields: dict[str, Any] = {
        "to": ("Doe, Jane <jane@example.org>",),
        "cc": ("team@example.org",),
        "bcc": ("records@example.org",),
        "send": True,
        "config": config,
        "env": {PASSWORD_ENV: PASSWORD},
    }
    fields.update(changes)
    return MailRequest(**fields)


def received(server: Server) -> EmailMessage:
    assert len(server.recorder.messages) == 1
    message = BytesParser(policy=policy.default).parsebytes(server.recorder.messages[0].content)
    assert isinstance(message, EmailMessage)
    return message


def test_starttls_and_auth_deliver_the_files_byte_for_byte(server: Server, folder: Path, tmp_path: Path) -> None:
    result = mail_folder(folder, request(config_for(server, tmp_path)))
    assert result.action == "sent"
    got = server.recorder.messages[0]
    assert got.tls and got.authenticated
    assert got.mail_from == "desk@example.org"
    assert got.rcpt_tos == ["jane@example.org", "team@example.org", "records@example.org"]
    message = received(server)
    assert message["Bcc"] is None  # blind copies travel in the envelope only
    assert message["X-Unsent"] is None
    assert [a.display_name for a in message["To"].addresses] == ["Doe, Jane"]
    attachments = {}
    for part in message.iter_attachments():
        assert isinstance(part, EmailMessage)
        attachments[part.get_content_type()] = part.get_content()
    assert attachments == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (folder / "brief.docx").read_bytes(),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
            folder / "deck.pptx"
        ).read_bytes(),
    }
    text = message.get_body(("plain",))
    assert text is not None
    for point in load_brief(folder / "brief.json").key_points:
        assert point.text in text.get_content()
    assert not (folder / "draft.eml").exists()  # sending writes no draft


def test_implicit_tls_delivers_too(tmp_path: Path, folder: Path) -> None:
    # aiosmtpd only offers AUTH after STARTTLS, so this server takes mail without a login.
    with smtp_server(tmp_path, implicit_tls=True, auth=False) as running:
        mail_folder(folder, request(config_for(running, tmp_path, security="tls", user="")))
        assert running.recorder.messages[0].tls
        assert received(running)["Subject"].startswith("[OFFICIAL] Opération test")


def test_an_untrusted_certificate_is_refused_and_nothing_is_sent(server: Server, folder: Path, tmp_path: Path) -> None:
    config = config_for(server, tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(f'cafile = "{server.cafile}"\n', ""), "utf-8")
    with pytest.raises(MailError, match=r"TLS certificate of 127\.0\.0\.1 is not trusted") as caught:
        mail_folder(folder, request(config))
    assert "cafile" in caught.value.one_line()
    assert server.recorder.messages == []


def test_a_wrong_password_is_reported_and_nothing_is_sent(server: Server, folder: Path, tmp_path: Path) -> None:
    with pytest.raises(MailError, match=f"refused the login for {USER}: 535"):
        mail_folder(folder, request(config_for(server, tmp_path), env={PASSWORD_ENV: "wrong"}))
    assert server.recorder.messages == []


def test_a_server_that_wants_auth_refuses_an_anonymous_sender(server: Server, folder: Path, tmp_path: Path) -> None:
    with pytest.raises(MailError, match=r"refused the sender desk@example\.org: 530"):
        mail_folder(folder, request(config_for(server, tmp_path, user="")))
    assert server.recorder.messages == []


def test_no_server_listening_is_a_clear_error(folder: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: connection refused
        config = tmp_path / "mail.toml"
        config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\n[mail]\nfrom = "d@example.org"\n', "utf-8")
        with pytest.raises(MailError, match=rf"cannot send through 127\.0\.0\.1:{port}"):
            mail_folder(folder, request(config))


def test_a_password_is_never_sent_without_tls() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=1, security="none", user=USER)
    with pytest.raises(MailError, match="without TLS"):
        send(settings, Credentials(USER, PASSWORD, PASSWORD_ENV), "d@example.org", ["a@example.org"], b"")


def test_a_missing_password_names_both_places_to_put_it() -> None:
    settings = SmtpSettings(host="smtp.example.org", port=587, security="starttls", user=USER)
    with pytest.raises(MailError) as caught:
        credentials(settings, env={})
    line = caught.value.one_line()
    assert PASSWORD_ENV in line and "keyring set reportgen/smtp.example.org" in line


def test_dry_run_prints_the_server_and_sends_nothing(server: Server, folder: Path, tmp_path: Path) -> None:
    result = mail_folder(folder, request(config_for(server, tmp_path), dry_run=True))
    assert result.action == "dry-run"
    assert result.report[0].startswith(f"would send through 127.0.0.1:{server.port} (starttls, user {USER})")
    assert f"password from {PASSWORD_ENV}" in result.report[0]
    assert "Bcc: records@example.org" in result.report
    assert any(line.startswith("Attachment: Opération test - brief.docx") for line in result.report)
    assert server.recorder.messages == []
    assert PASSWORD not in "\n".join(result.report)


def test_settings_come_from_the_environment_over_the_file(tmp_path: Path) -> None:
    config = tmp_path / "mail.toml"
    config.write_text('[smtp]\nhost = "file.example.org"\nuser = "u"\n', encoding="utf-8")
    env = {"REPORTGEN_SMTP_HOST": "env.example.org", "REPORTGEN_SMTP_SECURITY": "tls"}
    settings = load_settings(config, env)
    assert settings.smtp == SmtpSettings(host="env.example.org", port=465, security="tls", user="u")
    assert load_settings(None, {}).smtp is None  # no file, no environment: drafts only


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[smtp]\nhost = "h"\nsecurity = "ssl"\n', "not one of starttls, tls, none"),
        ('[smtp]\nhost = "h"\nport = 70000\n', "'port' must be a whole number from 1 to 65535, not 70000"),
        ('[smtp]\nhost = "h"\nport = "x"\n', "'port' must be a whole number from 1 to 65535, not 'x'"),
        ('[smtp]\nhost = "h"\nport = 0\n', "'port' must be a whole number from 1 to 65535, not 0"),
        ('[smtp]\nhost = "h"\nport = 25.5\n', "'port' must be a whole number"),
        ('[smtp]\nhost = "h"\nport = 99999999999999999999999\n', "not a number of more than 19 digits"),
        ('[smtp]\nhost = "h"\ntimeout = 1e308\n', "'timeout' must be a number from 1 to 3600 seconds, not 1e+308"),
        ('[smtp]\nhost = "h"\ntimeout = inf\n', "'timeout' must be a number from 1 to 3600 seconds, not inf"),
        ('[smtp]\nhost = "h"\ntimeout = nan\n', "'timeout' must be a number"),
        ('[smtp]\nhost = "h"\ntimeout = 0\n', "'timeout' must be a number from 1 to 3600 seconds, not 0"),
        ('[smtp]\nhost = "h"\ntimeout = true\n', "'timeout' must be a number from 1 to 3600 seconds, not True"),
        ('[smtp]\nhost = "h"\ntimeout = [3]\n', "'timeout' must be a number from 1 to 3600 seconds, not [3]"),
        ("[smtp\n", "mail config"),
        ("[mail]\nmax_size_mb = -1\n", "'max_size_mb' must be a number from 0.001 to 1000 MB, not -1"),
        ("[mail]\nmax_size_mb = 0\n", "'max_size_mb' must be a number from 0.001 to 1000 MB, not 0"),
        ("[mail]\nmax_size_mb = 1e308\n", "'max_size_mb' must be a number from 0.001 to 1000 MB, not 1e+308"),
    ],
)
def test_a_bad_config_is_a_mail_error_naming_the_file(tmp_path: Path, text: str, fragment: str) -> None:
    config = tmp_path / "mail.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(MailError, match=r"mail\.toml") as caught:
        load_settings(config, {})
    assert fragment in caught.value.one_line()


def test_a_setting_from_the_environment_is_checked_and_named_by_its_variable(tmp_path: Path) -> None:
    with pytest.raises(MailError) as caught:
        load_settings(None, {"REPORTGEN_SMTP_HOST": "h", "REPORTGEN_MAIL_MAX_MB": "1e308"})
    assert caught.value.one_line().startswith("REPORTGEN_MAIL_MAX_MB: 'max_size_mb' must be a number from 0.001")
    settings = load_settings(None, {"REPORTGEN_SMTP_HOST": "h", "REPORTGEN_SMTP_TIMEOUT": "2.5"})
    assert settings.smtp is not None and settings.smtp.timeout == 2.5


def test_settings_in_range_are_kept(tmp_path: Path) -> None:
    config = tmp_path / "mail.toml"
    config.write_text('[smtp]\nhost = "h"\nport = 2525\ntimeout = 1\n[mail]\nmax_size_mb = 0.5\n', "utf-8")
    settings = load_settings(config, {})
    assert settings.smtp == SmtpSettings(host="h", port=2525, security="starttls", timeout=1.0)
    assert settings.max_bytes == 500_000


class _FakeKeyring(types.ModuleType):
    def __init__(self, password: str | None = None, error: Exception | None = None) -> None:
        super().__init__("keyring")
        self.password, self.error, self.asked = password, error, []

    def get_password(self, service: str, user: str) -> str | None:
        self.asked.append((service, user))
        if self.error is not None:
            raise self.error
        return self.password


def test_the_password_comes_from_the_keyring_when_the_environment_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring = _FakeKeyring(password="from keyring")
    monkeypatch.setitem(sys.modules, "keyring", keyring)
    settings = SmtpSettings(host="smtp.example.org", port=587, security="starttls", user=USER)
    assert credentials(settings, env={}) == Credentials(USER, "from keyring", "the system keyring")
    assert keyring.asked == [("reportgen/smtp.example.org", USER)]
    assert credentials(settings, env={PASSWORD_ENV: "env"}) == Credentials(USER, "env", PASSWORD_ENV)


def test_a_broken_keyring_is_a_mail_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", _FakeKeyring(error=RuntimeError("locked")))
    settings = SmtpSettings(host="smtp.example.org", port=587, security="starttls", user=USER)
    with pytest.raises(MailError, match=r"keyring could not be read \(RuntimeError: locked\)"):
        credentials(settings, env={})


# Servers that misbehave on purpose (tests/support/hostile_smtp.py): each must end in one MailError.


def hostile_config(server: Listening, tmp_path: Path, timeout: float = 1) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(
        f'[smtp]\nhost = "{server.host}"\nport = {server.port}\nsecurity = "none"\ntimeout = {timeout}\n'
        '[mail]\nfrom = "Analysis Desk <desk@example.org>"\n',
        encoding="utf-8",
    )
    return path


def sending_to(script: Script, folder: Path, tmp_path: Path, timeout: float = 1) -> tuple[MailError, float]:
    """The MailError that sending to a server running `script` ends in, and how long it took."""
    with hostile_server(script) as listening:
        config = hostile_config(listening, tmp_path, timeout)
        started = time.monotonic()
        with pytest.raises(MailError) as caught:
            mail_folder(folder, request(config))
        return caught.value, time.monotonic() - started


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(drip(b"220 hostile.test ESMTP ready\r\n"), id="greeting"),
        pytest.param(after_hello(drip(b"250-hostile.test\r\n" * 100)), id="ehlo-reply"),
        pytest.param(after_hello(say(*[b"250 ok\r\n"] * 5, b"354 go on\r\n")), id="data-never-acknowledged"),
    ],
)
def test_a_server_that_drips_bytes_is_given_up_on_at_the_timeout(script: Script, folder: Path, tmp_path: Path) -> None:
    # One byte every 0.2 s never trips a per-read timeout of 1 s; the limit is for the whole conversation.
    error, elapsed = sending_to(script, folder, tmp_path, timeout=1)
    assert "did not end within the 1 s timeout" in error.one_line()
    assert "raise its timeout" in error.one_line()
    # Well under the 6 s the slowest drip would take to finish, with room for a loaded CI machine.
    assert 0.9 <= elapsed < 3.0


def test_a_server_silent_after_starttls_is_given_up_on_during_the_handshake(
    folder: Path, tmp_path: Path, server: Server
) -> None:
    replies = (b"220 hostile.test\r\n", b"250-hostile.test\r\n250 STARTTLS\r\n", b"220 go ahead\r\n")
    with hostile_server(say(*replies)) as listening:
        config = hostile_config(listening, tmp_path)
        config.write_text(
            config.read_text("utf-8").replace(
                'security = "none"', f'security = "starttls"\ncafile = "{server.cafile}"'
            ),
            "utf-8",
        )
        started = time.monotonic()
        with pytest.raises(MailError, match="did not end within the 1 s timeout"):
            mail_folder(folder, request(config))
        assert time.monotonic() - started < 3.0


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        pytest.param(
            flood(b"220-hostile.test says hello\r\n"), f"a reply ran past {MAX_REPLY_LINES} lines", id="lines"
        ),
        pytest.param(flood(b"220-" + b"x" * 1000), f"a reply ran past {MAX_REPLY_BYTES // 1024} KiB", id="one-line"),
        pytest.param(after_hello(flood(b"250-SIZE\r\n")), f"a reply ran past {MAX_REPLY_LINES} lines", id="ehlo"),
    ],
)
def test_an_endless_reply_is_refused_with_bounded_memory(
    script: Script, reason: str, folder: Path, tmp_path: Path
) -> None:
    tracemalloc.start()
    try:
        error, elapsed = sending_to(script, folder, tmp_path, timeout=30)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason in error.one_line()
    assert elapsed < 5  # refused on the cap, long before the timeout
    assert peak < 4 * 1024 * 1024  # the message and its attachments included; the reply adds at most 128 KiB


def test_escape_codes_in_a_reply_are_shown_not_sent_to_the_terminal(folder: Path, tmp_path: Path) -> None:
    hostile = b"554 \x1b[2J\x1b]0;owned\x07go away\x1b[0m \xe2\x80\xae!\r\n"
    error, _ = sending_to(say(hostile), folder, tmp_path)
    line = error.one_line()
    assert "refused the connection: 554 \\x1b[2J\\x1b]0;owned\\x07go away\\x1b[0m \\u202e!" in line
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in line)


def test_escape_codes_in_a_refusal_of_the_recipients_are_shown_too(folder: Path, tmp_path: Path) -> None:
    refusal = b"550 no such user\x1b[1A\x1b[2K\r\n"
    error, _ = sending_to(after_hello(say(b"250 ok\r\n", b"250 ok\r\n", refusal, refusal, refusal)), folder, tmp_path)
    assert "refused every recipient" in error.one_line()
    assert "no such user\\x1b[1A\\x1b[2K" in error.one_line()
    assert "\x1b" not in error.one_line()
