"""`greencustoms guide pdf [--edition YEAR] -o FILE.pdf` and `greencustoms guide offline -o FILE.zip`."""

import zipfile

import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from greencustoms.conftest import verified
from greencustoms.guide.tests.factories import approve_all, small_guide


@pytest.fixture
def editions(partners, secretariat_user):
    secretariat = verified(secretariat_user)
    return approve_all(small_guide(partners, year=2020), secretariat), approve_all(
        small_guide(partners, year=2030), secretariat
    )


def test_pdf_of_the_newest_published_edition_by_default(editions, tmp_path):
    out = tmp_path / "guide.pdf"
    call_command("guide", "pdf", "-o", str(out))
    assert "2030" in pypdf.PdfReader(out).pages[0].extract_text()


def test_pdf_of_an_older_edition(editions, tmp_path):
    out = tmp_path / "old.pdf"
    call_command("guide", "pdf", "--edition", "2020", "-o", str(out))
    assert "2020" in pypdf.PdfReader(out).pages[0].extract_text()


def test_offline_zip(editions, tmp_path):
    out = tmp_path / "guide.zip"
    call_command("guide", "offline", "-o", str(out))
    assert "green-customs-guide-2030/index.html" in zipfile.ZipFile(out).namelist()


def test_no_published_edition_is_exit_2(partners, tmp_path):
    small_guide(partners)  # a draft only
    with pytest.raises(CommandError) as excinfo:
        call_command("guide", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert excinfo.value.returncode == 2


def test_the_console_script_runs_the_command(editions, tmp_path):
    from greencustoms.cli import main

    assert main(["guide", "pdf", "--edition", "1999", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["guide", "offline", "-o", str(tmp_path / "y.zip")]) == 0
    assert (tmp_path / "y.zip").exists()
