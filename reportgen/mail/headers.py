"""Header text and addresses that cannot add a header or a recipient, and a check of the bytes made.

Python's email package decodes RFC 2047 encoded words in header values it is given and, in the
versions with CVE-2024-6923 (3.11.7 here), folds a decoded newline out as a real one: a subject
ending "=?UTF-8?Q?=0A?=Bcc: x@example.com" grew a Bcc line. smtplib, for its part, quietly
rewrites a recipient holding CR/LF instead of refusing it. So nothing user-supplied reaches either
until it has passed `check_header_text` (no control characters, no "=?"), addresses are validated
with email-validator before they are used, and the finished bytes are checked by `check_wire`
for bare line breaks and for header lines reportgen did not write, whatever the Python version.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.parser import BytesParser
from typing import NoReturn

from reportgen.errors import MailError

#: C0 controls (CR, LF, TAB...), DEL, C1 controls (NEL...) and the Unicode line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ANGLE_FORM = re.compile(r"(?P<name>[^<>]*?)\s*<(?P<addr>[^<>]*)>\s*")
MAX_HEADER_TEXT = 500  # a subject or display name longer than this is a mistake, not a subject
MAX_LINE = 998  # RFC 5322 2.1.1: octets per line, CRLF excluded

#: Headers a MIME part below the top level may carry; anything else in a part was not put there by us.
PART_HEADERS = frozenset({"content-type", "content-transfer-encoding", "content-disposition", "mime-version"})


def check_header_text(text: str, what: str) -> str:
    """Refuse header text that could end the header or be decoded into something else; return it."""
    if match := _CONTROL.search(text):
        raise MailError(
            f"{what} contains a control character (U+{ord(match.group()):04X})",
            hint="line breaks and other control characters are not allowed in mail headers",
        )
    if "=?" in text:
        raise MailError(
            f"{what} contains '=?', which mail programs decode as an encoded word",
            hint="remove the '=?' sequence",
        )
    if len(text) > MAX_HEADER_TEXT:
        raise MailError(f"{what} is {len(text)} characters long", hint=f"keep it under {MAX_HEADER_TEXT}")
    return text


@dataclass(frozen=True)
class Mailbox:
    """One validated recipient or sender: an ASCII addr-spec and an optional display name."""

    addr: str
    name: str = ""

    def header(self) -> Address:
        return Address(display_name=self.name, addr_spec=self.addr)

    def __str__(self) -> str:
        return str(self.header())


def parse_mailbox(text: str, what: str) -> Mailbox:
    """One address as a user types it: `jane@example.org`, `Jane Doe <jane@example.org>` or
    `"Doe, Jane" <jane@example.org>`.

    One option value is one mailbox: a comma in a display name stays in the name (the header
    quotes it), and a comma between addresses is refused rather than read as a second recipient.
    """
    from email_validator import EmailNotValidError, validate_email

    check_header_text(text, what)
    name, addr = "", text.strip()
    if match := _ANGLE_FORM.fullmatch(text.strip()):
        name, addr = _unquote(match.group("name").strip()), match.group("addr").strip()
        check_header_text(name, f"{what} display name")  # again: unquoting can join "=\\?" into "=?"
    elif "<" in text or ">" in text:
        raise MailError(f"{what} {text!r} is not an address", hint="write it as Name <name@example.org>")
    if not addr:
        raise MailError(f"{what} is empty", hint="give an address such as name@example.org")
    if "," in addr or ";" in addr:
        raise MailError(f"{what} {addr!r} holds more than one address", hint="repeat the option once per address")
    try:
        valid = validate_email(addr, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise MailError(f"{what} {addr!r} is not a valid address: {exc}") from exc
    # allow_smtputf8=False guarantees an ASCII form (the domain in IDNA), so no server needs SMTPUTF8.
    return Mailbox(addr=valid.ascii_email or valid.normalized, name=name)


def parse_mailboxes(values: Iterable[str], what: str) -> tuple[Mailbox, ...]:
    return tuple(parse_mailbox(value, what) for value in values)


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return re.sub(r"\\(.)", r"\1", name[1:-1])
    return name


def check_wire(data: bytes, expected: Iterable[str]) -> None:
    """Refuse a generated message whose bytes are not what reportgen meant to write.

    `expected` names the top-level headers set, each once. Checked: only CRLF line ends, 7-bit
    ASCII, lines within RFC 5322's limit, exactly the expected top-level header names, and only
    MIME headers in the parts. A failure is either an attack that got past `check_header_text` or
    a Python email bug (such as CVE-2024-6923), so nothing is written or sent.
    """
    stripped = data.replace(b"\r\n", b"")
    if b"\n" in stripped or b"\r" in stripped:
        _refuse("it contains a bare line break")
    if not data.isascii():
        _refuse("it is not 7-bit ASCII")
    if any(len(line) > MAX_LINE for line in data.split(b"\r\n")):
        _refuse(f"it has a line longer than {MAX_LINE} characters")
    head = data.split(b"\r\n\r\n", 1)[0]
    names = [
        line.split(b":", 1)[0].decode("ascii").lower()
        for line in head.split(b"\r\n")
        if line and line[:1] not in (b" ", b"\t")
    ]
    unexpected = Counter(names) - Counter(n.lower() for n in expected)
    missing = Counter(n.lower() for n in expected) - Counter(names)
    if unexpected or missing:
        _refuse(f"its header lines are not the ones set (unexpected: {sorted(unexpected) or 'none'})")
    message = BytesParser(policy=policy.default).parsebytes(data)
    for part in message.walk():
        if part is not message and (extra := {k.lower() for k in part} - PART_HEADERS):
            _refuse(f"a MIME part has unexpected headers {sorted(extra)}")


def _refuse(why: str) -> NoReturn:
    raise MailError(
        f"refusing to write or send the message: {why}",
        hint="this is an injection attempt or a bug in Python's email package (CVE-2024-6923): please report it",
    )
