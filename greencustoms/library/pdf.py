"""A small, dependency-free writer of one- or few-page text PDFs (demo documents and tests).

WeasyPrint makes the real publications; this is for generated demo sheets, where speed matters: a demo
load or a test creates dozens of them in milliseconds. The output is a valid PDF 1.4 that pypdf and
PDFium read (text extraction, first-page preview).
"""

from __future__ import annotations

import textwrap

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN = 56
LINES_PER_PAGE = 48


def _escape(text: str) -> str:
    # Latin-1 only (standard Type 1 fonts); anything else becomes '?'.
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(title: str, paragraphs: list[str]) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = [(line, 16) for line in textwrap.wrap(title, 60)] + [("", 11)]
    for para in paragraphs:
        lines.extend((line, 11) for line in textwrap.wrap(para, 90))
        lines.append(("", 11))
    return lines


def simple_pdf(title: str, paragraphs: list[str], *, footer: str = "") -> bytes:
    """A PDF with a title and wrapped paragraphs in Helvetica, paginated; ``footer`` on every page."""
    lines = _lines(title, paragraphs)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for number, page_lines in enumerate(pages, start=1):
        ops = ["BT", f"{MARGIN} {PAGE_H - MARGIN} Td"]
        for text, size in page_lines:
            face = "/F2" if size > 11 else "/F1"
            ops.append(f"{face} {size} Tf")
            ops.append(f"({_escape(text)}) Tj")
            ops.append(f"0 -{size + 4} Td")
        ops.append("ET")
        foot = f"{footer}  {number}/{len(pages)}".strip()
        ops.append(f"BT /F1 8 Tf {MARGIN} 30 Td ({_escape(foot)}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                    f"/Resources << /Font << /F1 {font} 0 R /F2 {bold} 0 R >> >> /Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    title_info = add(f"<< /Title ({_escape(title)}) /Producer (greencustoms) >>".encode("latin-1"))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {title_info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
