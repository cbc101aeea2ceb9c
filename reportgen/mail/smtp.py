"""Sending over SMTP: verified TLS, a password from the environment or the keyring, clear errors.

Certificates are always verified (ssl.create_default_context: the system's CAs plus the config's
`cafile`, host name checked). There is deliberately no switch to turn that off: a server with a
self-signed certificate is trusted by naming its certificate or CA as `cafile`. A password is never
sent over a connection without TLS.
"""

from __future__ import annotations

import importlib
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportgen.errors import MailError
from reportgen.mail.config import ENV_PREFIX, SmtpSettings

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
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=context)
            if login is not None:
                client.login(login.user, login.password)
            refused = client.sendmail(sender, list(recipients), data)
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
        raise MailError(f"cannot send through {settings.describe()}: {exc}") from exc
    if refused:
        raise MailError(f"sent, but {settings.host} refused some recipients: {_refusals(refused)}")


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _refusals(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{addr} ({code} {msg.decode('utf-8', 'replace').strip()})" for addr, (code, msg) in refused.items()
    )


def _what(exc: Exception) -> str:
    return str(exc).removesuffix(" extension not supported by server.") or "what was asked"
