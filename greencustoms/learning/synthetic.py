"""Generated learners and their learning events, in bulk: demo learners and the benchmark's 100,000.

Learners get enrolments (the rollup rows the statistics read) and a plausible event trail: enrolled,
lessons opened and completed, exercises answered, test attempts, passes and certificates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from greencustoms.accounts.models import User
from greencustoms.learning.choices import Verb
from greencustoms.learning.models import Enrolment, LearningEvent, Module

COUNTRIES = [
    "KE",
    "SN",
    "CO",
    "IN",
    "CN",
    "BR",
    "NG",
    "TH",
    "MA",
    "PE",
    "VN",
    "GH",
    "ID",
    "MX",
    "EG",
    "PH",
    "UG",
    "TZ",
    "JO",
    "FJ",
]


@dataclass
class Generated:
    learners: int
    enrolments: int
    events: int


def _trail(
    rng: random.Random,
    enrolled: datetime,
    now: datetime,
    lessons: int,
    exercise_rate: float,
    extra_launches: int,
) -> tuple[list[tuple[str, str, int | None, datetime]], dict]:
    """The events of one enrolment and the rollup values they imply."""
    events: list[tuple[str, str, int | None, datetime]] = [(Verb.REGISTERED, "", None, enrolled)]
    state: dict[str, Any] = {
        "started_at": None,
        "lessons_completed": 0,
        "attempted_at": None,
        "passed_at": None,
        "best_score": None,
        "last": enrolled,
    }
    t = enrolled
    horizon = (now - enrolled).total_seconds()

    def step() -> datetime:
        nonlocal t
        t = min(now, t + timedelta(seconds=rng.expovariate(1 / max(horizon / 40, 60))))
        return t

    if rng.random() < 0.2:
        return events, state
    state["started_at"] = step()
    reach = lessons if rng.random() < 0.45 else rng.randint(1, lessons)
    for position in range(1, reach + 1):
        for _ in range(1 + (extra_launches if rng.random() < 0.5 else extra_launches // 2)):
            events.append((Verb.LAUNCHED, f"lesson:{position}", None, step()))
        if rng.random() < exercise_rate:
            events.append((Verb.ANSWERED, f"lesson:{position}", 100 if rng.random() < 0.7 else 0, step()))
        if position < reach or rng.random() < 0.8:
            events.append((Verb.COMPLETED_LESSON, f"lesson:{position}", None, step()))
            state["lessons_completed"] += 1
    if state["lessons_completed"] == lessons and rng.random() < 0.75:
        for number in range(1, 4):
            at = step()
            state["attempted_at"] = state["attempted_at"] or at
            events.append((Verb.ATTEMPTED, f"attempt:{number}", None, at))
            score = min(100, max(0, int(rng.gauss(72, 15))))
            state["best_score"] = max(state["best_score"] or 0, score)
            if score >= 70:
                events.append((Verb.PASSED, f"attempt:{number}", score, step()))
                events.append((Verb.CERTIFIED, "", None, t))
                state["passed_at"] = t
                break
            events.append((Verb.FAILED, f"attempt:{number}", score, t))
    state["last"] = t
    return events, state


def _insert_events(table: str, rows: list[tuple]) -> None:
    """Bulk insert through the driver: executemany on SQLite, COPY on PostgreSQL."""
    columns = "user_id, module_id, version_number, verb, object_ref, score, at"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql":
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO {table} ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?)"  # noqa: S608 - table from the model
            raw.executemany(sql, [(*r[:6], r[6].isoformat(sep=" ")) for r in rows])


def generate(
    *,
    learners: int,
    modules: list[Module],
    now: datetime,
    prefix: str = "learner",
    seed: int = 7,
    extra_launches: int = 1,
    exercise_rate: float = 0.6,
    batch: int = 20_000,
    stdout=None,
) -> Generated:
    """Create `learners` officers (e-mail `<prefix>NNNNNN@demo.invalid`, no usable password) and their trails."""
    rng = random.Random(seed)
    lesson_counts = {m.pk: m.current_version.lesson_count for m in modules}
    versions = {m.pk: (m.current_version_id, m.current_version.number) for m in modules}
    unusable = make_password(None)
    total_enrolments = total_events = 0
    table = LearningEvent._meta.db_table
    for start in range(0, learners, batch):
        with transaction.atomic():
            users = [
                User(
                    email=f"{prefix}{i:06d}@demo.invalid", full_name=f"Demo Learner {i}", password=unusable,
                    country=(c := COUNTRIES[i % len(COUNTRIES)]), administration=f"Customs administration {c} (demo)",
                    date_joined=now - timedelta(days=rng.randint(0, 400)),
                )
                for i in range(start, min(start + batch, learners))
            ]  # fmt: skip
            User.objects.bulk_create(users, batch_size=2000)
            ids = dict(User.objects.filter(email__in=[u.email for u in users]).values_list("email", "id"))
            enrolments: list[Enrolment] = []
            rows: list[tuple] = []
            for user in users:
                uid = ids[user.email]
                chosen = rng.sample(
                    modules, k=min(len(modules), 1 + int(rng.random() < 0.35) + int(rng.random() < 0.15))
                )
                for module in chosen:
                    enrolled = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
                    events, s = _trail(
                        rng, enrolled, now, lesson_counts[module.pk], exercise_rate, extra_launches
                    )
                    version_id, number = versions[module.pk]
                    enrolments.append(
                        Enrolment(
                            user_id=uid, module_id=module.pk, version_id=version_id, country=user.country,
                            administration=user.administration, enrolled_at=enrolled, started_at=s["started_at"],
                            last_activity_at=s["last"], lessons_completed=s["lessons_completed"], attempted_at=s["attempted_at"],
                            passed_at=s["passed_at"], best_score=s["best_score"],
                            days_to_pass=(s["passed_at"] - enrolled).total_seconds() / 86400 if s["passed_at"] else None,
                        )
                    )  # fmt: skip
                    rows.extend((uid, module.pk, number, v, ref, sc, at) for v, ref, sc, at in events)
            Enrolment.objects.bulk_create(enrolments, batch_size=2000)
            _insert_events(table, rows)
            total_enrolments += len(enrolments)
            total_events += len(rows)
        if stdout is not None:
            stdout.write(f"  learners {min(start + batch, learners):,}: {total_events:,} events\n")
            stdout.flush() if hasattr(stdout, "flush") else None
    return Generated(learners, total_enrolments, total_events)
