"""Rendering a pack's Jinja2 templates to Outline XML: sandboxed, strict and bounded.

Errors name the template file and line, because the people who edit packs are not Python
programmers and "delete half the template until it works" is what other tools leave them with.

Packs come from other people. Jinja's sandbox stops templates reaching Python internals
(`''.__class__.__mro__`, `cycler.__init__.__globals__`…), and the immutable variant stops them
changing the Brief; StrictUndefined makes a misspelt name an error, never an empty string. The
sandbox does nothing about resource exhaustion, so `BoundedSandbox` adds:
- size checks before the operations that multiply text or lists (`*`, `+`, `~`, `%`, `**`,
  `range`, the widening filters and string methods), so `'A' * 10**8` fails before allocating,
  and on every format field's width and precision once nested fields are filled in;
- a deadline checked on every call, attribute lookup, loop step over a range and output chunk;
- a cap on the rendered outline (MAX_OUTLINE_CHARS), counted while it streams.
Work no check sees (C-level `tojson` of a huge structure, a loop over a list) is stopped by
rendering any pack reportgen does not ship in a forked child with a memory cap, killed at the
deadline (`_contained`, reportgen.stoppable). Files are found by `PackLoader`, inside the pack.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import string
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2 import meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from reportgen import stoppable
from reportgen.comparable import comparable
from reportgen.errors import PackError
from reportgen.model import Brief, Ref, TimelineEvent
from reportgen.packs import MAX_OUTLINE_CHARS, Pack
from reportgen.packs.confine import find_in
from reportgen.packs.manifest import PackOptions
from reportgen.packs.search import is_builtin

MAX_RENDER_SECONDS = 10.0
SECONDS_VAR = "REPORTGEN_TEMPLATE_SECONDS"  # a shorter (or longer) deadline, for tests and slow machines
GRACE_SECONDS = 0.5  # past the deadline before a child is killed: the sandbox's own check names the line
MAX_RENDER_MEMORY = 512 * 1024 * 1024  # address space a render may add; an outline is at most ~20 MB
MAX_RANGE = 10_000  # a brief has tens of items; a loop of more is a mistake or an attack
MAX_ITEMS = 100_000  # elements in a list a template builds
MAX_WIDTH = 10_000  # widths and padding a template asks for (center, ljust, "%10000s"…)
MAX_POWER_BITS = 4096  # 2 ** 4096 is plenty; 10 ** 10 ** 10 would never finish
_WIDE_FORMAT = re.compile(r"\d{6,}")  # a width or precision of six digits or more in a format
_WIDENING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})


T = TypeVar("T")


class TemplateLimitError(SecurityError):
    """A template asked for more text, items or time than any brief needs."""


def para_refs(refs: Iterable[Ref]) -> str:
    """Paragraph references as readers count them (1-based): "[¶5]" or "[¶5, ¶7]"."""
    numbers = sorted({r.paragraph + 1 for r in refs})
    return "[" + ", ".join(f"¶{n}" for n in numbers) + "]" if numbers else ""


def salience(event: TimelineEvent, brief: Brief) -> int:
    """How much the brief itself makes of a timeline event: 2 when a bottom-line point cites its
    sentence, 1 when a section bullet does, else 0. A deck that has room for some events only
    shows those the brief found worth saying (`<event weight>`)."""
    said = set(event.refs)
    if any(said & set(b.refs) for b in brief.key_points):
        return 2
    return 1 if any(said & set(b.refs) for s in brief.sections for b in s.bullets) else 0


class _BoundedGenerator(CodeGenerator):
    """Routes `~` through the environment's size check: Jinja compiles it to a join it cannot
    intercept otherwise, and doubling a string twenty times in a loop is all an attack needs."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 (Jinja's visitor name)
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox whose operators, calls and loops are size- and time-bounded."""

    code_generator_class = _BoundedGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, seconds: float = MAX_RENDER_SECONDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = seconds
        self.compiled_here: set[str] = set()  # templates _compile_here has seen, with those they use
        self.deadline = time.monotonic() + seconds
        self.globals.pop("lipsum", None)  # generates text on demand: nothing a brief needs
        self.globals["range"] = self.bounded_range
        for name in list(self.filters):
            self.filters[name] = self._bounded_filter(name, self.filters[name])

    # --- time -----------------------------------------------------------------------------------

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"rendering took longer than {self.seconds:g} seconds")

    def bounded_range(self, *args: int) -> Iterator[int]:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateLimitError(f"range of {len(numbers):,} numbers; a template may loop {MAX_RANGE:,} times")
        return self._ticking(numbers)

    def _ticking(self, numbers: range) -> Iterator[int]:
        for n in numbers:
            if n % 64 == 0:
                self.tick()
            yield n

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            __self._check_str_method(owner, getattr(__obj, "__name__", ""), args)
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return _known_option(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return _known_option(obj, argument, super().getitem(obj, argument))

    # --- size -----------------------------------------------------------------------------------

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "+" and _sized(left) and _sized(right):
            _check_size(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and _huge_power(left, right):
            raise TemplateLimitError(f"{left} ** {right} is too large a number")
        return super().call_binop(context, operator, left, right)

    def bounded_text(self, text: str) -> str:
        _check_size(len(text))
        return text

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed `str.format` / `format_map`, with every field's width and precision
        checked once nested fields are filled in (`'{:{}}'.format('x', 3000000000)`), before
        Python allocates the padding."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        formatter: SandboxedFormatter = (
            _BoundedEscapeFormatter(self, escape=owner.escape) if isinstance(owner, Markup) else _BoundedFormatter(self)
        )
        kind, is_map = type(owner), value.__name__ == "format_map"

        def bounded_format(*args: Any, **kwargs: Any) -> str:
            if not is_map:
                return kind(formatter.vformat(owner, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return kind(formatter.vformat(owner, (), args[0]))

        return functools.update_wrapper(bounded_format, value)

    def _check_str_method(self, text: str, name: str, args: tuple[Any, ...]) -> None:
        if name in _WIDENING_METHODS and args and isinstance(args[0], int) and args[0] > MAX_WIDTH:
            raise TemplateLimitError(f"str.{name}({args[0]:,}): widths above {MAX_WIDTH:,} are refused")
        if name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            _check_replaced(text, args[0], args[1])
        if name == "join" and args:
            _check_joined(text, args[0])

    def _bounded_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def bounded(*args: Any, **kwargs: Any) -> Any:
            numbers = [a for a in (*args[1:], *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
            values = [a for a in args if not isinstance(a, Context | nodes.EvalContext | jinja2.Environment)]
            if name in _WIDTH_FILTERS and any(n > MAX_WIDTH for n in numbers):
                raise TemplateLimitError(f"{name} filter with {max(numbers):,}: widths over {MAX_WIDTH:,} are refused")
            if name == "format" and values and isinstance(values[0], str):
                _check_percent(values[0], tuple(values[1:]))
            if name == "replace" and len(values) >= 3 and all(isinstance(v, str) for v in values[:3]):
                _check_replaced(values[0], values[1], values[2])
            if name == "join" and values:
                separator = values[1] if len(values) > 1 and isinstance(values[1], str) else ""
                _check_joined(separator, values[0])
            if name == "list" and values and _sized(values[0]):
                _check_items(len(values[0]))
            result = func(*args, **kwargs)
            if isinstance(result, str):
                _check_size(len(result))
            return result

        # Jinja passes the context or environment to filters marked for it: keep the mark.
        if hasattr(func, "jinja_pass_arg"):
            bounded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
        return bounded


class _BoundedFormatting(string.Formatter):
    """Refuses a field whose width or precision is over MAX_WIDTH, after nested fields are filled."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        for digits in re.findall(r"\d+", format_spec):
            if len(digits) > 6 or int(digits) > MAX_WIDTH:
                raise TemplateLimitError(f"a format width or precision of {digits[:12]}: over {MAX_WIDTH:,} is refused")
        return super().format_field(value, format_spec)


class _BoundedFormatter(_BoundedFormatting, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_BoundedFormatting, SandboxedEscapeFormatter):
    pass


def _check_percent(text: str, args: Any) -> None:
    """Before `text % args`: no width or precision of 100,000 or more, written in the format or
    taken from the arguments by `*` (`'%*s' % (3000000000, 'x')`)."""
    if _WIDE_FORMAT.search(text):
        raise TemplateLimitError("a %-format with a width or precision of 100,000 or more")
    if "*" in text:
        values = args if isinstance(args, tuple) else (args,)
        if any(isinstance(v, int) and not isinstance(v, bool) and abs(v) > MAX_WIDTH for v in values):
            raise TemplateLimitError(f"a %-format with a * width or precision over {MAX_WIDTH:,}")


def _known_option(obj: Any, name: Any, value: Any) -> Any:
    """`value`, unless it is a pack option the manifest does not set: that is named at once, at
    the template line that reads it, rather than failing later as an undefined value."""
    if isinstance(obj, PackOptions) and isinstance(value, jinja2.Undefined):
        raise jinja2.UndefinedError(
            f"[options] {name} is not set in pack.toml nor in a pack it extends; "
            f"add it under [options], or extend the pack the templates were copied from"
        )
    return value


def _huge_power(base: int, exponent: int) -> bool:
    return exponent > MAX_POWER_BITS or abs(base).bit_length() * max(exponent, 0) > MAX_POWER_BITS


def _sized(value: Any) -> bool:
    return isinstance(value, str | list | tuple)


def _check_size(chars: int) -> None:
    if chars > MAX_OUTLINE_CHARS:
        raise TemplateLimitError(f"text of {chars:,} characters; the limit is {MAX_OUTLINE_CHARS:,}")


def _check_items(count: int) -> None:
    if count > MAX_ITEMS:
        raise TemplateLimitError(f"a list of {count:,} items; the limit is {MAX_ITEMS:,}")


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(times, int) and not isinstance(times, bool):
        if isinstance(sequence, str):
            _check_size(len(sequence) * times)
        elif isinstance(sequence, list | tuple):
            _check_items(len(sequence) * times)
            _check_size(sum(len(x) for x in sequence if isinstance(x, str)) * times)


def _check_replaced(text: str, old: str, new: str) -> None:
    """Before `text.replace(old, new)`: an empty `old` matches between every two characters."""
    matches = text.count(old) if old else len(text) + 1
    _check_size(len(text) + matches * max(0, len(new) - len(old)))


def _check_joined(separator: str, items: Any) -> None:
    if isinstance(items, list | tuple):
        _check_items(len(items))
        strings = [x for x in items if isinstance(x, str)]
        _check_size(sum(len(x) for x in strings) + len(separator) * len(items))


class PackLoader(jinja2.BaseLoader):
    """Templates from the pack's folders in order, then `"analyst/_common.xml.j2"` from the named
    ancestor's folder; each file found is resolved and must lie inside the pack chain
    (reportgen.packs.confine), so an include through a link to /etc is a PackError, never read."""

    def __init__(self, folders: tuple[Path, ...], parents: tuple[Path, ...]) -> None:
        self.folders = folders
        self.named = {folder.name: folder for folder in parents}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses "..": a name never climbs out by itself
        path = find_in(self.folders, "/".join(pieces), self.folders, "template")
        if path is None and len(pieces) > 1 and pieces[0] in self.named:
            path = find_in((self.named[pieces[0]],), "/".join(pieces[1:]), self.folders, "template")
        if path is None:
            raise jinja2.TemplateNotFound(template)
        mtime = path.stat().st_mtime
        return path.read_text(encoding="utf-8"), str(path), lambda: _unchanged(path, mtime)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def environment(pack: Pack, seconds: float = MAX_RENDER_SECONDS) -> BoundedSandbox:
    """The pack's template environment: its own folder first, then the folders of the packs it
    extends (so it overrides only what it changes); `{% import "analyst/_common.xml.j2" %}` reaches
    a named ancestor's file even when the pack overrides that name.

    One environment per pack and process, so templates compile once per process (a batch renders
    hundreds of briefs); Jinja still reloads a template whose file changed. Compiled templates are
    also kept in the user's cache folder, keyed by their source, so a cold `build` skips compiling.
    """
    env = _environment(tuple(pack.folders), tuple(pack.parents), seconds)
    env.deadline = time.monotonic() + seconds
    return env


@functools.lru_cache(maxsize=16)
def _environment(folders: tuple[Path, ...], parents: tuple[Path, ...], seconds: float) -> BoundedSandbox:
    env = BoundedSandbox(
        loader=PackLoader(folders, parents),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        seconds=seconds,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["refs"] = para_refs
    env.filters["salience"] = salience
    env.filters["comparable"] = comparable
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates on disk (the user cache folder), or none where that cannot be written."""
    from platformdirs import user_cache_dir

    folder = Path(os.environ.get("REPORTGEN_CACHE") or user_cache_dir("reportgen")) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def prepare_template(pack: Pack, template: str) -> None:
    """Load and compile one of the pack's templates into its environment's cache, rendering nothing."""
    environment(pack).get_template(template)


def render_seconds() -> float:
    """The deadline of one render: MAX_RENDER_SECONDS, or REPORTGEN_TEMPLATE_SECONDS where set."""
    value = os.environ.get(SECONDS_VAR, "").strip()
    if not value:
        return MAX_RENDER_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not 0.1 <= seconds <= 600:
        raise PackError(f"{SECONDS_VAR}={value}: must be a number of seconds from 0.1 to 600")
    return seconds


def render_template(
    pack: Pack,
    template: str,
    context: dict[str, Any],
    seconds: float | None = None,
    *,
    autoescape: bool = True,
    source: str | None = None,
) -> str:
    """Render one template of the pack to text; every error names the template file and line.

    `autoescape=False` is for plain-text outputs (the email's text body); `source` renders a
    template written inline in pack.toml (the email subject), named by `template` in errors. Both
    keep the sandbox, the size limits and the deadline (`seconds`, default `render_seconds()`).
    """
    limit = render_seconds() if seconds is None else seconds
    if source is None and autoescape:
        with contextlib.suppress(Exception):  # a failure is reported by the render itself
            _compile_here(environment(pack, limit), template)
    return _contained(pack, template, limit, lambda: _render(pack, template, context, limit, autoescape, source))


def _compile_here(env: BoundedSandbox, template: str) -> None:
    """Compile `template` and those it includes, imports or extends in this process, once, so a
    child rendering it (or a batch's next article) finds them compiled: compiled in the child
    they are lost with it, and loading them again took two thirds of a forked render."""
    if template in env.compiled_here:
        return
    env.compiled_here.add(template)
    env.get_template(template)
    assert env.loader is not None
    tree = env.parse(env.loader.get_source(env, template)[0])
    for name in meta.find_referenced_templates(tree):
        if name:
            _compile_here(env, name)


def _render(
    pack: Pack, template: str, context: dict[str, Any], seconds: float, autoescape: bool, source: str | None
) -> str:
    env = environment(pack, seconds)
    if not autoescape:
        # Compiled code depends on autoescaping, and the bytecode cache's key does not say which:
        # a plain-text render compiles on its own, or it would run the escaping build.
        env = env.overlay(autoescape=False, bytecode_cache=None)
    try:
        compiled = env.from_string(source) if source is not None else env.get_template(template)
        return _streamed(compiled, context)
    except jinja2.TemplateSyntaxError as exc:
        file = template if source is not None else str(exc.filename or pack.folder / template)
        raise PackError(f"{file}, line {exc.lineno}: {exc.message}", file=file, line=exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        where = ", ".join(str(f) for f in pack.folders)
        raise PackError(f"pack '{pack.name}': template {exc.name} not found in {where}") from exc
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        raise _at_line(exc, pack, template, source, str(exc)) from exc
    except RecursionError as exc:
        raise _at_line(exc, pack, template, source, "a macro, include or import calls itself without end") from None
    except MemoryError as exc:
        message = f"the template needs more than {MAX_RENDER_MEMORY // 1_048_576} MB of memory"
        raise _at_line(exc, pack, template, source, message) from None


def _at_line(exc: BaseException, pack: Pack, template: str, source: str | None, message: str) -> PackError:
    file, line = (template, None) if source is not None else _template_line(exc, pack, template)
    where = file if line is None else f"{file}, line {line}"
    return PackError(f"{where}: {message}", file=file, line=line)


def _streamed(template: jinja2.Template, context: dict[str, Any]) -> str:
    """The template's output, its characters counted as they come, so the size cap holds."""
    chunks, size = [], 0
    for chunk in template.generate(**context):
        size += len(chunk)
        _check_size(size)
        chunks.append(chunk)
    return "".join(chunks)


def _contained(pack: Pack, template: str, seconds: float, job: Callable[[], T]) -> T:
    """`job()` (a render of one of the pack's templates) where it can be stopped.

    The built-in packs ship with reportgen and are trusted: they render here, with the sandbox's
    checks, at no extra cost. Any other pack's templates render in a forked child
    (reportgen.stoppable) with MAX_RENDER_MEMORY of address space, killed at the deadline (plus
    GRACE_SECONDS, so the sandbox's own check usually names the line first): C-level work and
    loops that touch no check stop too, and nothing keeps running after. Without fork (Windows)
    they render in a thread the caller stops waiting for, which leaves a runaway spinning.
    """
    if is_builtin(pack.folder):
        return job()
    if not stoppable.available():
        return _in_thread(job, seconds)
    try:
        return stoppable.run(job, seconds + GRACE_SECONDS, MAX_RENDER_MEMORY)
    except stoppable.StoppedError as exc:
        file = str(pack.folder / template)
        why = f"rendering took longer than {seconds:g} seconds" if exc.timed_out else f"rendering {exc}"
        raise PackError(f"{file}: {why}; it was stopped", file=file) from None


def _in_thread(job: Callable[[], T], seconds: float) -> T:
    """`job()` in a worker thread the caller stops waiting for at the deadline (no fork here)."""
    result: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(job())
        except BaseException as exc:  # handed to the caller's thread, traceback and all
            failure.append(exc)

    worker = threading.Thread(target=work, name="reportgen-template", daemon=True)
    worker.start()
    worker.join(seconds + GRACE_SECONDS)
    if worker.is_alive():
        raise TemplateLimitError(f"rendering took longer than {seconds:g} seconds")
    if failure:
        raise failure[0]
    return result[0]


def output_origin(pack: Pack, template: str, context: dict[str, Any], offset: int) -> tuple[str, int] | None:
    """(template file, line) that wrote character `offset` of the template's rendered text, or None.

    An outline that is not well-formed (or names an unknown element) is found wrong only after
    rendering, at a line of the rendered text, which the user never sees. Rendering again chunk by
    chunk, each chunk is traced to the template line that yielded it: the innermost generator
    frame (blocks and includes are `yield from`) and Jinja's own map from compiled lines to
    template lines. A macro's output is traced to the line that called it. Only on the error path;
    contained like the render itself, since a template need not do the same thing twice.
    """
    seconds = render_seconds()
    try:
        return _contained(pack, template, seconds, lambda: _origin(pack, template, context, offset, seconds))
    except PackError:
        return None


def _origin(pack: Pack, template: str, context: dict[str, Any], offset: int, seconds: float) -> tuple[str, int] | None:
    try:
        compiled = environment(pack, seconds).get_template(template)
        generator = compiled.root_render_func(compiled.new_context(dict(context)))
        written = 0
        for chunk in generator:
            written += len(chunk)
            if written > offset:
                frame = _innermost(generator).gi_frame
                owner = frame.f_globals.get("__jinja_template__") if frame is not None else None
                if owner is None or owner.filename is None or frame is None:
                    return None
                return owner.filename, owner.get_corresponding_lineno(frame.f_lineno)
    except Exception:  # the render succeeded once; failing now, it cannot say where it went wrong
        return None
    return None


def _innermost(generator: Any) -> Any:
    while getattr(generator, "gi_yieldfrom", None) is not None and hasattr(generator.gi_yieldfrom, "gi_frame"):
        generator = generator.gi_yieldfrom
    return generator


def _template_line(exc: BaseException, pack: Pack, template: str) -> tuple[str, int | None]:
    """(file, line) of the deepest template frame in the traceback: Jinja rewrites frames to
    template lines. The template itself, with no line, when no frame is a template's."""
    file: str = str(pack.find(template) or pack.folder / template)
    line: int | None = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            file, line = name, tb.tb_lineno
        tb = tb.tb_next
    return file, line
