"""`greencustoms token create EMAIL [--name NAME]` prints a new API token; `token revoke PREFIX`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from greencustoms.accounts import services
from greencustoms.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create or revoke personal API tokens."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("email")
        create.add_argument("--name", default="command line")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        now = timezone.now()
        if action == "create":
            user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
            if user is None:
                raise CommandError(f"email: no active account {options['email']!r}", returncode=2)
            # The operator vouches for the account on the server itself: the token counts as two factors.
            _token, secret = services.api_token_create(
                user=user, name=options["name"], two_factor=True, at=now
            )
            self.stdout.write(secret)
        else:
            token = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True).first()
            if token is None:
                raise CommandError(f"prefix: no live token {options['prefix']!r}", returncode=2)
            services.api_token_revoke(token=token, by=token.user, at=now)
            self.stdout.write(f"revoked {token}")
