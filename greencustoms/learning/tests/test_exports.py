"""The statistics CSV by administration: administrations typed by users come out safe to open in a spreadsheet."""

import csv
import io
from datetime import timedelta
from typing import Any

from greencustoms.conftest import make_user
from greencustoms.learning import services
from greencustoms.learning.models import Module
from greencustoms.learning.tests.conftest import T0

#: An administration a user typed at registration, and what the export must hand out instead.
PAYLOADS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+1+1": "'+1+1",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
}


def test_stats_csv_by_administration_neutralises_formulas(
    module: Module, secretariat_user: Any, client_for: Any
) -> None:
    for i, administration in enumerate(PAYLOADS):
        user = make_user(f"learner{i}@test.example", country="KE", administration=administration)
        services.enrolment_create(user=user, module=module, at=T0)
    services.stats_rollup(at=T0 + timedelta(days=1))
    response = client_for(secretariat_user).get("/learning/stats.csv?by=administration")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))
    assert rows[0][:2] == ["administration", "registered"]
    by_key = {r[0]: r for r in rows[1:]}
    assert set(PAYLOADS.values()) <= set(by_key)
    assert not any(key[:1] in "=+-@\t\r" for key in by_key)
    assert {by_key[v][1] for v in PAYLOADS.values()} == {"1"}  # counts stay numbers
