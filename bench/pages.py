#!/usr/bin/env python3
"""Count the printed pages of a merge's documents, as a reader's machine lays them out.

    python bench/pages.py reports/2024Q4 [--fonts noto,arpl] [--png DIR]

Each .docx and .xlsx is converted to PDF by LibreOffice and each .html printed by headless
Chromium, once per font set: ``bench/fonts/<name>.conf`` maps the fonts a government PC names
(仿宋_GB2312, 方正小标宋简体, 黑体) to the free fonts installed here (``noto``: Noto Serif/Sans CJK
SC; ``arpl``: AR PL UMing / WenQuanYi Zen Hei), through ``FONTCONFIG_FILE``. Prints one line
per document and font set: pages in all, and for the 呈报版 the pages of the 正文 (the pages
before the one that opens 附件1). ``--png DIR`` also writes every page as a PNG (60 dpi) to look at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
ANNEX_MARK = "附件1"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def to_pdf(src: Path, out_dir: Path, fonts: str, profile: Path) -> Path:
    """``src`` as a PDF in ``out_dir``, laid out with font set ``fonts``."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS / f"{fonts}.conf")}
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / (src.stem + src.suffix.replace(".", "-") + ".pdf")
    if src.suffix == ".html":
        exe = chromium()
        if exe is None:
            raise RuntimeError("chromium is not installed")
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={profile}-chromium",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                src.resolve().as_uri(),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        return pdf
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    tmp = out_dir / "lo"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(src),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    (tmp / (src.stem + ".pdf")).replace(pdf)
    return pdf


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[: page_count(pdf)]


def body_pages(pdf: Path) -> int | None:
    """Pages before the one that opens 附件1 (the 正文), or None when there is no 附件1."""
    for i, text in enumerate(page_texts(pdf)):
        if any(line.replace(" ", "").startswith(ANNEX_MARK) for line in text.splitlines()):
            return i
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--fonts", default="noto,arpl")
    ap.add_argument("--png", type=Path)
    ap.add_argument("--only", default="", help="substring a file name must contain")
    a = ap.parse_args()
    files = sorted(p for p in a.folder.iterdir() if p.suffix in (".docx", ".xlsx", ".html") and a.only in p.name)
    with tempfile.TemporaryDirectory() as tmp:
        for fonts in a.fonts.split(","):
            for f in files:
                pdf = to_pdf(f, Path(tmp) / fonts, fonts, Path(tmp) / f"profile-{fonts}")
                n = page_count(pdf)
                body = body_pages(pdf) if "工作底稿" not in f.name else None
                extra = f"  正文 {body}" if body is not None else ""
                print(f"{fonts:5} {f.suffix[1:]:4} {n:4} pages{extra}  {f.name}", flush=True)
                if a.png:
                    dest = a.png / fonts / (f.stem + f.suffix.replace(".", "-"))
                    dest.mkdir(parents=True, exist_ok=True)
                    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(dest / "p")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
