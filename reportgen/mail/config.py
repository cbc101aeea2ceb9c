"""Mail settings: a TOML file in the user's config folder (or --smtp-config), then the environment.

Environment variables win over the file, so CI and one-off runs need no file. The password is
never a setting here, nor an option: it comes from REPORTGEN_SMTP_PASSWORD or the system keyring
(see smtp.py), so it never lands in shell history, `ps` output or a file someone commits.

    # ~/.config/reportgen/mail.toml (platformdirs' user config folder)
    [smtp]
    host = "smtp.example.org"
    port = 587                # default: 587 for starttls, 465 for tls, 25 for none
    security = "starttls"     # starttls | tls | none
    user = "desk@example.org"
    cafile = "/etc/ssl/our-ca.pem"   # trust this CA as well (self-signed or private servers)
    timeout = 30

    [mail]
    from = "Analysis Desk <desk@example.org>"
    max_size_mb = 20
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import MailError
from reportgen.mail.message import DEFAULT_MAX_BYTES
from reportgen.safe_loads import toml_loads

CONFIG_NAME = "mail.toml"
SECURITY_PORTS = {"starttls": 587, "tls": 465, "none": 25}
ENV_PREFIX = "REPORTGEN_SMTP_"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "starttls", "tls" or "none"
    user: str = ""
    cafile: Path | None = None
    timeout: float = 30.0

    def describe(self) -> str:
        who = f", user {self.user}" if self.user else ", no login"
        return f"{self.host}:{self.port} ({self.security}{who})"


@dataclass(frozen=True)
class MailSettings:
    smtp: SmtpSettings | None  # None: no host configured, so drafts only
    sender: str = ""  # From, as written in the config ("Name <addr>"); validated when used
    max_bytes: int = DEFAULT_MAX_BYTES
    source: str = "defaults"  # where the settings came from, for messages


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("reportgen") / CONFIG_NAME


def load_settings(config: Path | None = None, env: Mapping[str, str] | None = None) -> MailSettings:
    """Settings from `config` (which must exist) or the default file (if it exists), then env."""
    env = os.environ if env is None else env
    path = config if config is not None else default_config_path()
    data: dict[str, Any] = {}
    if config is not None or path.is_file():
        data = _read_toml(path)
    smtp = data.get("smtp", {})
    mail = data.get("mail", {})
    if not isinstance(smtp, dict) or not isinstance(mail, dict):
        raise MailError(f"{path}: [smtp] and [mail] must be tables")
    where = str(path) if data else "the environment"
    host = env.get(f"{ENV_PREFIX}HOST") or _text(smtp, "host", path)
    security = (env.get(f"{ENV_PREFIX}SECURITY") or _text(smtp, "security", path) or "starttls").lower()
    if security not in SECURITY_PORTS:
        raise MailError(f"{where}: SMTP security '{security}' is not one of starttls, tls, none")
    port = _number(env.get(f"{ENV_PREFIX}PORT") or smtp.get("port") or SECURITY_PORTS[security], "port", where)
    timeout = _number(smtp.get("timeout", 30), "timeout", where)
    cafile_text = env.get(f"{ENV_PREFIX}CAFILE") or _text(smtp, "cafile", path)
    max_mb = _number(env.get("REPORTGEN_MAIL_MAX_MB") or mail.get("max_size_mb") or 20, "max_size_mb", where)
    settings = None
    if host:
        settings = SmtpSettings(
            host=host,
            port=int(port),
            security=security,
            user=env.get(f"{ENV_PREFIX}USER") or _text(smtp, "user", path),
            cafile=Path(cafile_text).expanduser() if cafile_text else None,
            timeout=float(timeout),
        )
    return MailSettings(
        smtp=settings,
        sender=env.get("REPORTGEN_MAIL_FROM") or _text(mail, "from", path),
        max_bytes=int(max_mb * 1000 * 1000),
        source=where,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return toml_loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MailError(f"mail config {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MailError(f"mail config {path} cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MailError(f"mail config {path}: {exc}") from exc


def _text(table: dict[str, Any], key: str, path: Path) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise MailError(f"{path}: '{key}' must be a string")
    return value


def _number(value: object, key: str, where: str) -> float:
    try:
        number = float(str(value))
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0 or (key == "port" and (number > 65535 or number != int(number))):
        raise MailError(f"{where}: '{key}' must be a positive number, not {value!r}")
    return number
