"""Mail servers that misbehave on purpose, on a real loopback socket: each is a script that talks to
one client in a thread, so reportgen meets the bytes exactly as a hostile server would send them.

A script gets the connected socket and a `stop` event; it must return soon after `stop` is set
(the fixture sets it when the test ends) or when the client hangs up (a send then fails).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

Script = Callable[[socket.socket, threading.Event], None]


@dataclass(frozen=True)
class Listening:
    host: str
    port: int


@contextmanager
def hostile_server(script: Script) -> Iterator[Listening]:
    """Listen on 127.0.0.1, run `script` for the first client, stop it and close when done."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(10)  # a client that stops reading ends the script too
            with conn, suppress(OSError):  # the client hung up: the script's work is done
                script(conn, stop)
            return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield Listening("127.0.0.1", listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def drip(text: bytes, every: float = 0.2) -> Script:
    """Send `text` one byte every `every` seconds, then keep dripping spaces: never a whole reply."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        for i in range(10_000):
            if stop.wait(every):
                return
            conn.sendall(text[i : i + 1] if i < len(text) else b" ")

    return script


def after_hello(then: Script) -> Script:
    """Greet and read the client's EHLO, then run `then`: its first bytes are the reply to EHLO."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(b"220 hostile.test ESMTP\r\n")
        reader = conn.makefile("rb")
        reader.readline()  # EHLO
        then(conn, stop)

    return script


def flood(line: bytes) -> Script:
    """Send `line` over and over as fast as the client takes it (an endless reply)."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        block = line * max(1, 65536 // len(line))
        while not stop.is_set():
            conn.sendall(block)

    return script


def say(*replies: bytes) -> Script:
    """Send one reply for each line the client sends (the first before it says anything), then wait."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        reader = conn.makefile("rb")
        for i, reply in enumerate(replies):
            if i:
                reader.readline()
            conn.sendall(reply)
        while not stop.is_set() and reader.readline():
            pass  # read on, answer nothing more

    return script
