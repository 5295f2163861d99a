"""Opening a Word file safely: what kind of file it is, limits, and XML without DTDs.

A .docx arrives by mail from anyone. Before any XML is parsed the package is checked: size,
magic bytes (an old .doc and a password-protected .docx are both OLE2 compound files, told
apart by their stream names), number of parts and unpacked size (a zip bomb), and each part
is read with a cap even if the zip header lies about its size. XML is parsed with defusedxml
and DTDs forbidden outright, so neither external entities (XXE) nor entity expansion
("billion laughs") get anywhere. Problems are F8xx findings on the :class:`ImportedForm`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from zengshou.forms import MAX_PARTS, MAX_UNPACKED_BYTES
from zengshou.forms.package import OLE2_MAGIC, ZIP_MAGIC, read_head, size_text, unpacks_too_big
from zengshou.i18n import both

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MACRO_CT = "application/vnd.ms-word.document.macroEnabled.main+xml"


def sniff(path: Path) -> str | None:
    """What a file is by its content (and, for the ambiguous OLE2 case, its name):
    ``docx`` | ``xlsx`` | ``yaml`` | None. Used to route a file (or a mail attachment) to its reader."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return None
    from zengshou.forms.package import clean_suffix  # 资源县．XLSX reads as .xlsx

    suffix = clean_suffix(Path(path).name)
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist()[: MAX_PARTS + 1])
        except (zipfile.BadZipFile, OSError, ValueError):
            return "docx" if suffix in (".docx", ".docm", ".doc") else None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "docx" if suffix in (".docx", ".docm", ".doc") else None
    if suffix in (".docx", ".docm", ".doc", ".wps", ".rtf"):
        return "docx"  # the Word reader explains what it really is (.doc, encrypted, RTF …)
    if suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        return "xlsx"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return None


def _ole2_kind(path: Path) -> str:
    """``encrypted`` (an OOXML file with an opening password) or ``doc`` (Word 97-2003 and
    other OLE2 files). The directory of an OLE2 file names its streams in UTF-16LE."""
    try:
        with path.open("rb") as fh:
            blob = fh.read(4 * 1024 * 1024)
    except OSError:
        return "doc"
    if "EncryptedPackage".encode("utf-16-le") in blob or "EncryptionInfo".encode("utf-16-le") in blob:
        return "encrypted"
    return "doc"


def _what_else(head: bytes) -> dict[str, str]:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if h.startswith(b"{\\rtf"):
        return both("what.rtf")
    if h.startswith(b"%pdf"):
        return both("what.pdf")
    if h.startswith(b"<"):
        return both("what.html")
    if b"\x00" not in head:
        return both("what.plain_text")
    return both("what.unrecognised")


def open_package(imp) -> zipfile.ZipFile | None:
    """Check the file and open it as a zip, or add the finding that says why not."""
    path = imp.path
    head = read_head(imp, lambda e: imp.add("F835", part="-", error=both("form.err.os")))
    if head is None:
        return None
    if head.startswith(OLE2_MAGIC):
        imp.add("F832" if _ole2_kind(path) == "encrypted" else "F831")
        return None
    if not head.startswith(ZIP_MAGIC):
        imp.add("F830", what=_what_else(head))
        return None
    try:
        z = zipfile.ZipFile(path)
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        imp.add("F830", what=both("form.err.zip"))
        return None
    if len(infos) > MAX_PARTS:
        z.close()
        imp.add("F805", what=both("what.part_count"), size=len(infos), limit=MAX_PARTS)
        return None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        z.close()
        what = both("what.excel_workbook") if "xl/workbook.xml" in names else both("what.no_document_xml")
        imp.add("F830", what=what)
        return None
    if unpacks_too_big(imp, infos):
        z.close()
        return None
    return z


def read_part(imp, z: zipfile.ZipFile, name: str, budget: list[int]) -> bytes | None:
    """A part's bytes, read with a cap: a zip header may understate what a part unpacks to.

    ``budget`` is the bytes left for the whole package (a one-element list, shared by calls)."""
    try:
        with z.open(name) as fh:
            data = fh.read(budget[0] + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        imp.add("F835", part=name, error=both("form.err.part"))
        return None
    if len(data) > budget[0]:
        imp.add(
            "F805",
            what=both("what.unpacked_size"),
            size=f"> {size_text(MAX_UNPACKED_BYTES)}",
            limit=size_text(MAX_UNPACKED_BYTES),
        )
        return None
    budget[0] -= len(data)
    return data


def parse_xml(imp, data: bytes, part: str):
    """Parse one part with defusedxml; DTDs (and so every entity trick) are refused (F834)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        imp.add("F834", part=part, what=both("form.err.dtd"))
    except ParseError:
        imp.add("F835", part=part, error=both("form.err.xml"))
    return None


def is_macro_enabled(z: zipfile.ZipFile, content_types: bytes | None) -> bool:
    names = set(z.namelist())
    return "word/vbaProject.bin" in names or (content_types is not None and MACRO_CT.encode() in content_types)
