"""greencustoms data import DIR | data check DIR | data cites EXPORT.csv -o DIR: reference data releases."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from greencustoms.agreements import refdata, selectors
from greencustoms.agreements.services import DataInvalid, data_release_import


class Command(BaseCommand):
    help = "Validate and import reference data (nothing is applied unless every file is valid)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="validate DIR and import it as a new data release")
        imp.add_argument("directory")
        imp.add_argument("--force", action="store_true", help="import even if unchanged")
        chk = sub.add_parser("check", help="validate DIR only")
        chk.add_argument("directory")
        cites = sub.add_parser(
            "cites",
            help="convert a Species+ 'Index of CITES species' CSV export into "
            "items/synonyms rows for data/agreements/",
        )
        cites.add_argument("export")
        cites.add_argument(
            "-o",
            "--output",
            required=True,
            help="folder to write cites_items.csv and cites_synonyms.csv into",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        action = options["action"]
        if action == "cites":
            # local import: only the cites action needs the Species+ converter
            from greencustoms.agreements.cites import convert_speciesplus

            try:
                n = convert_speciesplus(Path(options["export"]), Path(options["output"]))
            except (OSError, ValueError) as exc:
                raise CommandError(str(exc), returncode=2) from exc
            self.stdout.write(f"{n} CITES taxa written to {options['output']}")
            return
        root = Path(options["directory"])
        if not root.is_dir():
            raise CommandError(f"{root} is not a directory", returncode=2)
        if action == "check":
            problems = refdata.validate(root)
            for p in problems:
                self.stderr.write(str(p))
            if problems:
                raise CommandError(f"{len(problems)} problem(s); nothing imported", returncode=1)
            self.stdout.write("valid")
            return
        try:
            release, applied = data_release_import(
                root=root, by="greencustoms data import", at=timezone.now(), force=options["force"]
            )
        except DataInvalid as exc:
            for p in exc.problems:
                self.stderr.write(str(p))
            raise CommandError(f"{len(exc.problems)} problem(s); nothing imported", returncode=1) from exc
        selectors.forget_index()
        if not applied:
            self.stdout.write(f"unchanged: release {release.number} is current")
            return
        self.stdout.write(f"imported release {release.number}: {release.counts}")
        for entry in release.changelog[:50]:
            self.stdout.write(f"  {entry['change']}: {entry['item']} {entry['detail']}")
        if len(release.changelog) > 50:
            self.stdout.write(f"  … {len(release.changelog) - 50} more changes")
