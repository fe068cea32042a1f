"""The adapter compiles the ruleset from the database once per data release; `ruleset build` saves it."""

from io import StringIO
from typing import Any

from django.core.management import call_command

from greencustoms.agreements import selectors as agreements
from greencustoms.engine import load_ruleset
from greencustoms.screening import engine_adapter


def test_ruleset_from_the_database_carries_the_release(db: Any) -> None:
    release = agreements.current_release()
    assert release is not None
    ruleset = engine_adapter.current_ruleset()
    assert ruleset.release.startswith(f"release-{release.number}-")
    assert len(ruleset.items) > 400
    assert engine_adapter.current_ruleset() is ruleset  # cached for the release


def test_ruleset_build_command_writes_the_file(db: Any) -> None:
    out = StringIO()
    call_command("ruleset", "build", stdout=out)
    path = engine_adapter.ruleset_path()
    assert path.is_file()
    assert load_ruleset(path).release in out.getvalue()


def test_reference_from_database_matches_the_csv_items(db: Any) -> None:
    reference = engine_adapter.reference_from_database()
    assert reference is not None
    hcfc22 = next(i for i in reference.items if i.item_id == "hcfc-22")
    assert any(n.text == "R-22" for n in hcfc22.names)
    assert any(h.edition == "HS2022" and h.code == "290371" for h in hcfc22.hs_codes)
    assert any(p.instrument == "kigali" for p in reference.parties)
