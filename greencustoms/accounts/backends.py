"""Authentication by e-mail address (case-insensitive), and the one normalisation of what is typed."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.http import HttpRequest

from greencustoms import sqlrows
from greencustoms.accounts import selectors
from greencustoms.accounts.models import User


def normalize_login(value: object) -> str:
    """The account name as sign-in compares it: e-mail addresses are case-insensitive, spaces trimmed."""
    return str(value or "").strip().lower()


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """AXES_USERNAME_CALLABLE: django-axes counts failures per account as sign-in finds it.

    Without it axes keys on the raw form value, and ``USER@example.org`` would get five fresh guesses.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field) or (credentials or {}).get("email")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get(field)
    return normalize_login(value)


class EmailBackend(ModelBackend):
    """Sign in with e-mail and password; inactive (unverified) accounts are refused."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = normalize_login(username or kwargs.get("email"))
        if not email or password is None:
            return None
        if selectors.sign_in_locked(email):
            # Too many failures for this account from all addresses together (axes counts per address).
            User().set_password(password)
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            User().set_password(password)  # same cost whether or not the account exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user of a session (every request asks): one hand-written query, see sqlrows."""
        connection = connections[router.db_for_read(User)]
        sql = sqlrows.statement("accounts.get_user", connection, _user_sql)
        try:
            pk = User._meta.pk.get_db_prep_value(User._meta.pk.to_python(user_id), connection)
        except ValidationError:
            return None
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        user = sqlrows.instance(User, row, 0, connection)
        return user if self.user_can_authenticate(user) else None


def _user_sql(connection: Any) -> str:
    # Only quoted names from the model's meta go into the text; the id is a parameter.
    columns, table = sqlrows.columns(User, User._meta.db_table, connection), sqlrows.table(User, connection)
    return f"SELECT {columns} FROM {table} WHERE {sqlrows.column(User, 'id', connection)} = %s"  # noqa: S608
