"""Database sessions, read with one hand-written query (every signed-in request reads its session)."""

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from greencustoms import sqlrows


class SessionStore(db.SessionStore):
    """Django's database session store; only the read on every request skips the queryset compiler.

    Writes, expiry, key rotation and `clearsessions` are Django's own.
    """

    def _get_session_from_db(self) -> Any:
        key = self.session_key  # validated by SessionBase: 8+ characters or None
        if key is None:
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        sql = sqlrows.statement("accounts.session", connection, self._sql)
        now = sqlrows.prep(model, "expire_date", timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])

    def _sql(self, connection: Any) -> str:
        def column(name: str) -> str:
            return sqlrows.column(self.model, name, connection)

        # Only quoted names go into the text; the key and the time are parameters.
        where = f"{column('session_key')} = %s AND {column('expire_date')} > %s"
        return f"SELECT {column('session_data')} FROM {sqlrows.table(self.model, connection)} WHERE {where}"  # noqa: S608
