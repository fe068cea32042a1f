"""Partner staff rights in the library need a second factor: the selectors ask the policy."""

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from greencustoms.accounts.policy import Level
from greencustoms.conftest import verified
from greencustoms.library import selectors, services
from greencustoms.library.choices import FeedbackStatus
from greencustoms.library.models import Document, Feedback
from greencustoms.library.pdf import simple_pdf


@pytest.fixture
def wco_document(partners: Any, partner_user: Any, officer: Any, trainer: Any) -> Document:
    document = services.document_create(
        title="WCO flyer",
        owner_partner=partners["WCO"],
        doc_type="flyer",
        language="en",
        access_level=Level.PUBLIC,
        fh=io.BytesIO(simple_pdf("WCO flyer", ["text"])),
        name="flyer.pdf",
        by=verified(partner_user),
        at=timezone.now(),
    )
    for author, status, comment in [
        (officer, FeedbackStatus.APPROVED, "approved zq1"),
        (trainer, FeedbackStatus.PENDING, "pending zq2"),
    ]:
        Feedback.objects.create(
            document=document,
            author=author,
            rating=4,
            comment=comment,
            status=status,
            created_at=timezone.now(),
        )
    return document


def test_partner_staff_with_two_factors_read_all_feedback_on_their_documents(
    wco_document: Document, partner_user: Any
) -> None:
    comments = {f.comment for f in selectors.feedback_on_partner_documents(verified(partner_user))}
    assert comments == {"approved zq1", "pending zq2"}


def test_partner_staff_with_password_only_get_no_partner_feedback_list(
    wco_document: Document, partner_without_2fa: Any
) -> None:
    """library/selectors.py read ``user.partner_id`` without asking for the second factor."""
    assert list(selectors.feedback_on_partner_documents(partner_without_2fa)) == []


def test_partner_staff_with_password_only_cannot_add_documents(
    partners: Any, partner_without_2fa: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.document_create(
            title="Not without a second factor",
            owner_partner=partners["WCO"],
            doc_type="flyer",
            language="en",
            access_level=Level.PUBLIC,
            fh=io.BytesIO(simple_pdf("x", ["y"])),
            name="x.pdf",
            by=partner_without_2fa,
            at=timezone.now(),
        )
    assert not Document.objects.filter(title="Not without a second factor").exists()
