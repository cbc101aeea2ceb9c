"""Contact sheets of the sample built with other people's templates, for looking at.

Run: python scripts/template_sheet.py [--templates DIR] [--out DIR] [--pages N] [NAME_PART ...]

For each Word or PowerPoint template in DIR (default ../shared/templates/{docx,pptx}, read where
it lies), builds the sample article with a temporary pack extending "analyst" whose reference is
that template, converts the output to PDF with LibreOffice, and writes one PNG per template to
--out (default output/template-sheets/): its first N pages or slides side by side, with the
build's notes beside the file name. A template that fails to build gets a sheet saying why.
NAME_PART limits the run to templates whose file name contains one of them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "templates"
SAMPLE = ROOT / "seeds" / "op-azm-i-istehkam.txt"
THUMB_WIDTH = 360


def build(template: Path, work: Path) -> tuple[Path | None, str]:
    """The built document for `template` (None on failure) and what the build said."""
    kind = "docx" if template.suffix in (".docx", ".dotx") else "pptx"
    pack = work / "packs" / "t"
    shutil.rmtree(pack.parent, ignore_errors=True)
    pack.mkdir(parents=True)
    shutil.copy(template, pack / f"ref{template.suffix}")
    outline = "brief.xml.j2" if kind == "docx" else "deck.xml.j2"
    (pack / "pack.toml").write_text(
        f'name = "t"\nextends = "analyst"\n\n[outputs.{kind}]\ntemplate = "{outline}"\n'
        f'reference = "ref{template.suffix}"\n',
        encoding="utf-8",
    )
    out = work / "out" / template.stem
    command = [sys.executable, "-m", "reportgen", "build", str(SAMPLE), "--audience", "t"]
    command += ["--templates", str(pack.parent), "--out", str(out), "--force"]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    said = " ".join(line.removeprefix("reportgen: ") for line in proc.stderr.splitlines())
    built = out / ("brief.docx" if kind == "docx" else "deck.pptx")
    return (built if proc.returncode == 0 else None), said


def pages(document: Path, work: Path, count: int) -> list[Path]:
    """PNGs of the document's first `count` pages, through LibreOffice and pdftoppm."""
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(document.parent), str(document)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    pdf = document.with_suffix(".pdf")
    if not pdf.exists():
        return []
    prefix = document.parent / "page"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-l", str(count), str(pdf), str(prefix)], check=False)
    return sorted(document.parent.glob("page*.png"))


def sheet(name: str, said: str, images: list[Path], target: Path) -> None:
    """One row of thumbnails under a caption (the file name and the build's notes)."""
    from PIL import Image, ImageDraw

    thumbs = []
    for path in images:
        with Image.open(path) as image:
            scale = THUMB_WIDTH / image.width
            thumbs.append(image.convert("RGB").resize((THUMB_WIDTH, round(image.height * scale))))
    height = max((t.height for t in thumbs), default=60) + 40
    canvas = Image.new("RGB", (max(1, len(thumbs)) * (THUMB_WIDTH + 8) + 8, height), "#e8e8e8")
    draw = ImageDraw.Draw(canvas)
    draw.text((8, 6), f"{name}  {said[:180] if said else ''}", fill="black")
    for i, thumb in enumerate(thumbs):
        canvas.paste(thumb, (8 + i * (THUMB_WIDTH + 8), 32))
    canvas.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--templates", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "template-sheets")
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()
    found = sorted(p for p in args.templates.rglob("*") if p.suffix in (".docx", ".dotx", ".pptx", ".potx"))
    found = [p for p in found if not args.only or any(part in p.name for part in args.only)]
    if not found:
        sys.exit(f"template_sheet: no .docx/.dotx/.pptx/.potx under {args.templates}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for template in found:
            document, said = build(template, work)
            images = pages(document, work, args.pages) if document else []
            target = args.out / f"{template.stem}.png"
            sheet(template.name, said if document else f"FAILED: {said}", images, target)
            print(f"{'ok    ' if document else 'FAILED'} {target}", flush=True)
            for old in work.glob("out/*/page*.png"):
                old.unlink()


if __name__ == "__main__":
    main()
