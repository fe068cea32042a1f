"""greencustoms guide pdf [--edition YEAR] -o FILE.pdf | greencustoms guide offline [--edition YEAR] -o FILE.zip"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from greencustoms.guide import publishing, selectors


class Command(BaseCommand):
    help = "Write the published edition of the Green Customs Guide as a PDF or as an offline zip."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, helptext in (
            ("pdf", "the PDF: cover, contents with page numbers, bookmarks, live links, HS annex"),
            ("offline", "a zip of static HTML that opens from a USB stick or CD without a server"),
        ):
            p = sub.add_parser(name, help=helptext)
            p.add_argument(
                "--edition",
                type=int,
                metavar="YEAR",
                help="year of the edition (default: the newest published)",
            )
            p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options.get("edition")
        guide = selectors.published_guide(year)
        if guide is None:
            wanted = f"of {year} " if year else ""
            raise CommandError(f"no published edition {wanted}of the Guide", returncode=2)
        output = Path(options["output"])
        if not output.parent.exists():
            raise CommandError(f"folder {output.parent} does not exist", returncode=2)
        if options["action"] == "pdf":
            content = publishing.render_pdf(guide)
        else:
            content = publishing.build_offline_zip(guide)
        output.write_bytes(content)
        self.stdout.write(f"{output}: {guide.title} {guide.year}, {len(content):,} bytes\n")
