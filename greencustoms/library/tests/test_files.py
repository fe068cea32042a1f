"""Upload checks (type sniffing, size limits, names), PDF text extraction and previews."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from greencustoms.library import files
from greencustoms.library.pdf import simple_pdf


def test_a_pdf_is_accepted_with_its_sniffed_type_size_and_hash() -> None:
    data = simple_pdf("Title", ["Hello"])
    checked = files.check_upload(io.BytesIO(data), name="report.PDF")
    assert checked.content_type == "application/pdf"
    assert checked.size == len(data)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.pdf", "empty"),
        (b"just some text, not a document", "notes.pdf", "type_not_allowed"),
        (b"MZ\x90\x00" + b"\x00" * 200, "setup.pdf", "type_not_allowed"),
        (simple_pdf("x", ["y"]), "slides.pptx", "type_mismatch"),
        (simple_pdf("x", ["y"]), "noextension", "type_mismatch"),
    ],
)
def test_refused_uploads_name_the_field_and_carry_a_code(data: bytes, name: str, code: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        files.check_upload(io.BytesIO(data), name=name, field="attachment")
    errors = exc.value.error_dict["attachment"]
    assert errors[0].code == code
    assert "attachment" in errors[0].messages[0]


def test_files_over_the_size_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 1000)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        files.check_upload(io.BytesIO(simple_pdf("x", ["y" * 3000])), name="big.pdf")
    assert exc.value.error_dict["file"][0].code == "too_large"
    assert "limit" in exc.value.error_dict["file"][0].messages[0]


def test_text_is_extracted_from_a_pdf() -> None:
    result = files.extract_text(
        io.BytesIO(simple_pdf("Mercury", ["Thermometers and lamps"])), "application/pdf"
    )
    assert "Thermometers and lamps" in result.text
    assert result.page_count == 1
    assert result.error == ""


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF",  # no pages, broken xref
        simple_pdf("x", ["y"])[:200],  # truncated
        b"%PDF-1.7\n" + b"\x00\xff" * 500,  # garbage
    ],
)
def test_broken_pdfs_give_an_error_message_not_an_exception(data: bytes) -> None:
    result = files.extract_text(io.BytesIO(data), "application/pdf")
    assert result.text == ""
    assert result.error


def test_encrypted_pdf_text_is_reported_unreadable() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf("Secret", ["hidden words"]))))
    writer.encrypt(user_password="u", owner_password="o")  # noqa: S106 - test password
    out = io.BytesIO()
    writer.write(out)
    result = files.extract_text(out, "application/pdf")
    assert result.text == ""
    assert "encrypted" in result.error


def test_a_preview_png_is_drawn_from_the_first_page() -> None:
    png = files.make_thumbnail(io.BytesIO(simple_pdf("Preview", ["text"])), "application/pdf")
    assert png is not None and png.startswith(b"\x89PNG")
    assert files.make_thumbnail(io.BytesIO(b"%PDF-1.4 broken"), "application/pdf") is None
