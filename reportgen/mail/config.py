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
    timeout = 120             # seconds for the whole conversation, sending included (1 to 3600)

    [mail]
    from = "Analysis Desk <desk@example.org>"
    max_size_mb = 20          # up to 1000
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
from reportgen.textsafety import printable

CONFIG_NAME = "mail.toml"
SECURITY_PORTS = {"starttls": 587, "tls": 465, "none": 25}
ENV_PREFIX = "REPORTGEN_SMTP_"


@dataclass(frozen=True)
class NumberSetting:
    """A numeric setting and the range it must lie in: out of range is a one-line MailError naming
    the key, never an overflow further on (a 1e308 s socket timeout, 1e308 MB as an int)."""

    key: str
    env: str
    low: float
    high: float
    default: float
    whole: bool = False
    unit: str = ""

    def check(self, value: object, where: str) -> float:
        number = _as_number(value)
        if not (self.low <= number <= self.high) or (self.whole and number != int(number)):
            kind = "a whole number" if self.whole else "a number"
            allowed = f"{kind} from {self.low:g} to {self.high:g}{self.unit}"
            raise MailError(f"{where}: '{self.key}' must be {allowed}, not {_shown(value)}")
        return number


def _as_number(value: object) -> float:
    """`value` as a float, or NaN for what is not a number (a bool, a table, text that is not one)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return math.nan
    try:
        return float(value)
    except (ValueError, OverflowError):  # "x"; an integer too big for a float
        return math.nan


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number of more than 19 digits"
    text = repr(value)
    return printable(text if len(text) <= 40 else text[:37] + "...")


PORT = NumberSetting("port", f"{ENV_PREFIX}PORT", 1, 65535, SECURITY_PORTS["starttls"], whole=True)
#: Seconds for the whole SMTP conversation (connect, TLS, login, sending), not for each read.
TIMEOUT = NumberSetting("timeout", f"{ENV_PREFIX}TIMEOUT", 1, 3600, 120, unit=" seconds")
MAX_SIZE_MB = NumberSetting("max_size_mb", "REPORTGEN_MAIL_MAX_MB", 0.001, 1000, DEFAULT_MAX_BYTES / 1e6, unit=" MB")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "starttls", "tls" or "none"
    user: str = ""
    cafile: Path | None = None
    timeout: float = TIMEOUT.default  # seconds for the whole conversation

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
    port = _setting(PORT, env, smtp, where, default=SECURITY_PORTS[security])
    timeout = _setting(TIMEOUT, env, smtp, where)
    cafile_text = env.get(f"{ENV_PREFIX}CAFILE") or _text(smtp, "cafile", path)
    max_mb = _setting(MAX_SIZE_MB, env, mail, where)
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


def _setting(
    spec: NumberSetting, env: Mapping[str, str], table: dict[str, Any], where: str, default: float | None = None
) -> float:
    """The setting from the environment if it is set there, else from the file, else its default."""
    if env.get(spec.env):
        return spec.check(env[spec.env], spec.env)
    return spec.check(table.get(spec.key, spec.default if default is None else default), where)
