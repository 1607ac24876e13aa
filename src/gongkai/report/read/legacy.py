"""Legacy binary documents (.doc, .wps, .et: OLE2 compound files) through LibreOffice headless.

The binary Word formats are converted to DOCX in a private temporary directory with a private
LibreOffice profile (so parallel conversions never share a lock), then read by the DOCX reader.
Without LibreOffice the file gets a clear error telling the clerk to save it as DOCX.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ReportError
from .docx import read_docx
from .grid import RawDocument

if TYPE_CHECKING:
    from ..source import Limits


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, name: str, limits: Limits) -> RawDocument:
    binary = soffice()
    if binary is None:
        raise ReportError("needs_libreoffice", f"{name}: OLE2 document and no soffice on PATH", name=name)
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        command = [
            binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(source),
        ]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=limits.seconds, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReportError(
                "timeout", f"{name}: LibreOffice conversion over {limits.seconds}s", name=name, seconds=limits.seconds
            ) from exc
        converted = Path(tmp) / "input.docx"
        if proc.returncode != 0 or not converted.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace")[-500:]
            raise ReportError(
                "corrupt", f"{name}: LibreOffice exit {proc.returncode}: {detail}",
                name=name, reason="旧版文档无法转换",
            )
        doc = read_docx(converted.read_bytes(), name, limits)
    doc.kind = "doc"
    return doc
