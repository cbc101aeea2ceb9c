"""Rendering a pack's Jinja2 templates to Outline XML, sandboxed and strict.

Errors name the template file and line, because the people who edit packs are not Python
programmers and "delete half the template until it works" is what other tools leave them with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reportgen.errors import PackError
from reportgen.model import Ref
from reportgen.packs import MAX_OUTLINE_CHARS, Pack


def para_refs(refs: Iterable[Ref]) -> str:
    """Paragraph references as readers count them (1-based): "[¶5]" or "[¶5, ¶7]"."""
    numbers = sorted({r.paragraph + 1 for r in refs})
    return "[" + ", ".join(f"¶{n}" for n in numbers) + "]" if numbers else ""


def environment(pack: Pack) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(pack.folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["refs"] = para_refs
    return env


def render_template(pack: Pack, template: str, context: dict[str, Any]) -> str:
    env = environment(pack)
    try:
        text = env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise PackError(f"{pack.folder / (exc.name or template)}, line {exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise PackError(f"pack '{pack.name}': template {exc.name} not found in {pack.folder}") from exc
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError) as exc:
        where = _template_line(exc, pack, template)
        raise PackError(f"{where}: {exc}") from exc
    if len(text) > MAX_OUTLINE_CHARS:
        raise PackError(f"pack '{pack.name}': {template} rendered over {MAX_OUTLINE_CHARS:,} characters")
    return text


def _template_line(exc: BaseException, pack: Pack, template: str) -> str:
    """The deepest template frame in the traceback: Jinja rewrites frames to template lines."""
    where = str(pack.folder / template)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f"{name}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where
