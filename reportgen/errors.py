"""One exception tree for every error a user can cause; each class carries its exit code.

The CLI is the only place that turns these into a one-line message on stderr and an exit code
(click's habit), so library code raises and never prints or exits. The exit codes are documented in
the README; keep them in step.
"""

from __future__ import annotations


class ReportgenError(Exception):
    """A problem the user can fix: bad input, missing pack, existing output...

    `file` and `line` say where the mistake is when it is in a file the user can open (a pack
    template, an outline), so `packs check` can list it without parsing the message.
    """

    exit_code = 1
    hint = ""

    def __init__(self, message: str, hint: str = "", *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        if hint:
            self.hint = hint
        self.file = file
        self.line = line

    def one_line(self) -> str:
        text = str(self).replace("\n", " ")
        return f"{text}; {self.hint}" if self.hint else text


class InputError(ReportgenError):
    """The article cannot be read: missing, empty, binary, wrongly encoded, unsupported."""

    exit_code = 3


class OutputExistsError(ReportgenError):
    exit_code = 4
    hint = "pass --force to replace it, or choose another --out folder"


class OutputError(ReportgenError):
    exit_code = 4


class PackError(ReportgenError):
    """An audience pack is missing, malformed, or its templates or reference files are broken."""

    exit_code = 5


class BriefFormatError(ReportgenError):
    """A brief JSON file that is not a brief of a schema version this reportgen reads."""

    exit_code = 6


class MailError(ReportgenError):
    """The email cannot be made or sent: a bad address or header text, too large, SMTP refused it."""

    exit_code = 7


class BatchError(ReportgenError):
    """A batch ran to the end but some articles failed; each failure's own code is in the manifest."""

    exit_code = 8
