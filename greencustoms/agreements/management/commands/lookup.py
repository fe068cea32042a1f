"""greencustoms lookup QUERY [--edition HS2022] [--at YYYY-MM-DD] [--json]: which agreements cover a code, name
or CAS number, on a date (default today)."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from greencustoms.agreements import selectors
from greencustoms.agreements.choices import control_words
from greencustoms.agreements.lookup import EDITIONS, LATEST, UnreadableQuery, format_code


class Command(BaseCommand):
    help = "Look up an HS code (any edition, 2-10 digits), a name, synonym, trade name or CAS number."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("query", nargs="+", help="code, name or CAS number (several words are joined)")
        parser.add_argument(
            "--edition", default=LATEST, help=f"HS edition of a code query ({', '.join(EDITIONS)})"
        )
        parser.add_argument("--json", action="store_true", help="print the answer as JSON")
        parser.add_argument(
            "--at", default=None, help="answer what was controlled on this date (YYYY-MM-DD; default today)"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        query = " ".join(options["query"])
        index = selectors.lookup_index()
        if not index.items:
            raise CommandError(
                "No reference data loaded: run `greencustoms data import data/`.", returncode=2
            )
        try:
            at = dt.date.fromisoformat(options["at"]) if options["at"] else None
        except ValueError as exc:
            raise CommandError(f"--at: {options['at']!r} is not a date YYYY-MM-DD", returncode=2) from exc
        try:
            result = index.lookup(query, options["edition"].upper(), at)
        except UnreadableQuery as exc:
            raise CommandError(f"unreadable query: {exc}", returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(index.result_json(result), ensure_ascii=False, indent=2))
            return
        when = result.at.isoformat() if result.at else ""
        if result.absent is not None:
            a = result.absent
            where = "; ".join(f"{ed}: {desc}" for ed, desc in a.editions.items()) or "no edition"
            self.stdout.write(
                f"{format_code(a.code)} does not exist in {result.edition} (exists in {where})."
            )
            if a.successors:
                self.stdout.write(
                    f"  in {result.edition} it is: " + ", ".join(format_code(c) for c in a.successors)
                )
        if result.subheadings:
            self.stdout.write(f"Subheadings under {format_code(result.code)} in {result.edition}:")
            for code, desc in result.subheadings:
                self.stdout.write(f"  {format_code(code)} {desc}")
        if not result.matches:
            self.stdout.write(f"No controlled item matches {query!r} ({result.edition}).")
            return
        for m in result.matches:
            item = m.item
            self.stdout.write(f"{item.agreement}: {item.name} [{item.listing}] ({m.matched})")
            state = item.state_on(result.at) if result.at else ""
            if state == "deleted":
                self.stdout.write(
                    f"  HISTORY: deleted on {item.deleted_on or '?'}, by {item.deleted_by or '?'}"
                    f" - not a control on {when}"
                )
            elif state == "not_yet_in_force":
                self.stdout.write(
                    f"  not yet in force on {when} (enters into force {item.entry_into_force or 'date not recorded'})"
                )
            elif item.entry_into_force or item.decision:
                self.stdout.write(
                    f"  in force since {item.entry_into_force or 'date not recorded'}"
                    + (f" ({item.decision})" if item.decision else "")
                )
            if item.cas:
                self.stdout.write(f"  CAS: {', '.join(item.cas)}")
            for ed, codes in item.codes_by_edition().items():
                ex = {r.code for r in item.hs if r.edition == ed and r.ex}
                candidate = {r.code for r in item.hs if r.edition == ed and r.confidence == "candidate"}
                self.stdout.write(
                    f"  {ed}: "
                    + ", ".join(
                        f"{'ex ' if c in ex else ''}{format_code(c)}{' (candidate)' if c in candidate else ''}"
                        for c in codes
                    )
                )
            if item.controls:
                self.stdout.write(f"  controls: {'; '.join(control_words(c) for c in item.controls)}")
            for doc in item.documents:
                self.stdout.write(f"  document: {doc}")
