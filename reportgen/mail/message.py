"""The email itself: attachments with fixed media types, a size guard, and checked RFC 5322 bytes.

Media types are written here, not looked up: `mimetypes` reads the machine's /etc/mime.types, and a
machine that maps .docx to application/zip sends a brief that Outlook will not preview. Every
message is 7-bit (quoted-printable text, base64 files) with CRLF line ends, so it needs nothing of
the server and the same bytes serve as an .eml draft and as the SMTP payload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy, utils
from email.message import EmailMessage
from pathlib import Path

from reportgen.errors import MailError
from reportgen.mail.headers import Mailbox, check_header_text, check_wire

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".md": "text/markdown",
}
FALLBACK_MEDIA_TYPE = "application/octet-stream"
DEFAULT_MAX_BYTES = 20 * 1000 * 1000  # 20 MB: under the 25 MB most providers accept once base64 adds a third
MAX_TITLE_IN_NAME = 60
_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*=]+')


@dataclass(frozen=True)
class Attachment:
    """A file as it is attached: `filename` is what the recipient sees, `path` where it came from."""

    path: Path
    filename: str
    media_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Addressing:
    """Who the message is from and for. Bcc recipients are in the envelope, never in a sent header."""

    to: tuple[Mailbox, ...]
    cc: tuple[Mailbox, ...] = ()
    bcc: tuple[Mailbox, ...] = ()
    sender: Mailbox | None = None

    @property
    def recipients(self) -> tuple[str, ...]:
        """Envelope recipients, each once, in the order given."""
        return tuple(dict.fromkeys(m.addr for m in (*self.to, *self.cc, *self.bcc)))


@dataclass(frozen=True)
class Body:
    subject: str
    text: str
    html: str


def attachment_name(title: str, file_name: str) -> str:
    """The name a recipient sees: "<title> - brief.docx", so two briefs in one inbox differ.

    Characters file systems refuse are dropped; non-ASCII is kept (sent as an RFC 2231 parameter).
    """
    clean = _NOT_IN_FILE_NAMES.sub(" ", unicodedata.normalize("NFC", title))
    clean = " ".join(clean.split()).strip(" .")
    if len(clean) > MAX_TITLE_IN_NAME:
        clean = clean[:MAX_TITLE_IN_NAME].rsplit(" ", 1)[0].rstrip(" .-,;")
    return f"{clean} - {file_name}" if clean else file_name


def load_attachments(paths: Sequence[Path], title: str) -> tuple[Attachment, ...]:
    attachments = []
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise MailError(f"{path} is missing", hint="build the outputs again before mailing them") from None
        except OSError as exc:
            raise MailError(f"{path} cannot be read ({exc.strerror})") from exc
        media_type = MEDIA_TYPES.get(path.suffix.lower(), FALLBACK_MEDIA_TYPE)
        attachments.append(Attachment(path, attachment_name(title, path.name), media_type, data))
    return tuple(attachments)


def check_size(attachments: Sequence[Attachment], limit: int) -> None:
    """Refuse before anything is written or sent, naming each file's size and the limit."""
    total = sum(a.size for a in attachments)
    if total > limit:
        each = ", ".join(f"{a.path.name} {human_size(a.size)}" for a in attachments)
        raise MailError(
            f"the attachments are {human_size(total)} ({each}), over the {human_size(limit)} limit",
            hint="shorten the pack, or raise max_size_mb in the mail config (most servers refuse over 25 MB)",
        )


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1000 * 1000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1000 / 1000:.1f} MB"


def compose(
    addressing: Addressing,
    body: Body,
    attachments: Sequence[Attachment],
    *,
    date: float,
    draft: bool,
    message_id_domain: str = "",
) -> bytes:
    """The finished message as bytes, checked by `check_wire`.

    A draft carries `X-Unsent: 1` (Outlook opens it for editing and sending) and keeps Bcc as a
    header so the draft remembers it; a sent message never has a Bcc header (the envelope carries
    those recipients) and gets a Message-ID. Boundaries are derived from the content, so the same
    draft is the same bytes.
    """
    # Callers pass text that went through check_header_text already; check again at the last door.
    check_header_text(body.subject, "the subject")
    for mailbox in (*addressing.to, *addressing.cc, *addressing.bcc, *filter(None, [addressing.sender])):
        check_header_text(mailbox.name, f"the display name of {mailbox.addr}")
    msg = EmailMessage(policy=policy.SMTP)
    headers: list[tuple[str, object]] = []
    if addressing.sender is not None:
        headers.append(("From", addressing.sender.header()))
    headers.append(("To", [m.header() for m in addressing.to]))
    if addressing.cc:
        headers.append(("Cc", [m.header() for m in addressing.cc]))
    if draft and addressing.bcc:
        headers.append(("Bcc", [m.header() for m in addressing.bcc]))
    headers.append(("Subject", body.subject))
    headers.append(("Date", utils.format_datetime(dt.datetime.fromtimestamp(date, tz=dt.UTC))))
    if not draft:
        headers.append(("Message-ID", utils.make_msgid(domain=message_id_domain or None)))
    if draft:
        headers.append(("X-Unsent", "1"))
    for name, value in headers:
        msg[name] = value
    msg.set_content(body.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(body.html, subtype="html", charset="utf-8", cte="quoted-printable")
    for item in attachments:
        maintype, subtype = item.media_type.split("/", 1)
        msg.add_attachment(item.data, maintype=maintype, subtype=subtype, filename=item.filename)
    _set_boundaries(msg)
    data = msg.as_bytes()
    check_wire(data, [name for name, _ in headers] + ["MIME-Version", "Content-Type"])
    return data


def _set_boundaries(msg: EmailMessage) -> None:
    """Boundaries from a hash of the content instead of random ones.

    "=_" cannot occur in quoted-printable or base64 output, so such a boundary never collides.
    """
    digest = hashlib.sha256()
    for part in msg.walk():
        if not part.is_multipart():
            digest.update(part.as_bytes())
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_reportgen_{n}_{digest.hexdigest()[:24]}")
