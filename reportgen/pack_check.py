"""`reportgen packs check DIR`: every problem of a pack, each with its file and line.

Checks, cheapest first: the manifest against its schema; loading (the pack it extends, the files
it names, its reference documents' safety); the syntax of every template; names a template uses
that no template sees; then a real render of every output from the sample brief shipped with
reportgen (reportgen/data/sample-brief.json: every part of a Brief filled), which finds misspelt
attributes, malformed outline XML, and styles or layouts the reference files lack; and the email.
Because it renders, it sits above the templates, the renderers and the email, not inside
reportgen.packs, which they all read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportgen import shipped
from reportgen.errors import ReportgenError
from reportgen.packs.manifest import MANIFEST, Problem, read_manifest, validate
from reportgen.packs.model import Pack

#: What every template sees (outlining.template_context) and what the email templates add.
CONTEXT_NAMES = frozenset({"brief", "sections", "pack", "audience", "marking", "date"})
EMAIL_NAMES = frozenset({"attachments"})


def sample_brief_path() -> Path:
    return shipped.path("data", "sample-brief.json")


def check_pack(folder: Path, templates_dir: Path | None = None) -> list[Problem]:
    """Every problem found in the pack in `folder`, and as "info" what the renderers will supply
    (styles a reference lacks); a pack with no "error" is ready to use."""
    from reportgen.packs import load_pack

    manifest = folder / MANIFEST
    try:
        data, text = read_manifest(folder)
    except ReportgenError as exc:
        return [Problem(manifest, None, exc.one_line())]
    problems = validate(data, manifest, text)
    if problems:
        return problems
    try:
        pack = load_pack(folder, templates_dir)
    except ReportgenError as exc:
        return [_problem(exc, manifest)]
    if pack.name != folder.name:
        problems.append(Problem(manifest, 1, f"name '{pack.name}' differs from the folder name '{folder.name}'"))
    problems.extend(_syntax_and_names(pack))
    if problems:
        return problems
    problems.extend(_render_outputs(pack))
    problems.extend(_render_email(pack))
    return problems


def _problem(exc: ReportgenError, fallback: Path) -> Problem:
    """A Problem at the file and line the error names, else at `fallback`. The message loses its
    own "file, line N:" prefix, since the Problem prints them."""
    if exc.file is None:
        return Problem(fallback, None, exc.one_line())
    text = exc.one_line()
    for prefix in (f"{exc.file}, line {exc.line}: ", f"{exc.file} line {exc.line}: ", f"{exc.file}: "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    return Problem(Path(exc.file), exc.line, text)


def _own_templates(pack: Pack) -> list[Path]:
    return sorted(pack.folder.glob("*.j2"))


def _syntax_and_names(pack: Pack) -> list[Problem]:
    import jinja2
    from jinja2 import meta, nodes

    from reportgen.templating import environment

    env = environment(pack)
    problems: list[Problem] = []
    known = CONTEXT_NAMES | set(env.globals)
    for path in _own_templates(pack):
        try:  # a template that is a link out of the pack is reported, never read
            found = pack.find(path.name, "template")
        except ReportgenError as exc:
            problems.append(_problem(exc, path))
            continue
        if found is None:  # a link to nothing
            continue
        source = found.read_text(encoding="utf-8")
        try:
            tree = env.parse(source, path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(path, exc.lineno, exc.message or "template syntax error"))
            continue
        allowed = known | (EMAIL_NAMES if path.name.startswith("email") else set())
        for name in sorted(meta.find_undeclared_variables(tree) - allowed - _declared(tree)):
            line = next((n.lineno for n in tree.find_all(nodes.Name) if n.name == name), None)
            seen = ", ".join(sorted(CONTEXT_NAMES))
            problems.append(Problem(path, line, f"'{name}' is undefined: templates see {seen}"))
    return problems


def _declared(tree: Any) -> set[str]:
    """Names the template itself binds anywhere. Jinja's own analysis reports an import or `set`
    at the top of a child template as undeclared inside its blocks, where it does work; a name used
    before it is bound is still caught by the sample render."""
    from jinja2 import nodes

    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    names.update(str(n.target) for n in tree.find_all(nodes.Import))
    for node in tree.find_all(nodes.FromImport):
        names.update(str(n[1] if isinstance(n, tuple) else n) for n in node.names)
    names.update(n.name for n in tree.find_all(nodes.Macro))
    return names


def _sample_context(pack: Pack) -> dict[str, Any]:
    from reportgen.model import Brief
    from reportgen.outlining import template_context

    brief = Brief.from_json(sample_brief_path().read_text(encoding="utf-8"))
    return template_context(brief, pack)


def _render_outputs(pack: Pack) -> list[Problem]:
    from reportgen.model import Brief
    from reportgen.outlining import outline_for
    from reportgen.renderers import get_renderer, reference_notes

    brief = Brief.from_json(sample_brief_path().read_text(encoding="utf-8"))
    problems = []
    for name, spec in pack.outputs.items():
        template = pack.find(spec.template) or pack.folder / spec.template
        try:
            outline = outline_for(brief, pack, name)
        except ReportgenError as exc:
            problems.append(_problem(exc, template))
            continue
        reference = pack.reference(name)
        try:
            get_renderer(name)(outline, reference)
        except ReportgenError as exc:
            problems.append(Problem(reference, None, exc.one_line()))
            continue
        problems.extend(Problem(reference, None, note, "info") for note in reference_notes(name, reference))
    return problems


def _render_email(pack: Pack) -> list[Problem]:
    from reportgen.mail.body import render_body

    try:
        render_body(pack, _sample_context(pack), [])
    except ReportgenError as exc:
        return [_problem(exc, pack.folder / MANIFEST)]
    return []
