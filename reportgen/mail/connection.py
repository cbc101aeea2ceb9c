"""One SMTP conversation with one deadline and bounded replies: smtplib, minus its two open ends.

smtplib's `timeout` is a socket timeout, so it limits each read and each write, not the
conversation: a server that sends one byte every few seconds never trips it and holds `mail --send`
for ever. And smtplib reads a multi-line reply (`220-…`, `250-…`) for as long as the server keeps
sending continuation lines, so an endless greeting grows memory without bound before a single
command is sent. `Connection` keeps smtplib's commands (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA)
and replaces only the three places that touch the socket:

- `connect` starts the clock; every read, write and TLS handshake step after that is given only
  the time that is left (the socket timeout is set to it before each operation, and the handshake
  runs non-blocking against the same deadline), so the whole conversation ends by `timeout`;
- `getreply` reads from the socket itself into a small buffer and gives up on a reply of more than
  MAX_REPLY_LINES lines or MAX_REPLY_BYTES bytes, so memory stays bounded whatever the server sends;
- `starttls` (and the implicit TLS of port 465) does the handshake under the deadline, and drops
  anything the server sent in plain text after its 220 (nothing read before TLS is trusted after).

Giving up closes the socket and raises a `GaveUp` (an SMTPServerDisconnected, so smtplib's own
`QUIT` on the way out of a `with` block does not hide the reason). smtp.py turns it into a MailError.
"""

from __future__ import annotations

import selectors
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

T = TypeVar("T")

#: A reply longer than this is not from a mail server worth waiting for. RFC 5321 allows reply lines
#: of 512 bytes; an EHLO reply lists a dozen extensions, so 100 lines and 64 KiB are generous.
MAX_REPLY_LINES = 100
MAX_REPLY_BYTES = 64 * 1024
_CHUNK = 64 * 1024  # what one read asks for, and the most one write hands the socket


class GaveUp(smtplib.SMTPServerDisconnected):
    """The conversation was abandoned (and the socket closed): `reason` says why, for the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DeadlineExceeded(GaveUp):
    pass


class ReplyTooLong(GaveUp):
    pass


class Connection(smtplib.SMTP):
    """smtplib.SMTP whose whole conversation, from `connect` on, ends within `timeout` seconds.

    With `implicit_tls` set, the connection is TLS from the first byte (port 465), as
    smtplib.SMTP_SSL does; otherwise `starttls(context=...)` upgrades it.
    """

    def __init__(self, timeout: float, implicit_tls: ssl.SSLContext | None = None) -> None:
        super().__init__(timeout=timeout)
        self.limit = timeout
        self.implicit_tls = implicit_tls
        self.deadline = time.monotonic() + timeout
        self._buffer = bytearray()
        self._buffered: socket.socket | None = None  # the socket the buffer's bytes came from

    def connect(self, host: str = "localhost", port: int = 0, source_address: Any = None) -> tuple[int, bytes]:
        """Open the connection and read the greeting; the deadline starts here."""
        self.deadline = time.monotonic() + self.limit
        self._host = host  # smtplib sets it only in __init__; TLS checks the certificate against it
        return super().connect(host, port, source_address)

    def _get_socket(self, host: str, port: int, timeout: float | None) -> socket.socket:
        sock = socket.create_connection((host, port), self._remaining(), self.source_address)
        if self.implicit_tls is None:
            return sock
        try:
            return self._handshake(self.implicit_tls, sock)
        except BaseException:
            sock.close()
            raise

    def starttls(  # type: ignore[override]  # a context only: no deprecated keyfile/certfile
        self, *, context: ssl.SSLContext
    ) -> tuple[int, bytes]:
        """smtplib's STARTTLS (RFC 3207), with the handshake under the deadline."""
        self.ehlo_or_helo_if_needed()
        if not self.has_extn("starttls"):
            raise smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server.")
        code, reply = self.docmd("STARTTLS")
        if code != 220:
            raise smtplib.SMTPResponseException(code, reply)
        assert self.sock is not None  # docmd succeeded, so the socket is open
        try:
            self.sock = self._handshake(context, self.sock)
        except BaseException:
            self.close()  # the plain socket is spent (wrapped, then closed with the TLS one)
            raise
        self.file = None
        # RFC 3207: forget everything the server said before TLS.
        self.helo_resp = self.ehlo_resp = None
        self.esmtp_features = {}
        self.does_esmtp = False
        return code, reply

    def getreply(self) -> tuple[int, bytes]:
        """The next reply's code and text (lines joined by "\\n"), as smtplib's, but bounded."""
        lines: list[bytes] = []
        size = 0
        while True:
            line = self._read_line(MAX_REPLY_BYTES - size)
            size += len(line)
            lines.append(line[4:].strip(b" \t\r\n"))
            try:
                code = int(line[:3])
            except ValueError:
                return -1, b"\n".join(lines)  # not a reply line: no continuation is read after it
            if line[3:4] != b"-":
                return code, b"\n".join(lines)
            if len(lines) >= MAX_REPLY_LINES:
                raise self._give_up(ReplyTooLong(f"a reply ran past {MAX_REPLY_LINES} lines"))

    def send(self, s: ReadableBuffer | str) -> None:
        """Write `s` in chunks, each under the time that is left."""
        if self.sock is None:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        data = memoryview(s.encode(self.command_encoding) if isinstance(s, str) else s)
        while data:
            sent = self._io(self.sock.send, data[:_CHUNK])
            data = data[sent:]

    def _read_line(self, limit: int) -> bytes:
        if self.sock is None:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        if self._buffered is not self.sock:  # a new socket (connect, STARTTLS): old bytes are void
            self._buffer.clear()
            self._buffered = self.sock
        while True:
            end = self._buffer.find(b"\n", 0, limit)
            if end >= 0:
                line = bytes(self._buffer[: end + 1])
                del self._buffer[: end + 1]
                return line
            if len(self._buffer) >= limit:
                raise self._give_up(ReplyTooLong(f"a reply ran past {MAX_REPLY_BYTES // 1024} KiB"))
            chunk = self._io(self.sock.recv, _CHUNK)
            if not chunk:
                self.close()
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            self._buffer += chunk

    def _io(self, operation: Callable[..., T], *args: object) -> T:
        """Run one socket operation with the time that is left as its timeout."""
        assert self.sock is not None
        try:
            self.sock.settimeout(self._remaining())
            return operation(*args)
        except TimeoutError:
            raise self._give_up(self._late()) from None
        except OSError as exc:
            self.close()
            raise smtplib.SMTPServerDisconnected(f"Connection unexpectedly closed: {exc}") from exc

    def _handshake(self, context: ssl.SSLContext, sock: socket.socket) -> ssl.SSLSocket:
        """TLS over `sock`, the handshake stepped without blocking so the deadline holds for it too."""
        tls = context.wrap_socket(sock, server_hostname=self._host, do_handshake_on_connect=False)
        try:
            tls.setblocking(False)
            with selectors.DefaultSelector() as selector:
                while True:
                    try:
                        tls.do_handshake()
                        break
                    except ssl.SSLWantReadError:
                        events = selectors.EVENT_READ
                    except ssl.SSLWantWriteError:
                        events = selectors.EVENT_WRITE
                    selector.register(tls, events)
                    ready = selector.select(self._remaining())
                    selector.unregister(tls)
                    if not ready:
                        raise self._give_up(self._late())
            tls.settimeout(self._remaining())
        except BaseException:
            tls.close()
            raise
        return tls

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self._give_up(self._late())
        return left

    def _late(self) -> DeadlineExceeded:
        return DeadlineExceeded(f"the conversation did not end within the {self.limit:g} s timeout")

    def _give_up(self, error: GaveUp) -> GaveUp:
        self.close()
        return error
