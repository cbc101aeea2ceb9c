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

import jinja2

from reportgen.errors import MailError, PackError
from reportgen.mail.headers import check_header_text
from reportgen.mail.message import Attachment, Body, human_size
from reportgen.packs import MAX_OUTLINE_CHARS, Pack


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

    `context` is what every pack template sees (pipeline.template_context); the email templates
    also see `attachments`: name, file, kind, description, media_type, size and size_text of each.
    """
    from reportgen.templating import environment, render_template

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
    text_env = environment(pack).overlay(autoescape=False)
    if subject is None:
        rendered = " ".join(_render(text_env, pack, None, context, spec.subject).split())
        try:
            subject = check_header_text(rendered, f"the subject made by pack '{pack.name}'")
        except MailError as exc:
            raise MailError(str(exc), hint="pass --subject to write one yourself") from exc
        if not subject:
            raise MailError(f"pack '{pack.name}' made an empty subject", hint="pass --subject to write one")
    text = _render(text_env, pack, spec.text, context)
    html = render_template(pack, spec.html, context)
    return Body(subject=subject, text=text, html=html)


def _render(
    env: jinja2.Environment, pack: Pack, template: str | None, context: dict[str, Any], source: str = ""
) -> str:
    """Render a template file, or `source` (the subject) when template is None; errors name where."""
    where = str(pack.folder / template) if template else f"{pack.folder / 'pack.toml'} [email] subject"
    try:
        compiled = env.get_template(template) if template else env.from_string(source)
        text = compiled.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise PackError(f"{where}, line {exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise PackError(f"pack '{pack.name}': template {exc.name} not found in {pack.folder}") from exc
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError) as exc:
        raise PackError(f"{_template_line(exc, where)}: {exc}") from exc
    if len(text) > MAX_OUTLINE_CHARS:
        raise PackError(f"{where} rendered over {MAX_OUTLINE_CHARS:,} characters")
    return text


def _template_line(exc: BaseException, where: str) -> str:
    """The deepest template frame: Jinja rewrites traceback frames to template lines."""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f"{name}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where
