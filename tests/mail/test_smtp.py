"""Sending to a real SMTP server on loopback (aiosmtpd): STARTTLS or TLS on a self-signed certificate
trusted through `cafile`, AUTH, and what arrives is what is on disk."""

from __future__ import annotations

import socket
import sys
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
from reportgen.mail.smtp import PASSWORD_ENV, Credentials, credentials, send
from reportgen.packs import find_pack
from reportgen.pipeline import render_all
from tests.builders import make_brief
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
        ('[smtp]\nhost = "h"\nport = 70000\n', "'port' must be a positive number"),
        ('[smtp]\nhost = "h"\nport = "x"\n', "'port' must be a positive number"),
        ("[smtp\n", "mail config"),
        ("[mail]\nmax_size_mb = -1\n", "'max_size_mb' must be a positive number"),
    ],
)
def test_a_bad_config_is_a_mail_error_naming_the_file(tmp_path: Path, text: str, fragment: str) -> None:
    config = tmp_path / "mail.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(MailError, match=r"mail\.toml") as caught:
        load_settings(config, {})
    assert fragment in caught.value.one_line()


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
