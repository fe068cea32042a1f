"""`greencustoms backup` / `restore`: every table's rows and every uploaded file's bytes come back as they were,
on whichever database the suite runs (SQLite here, PostgreSQL in CI)."""

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from greencustoms import backup
from greencustoms.agreements.models import DataRelease
from greencustoms.cli import main as greencustoms


def _files() -> dict[str, bytes]:
    found = {}
    for prefix, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        root = Path(root)
        if root.is_dir():
            found |= {
                f"{prefix}/{p.relative_to(root)}": p.read_bytes() for p in root.rglob("*") if p.is_file()
            }
    return found


def _everything() -> dict[str, list[tuple[Any, ...]]]:
    return {table: backup.table_rows(model) for table, model in backup._tables()}


@pytest.fixture
def content(db: Any, settings: Any, tmp_path: Path) -> None:
    """Partners and a data release, accounts with a token, a screening job's private files, a public file
    (the full reference data is left out: the drill restores it; here it would only make the test slow)."""
    from greencustoms.accounts.models import User
    from greencustoms.accounts.services import api_token_create
    from greencustoms.partners.reference import load as load_partners

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    load_partners(stdout=io.StringIO())
    # The next number: a release another test of the same worker left behind must not collide with this one.
    latest = DataRelease.objects.order_by("-number").values_list("number", flat=True).first() or 0
    DataRelease.objects.create(
        number=latest + 1, imported_at=timezone.now(), checksum="0" * 64, counts={"items": 0}
    )
    officer = User.objects.create_user(email="officer@backup.example", password="x" * 12, full_name="Officer")
    api_token_create(user=officer, name="backup test", two_factor=False, at=timezone.now())
    jobs = Path(settings.PRIVATE_MEDIA_ROOT) / "screening" / "1"
    jobs.mkdir(parents=True)
    (jobs / "input.csv").write_bytes(b"declaration_id,line_no\nD1,1\n")
    (jobs / "hits.parquet").write_bytes(bytes(range(256)) * 4)
    media = Path(settings.MEDIA_ROOT) / "documents"
    media.mkdir(parents=True)
    (media / "guide é.pdf").write_bytes(b"%PDF-1.4 test")


# PostgreSQL cannot TRUNCATE (flush) tables whose deferred foreign-key checks are pending in the same
# transaction, which a test's own transaction always has; the round trip through PostgreSQL is proven by
# `make drill` (SQLite → PostgreSQL → SQLite, every table and file compared) outside any test transaction.
needs_flush_in_transaction = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="flush inside the test transaction: PostgreSQL round trip covered by make drill (backup drill)",
)


@needs_flush_in_transaction
def test_a_backup_restores_every_row_and_every_file(content: None, tmp_path: Path) -> None:
    before, files = _everything(), _files()
    assert sum(len(rows) for rows in before.values()) > 100  # partners, permissions, Wagtail's root page …
    archive = tmp_path / "site.tar.gz"
    assert greencustoms(["backup", "-o", str(archive)]) == 0
    manifest = backup.read_manifest(archive)
    assert manifest["format_version"] == backup.FORMAT_VERSION
    assert (
        manifest["data_release"]
        == DataRelease.objects.order_by("-number").values_list("number", flat=True)[0]
    )
    assert manifest["db_vendor"] in ("sqlite", "postgresql")
    assert set(manifest["files"]) == set(files)

    # an empty target: no rows at all, no files
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for path in sorted(Path(root).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    assert _files() == {}

    assert greencustoms(["restore", str(archive)]) == 0
    after = _everything()
    assert [t for t in before if before[t] != after[t]] == []
    assert after == before
    assert _files() == files


@needs_flush_in_transaction
def test_a_restore_over_accounts_or_files_needs_force(content: None, tmp_path: Path, capsys: Any) -> None:
    from greencustoms.accounts.models import User

    archive = tmp_path / "site.tar.gz"
    backup.backup(archive, stdout=io.StringIO())
    before = _everything()
    User.objects.create_user(email="later@backup.example", password="y" * 12, full_name="Later")
    assert greencustoms(["restore", str(archive)]) == 2
    assert "--force" in capsys.readouterr().err
    assert User.objects.filter(email="later@backup.example").exists()  # nothing touched
    assert greencustoms(["restore", "--force", str(archive)]) == 0
    assert _everything() == before


def test_a_restore_checks_the_manifest(db: Any, tmp_path: Path, capsys: Any) -> None:
    not_a_backup = tmp_path / "notes.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    assert greencustoms(["restore", str(not_a_backup)]) == 2
    assert "not a greencustoms backup" in capsys.readouterr().err

    future = tmp_path / "future.tar.gz"
    data = json.dumps({"format_version": 99}).encode()
    with tarfile.open(future, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert greencustoms(["restore", str(future)]) == 2
    assert "backup format 99" in capsys.readouterr().err
