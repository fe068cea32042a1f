"""The Green Customs Award: eligibility, jury marks with conflicts, announcement, certificates, API."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from greencustoms.accounts.choices import Role
from greencustoms.cases import services
from greencustoms.cases.models import AwardCertificate, AwardScheme, Criterion, JuryMember, Nomination
from greencustoms.cases.tests.conftest import AT, acting
from greencustoms.conftest import make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(partners: Any, published_case: Any) -> AwardScheme:
    scheme = AwardScheme.objects.create(
        year=2026, title="Green Customs Award 2026", status="scoring", winners=1
    )
    Criterion.objects.create(scheme=scheme, position=0, name="Impact", weight=Decimal(60))
    Criterion.objects.create(scheme=scheme, position=1, name="Follow-up", weight=Decimal(40))
    return scheme


def _nomination(scheme: AwardScheme, title: str, case: Any = None, **extra: Any) -> Nomination:
    n = Nomination.objects.create(scheme=scheme, title=title, nominee=f"{title} team", country="SN",
                                  statement="Exemplary.", submitted_at=AT, **extra)  # fmt: skip
    if case is not None:
        n.cases.add(case)
    return n


def test_eligibility_rules(scheme: AwardScheme, published_case: Any, secretariat_user: Any) -> None:
    sec = acting(secretariat_user)
    good = services.nomination_check(nomination=_nomination(scheme, "Good", published_case), by=sec)
    assert (good.eligible, good.eligibility_note) == (True, "")
    empty = services.nomination_check(nomination=_nomination(scheme, "Empty"), by=sec)
    assert empty.eligible is False and "neither a seizure record nor training work" in empty.eligibility_note
    old_scheme = AwardScheme.objects.create(year=2030, title="2030")
    old = services.nomination_check(nomination=_nomination(old_scheme, "Old", published_case), by=sec)
    assert old.eligible is False and "is from 2026, outside 2029–2030" in old.eligibility_note


def test_jury_marks_conflicts_and_announcement(
    scheme: AwardScheme, published_case: Any, partners: Any, secretariat_user: Any
) -> None:
    sec = acting(secretariat_user)
    a = services.nomination_check(nomination=_nomination(scheme, "Alpha", published_case), by=sec)
    b = services.nomination_check(
        nomination=_nomination(scheme, "Beta", training_work="Trained 40 officers"), by=sec
    )
    users = [make_user(f"jury{i}@test.example", Role.PARTNER, totp=True, partner=partners[p])
             for i, p in enumerate(["WCO", "CITES"])]  # fmt: skip
    wco, cites = (JuryMember.objects.create(scheme=scheme, user=u, partner=u.partner) for u in users)
    impact, follow = scheme.criteria.all()
    services.score_set(
        member=wco, nomination=a, marks={impact.pk: Decimal(6), follow.pk: Decimal(6)}, by=acting(users[0])
    )
    services.score_set(
        member=wco, nomination=b, marks={impact.pk: Decimal(7), follow.pk: Decimal(7)}, by=acting(users[0])
    )
    services.score_set(
        member=cites,
        nomination=a,
        marks={impact.pk: Decimal(10), follow.pk: Decimal(10)},
        by=acting(users[1]),
    )
    with pytest.raises(PermissionDenied):  # nobody marks for another member
        services.score_set(member=cites, nomination=b, marks={impact.pk: Decimal(0)}, by=acting(users[0]))
    # before the conflict: Alpha (6+10)/2 = 8.0 > Beta 7.0
    assert [(r.nomination, r.total) for r in services.award_results(scheme)] == [
        (a.pk, Decimal(8)),
        (b.pk, Decimal(7)),
    ]
    services.conflict_declare(
        member=cites, nomination=a, reason="CITES nominated it", by=acting(users[1]), at=AT
    )
    with pytest.raises(ValidationError):
        services.score_set(member=cites, nomination=a, marks={impact.pk: Decimal(10)}, by=acting(users[1]))
    results = services.award_results(scheme)
    assert [(r.nomination, r.rank, r.total) for r in results] == [
        (b.pk, 1, Decimal(7)),
        (a.pk, 2, Decimal(6)),
    ]
    assert results[1].excluded_members == (cites.pk,)
    with pytest.raises(PermissionDenied):
        services.award_announce(scheme=scheme, by=acting(users[0]), at=AT)
    [certificate] = services.award_announce(scheme=scheme, by=sec, at=AT)
    assert (certificate.nomination_id, certificate.rank, certificate.holder) == (b.pk, 1, "Beta team")
    assert certificate.code.startswith("GCA-")


def test_public_pages_api_and_verification(
    scheme: AwardScheme, published_case: Any, secretariat_user: Any, client: Any
) -> None:
    sec = acting(secretariat_user)
    n = services.nomination_check(nomination=_nomination(scheme, "Alpha", published_case), by=sec)
    assert client.get("/api/v1/awards/2026").json()["winners"] == []  # not announced yet
    member = JuryMember.objects.create(
        scheme=scheme, user=secretariat_user, partner=n.nominating_partner or published_case.reviewers.first()
    )
    services.score_set(
        member=member, nomination=n, marks={c.pk: Decimal(9) for c in scheme.criteria.all()}, by=sec
    )
    services.award_announce(scheme=scheme, by=sec, at=AT)
    code = AwardCertificate.objects.get().code
    body = client.get("/api/v1/awards/2026").json()
    assert [(c["name"], float(c["weight"])) for c in body["criteria"]] == [
        ("Impact", 60.0),
        ("Follow-up", 40.0),
    ]
    assert [(w["rank"], w["nominee"], w["certificate"]) for w in body["winners"]] == [(1, "Alpha team", code)]
    assert client.get("/api/v1/awards/1999").status_code == 404
    page = client.get("/cases/award/2026/").content.decode()
    assert "Alpha team" in page and code in page
    verify = client.get(f"/cases/award/verify/{code}/")
    assert verify.status_code == 200 and "Alpha team" in verify.content.decode()
    assert client.get("/cases/award/verify/GCA-XXXX-XXXX-XXXX/").status_code == 404
    pdf = client.get(f"/cases/award/certificates/{code}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_jury_page_only_for_the_member(scheme: AwardScheme, partners: Any, officer: Any) -> None:
    user = make_user("jury@test.example", Role.PARTNER, totp=True, partner=partners["WCO"])
    JuryMember.objects.create(scheme=scheme, user=user, partner=partners["WCO"])
    assert signed_in_client(user).get("/cases/award/2026/score/").status_code == 200
    assert signed_in_client(officer).get("/cases/award/2026/score/").status_code == 404


def test_demo_loads_once_with_the_guide_cases_and_an_announced_round(db: Any, partners: Any) -> None:
    from greencustoms.accounts.demo import load as load_accounts
    from greencustoms.cases.demo import load
    from greencustoms.cases.models import SeizureCase

    load_accounts(stdout=StringIO())
    load(stdout=StringIO())
    load(stdout=StringIO())
    cases = SeizureCase.objects.filter(is_demo=True)
    assert cases.count() == 3 and all(c.status == "published" for c in cases)
    assert {c.commodity for c in cases} >= {"Hazardous waste (oily slops with caustic soda)"}
    r404a = cases.get(items=["R-404A"])
    assert r404a.co2e_tonnes == Decimal("4705.920")  # 1.2 t × 3921.6
    scheme = AwardScheme.objects.get(year=2027)
    assert scheme.status == "announced"
    assert AwardCertificate.objects.filter(nomination__scheme=scheme).count() == 2  # winners = 2
    results = services.award_results(scheme)
    assert [r.rank for r in results] == [1, 2]
    # the OzonAction member's marks for the first nomination are excluded (declared conflict)
    first = Nomination.objects.get(scheme=scheme, title="Stopping relabelled R-404A (demo)")
    assert next(r for r in results if r.nomination == first.pk).excluded_members != ()
    assert Nomination.objects.get(scheme=scheme, title="National trainers' cascade (demo)").eligible is False


def test_nominate_check_score_and_announce_through_the_pages(
    partners: Any, published_case: Any, enforcement_user: Any, secretariat_user: Any, officer: Any
) -> None:
    scheme = AwardScheme.objects.create(year=2026, title="Award 2026", winners=1)
    Criterion.objects.create(scheme=scheme, name="Impact", weight=Decimal(1))
    assert signed_in_client(officer).get("/cases/award/2026/nominate/").status_code == 404
    officer_client = signed_in_client(enforcement_user)
    answer = officer_client.post(
        "/cases/award/2026/nominate/",
        {"title": "Port team", "nominee": "Dakar port customs", "country": "sn", "statement": "Exemplary.",
         "cases": [published_case.pk]},
    )  # fmt: skip
    assert answer.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.country, list(nomination.cases.all())) == ("SN", [published_case])
    assert officer_client.post("/cases/award/2026/check/").status_code == 404  # the secretariat's step
    sec = signed_in_client(secretariat_user)
    assert sec.post("/cases/award/2026/check/").status_code == 302
    assert sec.post("/cases/award/2026/scoring/").status_code == 302
    nomination.refresh_from_db()
    assert nomination.eligible is True
    member = JuryMember.objects.create(scheme=scheme, user=secretariat_user, partner=partners["WCO"])
    answer = sec.post(
        "/cases/award/2026/score/", {"nomination": nomination.pk, f"c{scheme.criteria.get().pk}": "8.5"}
    )
    assert answer.status_code == 302 and member.scores.get().value == Decimal("8.5")
    assert sec.post("/cases/award/2026/announce/").status_code == 302
    assert AwardCertificate.objects.get().holder == "Dakar port customs"
