"""Legacy binary documents (.doc, .wps, .et: OLE2 compound files) through LibreOffice headless.

The binary Word formats are converted to DOCX in a private temporary directory with a private
LibreOffice profile (so parallel conversions never share a lock), then read by the DOCX reader.
Without LibreOffice the file gets a clear error telling the clerk to save it as DOCX.

A document's author chooses the URLs its links, linked pictures (INCLUDEPICTURE) and OLE objects
point at, and LibreOffice fetches them while converting. So the conversion runs without network:
in a network namespace of its own (``unshare --net``, with a PID namespace so that killing it at the
time budget kills every process LibreOffice started), and, where namespaces are not available, with
a profile that never updates links or fields and sends every request to a proxy that does not exist.
The profile applies in the namespace too.
"""

from __future__ import annotations

import functools
import logging
import os
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


log = logging.getLogger(__name__)

# Keys of LibreOffice's Common.xcs, Writer.xcs, Calc.xcs and Inet.xcs. Writer's link mode 0 and
# Calc's 1 are "never"; the proxy 127.0.0.1:9 (discard) refuses every connection, the only key that
# stopped a linked picture from being fetched on its own.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
 <prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">
 <prop oor:name="Link" oor:op="fuse"><value>0</value></prop>
 <prop oor:name="Field" oor:op="fuse"><value>false</value></prop>
 <prop oor:name="Chart" oor:op="fuse"><value>false</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update">
 <prop oor:name="Link" oor:op="fuse"><value>1</value></prop>
</item>
<item oor:path="/org.openoffice.Inet/Settings">
 <prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop>
 <prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop>
 <prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop>
 <prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop>
 <prop oor:name="ooInetFTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetFTPProxyPort" oor:op="fuse"><value>9</value></prop>
</item>
</oor:items>
"""
_UNSHARE = ("--net", "--pid", "--fork", "--kill-child")


@functools.cache
def sandbox() -> tuple[str, ...]:
    """The command prefix that runs a program without network, or () where this machine cannot.

    As root ``unshare`` makes the namespaces itself; otherwise an unprivileged user namespace
    (``--map-root-user``) is tried. Probed once per process."""
    binary = shutil.which("unshare")
    candidates = [(binary, *_UNSHARE)] if os.geteuid() == 0 else []
    candidates.append((binary, "--map-root-user", *_UNSHARE))
    for prefix in candidates if binary else []:
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    log.warning("no network namespace (unshare) here: LibreOffice runs with the offline profile only")
    return ()


def profile(folder: Path) -> Path:
    """A fresh LibreOffice user profile in ``folder`` that never fetches what a document links to."""
    user = folder / "profile" / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    return folder / "profile"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, name: str, limits: Limits) -> RawDocument:
    binary = soffice()
    if binary is None:
        raise ReportError("needs_libreoffice", f"{name}: OLE2 document and no soffice on PATH", name=name)
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        command = [
            *sandbox(), binary, f"-env:UserInstallation={profile(Path(tmp)).as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp,
            str(source),
        ]
        try:
            # Killing ``unshare`` at the deadline ends its PID namespace, LibreOffice's helpers included.
            proc = subprocess.run(command, capture_output=True, timeout=limits.seconds, check=False,
                                  stdin=subprocess.DEVNULL)
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
