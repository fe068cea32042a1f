"""`greencustoms backup -o FILE` and `greencustoms restore FILE`: the database, the uploaded files and the
data release in one archive that restores on SQLite and PostgreSQL alike.

The archive is a gzipped tar holding, in this order:

- ``manifest.json``: format version, data release, database vendor, creation time, the migration state,
  row counts per table and the SHA-256 of every file;
- ``db.jsonl``: every row of every model (Django's ``dumpdata`` in JSON lines, base managers, primary keys
  kept, content types and permissions included);
- ``media/…`` and ``private/…``: the public and the private uploaded files (MEDIA_ROOT, PRIVATE_MEDIA_ROOT).

Why ``dumpdata`` and not ``pg_dump`` or SQLite's backup API: those restore only into the same vendor, and a
deployment moves from SQLite to PostgreSQL as it grows. Django's serialization is vendor-neutral, keeps
every primary key (so foreign keys, generic relations and content types line up without natural keys); the
restore inserts the rows in batches and resets PostgreSQL's sequences. Restoring needs the same migration
state, which the manifest records and the restore checks. The search index is not in the archive; it is rebuilt after a restore.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import IO, Any

from greencustoms.agreements.selectors import current_release

FORMAT_VERSION = 1
DB_MEMBER = "db.jsonl"
#: Rebuilt after a restore rather than copied: the database search backend keeps vendor-specific tables.
SKIPPED_MODELS = {"wagtailsearch.indexentry", "wagtailsearch.sqliteftsindexentry"}


class BackupError(Exception):
    """A backup or restore refused, with a message for the operator."""


def _file_roots() -> dict[str, Path]:
    from django.conf import settings

    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _models() -> list[Any]:
    """Every concrete, managed model whose rows are backed up (auto-created many-to-many tables follow
    their model in the dump)."""
    from django.apps import apps

    models = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in SKIPPED_MODELS
    ]
    # Content types first: building some rows (Wagtail pages) looks their content type up, and would
    # create it with another id if the restore had not inserted the archived ones yet.
    return sorted(models, key=lambda m: m._meta.label_lower != "contenttypes.contenttype")


def _exact_encoder() -> Any:
    from django.core.serializers.json import DjangoJSONEncoder

    class ExactEncoder(DjangoJSONEncoder):
        """Django's encoder cuts datetimes and times to milliseconds; a backup keeps the microseconds."""

        def default(self, o: Any) -> Any:
            if isinstance(o, (datetime, time)):
                return o.isoformat()
            return super().default(o)

    return ExactEncoder


def _dump_rows(dump: Path) -> None:
    """Every row of every model, model by model, in JSON lines (what ``dumpdata`` writes, to the microsecond)."""
    from django.core import serializers

    encoder = _exact_encoder()
    with dump.open("w", encoding="utf-8") as stream:
        for model in _models():
            rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
            serializers.serialize("jsonl", rows, stream=stream, cls=encoder)


def _tables() -> list[tuple[str, Any]]:
    """(table name, model) for every backed-up table, many-to-many tables included."""
    tables = []
    for model in _models():
        tables.append((model._meta.db_table, model))
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.append((through._meta.db_table, through))
    return tables


def table_rows(model: Any) -> list[tuple[Any, ...]]:
    """Every row of one table, ordered by primary key (for comparisons)."""
    fields = model._meta.concrete_fields
    if model._meta.auto_created:  # a many-to-many table: its surrogate id is not data, the pairs are
        names = [f.attname for f in fields if not f.primary_key]
        return list(model._base_manager.order_by(*names).values_list(*names))
    return list(model._base_manager.order_by("pk").values_list(*[f.attname for f in fields]))


def _migration_state() -> dict[str, list[str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _release_id() -> int | None:

    release = current_release()
    return release.number if release else None


class _Snapshot:
    """One consistent view of the database while it is dumped: a read-only repeatable-read transaction on
    PostgreSQL, a deferred read transaction on SQLite (WAL readers see one snapshot; writers go on)."""

    def __enter__(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        # Inside a transaction already (a test, a caller's atomic block): that transaction is the snapshot.
        self.vendor = "" if connection.in_atomic_block else connection.vendor
        if self.vendor == "postgresql":
            connection.set_autocommit(False)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        elif self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("BEGIN DEFERRED")

    def __exit__(self, *exc: object) -> None:
        from django.db import connection

        if self.vendor == "postgresql":
            connection.rollback()
            connection.set_autocommit(True)
        elif self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")


def backup(output: Path, *, stdout: IO[str]) -> dict[str, Any]:
    """Write the archive to ``output`` (atomically: a partial archive never carries the final name)."""
    from django.db import connection

    output = Path(output)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory(prefix="greencustoms-backup-") as tmp:
        dump = Path(tmp) / DB_MEMBER
        with _Snapshot():
            counts = {table: model._base_manager.count() for table, model in _tables()}
            _dump_rows(dump)
            release = _release_id()
            migrations = _migration_state()
        files: dict[str, str] = {}
        for prefix, root in _file_roots().items():
            for path in _files(root):
                files[f"{prefix}/{path.relative_to(root).as_posix()}"] = _sha256(path)
        manifest = {
            "format_version": FORMAT_VERSION,
            "data_release": release,
            "db_vendor": connection.vendor,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": migrations,
            "tables": counts,
            "files": files,
            "db_sha256": _sha256(dump),
        }
        try:
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
                tar.add(dump, arcname=DB_MEMBER)
                roots = _file_roots()
                for name in files:
                    prefix, _, rel = name.partition("/")
                    tar.add(roots[prefix] / rel, arcname=name)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    stdout.write(
        f"backup {output}: {sum(counts.values())} rows in {len(counts)} tables, {len(files)} files, "
        f"data release {release}, {connection.vendor}\n"
    )
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            manifest = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive}: not a greencustoms backup ({exc})") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive}: backup format {manifest.get('format_version')!r}, this version reads {FORMAT_VERSION}"
        )
    return manifest


def is_empty() -> bool:
    """A target is empty when it holds no accounts and no uploaded files (reference data loaded by the
    set-up does not count: the restore replaces it)."""
    from django.contrib.auth import get_user_model

    if get_user_model()._base_manager.exists():
        return False
    return not any(next(_files(root), None) for root in _file_roots().values())


def restore(archive: Path, *, force: bool = False, stdout: IO[str]) -> dict[str, Any]:
    """Replace the database rows and the uploaded files with the archive's; all or nothing for the database."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    archive = Path(archive)
    manifest = read_manifest(archive)
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)  # a new installation: SQLite's folder
    call_command("migrate", interactive=False, verbosity=0)
    here = _migration_state()
    if here != manifest["migrations"]:
        missing = sorted(
            f"{app}.{name}"
            for app, names in manifest["migrations"].items()
            for name in names
            if name not in here.get(app, [])
        )
        extra = sorted(
            f"{app}.{name}"
            for app, names in here.items()
            for name in names
            if name not in manifest["migrations"].get(app, [])
        )
        raise BackupError(
            "the backup was made with another version of greencustoms: "
            f"migrations only in the backup {missing[:5]}, only here {extra[:5]}; install the version that made it"
        )
    if not force and not is_empty():
        raise BackupError("the target holds accounts or uploaded files; restore with --force to replace them")
    with tempfile.TemporaryDirectory(prefix="greencustoms-restore-") as tmp:
        staging = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
        dump = staging / DB_MEMBER
        if _sha256(dump) != manifest["db_sha256"]:
            raise BackupError(f"{archive}: the database dump does not match its checksum")
        for name, digest in manifest["files"].items():
            path = staging / name
            if not path.is_file() or _sha256(path) != digest:
                raise BackupError(f"{archive}: {name} is missing or does not match its checksum")
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            _load_rows(dump)
            counts = {table: model._base_manager.count() for table, model in _tables()}
            wrong = {
                t: (n, manifest["tables"].get(t)) for t, n in counts.items() if n != manifest["tables"].get(t)
            }
            if wrong:
                raise BackupError(f"rows restored differ from the backup (restored, expected): {wrong}")
        for prefix, root in _file_roots().items():
            if root.exists():
                shutil.rmtree(root)
            source = staging / prefix
            if source.is_dir():
                shutil.copytree(source, root)
            else:
                root.mkdir(parents=True, exist_ok=True)
    _rebuild_search_index(stdout)
    stdout.write(
        f"restored {archive}: {sum(counts.values())} rows in {len(counts)} tables, {len(manifest['files'])} "
        f"files, data release {manifest['data_release']} (backup of {manifest['created_at']}, "
        f"{manifest['db_vendor']} → {connection.vendor})\n"
    )
    return manifest


def _insert(model: Any, rows: list[Any]) -> None:
    """Insert rows as they are (raw: no auto_now, no signals), in batches the database accepts."""
    from django.db import connection

    fields = model._meta.local_concrete_fields
    if model._meta.auto_created:  # many-to-many rows are archived as pairs: the database numbers them
        fields = [f for f in fields if not f.primary_key]
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        model._base_manager._insert(rows[start : start + size], fields=fields, raw=True)


def _load_rows(dump: Path, batch: int = 2000) -> None:
    """What ``loaddata`` does (raw rows, primary keys kept, many-to-many rows, sequences reset), in batched
    INSERTs instead of one per row: a million rows in minutes, not hours. Foreign keys are checked at the
    end of the restore's transaction (they are deferred on both databases)."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection

    pending: dict[Any, list[Any]] = {}
    loaded: set[Any] = set()

    def add(model: Any, row: Any) -> None:
        rows = pending.setdefault(model, [])
        rows.append(row)
        loaded.add(model)
        if len(rows) >= batch:
            _insert(model, pending.pop(model))

    current = None
    with dump.open(encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream):
            obj = item.object
            if type(obj) is not current:  # the dump goes model by model: the last one's rows go in now
                for model in list(pending):
                    _insert(model, pending.pop(model))
                current = type(obj)
            add(type(obj), obj)
            for name, targets in (item.m2m_data or {}).items():
                field = obj._meta.get_field(name)
                through = field.remote_field.through
                if not through._meta.auto_created:
                    continue  # an explicit through model is dumped as a model of its own
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                for pk in targets:
                    add(through, through(**{f"{source}_id": obj.pk, f"{target}_id": pk}))
    for model, rows in pending.items():
        _insert(model, rows)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(statement)
    connection.check_constraints(table_names=[m._meta.db_table for m in loaded])


def _rebuild_search_index(stdout: IO[str]) -> None:
    from django.core.management import call_command

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
