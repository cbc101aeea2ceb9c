"""`reportgen mail` and `build --email-to` as a user meets them: exit codes, one-line errors, files."""

from __future__ import annotations

import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from tests.builders import SAMPLE, make_brief
from tests.support.cli import assert_user_error
from tests.support.cli import run as run_cli
from tests.support.hostile_smtp import hostile_server, say
from tests.support.smtp_server import PASSWORD, USER, smtp_server


@pytest.fixture
def no_config(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def folder(tmp_path: Path, no_config: dict[str, str]) -> Path:
    brief = tmp_path / "in.json"
    brief.write_text(make_brief(title="Opération test").to_json(), encoding="utf-8")
    out = tmp_path / "out"
    proc = run("render", str(brief), "--out", str(out), env=no_config)
    assert proc.returncode == 0, proc.stderr
    return out


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI without the user's own SMTP and mail settings."""
    return run_cli(*args, env=env, drop=("REPORTGEN_SMTP_", "REPORTGEN_MAIL_"))


def test_help_lists_the_mail_command_and_its_exit_code() -> None:
    helptext = run("--help")
    assert "mail" in helptext.stdout and "7 mail error" in helptext.stdout
    mail_help = run("mail", "--help")
    assert mail_help.returncode == 0
    for option in ("--to", "--cc", "--bcc", "--from", "--subject", "--send", "--dry-run", "--smtp-config"):
        assert option in mail_help.stdout
    assert "--password" not in mail_help.stdout
    assert "--email-to" in run("build", "--help").stdout


def test_render_writes_brief_json_and_build_record_beside_the_outputs(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == ["brief.docx", "brief.json", "build.json", "deck.pptx"]


def test_mail_writes_a_draft_beside_the_outputs(folder: Path, no_config: dict[str, str]) -> None:
    proc = run("mail", str(folder), "--to", "Doe, Jane <jane@example.org>", env=no_config)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {folder / 'draft.eml'}"
    message = BytesParser(policy=policy.default).parsebytes((folder / "draft.eml").read_bytes())
    assert [a.display_name for a in message["To"].addresses] == ["Doe, Jane"]
    assert len(list(message.iter_attachments())) == 2


def test_build_with_email_to_writes_outputs_and_draft(tmp_path: Path, no_config: dict[str, str]) -> None:
    out = tmp_path / "out"
    proc = run("build", str(SAMPLE), "--out", str(out), "--email-to", "desk@example.org", env=no_config)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out / 'draft.eml'}" in proc.stdout.splitlines()
    assert (out / "brief.docx").exists() and (out / "deck.pptx").exists() and (out / "draft.eml").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--to", "jane@example.org\r\nBcc: evil@example.com"), "--to contains a control character"),
        (("--to", "jane@example.org, evil@example.com"), "holds more than one address"),
        (("--to", "jane"), "--to 'jane' is not a valid address"),
        (("--to", "a@example.org", "--cc", "nobody@"), "--cc 'nobody@' is not a valid address"),
        (("--to", "a@example.org", "--bcc", "=?utf-8?q?x?= <b@example.org>"), "--bcc contains '=?'"),
        (("--to", "a@example.org", "--from", "Desk\n <desk@example.org>"), "--from contains a control character"),
        (("--to", "a@example.org", "--subject", "Hi =?UTF-8?Q?=0A?=Bcc: evil@example.com"), "--subject contains '=?'"),
        (("--to", "a@example.org", "--send"), "no SMTP server configured"),
    ],
)
def test_mail_user_errors_exit_7_with_one_line_and_no_draft(
    folder: Path, no_config: dict[str, str], args: tuple[str, ...], fragment: str
) -> None:
    assert_user_error(run("mail", str(folder), *args, env=no_config), 7, fragment)
    assert not (folder / "draft.eml").exists()


def test_mail_of_a_folder_that_was_not_built_exits_7(tmp_path: Path, no_config: dict[str, str]) -> None:
    assert_user_error(run("mail", str(tmp_path), "--to", "a@example.org", env=no_config), 7, "has no brief.json")


def test_an_existing_draft_is_kept_without_force(folder: Path, no_config: dict[str, str]) -> None:
    (folder / "draft.eml").write_bytes(b"keep me")
    refused = run("mail", str(folder), "--to", "a@example.org", env=no_config)
    assert_user_error(refused, 4, "already exists; pass --force")
    assert (folder / "draft.eml").read_bytes() == b"keep me"
    assert run("mail", str(folder), "--to", "a@example.org", "--force", env=no_config).returncode == 0


def test_a_bad_email_to_on_build_fails_before_anything_is_written(tmp_path: Path, no_config: dict[str, str]) -> None:
    out = tmp_path / "out"
    proc = run("build", str(SAMPLE), "--out", str(out), "--email-to", "not-an-address", env=no_config)
    assert_user_error(proc, 7, "--email-to 'not-an-address' is not a valid address")
    assert not out.exists()


def test_usage_errors_exit_2(folder: Path, no_config: dict[str, str]) -> None:
    assert run("mail", str(folder), env=no_config).returncode == 2  # --to is required
    assert run("mail", str(folder), "--to", "a@example.org", "--password", "x", env=no_config).returncode == 2
    proc = run("build", str(SAMPLE), "--email-cc", "a@example.org", env=no_config)
    assert proc.returncode == 2 and "--email-to is needed" in proc.stderr


def test_mail_send_through_a_loopback_server_with_starttls_and_auth(
    folder: Path, tmp_path: Path, no_config: dict[str, str]
) -> None:
    with smtp_server(tmp_path) as server:
        env = {
            **no_config,
            "REPORTGEN_SMTP_HOST": server.host,
            "REPORTGEN_SMTP_PORT": str(server.port),
            "REPORTGEN_SMTP_SECURITY": "starttls",
            "REPORTGEN_SMTP_USER": USER,
            "REPORTGEN_SMTP_CAFILE": str(server.cafile),
            "REPORTGEN_SMTP_PASSWORD": PASSWORD,
        }
        args = ("mail", str(folder), "--to", "a@example.org", "--from", "desk@example.org", "--send")
        dry = run(*args, "--dry-run", env=env)
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout.startswith(f"would send through {server.host}:{server.port} (starttls, user {USER})")
        assert PASSWORD not in dry.stdout
        assert server.recorder.messages == []
        sent = run(*args, env=env)
        assert sent.returncode == 0, sent.stderr
        assert sent.stdout.strip() == f"sent to 1 recipient(s) through {server.host}:{server.port}"
        assert [m.rcpt_tos for m in server.recorder.messages] == [["a@example.org"]]
        wrong = run(*args, env={**env, "REPORTGEN_SMTP_PASSWORD": "wrong"})
        assert_user_error(wrong, 7, f"refused the login for {USER}")
        assert len(server.recorder.messages) == 1


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ("REPORTGEN_SMTP_TIMEOUT=1e308", "REPORTGEN_SMTP_TIMEOUT: 'timeout' must be a number from 1 to 3600 seconds"),
        ("REPORTGEN_MAIL_MAX_MB=1e308", "REPORTGEN_MAIL_MAX_MB: 'max_size_mb' must be a number from 0.001 to 1000 MB"),
        ("REPORTGEN_SMTP_PORT=-25", "REPORTGEN_SMTP_PORT: 'port' must be a whole number from 1 to 65535"),
    ],
)
def test_an_out_of_range_mail_setting_exits_7_naming_the_key(
    folder: Path, no_config: dict[str, str], setting: str, fragment: str
) -> None:
    name, value = setting.split("=")
    env = {**no_config, "REPORTGEN_SMTP_HOST": "127.0.0.1", name: value}
    proc = run("mail", str(folder), "--to", "a@example.org", "--from", "desk@example.org", "--send", env=env)
    assert_user_error(proc, 7, fragment)


def test_a_hostile_server_reply_reaches_the_terminal_escaped(folder: Path, no_config: dict[str, str]) -> None:
    with hostile_server(say(b"554 \x1b]0;owned\x07\x1b[2Jgo away\r\n")) as listening:
        env = {
            **no_config,
            "REPORTGEN_SMTP_HOST": listening.host,
            "REPORTGEN_SMTP_PORT": str(listening.port),
            "REPORTGEN_SMTP_SECURITY": "none",
        }
        proc = run("mail", str(folder), "--to", "a@example.org", "--from", "desk@example.org", "--send", env=env)
    assert_user_error(proc, 7, "refused the connection: 554 \\x1b]0;owned\\x07\\x1b[2Jgo away")
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
