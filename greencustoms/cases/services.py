"""Writes of the cases domain: seizure records through review and publication, imports, and the award."""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.cases import cen, scoring
from greencustoms.cases.choices import AwardStatus, CaseStatus, Detection, Unit
from greencustoms.cases.models import (
    PUBLIC_FIELDS,
    RESTRICTED_FIELDS,
    AwardCertificate,
    AwardScheme,
    CasePhoto,
    ConflictOfInterest,
    JuryMember,
    Nomination,
    Score,
    SeizureCase,
)
from greencustoms.cases.quantities import ozone_quantities
from greencustoms.partners.models import Partner

EDITABLE = tuple(f for f in PUBLIC_FIELDS + RESTRICTED_FIELDS if f not in ("odp_tonnes", "co2e_tonnes")) + (
    "cen_reference",
)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are typed from paper


def _reviewers_for(agreements: Iterable[str]) -> list[Partner]:
    """The partners of the case's agreements (``Partner.agreements``) review it; WCO when none does."""
    slugs = set(agreements)
    found = [p for p in Partner.objects.all() if slugs & set(p.agreements or [])]
    return found or list(Partner.objects.filter(acronym="WCO"))


def _refresh_quantities(case: SeizureCase) -> None:
    names = [*(case.items or []), case.commodity]
    case.odp_tonnes, case.co2e_tonnes = ozone_quantities(names=names, quantity=case.quantity, unit=case.unit)


def _apply(case: SeizureCase, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name not in EDITABLE:
            raise ValidationError({name: _("not a field of a seizure record")})
        setattr(case, name, value)
    _refresh_quantities(case)
    _check_summary(case)


#: Words of a company name that say nothing about who it is (a summary may use them).
GENERIC_NAME_WORDS = frozenset(
    [
        "company",
        "companies",
        "trading",
        "limited",
        "ltd",
        "inc",
        "corporation",
        "corp",
        "group",
        "international",
        "import",
        "importer",
        "export",
        "exporter",
        "demo",
        "the",
        "and",
        "sarl",
        "gmbh",
    ]
)


def _check_summary(case: SeizureCase) -> None:
    """The offender's personal data never enters the public summary: not the name, nor a distinctive word of it."""
    if not case.summary or not case.offender_name:
        return
    summary = case.summary.casefold()
    words = [
        w
        for w in re.split(r"[\s,;.()]+", case.offender_name.casefold())
        if len(w) >= 3 and w not in GENERIC_NAME_WORDS
    ]
    named = case.offender_name.casefold() in summary
    if named or any(re.search(rf"\b{re.escape(w)}\b", summary) for w in words):
        raise ValidationError({"summary": _("The public summary names the offender; remove the name.")})


def case_create(
    *, by: Any, data: dict[str, Any], at: datetime, is_demo: bool = False, demo_note: str = ""
) -> SeizureCase:
    """Record a seizure as a draft of ``by`` (its reviewers: the partners of its agreements)."""
    if not policy.can_record_cases(by):
        raise PermissionDenied
    return _create(by=by, data=data, at=at, is_demo=is_demo, demo_note=demo_note)


def _create(
    *, by: Any, data: dict[str, Any], at: datetime, is_demo: bool = False, demo_note: str = ""
) -> SeizureCase:
    case = SeizureCase(
        created_by=by if getattr(by, "pk", None) else None,
        created_at=at,
        is_demo=is_demo,
        demo_note=demo_note,
    )
    _apply(case, data)
    case.full_clean(exclude=["created_by", "summary_approved_by", "reviewed_by"])
    case.save()
    case.reviewers.set(_reviewers_for(case.agreements))
    return case


def case_update(*, case: SeizureCase, by: Any, data: dict[str, Any], at: datetime) -> SeizureCase:
    """Change a draft (or a returned record); a change to the summary withdraws its approval."""
    if not policy.can_edit_case(by, case):
        raise PermissionDenied
    if "summary" in data and data["summary"] != case.summary:
        case.summary_approved_at, case.summary_approved_by = None, None
        case.photos.update(approved_at=None)
    _apply(case, data)
    case.full_clean(exclude=["created_by", "summary_approved_by", "reviewed_by"])
    case.save()
    case.reviewers.set(_reviewers_for(case.agreements))
    return case


def case_submit(*, case: SeizureCase, by: Any, at: datetime) -> SeizureCase:
    """Send a draft to its reviewing partners."""
    if not policy.can_edit_case(by, case) or case.status not in (CaseStatus.DRAFT, CaseStatus.RETURNED):
        raise PermissionDenied
    case.status, case.submitted_at = CaseStatus.SUBMITTED, at
    case.save(update_fields=["status", "submitted_at"])
    return case


def case_review(*, case: SeizureCase, by: Any, approve: bool, note: str, at: datetime) -> SeizureCase:
    """A reviewing partner accepts the record (detail and draft summary) or returns it with a note."""
    if not policy.can_review_case(by, case):
        raise PermissionDenied
    case.status = CaseStatus.REVIEWED if approve else CaseStatus.RETURNED
    case.reviewed_at, case.reviewed_by, case.review_note = at, by, note
    case.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
    return case


def case_approve_summary(*, case: SeizureCase, by: Any, summary: str, at: datetime) -> SeizureCase:
    """The secretariat approves the public summary (its own step, apart from the detail's review)."""
    if not policy.can_publish_case(by):
        raise PermissionDenied
    if not summary.strip():
        raise ValidationError({"summary": _("Write the public summary before approving it.")})
    case.summary = summary.strip()
    _check_summary(case)
    case.summary_approved_at, case.summary_approved_by = at, by
    with transaction.atomic():
        case.save(update_fields=["summary", "summary_approved_at", "summary_approved_by"])
        # The photos marked public now are approved with the summary; the others stay restricted.
        case.photos.filter(public=True).update(approved_at=at)
        case.photos.filter(public=False).update(approved_at=None)
    return case


def case_publish(*, case: SeizureCase, by: Any, at: datetime) -> SeizureCase:
    """Publish the approved public summary of a reviewed record (news, gallery, Guide annex, API)."""
    if not policy.can_publish_case(by):
        raise PermissionDenied
    if case.status != CaseStatus.REVIEWED:
        raise ValidationError(_("Only a record reviewed by its partners can be published."))
    if case.summary_approved_at is None:
        raise ValidationError(_("Approve the public summary first."))
    with transaction.atomic():
        case.status, case.published_at = CaseStatus.PUBLISHED, at
        page = _news_publish(case, at=at)
        case.news_page = page if page is not None else case.news_page
        case.save(update_fields=["status", "published_at", "news_page"])
    return case


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def draft_from_screening_line(
    *, by: Any, job: Any, line: dict[str, Any], decision: Any = None, at: datetime | None = None
) -> SeizureCase:
    """The screening hook (``settings.SCREENING_CASE_HOOK``): a line marked "detained" starts a draft record
    of ``by`` with the declared fields (hs_code, description, origin, destination, quantity, unit, value)
    and the hits filled in. ``decision`` (the screening app's LineDecision) adds its note, when it has one."""
    hits = list(line.get("hits") or [])
    agreements = sorted({str(h.get("agreement")) for h in hits if h.get("agreement")})
    items = [str(h.get("item")) for h in hits if h.get("item")]
    unit = str(line.get("unit") or "").strip().lower()
    unit = {"kgm": "kg", "tne": "t", "ltr": "l", "u": "pieces", "pce": "pieces"}.get(unit, unit)
    if unit not in Unit.values:
        unit = Unit.KG
    origin = str(line.get("origin") or "").upper()[:2]
    destination = str(line.get("destination") or "").upper()[:2]
    evidence = "\n".join(f"{h.get('rule', '')}: {h.get('evidence', '')}" for h in hits)
    note = str(getattr(decision, "note", "") or "")
    when = at or getattr(job, "updated_at", None) or datetime.now().astimezone()
    data = {
        "date": when.date(),
        "country": destination or str(getattr(by, "country", "") or "").upper()[:2] or "XX",
        "agreements": agreements,
        "items": list(dict.fromkeys(items)),
        "commodity": str(line.get("description") or "")[:200] or "—",
        "hs_declared": str(line.get("hs_code") or "")[:12],
        "quantity": _decimal(line.get("quantity")),
        "unit": unit,
        "origin": origin,
        "destination": destination,
        "detection": Detection.SCREENING,
        "detection_detail": evidence,
        "detail": "\n".join(
            [_("Declared value: %(value)s") % {"value": line.get("value", "")}, *([note] if note else [])]
        ),
        "screening_ref": f"job {getattr(job, 'pk', job)} line {line.get('line_no', '')}".strip(),
    }
    return case_create(by=by, data=data, at=when)


@dataclass
class ImportResult:
    created: int
    errors: list[str]


def cases_import(
    *, data: bytes, name: str, by: Any, at: datetime, command_line: bool = False
) -> ImportResult:
    """Import historic or CEN records (CSV or JSON) as drafts of ``by`` (reviewed and published like any record); all or nothing: one bad
    line and nothing is written, every problem listed with its line."""
    if not command_line and not policy.can_import_cases(by):
        raise PermissionDenied
    parsed = cen.parse(data, name=name)
    errors = list(cen.iter_errors(parsed))
    if errors:
        return ImportResult(0, errors)
    with transaction.atomic():
        made = 0
        for line, row in parsed.rows:
            try:
                _create(by=by, data=row, at=at)
            except ValidationError as exc:
                errors += [f"line {line}: {f}: {' '.join(m)}" for f, m in exc.message_dict.items()]
            made += 1
        if errors:
            transaction.set_rollback(True)
            return ImportResult(0, errors)
    return ImportResult(made, [])


# --- the Green Customs Award ----------------------------------------------------------------------------


def eligibility_problems(nomination: Nomination) -> list[str]:
    """Why a nomination is not eligible (empty: eligible). Rules of the scheme: a statement; a named
    administration and country; linked cases published and dated in the award year or the year before;
    at least one linked case or training work."""
    problems = []
    year = nomination.scheme.year
    if not nomination.statement.strip():
        problems.append(_("no statement of why the work is exemplary"))
    if not nomination.nominee.strip() or not nomination.country:
        problems.append(_("the nominated administration or its country is missing"))
    cases = list(nomination.cases.all())
    if not cases and not nomination.training_work.strip():
        problems.append(_("neither a seizure record nor training work is linked"))
    for case in cases:
        if case.status != CaseStatus.PUBLISHED:
            problems.append(_("case %(id)s is not published") % {"id": case.pk})
        elif case.date.year not in (year, year - 1):
            problems.append(
                _("case %(id)s is from %(y)s, outside %(a)s–%(b)s")
                % {"id": case.pk, "y": case.date.year, "a": year - 1, "b": year}
            )
    return problems


def nomination_submit(
    *,
    scheme: AwardScheme,
    by: Any,
    title: str,
    nominee: str,
    country: str,
    statement: str,
    case_ids: list[int],
    training_work: str,
    at: datetime,
) -> Nomination:
    """An administration (vetted officer) or a partner nominates work for the year's award; only
    published cases can be linked."""
    if not policy.can_nominate(by) or scheme.status != AwardStatus.NOMINATIONS:
        raise PermissionDenied
    cases = list(SeizureCase.objects.filter(pk__in=case_ids, status=CaseStatus.PUBLISHED))
    if len(cases) != len(set(case_ids)):
        raise ValidationError({"cases": _("Only published cases can be linked.")})
    nomination = Nomination.objects.create(
        scheme=scheme,
        title=title,
        nominee=nominee,
        country=country.upper(),
        statement=statement,
        training_work=training_work,
        nominated_by=by,
        nominating_partner_id=policy.staff_partner_id(by),
        submitted_at=at,
    )
    nomination.cases.set(cases)
    return nomination


def nomination_check(*, nomination: Nomination, by: Any) -> Nomination:
    if not policy.can_manage_award(by):
        raise PermissionDenied
    problems = eligibility_problems(nomination)
    nomination.eligible, nomination.eligibility_note = not problems, "; ".join(problems)
    nomination.save(update_fields=["eligible", "eligibility_note"])
    return nomination


def conflict_declare(
    *, member: JuryMember, nomination: Nomination, reason: str, by: Any, at: datetime
) -> ConflictOfInterest:
    """A jury member (or the secretariat for them) declares a conflict: their marks for it stop counting."""
    if not (policy.can_score_award(by, member) or policy.can_manage_award(by)):
        raise PermissionDenied
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        member=member, nomination=nomination, defaults={"reason": reason, "declared_at": at}
    )
    return conflict


def score_set(
    *, member: JuryMember, nomination: Nomination, marks: dict[int, Decimal | str], by: Any
) -> None:
    """A jury member's marks (criterion id → 0–10, as numbers or the form's text) for a nomination; refused when they declared a conflict."""
    if not policy.can_score_award(by, member):
        raise PermissionDenied
    if member.scheme.status != AwardStatus.SCORING:
        raise ValidationError(_("The jury is not scoring now."))
    if ConflictOfInterest.objects.filter(member=member, nomination=nomination).exists():
        raise ValidationError(_("You declared a conflict of interest with this nomination."))
    criteria = {c.pk: c for c in member.scheme.criteria.all()}
    for criterion_id, value in marks.items():
        if criterion_id not in criteria:
            raise ValidationError({"criterion": _("not a criterion of this award")})
        if not Decimal(0) <= Decimal(value) <= Decimal(10):
            raise ValidationError({"value": _("a mark is between 0 and 10")})
        Score.objects.update_or_create(
            member=member, nomination=nomination, criterion=criteria[criterion_id], defaults={"value": value}
        )


def award_open_scoring(*, scheme: AwardScheme, by: Any) -> AwardScheme:
    """Close the nominations and let the jury mark the eligible ones."""
    if not policy.can_manage_award(by):
        raise PermissionDenied
    scheme.status = AwardStatus.SCORING
    scheme.save(update_fields=["status"])
    return scheme


def award_results(scheme: AwardScheme) -> list[scoring.Result]:
    """The ranking of the scheme's eligible nominations (conflicted members' marks excluded)."""
    criteria = [scoring.CriterionSpec(c.pk, c.name, c.weight) for c in scheme.criteria.all()]
    nominations = list(scheme.nominations.filter(eligible=True))
    scores: dict[tuple[scoring.Key, scoring.Key, scoring.Key], Decimal] = {
        (s.member_id, s.nomination_id, s.criterion_id): s.value
        for s in Score.objects.filter(nomination__scheme=scheme)
    }
    conflicts = ConflictOfInterest.objects.filter(nomination__scheme=scheme).values_list(
        "member_id", "nomination_id"
    )
    return scoring.rank(
        [n.pk for n in nominations],
        criteria,
        scores,
        list(conflicts),
        names={n.pk: n.title for n in nominations},
    )


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"GCA-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def award_announce(*, scheme: AwardScheme, by: Any, at: datetime) -> list[AwardCertificate]:
    """Announce the winners (every nomination ranked within ``scheme.winners``) and issue their certificates."""
    if not policy.can_manage_award(by):
        raise PermissionDenied
    results = award_results(scheme)
    nominations: dict[scoring.Key, Nomination] = {n.pk: n for n in scheme.nominations.all()}
    issued = []
    with transaction.atomic():
        for result in results:
            if result.rank is None or result.rank > scheme.winners:
                continue
            nomination = nominations[result.nomination]
            certificate, _created = AwardCertificate.objects.get_or_create(
                nomination=nomination,
                defaults={
                    "code": _new_code(),
                    "rank": result.rank,
                    "holder": nomination.nominee,
                    "title": scheme.title,
                    "year": scheme.year,
                    "issued_at": at,
                },
            )
            issued.append(certificate)
        scheme.status, scheme.announced_at = AwardStatus.ANNOUNCED, at
        scheme.save(update_fields=["status", "announced_at"])
    return issued


# --- photographs ---------------------------------------------------------------------------------------

#: Accepted image formats (Pillow's names) and their content types; anything else is refused.
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000


def _clean_image(data: bytes) -> tuple[bytes, str, int, int]:
    """Check an uploaded photograph and re-encode it without its metadata (EXIF, GPS, XMP, comments).

    Returns (bytes, content type, width, height). The pixels are kept (turned upright by the EXIF
    orientation first, since that tag goes); nothing else of the file is copied."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    limit = getattr(settings, "CASES_PHOTO_MAX_BYTES", PHOTO_MAX_BYTES)
    if len(data) > limit:
        raise ValidationError(
            {"image": _("The photo is %(size)s MB; the limit is %(limit)s MB.")
             % {"size": round(len(data) / 1048576, 1), "limit": round(limit / 1048576, 1)}}
        )  # fmt: skip
    if not data:
        raise ValidationError({"image": _("The file is empty.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format or ""
            if kind not in PHOTO_FORMATS:
                raise ValidationError(
                    {"image": _("Send a JPEG, PNG or WebP photo (this file is %(kind)s).") % {"kind": kind or "?"}}
                )  # fmt: skip
            if probe.width * probe.height > PHOTO_MAX_PIXELS:
                raise ValidationError({"image": _("The photo has too many pixels (at most 40 megapixels).")})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            elif upright.mode not in ("RGB", "RGBA", "L", "LA"):
                upright = upright.convert("RGBA")
            # A new image from the pixels alone: no ``info`` (EXIF, GPS, XMP, ICC, text chunks) comes along.
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            out = io.BytesIO()
            options: dict[str, Any] = {"quality": 90} if kind in ("JPEG", "WEBP") else {}
            clean.save(out, format=kind, **options)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            {"image": _("This file is not a photo that can be read (JPEG, PNG or WebP).")}
        ) from exc
    return out.getvalue(), PHOTO_FORMATS[kind], clean.width, clean.height


def photo_add(
    *,
    case: SeizureCase,
    by: Any,
    data: bytes,
    alt_text: str,
    caption: str = "",
    public: bool = False,
    at: datetime,
) -> CasePhoto:
    """Add a photograph to a record, stripped of its metadata. A photo marked public stays at enforcement
    level until the secretariat approves the public summary (again) and the case is published."""
    if not policy.can_add_case_photo(by, case):
        raise PermissionDenied
    if not alt_text.strip():
        raise ValidationError({"alt_text": _("Describe the photo for people who cannot see it.")})
    if public and case.offender_name and case.offender_name.casefold() in f"{alt_text} {caption}".casefold():
        raise ValidationError({"caption": _("A public photo's text names the offender; remove the name.")})
    body, content_type, width, height = _clean_image(data)
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[content_type]
    photo = CasePhoto(
        case=case, content_type=content_type, width=width, height=height, alt_text=alt_text.strip()[:300],
        caption=caption.strip()[:300], public=public, uploaded_by=by if getattr(by, "pk", None) else None,
        uploaded_at=at,
    )  # fmt: skip
    photo.image.save(f"{secrets.token_hex(12)}.{extension}", ContentFile(body), save=False)
    photo.save()
    return photo


def photo_delete(*, photo: CasePhoto, by: Any) -> None:
    if not policy.can_add_case_photo(by, photo.case):
        raise PermissionDenied
    photo.image.delete(save=False)
    photo.delete()


# --- publication on the website's news page --------------------------------------------------------------


def _news_body(case: SeizureCase) -> str:
    from django.utils.html import escape

    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in case.summary.split("\n") if p.strip())
    link = escape(case.get_absolute_url())
    return f'{paragraphs}<p><a href="{link}">{escape(_("Read the public summary of the case"))}</a></p>'


def _news_publish(case: SeizureCase, *, at: datetime) -> Any:
    """Create (or bring back) the news item of a published case on the website's news page; None when the
    site has no news page."""
    from greencustoms.website.services import news_item_publish

    title = _("Seizure: %(commodity)s (%(country)s, %(date)s)") % {
        "commodity": case.commodity, "country": case.country, "date": f"{case.date:%Y-%m-%d}",
    }  # fmt: skip
    intro = case.summary.split("\n")[0][:500]
    page = news_item_publish(
        page=case.news_page, title=title[:255], date=at.date(), intro=intro, body=_news_body(case),
        slug=f"seizure-case-{case.pk}",
    )  # fmt: skip
    return page


def case_unpublish(*, case: SeizureCase, by: Any, at: datetime) -> SeizureCase:
    """Withdraw a published summary (back to "reviewed"): it leaves the gallery, the API, the feed, the
    search and the Guide's list, and its news item is unpublished."""
    from greencustoms.website.services import news_item_unpublish

    if not policy.can_publish_case(by):
        raise PermissionDenied
    if case.status != CaseStatus.PUBLISHED:
        raise ValidationError(_("Only a published record can be withdrawn."))
    with transaction.atomic():
        case.status, case.published_at = CaseStatus.REVIEWED, None
        case.save(update_fields=["status", "published_at"])
        if case.news_page_id is not None:
            news_item_unpublish(page=case.news_page)
    return case
