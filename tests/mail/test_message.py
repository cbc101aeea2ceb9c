"""The .eml draft: parts, media types, file names, addresses and bodies, read back with Python's parser."""

from __future__ import annotations

import mimetypes
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from reportgen.errors import MailError
from reportgen.mail import MailRequest, mail_folder
from reportgen.mail.headers import parse_mailbox
from reportgen.mail.message import (
    MEDIA_TYPES,
    Addressing,
    Attachment,
    Body,
    attachment_name,
    check_size,
    compose,
)
from reportgen.packs import find_pack
from reportgen.pipeline import build, render_all
from tests.builders import SAMPLE, make_brief

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@pytest.fixture(autouse=True)
def _no_user_mail_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's own mail.toml or SMTP environment."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "CAFILE", "CONFIG"):
        monkeypatch.delenv(f"REPORTGEN_SMTP_{name}", raising=False)
    monkeypatch.delenv("REPORTGEN_MAIL_FROM", raising=False)
    monkeypatch.delenv("REPORTGEN_MAIL_MAX_MB", raising=False)


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def attachments_of(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    found = {}
    for part in message.iter_attachments():
        assert isinstance(part, EmailMessage)
        payload = part.get_content()
        assert isinstance(payload, bytes)
        found[str(part.get_filename())] = (part.get_content_type(), payload)
    return found


@pytest.fixture(scope="module")
def sample_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EmailMessage]:
    out = tmp_path_factory.mktemp("sample")
    build(SAMPLE, out_dir=out)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(out / "no-config"))
        mail_folder(out, MailRequest(to=("Desk <desk@example.org>",), cc=("Doe, Jane <jane@example.org>",)))
    return out, parse((out / "draft.eml").read_bytes())


def test_sample_draft_carries_the_brief_and_the_deck_with_their_office_media_types(
    sample_draft: tuple[Path, EmailMessage],
) -> None:
    out, message = sample_draft
    found = attachments_of(message)
    assert len(found) == 2
    (docx_name, (docx_type, docx_data)), (pptx_name, (pptx_type, pptx_data)) = sorted(found.items())
    assert docx_name.endswith(" - brief.docx") and docx_type == DOCX
    assert pptx_name.endswith(" - deck.pptx") and pptx_type == PPTX
    assert docx_data == (out / "brief.docx").read_bytes()
    assert pptx_data == (out / "deck.pptx").read_bytes()


def test_sample_draft_opens_as_a_draft_with_text_and_html_bodies(sample_draft: tuple[Path, EmailMessage]) -> None:
    out, message = sample_draft
    assert message["X-Unsent"] == "1"
    assert message["Message-ID"] is None  # the mail program assigns one when it sends
    assert [a.addr_spec for a in message["To"].addresses] == ["desk@example.org"]
    assert [(a.display_name, a.addr_spec) for a in message["Cc"].addresses] == [("Doe, Jane", "jane@example.org")]
    assert message["Subject"].startswith("[OFFICIAL] ")
    assert message["Subject"].endswith("(Analyst brief)")  # the pack's [wording] brief_label
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    from reportgen.build_files import load_brief

    brief = load_brief(out / "brief.json")
    assert brief.key_points
    for point in brief.key_points:
        assert point.text in text.get_content()
    assert "OFFICIAL" in html.get_content()


def test_draft_bytes_use_crlf_and_7bit_only(sample_draft: tuple[Path, EmailMessage]) -> None:
    data = (sample_draft[0] / "draft.eml").read_bytes()
    assert data.isascii()
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_media_types_do_not_depend_on_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mimetypes, "guess_type", lambda *a, **k: ("application/zip", None))
    assert MEDIA_TYPES[".docx"] == DOCX
    assert MEDIA_TYPES[".pptx"] == PPTX


def _folder(tmp_path: Path, title: str = "A test brief", key_points: list[str] | None = None) -> Path:
    out = tmp_path / "out"
    render_all(make_brief(title=title, key_points=key_points), find_pack("analyst"), out, False, {})
    return out


def test_a_non_ascii_title_gives_rfc_2231_file_names_that_read_back_intact(tmp_path: Path) -> None:
    title = "Opération Azm-e-Istehkam: Pakistan’s plan"
    out = _folder(tmp_path, title=title)
    mail_folder(out, MailRequest(to=("a@example.org",)))
    data = (out / "draft.eml").read_bytes()
    assert b"filename*=utf-8''Op%C3%A9ration" in data or b"filename*0*=utf-8''Op%C3%A9ration" in data
    names = sorted(attachments_of(parse(data)))
    assert names == [
        "Opération Azm-e-Istehkam Pakistan’s plan - brief.docx",
        "Opération Azm-e-Istehkam Pakistan’s plan - deck.pptx",
    ]


def test_article_text_is_escaped_in_html_and_verbatim_in_text(tmp_path: Path) -> None:
    out = _folder(tmp_path, key_points=["R&D <script>alert(1)</script> grew."])
    mail_folder(out, MailRequest(to=("a@example.org",)))
    message = parse((out / "draft.eml").read_bytes())
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    assert "R&D <script>alert(1)</script> grew." in text.get_content()
    assert "R&amp;D &lt;script&gt;alert(1)&lt;/script&gt; grew." in html.get_content()
    assert "<script>" not in html.get_content()


def test_a_title_trying_header_injection_is_refused_for_the_subject(tmp_path: Path) -> None:
    out = _folder(tmp_path, title="Brief =?UTF-8?Q?=0A?=Bcc: evil@example.com")
    with pytest.raises(MailError, match="subject made by pack 'analyst'") as caught:
        mail_folder(out, MailRequest(to=("a@example.org",)))
    assert "--subject" in caught.value.one_line()
    assert not (out / "draft.eml").exists()
    mail_folder(out, MailRequest(to=("a@example.org",), subject="Brief on the operation"))
    assert parse((out / "draft.eml").read_bytes())["Subject"] == "Brief on the operation"


def test_bcc_is_kept_in_a_draft_but_never_in_a_sent_message() -> None:
    addressing = Addressing(
        to=(parse_mailbox("a@example.org", "--to"),),
        bcc=(parse_mailbox("hidden@example.org", "--bcc"),),
        sender=parse_mailbox("desk@example.org", "--from"),
    )
    body = Body("Subject", "text", "<p>html</p>")
    draft = parse(compose(addressing, body, (), date=0, draft=True))
    sent = parse(compose(addressing, body, (), date=0, draft=False, message_id_domain="example.org"))
    assert draft["Bcc"] == "hidden@example.org"
    assert sent["Bcc"] is None and sent["X-Unsent"] is None
    assert str(sent["Message-ID"]).endswith("@example.org>")
    assert addressing.recipients == ("a@example.org", "hidden@example.org")


def test_the_same_draft_is_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1719187200")
    out = _folder(tmp_path)
    request = MailRequest(to=("a@example.org",), force=True)
    mail_folder(out, request)
    first = (out / "draft.eml").read_bytes()
    mail_folder(out, request)
    assert (out / "draft.eml").read_bytes() == first
    assert b"Date: Mon, 24 Jun 2024 00:00:00 +0000" in first


def test_a_display_name_with_a_comma_does_not_add_a_recipient(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    result = mail_folder(out, MailRequest(to=("Doe, Jane <jane@example.org>",), dry_run=True))
    assert "Recipients: jane@example.org" in result.report
    assert not (out / "draft.eml").exists()  # a dry run writes nothing


def test_attachments_over_the_limit_are_refused_with_their_sizes(tmp_path: Path) -> None:
    attachments = [
        Attachment(Path("brief.docx"), "brief.docx", DOCX, b"x" * 15_000_000),
        Attachment(Path("deck.pptx"), "deck.pptx", PPTX, b"x" * 7_500_000),
    ]
    with pytest.raises(MailError) as caught:
        check_size(attachments, 20_000_000)
    assert caught.value.one_line().startswith(
        "the attachments are 22.5 MB (brief.docx 15.0 MB, deck.pptx 7.5 MB), over the 20.0 MB limit"
    )
    check_size(attachments, 23_000_000)


def test_size_limit_comes_from_the_config_and_nothing_is_written_over_it(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    config = tmp_path / "mail.toml"
    config.write_text("[mail]\nmax_size_mb = 0.05\n", encoding="utf-8")
    with pytest.raises(MailError, match=r"over the 50\.0 kB limit"):
        mail_folder(out, MailRequest(to=("a@example.org",), config=config))
    assert not (out / "draft.eml").exists()


def test_attachment_names_drop_characters_file_systems_refuse() -> None:
    assert attachment_name('A/B: "C" <D>?', "brief.docx") == "A B C D - brief.docx"
    assert attachment_name("", "brief.docx") == "brief.docx"
    long_name = attachment_name("word " * 30, "deck.pptx")
    assert long_name.endswith(" - deck.pptx") and len(long_name) <= 60 + len(" - deck.pptx")


def test_mailing_a_folder_built_for_another_audience_is_refused(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    other = tmp_path / "packs" / "board"
    other.mkdir(parents=True)
    analyst = find_pack("analyst").folder
    for item in analyst.iterdir():
        if item.is_file():
            (other / item.name).write_bytes(item.read_bytes())
    manifest = other / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('name = "analyst"', 'name = "board"'), "utf-8")
    with pytest.raises(MailError, match="built for audience 'analyst', not 'board'"):
        mail_folder(out, MailRequest(to=("a@example.org",)), audience=str(other))


def test_a_folder_without_brief_json_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MailError, match=r"has no brief\.json"):
        mail_folder(tmp_path, MailRequest(to=("a@example.org",)))


def test_rendering_the_folders_own_brief_json_leaves_it_alone(tmp_path: Path) -> None:
    from reportgen.pipeline import render_brief_file

    out = _folder(tmp_path)
    before = (out / "brief.json").read_bytes()
    result = render_brief_file(out / "brief.json", out_dir=out, force=True)
    assert "brief" not in result.files
    assert (out / "brief.json").read_bytes() == before


# The nested loops pass every operator check; only the streamed output cap stops them (the old
# text-body path rendered whole before measuring).
@pytest.mark.parametrize(
    "payload",
    [
        "{{ 'A' * 10**8 }}",
        "{% for i in range(10000) %}{% for j in range(10000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
    ],
)
def test_email_text_and_subject_templates_keep_the_sandbox_limits(tmp_path: Path, payload: str) -> None:
    from reportgen.errors import PackError
    from reportgen.mail.body import render_body
    from reportgen.outlining import template_context
    from reportgen.packs import load_pack
    from reportgen.packs.scaffold import new_pack

    folder = new_pack("limits", find_pack("analyst"), tmp_path)
    (folder / "email.txt.j2").write_text(payload, encoding="utf-8")
    pack = load_pack(folder)
    context = template_context(make_brief(), pack)
    with pytest.raises(PackError, match=r"email\.txt\.j2"):
        render_body(pack, context, [], subject="A subject")
    manifest = folder / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("subject = ", f"subject = {payload!r} #", 1), "utf-8"
    )
    with pytest.raises(PackError, match=r"\[email\] subject"):
        render_body(load_pack(folder), context, [])
