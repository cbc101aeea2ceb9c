"""Header text and addresses: every injection attempt and bad address is refused before use."""

from __future__ import annotations

import pytest

from reportgen.errors import MailError
from reportgen.mail.headers import Mailbox, check_header_text, check_wire, parse_mailbox

# The CVE-2024-6923 payload: an encoded newline that the email package decodes and folds out raw.
CVE_SUBJECT = "A" * 60 + " =?UTF-8?Q?=0A?=Bcc: evil@example.com " + "B" * 30


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Weekly brief\r\nBcc: evil@example.com", "control character (U+000D)"),
        ("Weekly brief\nBcc: evil@example.com", "control character (U+000A)"),
        ("Weekly brief\rBcc: evil@example.com", "control character (U+000D)"),
        ("Weekly\x00brief", "control character (U+0000)"),
        ("Weekly\tbrief", "control character (U+0009)"),
        ("Weekly\x85brief", "control character (U+0085)"),  # NEL
        ("Weekly\u2028brief", "control character (U+2028)"),  # LINE SEPARATOR
        (CVE_SUBJECT, "'=?'"),
        ("=?utf-8?b?QmNjOiBldmlsQGV4YW1wbGUuY29t?=", "'=?'"),
        ("x" * 501, "501 characters"),
    ],
)
def test_header_text_with_an_injection_attempt_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(MailError, match="--subject") as caught:
        check_header_text(text, "--subject")
    assert fragment in caught.value.one_line()


def test_ordinary_header_text_passes_unchanged() -> None:
    text = "[OFFICIAL] Opération Azm-e-Istehkam: what changes — 3% more (Analysts brief)"
    assert check_header_text(text, "--subject") == text


@pytest.mark.parametrize(
    ("text", "mailbox"),
    [
        ("jane@example.org", Mailbox("jane@example.org")),
        ("Jane Doe <jane@example.org>", Mailbox("jane@example.org", "Jane Doe")),
        ('"Doe, Jane" <jane@example.org>', Mailbox("jane@example.org", "Doe, Jane")),
        ("Doe, Jane <jane@example.org>", Mailbox("jane@example.org", "Doe, Jane")),
        ("Zoë Faure <zoe@exämple.org>", Mailbox("zoe@xn--exmple-cua.org", "Zoë Faure")),
        ("  jane@EXAMPLE.org  ", Mailbox("jane@example.org")),
    ],
)
def test_addresses_as_users_type_them_are_parsed_to_one_mailbox(text: str, mailbox: Mailbox) -> None:
    assert parse_mailbox(text, "--to") == mailbox


def test_a_comma_in_a_display_name_stays_in_the_name_when_written_out() -> None:
    assert str(parse_mailbox("Doe, Jane <jane@example.org>", "--to")) == '"Doe, Jane" <jane@example.org>'


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("jane@example.org\r\nBcc: evil@example.com", "control character"),
        ("jane@example.org\nRCPT TO:<evil@example.com>", "control character"),
        ("Jane\r\n <jane@example.org>", "control character"),
        ("=?utf-8?q?Jane=0ABcc:_evil@example.com?= <jane@example.org>", "'=?'"),
        ('"=\\?utf-8?q?x?=" <jane@example.org>', "'=?'"),  # quoting must not smuggle "=?" past the check
        ("jane@example.org, evil@example.com", "more than one address"),
        ("jane@example.org; evil@example.com", "more than one address"),
        ("Jane <jane@example.org>, Evil <evil@example.com>", "not an address"),
        ("Jane <jane@example.org", "not an address"),
        ("", "is empty"),
        ("Jane <>", "is empty"),
        ("jane", "not a valid address"),
        ("jane@", "not a valid address"),
        ("@example.org", "not a valid address"),
        ("jane@@example.org", "not a valid address"),
        ("jane doe@example.org", "not a valid address"),
        ("jane@example", "not a valid address"),
        ("jane@localhost", "not a valid address"),
        ("jane@exa_mple.org", "not a valid address"),
        ("jane..doe@example.org", "not a valid address"),
        ("zoë@example.org", "not a valid address"),  # would need SMTPUTF8 from every server on the way
        ("jane@[127.0.0.1]", "not a valid address"),
    ],
)
def test_a_bad_address_is_refused_with_the_option_named(text: str, fragment: str) -> None:
    with pytest.raises(MailError) as caught:
        parse_mailbox(text, "--to")
    line = caught.value.one_line()
    assert line.startswith("--to")
    assert fragment in line


def _message(head: bytes, body: bytes = b"hello\r\n") -> bytes:
    return head + b"\r\n" + body


def test_wire_check_passes_what_was_set() -> None:
    check_wire(_message(b"To: a@example.org\r\nSubject: hi\r\n"), ["To", "Subject"])


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        # What Python 3.11.7 makes of CVE_SUBJECT: a folded line that became a header of its own.
        (_message(b"To: a@example.org\r\nSubject: AAAA\r\nBcc:\r\n evil@example.com BBBB\r\n"), "unexpected: ['bcc']"),
        (_message(b"To: a@example.org\r\nSubject: AAAA\nBcc: evil@example.com\r\n"), "bare line break"),
        (_message(b"To: a@example.org\r\nSubject: AAAA\rBcc: evil@example.com\r\n"), "bare line break"),
        (_message(b"To: a@example.org\r\n"), "not the ones set"),
        (_message(b"To: a@example.org\r\nSubject: \xc3\xa9\r\n"), "7-bit"),
        (_message(b"To: a@example.org\r\nSubject: " + b"x" * 1000 + b"\r\n"), "longer than 998"),
    ],
)
def test_wire_check_refuses_bytes_with_lines_nobody_set(data: bytes, fragment: str) -> None:
    with pytest.raises(MailError, match="refusing") as caught:
        check_wire(data, ["To", "Subject"])
    assert fragment in caught.value.one_line()


def test_wire_check_refuses_a_part_with_a_header_smuggled_in() -> None:
    data = (
        b"To: a@example.org\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\nBcc: evil@example.com\r\n\r\nhello\r\n--b--\r\n"
    )
    with pytest.raises(MailError, match="MIME part has unexpected headers"):
        check_wire(data, ["To", "Subject", "MIME-Version", "Content-Type"])
