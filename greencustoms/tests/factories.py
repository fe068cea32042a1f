"""factory_boy factories shared by the apps' tests: accounts, accreditations, partners, documents.

Apps' tests build their objects with these (or the fixtures of ``greencustoms/conftest.py``, which use them)
rather than with hand-written ``objects.create`` calls, so a new required field is filled in one place.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts.choices import AccreditationStatus, Level, Role
from greencustoms.accounts.models import EnforcementAccreditation, User
from greencustoms.agreements.models import Agreement, Source
from greencustoms.library.choices import DocumentType, Language
from greencustoms.library.models import Document
from greencustoms.partners.choices import PartnerKind, PartnerStatus
from greencustoms.partners.models import Partner

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test password


class UserFactory(factory.django.DjangoModelFactory):
    """An active account with the test password; ``totp=True`` adds a confirmed TOTP device."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    full_name = factory.LazyAttribute(lambda o: o.email.split("@")[0].title())
    role = Role.OFFICER

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        return model_class.objects.create_user(*args, password=PASSWORD, **kwargs)

    @factory.post_generation
    def totp(obj: User, create: bool, extracted: bool | None, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            TOTPDevice.objects.create(user=obj, name="test", confirmed=True)


class EnforcementAccreditationFactory(factory.django.DjangoModelFactory):
    """An approved accreditation valid for ``days`` (365) from now."""

    class Meta:
        model = EnforcementAccreditation

    class Params:
        days = 365

    user = factory.SubFactory(UserFactory)
    administration = "Test customs"
    justification = "test"
    status = AccreditationStatus.APPROVED
    requested_at = factory.LazyFunction(timezone.now)
    decided_at = factory.LazyAttribute(lambda o: o.requested_at)
    expires_at = factory.LazyAttribute(lambda o: o.requested_at + timedelta(days=o.days))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    acronym = factory.Sequence(lambda n: f"P{n}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    name = factory.LazyAttribute(lambda o: f"Partner {o.acronym}")
    kind = PartnerKind.IGO
    status = PartnerStatus.PARTNER


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = "test-source"
    title = "A source of the tests"


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement row as the reference data has it (``slug`` and ``short_name`` are what documents show)."""

    class Meta:
        model = Agreement
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"agreement-{n}")
    name = factory.LazyAttribute(lambda o: f"The {o.short_name} Convention")
    short_name = factory.LazyAttribute(lambda o: o.slug.title())
    source = factory.SubFactory(SourceFactory)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A library document without files, public unless ``access_level`` says otherwise."""

    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    owner_partner = factory.SubFactory(PartnerFactory)
    doc_type = DocumentType.FLYER
    language = Language.EN
    access_level = Level.PUBLIC
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda o: o.created_at)
