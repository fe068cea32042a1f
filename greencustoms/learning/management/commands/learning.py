"""`greencustoms learning …`: SCORM 1.2 export/import, module bundles between servers, rollup, reminders."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from greencustoms.learning.bundle import export_bundle, import_bundle
from greencustoms.learning.models import Module
from greencustoms.learning.nudges import nudges_send
from greencustoms.learning.scorm import PackageError, export_package, import_package
from greencustoms.learning.services import activity_rollup
from greencustoms.partners.models import Partner


class Command(BaseCommand):
    help = "E-learning: export-scorm, import-scorm, export-bundle, import-bundle, rollup, nudge."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("export-scorm", help="export a module's current version as a SCORM 1.2 zip")
        p.add_argument("slug")
        p.add_argument("-o", "--output", required=True, help="FILE.zip")
        p = sub.add_parser("import-scorm", help="import a SCORM 1.2 package as a module")
        p.add_argument("file")
        p.add_argument(
            "--owner",
            default="WCO",
            help="slug or acronym of the owner partner (default WCO); an existing module of the same slug "
            "gets the new version only when it belongs to this owner",
        )
        p.add_argument("--slug", default=None, help="module slug (default: from the package title)")
        p = sub.add_parser("export-bundle", help="export a module version for another greencustoms server")
        p.add_argument("slug")
        p.add_argument("-o", "--output", required=True)
        p.add_argument("--version", type=int, default=None, dest="number")
        p = sub.add_parser("import-bundle", help="import a module bundle from another greencustoms server")
        p.add_argument("file")
        p.add_argument(
            "--owner",
            default=None,
            help="slug or acronym of the owner partner (default: the one module.json names)",
        )
        sub.add_parser("rollup", help="bring the daily activity rollup up to date")
        sub.add_parser("nudge", help="send reminders to stalled learners now")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        getattr(self, "_" + action.replace("-", "_"))(options)

    def _version(self, slug: str, number: int | None = None) -> Any:

        module = Module.objects.filter(slug=slug).select_related("current_version").first()
        if module is None:
            raise CommandError(f"no module with slug {slug!r}", returncode=2)
        version = module.versions.filter(number=number).first() if number else module.current_version
        if version is None:
            raise CommandError(f"module {slug!r} has no such version", returncode=2)
        return version

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"{name}: no such file", returncode=2)
        return path.read_bytes()

    def _owner(self, name: str) -> Any:
        from django.db.models import Q

        owner = Partner.objects.filter(Q(slug=name) | Q(acronym__iexact=name)).first()
        if owner is None:
            raise CommandError(f"--owner: no partner with slug or acronym {name!r}", returncode=2)
        return owner

    def _export_scorm(self, options: dict[str, Any]) -> None:

        data = export_package(self._version(options["slug"]))
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"wrote {options['output']} ({len(data)} bytes, SCORM 1.2)")

    def _import_scorm(self, options: dict[str, Any]) -> None:

        data = self._read(options["file"])
        owner = self._owner(options["owner"])
        try:
            version = import_package(
                data, owner=owner, at=timezone.now(), slug=options["slug"], command_line=True
            )
        except PackageError as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=2) from exc
        self.stdout.write(
            f"imported {version.module.slug} version {version.number}: {version.lesson_count} launchable lessons"
        )

    def _export_bundle(self, options: dict[str, Any]) -> None:

        data = export_bundle(self._version(options["slug"], options["number"]))
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"wrote {options['output']} ({len(data)} bytes)")

    def _import_bundle(self, options: dict[str, Any]) -> None:

        owner = self._owner(options["owner"]) if options["owner"] else None
        try:
            version = import_bundle(
                self._read(options["file"]), at=timezone.now(), owner=owner, command_line=True
            )
        except PackageError as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=2) from exc
        self.stdout.write(f"module {version.module.slug} version {version.number} is on this server")

    def _rollup(self, options: dict[str, Any]) -> None:

        self.stdout.write(f"rollup: {activity_rollup(at=timezone.now())} days recounted")

    def _nudge(self, options: dict[str, Any]) -> None:

        self.stdout.write(f"reminders sent: {nudges_send(at=timezone.now())}")
