"""The email's subject and bodies, rendered from the audience pack's templates.

The HTML body goes through the same sandboxed, strict, autoescaping environment as the outline
templates. The plain-text body must not be HTML-escaped ("R&D" is not "R&amp;D"), so it uses an
overlay of that environment with autoescaping off: still sandboxed and StrictUndefined. Neither
body is a header, so article text in them can do no harm; the subject is, so after rendering its
whitespace is collapsed and it passes the same check as a subject typed by the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportgen.errors import MailError, PackError
from reportgen.mail.headers import check_header_text
from reportgen.mail.message import Attachment, Body, human_size
from reportgen.packs import Pack


@dataclass(frozen=True)
class EmailSpec:
    """A pack's `[email]` table: the subject template and the two body templates."""

    subject: str
    text: str
    html: str
    describe: dict[str, str]  # output kind ("docx") -> how the email names it ("the Word brief")


def email_spec(pack: Pack) -> EmailSpec:
    manifest = pack.folder / "pack.toml"
    table = pack.settings.get("email")
    if not isinstance(table, dict):
        raise PackError(
            f"{manifest} has no [email] table",
            hint="copy the [email] table and email.*.j2 templates from the built-in analyst pack",
        )
    try:
        spec = EmailSpec(
            subject=str(table["subject"]),
            text=str(table["text"]),
            html=str(table["html"]),
            describe={str(k): str(v) for k, v in table.get("describe", {}).items()},
        )
    except (KeyError, AttributeError) as exc:
        raise PackError(f"{manifest}: [email] is missing or has a malformed setting {exc}") from exc
    for name in (spec.text, spec.html):
        if pack.find(name) is None:  # in the pack's folder or a pack it extends
            raise PackError(f"{manifest}: [email] names {name}, which is not in {pack.folder}")
    return spec


def render_body(
    pack: Pack,
    context: dict[str, Any],
    attachments: Sequence[tuple[str, Attachment]],
    subject: str | None = None,
) -> Body:
    """Subject, text and HTML for one message; `attachments` pairs each output kind with its file.

    `context` is what every pack template sees (outlining.template_context); the email templates
    also see `attachments`: name, file, kind, description, media_type, size and size_text of each.
    """
    from reportgen.templating import render_template

    spec = email_spec(pack)
    context = {
        **context,
        "attachments": [
            {
                "name": item.filename,
                "file": item.path.name,
                "kind": kind,
                "description": spec.describe.get(kind, item.path.name),
                "media_type": item.media_type,
                "size": item.size,
                "size_text": human_size(item.size),
            }
            for kind, item in attachments
        ],
    }
    if subject is None:
        where = f"{pack.folder / 'pack.toml'} [email] subject"
        made = render_template(pack, where, context, autoescape=False, source=spec.subject)
        rendered = " ".join(made.split())
        try:
            subject = check_header_text(rendered, f"the subject made by pack '{pack.name}'")
        except MailError as exc:
            raise MailError(str(exc), hint="pass --subject to write one yourself") from exc
        if not subject:
            raise MailError(f"pack '{pack.name}' made an empty subject", hint="pass --subject to write one")
    text = render_template(pack, spec.text, context, autoescape=False)
    html = render_template(pack, spec.html, context)
    return Body(subject=subject, text=text, html=html)
