"""Runaway templates truly stop: deadline and memory caps hold for Python and C work alike."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from reportgen import templating
from reportgen.errors import PackError
from reportgen.outlining import outline_for
from reportgen.packs import find_pack, load_pack
from reportgen.packs.scaffold import new_pack
from tests.builders import SAMPLE, make_brief
from tests.support.cli import assert_user_error, run

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="children are counted through /proc")

#: A loop over a list touches none of the sandbox's checks: only stopping the process ends it.
ENDLESS = "{% set l = range(10000) | list %}{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}"
#: Work done in C, with no check between its start and its end.
C_LEVEL = {
    "tojson": "{% set a = [0] * 10000 %}{% set b = [a] * 10000 %}{{ b | tojson | length }}",
    "pprint": "{% set a = [0] * 10000 %}{% set b = [a] * 10000 %}{{ b | pprint | length }}",
    # Squaring 2 ** 2000 seventeen times: no check runs between the multiplications.
    "big-integers": "{% set x0 = 2 ** 2000 %}"
    + "".join(f"{{% set x{i} = x{i - 1} * x{i - 1} %}}" for i in range(1, 18))
    + "{{ x17 > 1 }}",
}
WIDE_FORMATS = [
    "{{ '{:{}}'.format('x', 3000000000) }}",
    "{{ '{0:>{1}}'.format('x', 3000000000) }}",
    "{{ '{x:>{w}}'.format_map({'x': 1, 'w': 3000000000}) }}",
    "{{ '{:.{}f}'.format(1.5, 3000000000) }}",
    "{{ '{:3000000000}'.format('x') }}",
    "{{ '%*s' % (3000000000, 'x') }}",
    "{{ '%-*s' % (-3000000000, 'x') }}",
    "{{ '%.*f' % (3000000000, 1.5) }}",
    "{{ '%*s' | format(3000000000, 'x') }}",
]
RECURSION = "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"


def _pack(tmp_path: Path, payload: str, condition: str = "") -> tuple[Path, int]:
    """A copy of the analyst pack with `payload` on a line of its own in brief.xml.j2; that line."""
    folder = new_pack("mine", find_pack("analyst"), tmp_path)
    template = folder / "brief.xml.j2"
    text = template.read_text(encoding="utf-8")
    head, tail = text.split('<document kind="brief">', 1)
    if condition:
        payload = f"{{% if {condition} %}}{payload}{{% endif %}}"
    template.write_text(f'{head}<document kind="brief">\n<paragraph>{payload}</paragraph>{tail}', encoding="utf-8")
    return folder, head.count("\n") + 2


def _children() -> set[str]:
    pid = os.getpid()
    return {c for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()}


@linux_only
def test_an_endless_loop_is_stopped_at_the_deadline_and_its_process_is_gone(tmp_path: Path) -> None:
    folder, _ = _pack(tmp_path, ENDLESS)
    pack = load_pack(folder)
    children, threads = _children(), threading.active_count()
    start = time.monotonic()
    with pytest.raises(PackError, match=r"brief\.xml\.j2: rendering took longer than 0\.5 seconds; it was stopped"):
        templating.render_template(pack, "brief.xml.j2", {}, seconds=0.5)
    assert time.monotonic() - start < 0.5 + templating.GRACE_SECONDS + 1.0
    assert _children() == children  # killed and reaped: nothing left spinning
    assert threading.active_count() == threads


@linux_only
@pytest.mark.parametrize("payload", C_LEVEL.values(), ids=list(C_LEVEL))
def test_work_done_in_c_is_stopped_at_the_deadline(tmp_path: Path, payload: str) -> None:
    folder, _ = _pack(tmp_path, payload)
    pack = load_pack(folder)
    children = _children()
    start = time.monotonic()
    # Stopped either by the child's own deadline check between two C calls (the message names the
    # line) or, when one C call outlasts the deadline, by the parent killing the child.
    with pytest.raises(PackError, match=r"rendering took longer than 0\.5 seconds"):
        templating.render_template(pack, "brief.xml.j2", {"brief": make_brief()}, seconds=0.5)
    assert time.monotonic() - start < 0.5 + templating.GRACE_SECONDS + 1.0
    assert _children() == children


@linux_only
def test_a_render_needing_more_memory_than_its_cap_is_stopped_at_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "MAX_RENDER_MEMORY", 64 * 1024 * 1024)
    payload = "{% set a = ['x' * 1000] * 1000 %}{% set b = [a] * 1000 %}{{ b | tojson | length }}"
    folder, line = _pack(tmp_path, payload)
    with pytest.raises(PackError, match=rf"brief\.xml\.j2, line {line}: the template needs more than 64 MB of memory"):
        templating.render_template(load_pack(folder), "brief.xml.j2", {}, seconds=20)


@pytest.mark.parametrize("payload", WIDE_FORMATS)
def test_a_huge_format_width_is_refused_before_anything_is_allocated(tmp_path: Path, payload: str) -> None:
    # In this process, straight through the sandbox, so the allocation would be seen here.
    env = templating.environment(load_pack(_pack(tmp_path, "")[0]))
    tracemalloc.start()
    try:
        with pytest.raises(templating.TemplateLimitError, match="width or precision"):
            env.from_string(payload).render()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024


def test_small_format_widths_still_work(tmp_path: Path) -> None:
    env = templating.environment(load_pack(_pack(tmp_path, "")[0]))
    text = "{{ '{:>{}}'.format('x', 5) }}|{{ '%*s' % (4, 'y') }}|{{ '{:.2f}'.format(1.5) }}|{{ '%5s' | format('z') }}"
    assert env.from_string(text).render() == "    x|   y|1.50|    z"


def test_macro_recursion_is_a_pack_error_at_the_template_line(tmp_path: Path) -> None:
    folder, line = _pack(tmp_path, RECURSION)
    with pytest.raises(PackError, match=rf"brief\.xml\.j2, line {line}: a macro, include or import calls itself"):
        outline_for(make_brief(), load_pack(folder), "docx")


def test_macro_recursion_in_a_build_exits_5_with_one_line(tmp_path: Path) -> None:
    folder, line = _pack(tmp_path, RECURSION)
    proc = run("build", str(SAMPLE), "--audience", str(folder), "--out", str(tmp_path / "out"))
    assert_user_error(proc, 5, f"brief.xml.j2, line {line}: a macro, include or import calls itself without end")


@linux_only
def test_a_batch_with_one_runaway_builds_the_others_at_normal_speed(tmp_path: Path) -> None:
    folder, _ = _pack(tmp_path / "packs", ENDLESS, condition="'runaway' in brief.source.path")
    articles = tmp_path / "articles"
    articles.mkdir()
    names = ["a-runaway.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    for name in names:
        (articles / name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(articles / name) for name in names]
    env = {templating.SECONDS_VAR: "0.5"}
    proc = run("batch", *inputs, "--audience", str(folder), "--out", str(out), "--jobs", "1", "--json", env=env)
    assert proc.returncode == 8, proc.stderr
    items = {Path(i["input"]).name: i for i in json.loads(proc.stdout)["items"]}
    runaway = items.pop("a-runaway.txt")
    assert runaway["exit_code"] == 5 and "longer than 0.5 seconds" in runaway["error"]
    assert all(item["status"] == "ok" for item in items.values())
    # A runaway left spinning in the worker made each later article 50-100 times slower (seconds).
    assert max(item["seconds"] for item in items.values()) < 2.0, items


def test_the_deadline_setting_is_range_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(templating.SECONDS_VAR, "1e308")
    with pytest.raises(PackError, match=r"REPORTGEN_TEMPLATE_SECONDS=1e308: must be a number of seconds from 0\.1"):
        templating.render_seconds()
    monkeypatch.setenv(templating.SECONDS_VAR, "2.5")
    assert templating.render_seconds() == 2.5
