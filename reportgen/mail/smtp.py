"""Sending over SMTP: verified TLS, a password from the environment or the keyring, clear errors.

Certificates are always verified (ssl.create_default_context: the system's CAs plus the config's
`cafile`, host name checked). There is deliberately no switch to turn that off: a server with a
self-signed certificate is trusted by naming its certificate or CA as `cafile`. A password is never
sent over a connection without TLS.
"""

from __future__ import annotations

import importlib
import os
import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportgen.errors import MailError
from reportgen.mail.config import ENV_PREFIX, SmtpSettings
from reportgen.mail.connection import Connection, DeadlineExceeded, GaveUp
from reportgen.textsafety import printable

PASSWORD_ENV = f"{ENV_PREFIX}PASSWORD"
KEYRING_SERVICE = "reportgen"


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    source: str  # "REPORTGEN_SMTP_PASSWORD" or "the system keyring", for messages; never the password


def keyring_service(settings: SmtpSettings) -> str:
    """The keyring entry: `keyring set reportgen/HOST USER` stores the password."""
    return f"{KEYRING_SERVICE}/{settings.host}"


def credentials(settings: SmtpSettings, env: Mapping[str, str] | None = None) -> Credentials | None:
    """The login for settings.user, or None when no user is configured (a server without AUTH)."""
    env = os.environ if env is None else env
    if not settings.user:
        return None
    if env.get(PASSWORD_ENV):
        return Credentials(settings.user, env[PASSWORD_ENV], PASSWORD_ENV)
    password = _keyring_password(settings)
    if password is None:
        raise MailError(
            f"no SMTP password for {settings.user} on {settings.host}",
            hint=f"set {PASSWORD_ENV}, or install keyring and run 'keyring set {keyring_service(settings)} USER'",
        )
    return Credentials(settings.user, password, "the system keyring")


def _keyring_password(settings: SmtpSettings) -> str | None:
    try:
        keyring = importlib.import_module("keyring")  # optional: only when it is installed
    except ImportError:
        return None
    try:
        password = keyring.get_password(keyring_service(settings), settings.user)
    except Exception as exc:  # keyring backends raise their own types (locked, no backend...)
        raise MailError(f"the system keyring could not be read ({type(exc).__name__}: {exc})") from exc
    return password if isinstance(password, str) else None


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    except (OSError, ssl.SSLError) as exc:
        raise MailError(f"cafile {settings.cafile} cannot be used ({exc})") from exc


def send(
    settings: SmtpSettings, login: Credentials | None, sender: str, recipients: Sequence[str], data: bytes
) -> None:
    """Send `data` (checked message bytes) from `sender` to `recipients` (validated addr-specs)."""
    if login is not None and settings.security == "none":
        raise MailError(
            f"refusing to send the password for {login.user} to {settings.host} without TLS",
            hint="set security to starttls or tls",
        )
    context = tls_context(settings) if settings.security != "none" else None
    try:
        client = Connection(settings.timeout, implicit_tls=context if settings.security == "tls" else None)
        with client:
            code, greeting = client.connect(settings.host, settings.port)
            if code != 220:
                client.close()  # as smtplib does: no QUIT to a server that turned us away
                raise smtplib.SMTPConnectError(code, greeting)
            if settings.security == "starttls":
                assert context is not None
                client.starttls(context=context)
            if login is not None:
                client.login(login.user, login.password)
            refused = client.sendmail(sender, list(recipients), data)
    except GaveUp as exc:
        raise MailError(
            f"gave up on {settings.describe()}: {exc.reason}",
            hint="check host and port in the mail config"
            + (", or raise its timeout if the server is just slow" if isinstance(exc, DeadlineExceeded) else ""),
        ) from exc
    except smtplib.SMTPConnectError as exc:
        raise MailError(f"{settings.host} refused the connection: {_reply(exc)}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"{settings.host} does not support {_what(exc)}", hint="check security in the config") from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{settings.host} refused the login for {settings.user}: {_reply(exc)}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"{settings.host} refused every recipient: {_refusals(exc.recipients)}") from exc
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(f"{settings.host} refused the sender {sender}: {_reply(exc)}") from exc
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{settings.host} refused the message: {_reply(exc)}") from exc
    except ssl.SSLCertVerificationError as exc:
        raise MailError(
            f"the TLS certificate of {settings.host} is not trusted ({exc.verify_message})",
            hint="if the server is yours, name its certificate or CA as cafile in the mail config",
        ) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send through {settings.describe()}: {printable(str(exc))}") from exc
    if refused:
        raise MailError(f"sent, but {settings.host} refused some recipients: {_refusals(refused)}")


def _reply(exc: smtplib.SMTPResponseException) -> str:
    """The server's reply on one line, its control characters (terminal escapes) shown, not sent."""
    return f"{exc.smtp_code} {_server_text(exc.smtp_error)}"


def _refusals(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{addr} ({code} {_server_text(msg)})" for addr, (code, msg) in refused.items())


def _server_text(said: bytes | str) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return printable(re.sub(r"[ \t\r\n]+", " ", text).strip())  # a multi-line reply on one line


def _what(exc: Exception) -> str:
    return str(exc).removesuffix(" extension not supported by server.") or "what was asked"
