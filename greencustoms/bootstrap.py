"""Set a server up from nothing, idempotently: translations, database, static files, reference data, demo.

`greencustoms run` calls :func:`prepare`; `greencustoms demo` calls :func:`prepare` then :func:`load_demo`.
Apps take part through ``greencustoms/<app>/reference.py`` and ``greencustoms/<app>/demo.py``, each with
``load(*, stdout)``; they run in INSTALLED_APPS order.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import TextIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE_DIR = Path(__file__).resolve().parent


def compile_translations(*, stdout: TextIO | None = None) -> int:
    """Compile every .po under the package to .mo when missing or older (pure Python, no gettext tools)."""
    count = 0
    for po_path in PACKAGE_DIR.rglob("locale/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        count += 1
    if count and stdout:
        stdout.write(f"translations: {count} catalogues compiled\n")
    return count


def _run_hooks(module_name: str, *, stdout: TextIO) -> None:
    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("greencustoms."):
            continue
        dotted = f"{config.name}.{module_name}"
        if find_spec(dotted) is not None:
            import_module(dotted).load(stdout=stdout)


def prepare(*, stdout: TextIO, static: bool = True) -> None:
    """Migrate, collect static files and load reference data (Django must be set up)."""
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    if static:
        call_command("collectstatic", interactive=False, verbosity=0)
    _run_hooks("reference", stdout=stdout)


def load_demo(*, stdout: TextIO) -> None:
    """Demo accounts and content; refused under production settings."""
    from django.conf import settings
    from django.core.management.base import CommandError

    if settings.GREENCUSTOMS_ENV == "production":
        raise CommandError("Demo data is never loaded under production settings.")
    _run_hooks("demo", stdout=stdout)
