"""Registration, verification, sign-in with throttling and two factors, enforcement vetting, tokens."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts.models import ApiToken, AuditEntry, EnforcementAccreditation, User
from greencustoms.conftest import PASSWORD, make_user, signed_in_client

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _register(client, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "email": "New.Officer@Customs.example",
        "full_name": "New Officer",
        "country": "GH",
        "administration": "Ghana Revenue Authority",
        "languages": ["en", "fr"],
        "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
        **overrides,
    }
    return client.post(reverse("accounts:register"), data)


def test_registration_creates_an_inactive_account_and_sends_a_working_verification_link(client):  # type: ignore[no-untyped-def]
    response = _register(client)
    assert response.status_code == 200
    user = User.objects.get(email="new.officer@customs.example")
    assert not user.is_active and user.role == "officer" and user.languages == ["en", "fr"]
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1]
    assert client.get(path).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    assert (
        client.post(
            reverse("accounts:login"), {"username": user.email, "password": "a-long-enough-passphrase"}
        ).status_code
        == 302
    )


def test_registration_errors_name_the_field_and_save_nothing(client):  # type: ignore[no-untyped-def]
    response = _register(client, password2="different-passphrase", country="XX")
    assert response.status_code == 200
    content = response.content.decode()
    assert "The two passwords differ." in content
    assert 'id="id_country_error"' in content
    assert not User.objects.exists()


def test_tampered_verification_link_is_refused(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("accounts:verify_email", args=["not-a-token"]))
    assert response.status_code == 400


def test_five_failed_sign_ins_lock_the_account_even_for_the_right_password(client, officer):  # type: ignore[no-untyped-def]
    url = reverse("accounts:login")
    for _ in range(4):
        assert client.post(url, {"username": officer.email, "password": "wrong-password"}).status_code == 200
    assert client.post(url, {"username": officer.email, "password": "wrong-password"}).status_code == 429
    response = client.post(url, {"username": officer.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_in_with_a_device_asks_for_the_code_and_verifies_the_session(client, partner_user):  # type: ignore[no-untyped-def]
    response = client.post(reverse("accounts:login"), {"username": partner_user.email, "password": PASSWORD})
    assert response.status_code == 302 and reverse("accounts:two_factor_verify") in response["Location"]
    assert "_auth_user_id" not in client.session
    bad = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    assert "not valid" in bad.content.decode()
    device = TOTPDevice.objects.get(user=partner_user)
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    ok = client.post(reverse("accounts:two_factor_verify"), {"code": _code(device)})
    assert ok.status_code == 302
    assert client.get("/api/v1/me").json()["levels"] == ["public", "registered", "intranet"]


def test_partner_staff_without_a_device_are_sent_to_set_one_up(client, partners):  # type: ignore[no-untyped-def]
    user = make_user("nodevice@partner.example", "partner", partner=partners["CITES"])
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response["Location"].endswith(reverse("accounts:two_factor_setup"))
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200 and "totp-secret" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("accounts:two_factor_setup"), {"code": _code(device)}).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_enforcement_request_approval_and_two_factor_path(client, officer, secretariat_user):  # type: ignore[no-untyped-def]
    officer_client = signed_in_client(officer)
    response = officer_client.post(
        reverse("accounts:accreditation_request"), {"administration": "KRA Enforcement", "justification": ""}
    )
    assert "justification" in response.content.decode() and not EnforcementAccreditation.objects.exists()
    officer_client.post(
        reverse("accounts:accreditation_request"),
        {"administration": "KRA Enforcement", "justification": "Risk analyst, ODS desk"},
    )
    acc = EnforcementAccreditation.objects.get(user=officer)
    assert acc.status == "requested"

    # An officer cannot decide; the secretariat can.
    assert (
        officer_client.post(
            reverse("accounts:vetting_decide", args=[acc.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    sec = signed_in_client(secretariat_user)
    assert "Risk analyst, ODS desk" in sec.get(reverse("accounts:vetting")).content.decode()
    sec.post(reverse("accounts:vetting_decide", args=[acc.pk]), {"decision": "approve", "note": "ok"})
    acc.refresh_from_db()
    assert acc.status == "approved" and acc.expires_at is not None
    assert AuditEntry.objects.filter(action="approve", object_id=str(acc.pk)).exists()

    # Approved but no second factor yet: still only registered-level access.
    assert "enforcement" not in signed_in_client(officer).get("/api/v1/me").json()["levels"]
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    assert "enforcement" in signed_in_client(officer).get("/api/v1/me").json()["levels"]


def test_api_token_from_profile_authenticates_and_can_be_revoked(client, officer):  # type: ignore[no-untyped-def]
    c = signed_in_client(officer)
    c.post(reverse("accounts:token_create"), {"name": "risk script"})
    page = c.get(reverse("accounts:profile")).content.decode()
    secret = re.search(r'id="new-token">([^<]+)<', page).group(1)
    token = ApiToken.objects.get(user=officer)
    assert token.digest != secret and secret not in token.digest
    anon = signed_in_client(None)
    assert anon.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["email"] == officer.email
    c.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert anon.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert anon.get("/api/v1/me").status_code == 401
    assert anon.get("/api/v1/me", HTTP_AUTHORIZATION="Token abc").status_code == 401


def test_idle_enforcement_accounts_are_warned_then_suspended(enforcement_user):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from greencustoms.accounts.services import enforcement_housekeeping

    now = timezone.now()
    User.objects.filter(pk=enforcement_user.pk).update(last_seen_at=now - timedelta(days=81))
    assert enforcement_housekeeping(at=now).warned == 1
    assert enforcement_housekeeping(at=now).warned == 0  # warned once, not every hour
    assert "will be suspended" in mail.outbox[-1].subject
    User.objects.filter(pk=enforcement_user.pk).update(last_seen_at=now - timedelta(days=91))
    report = enforcement_housekeeping(at=now)
    assert report.suspended == 1
    assert enforcement_user.accreditations.get().status == "suspended"


def test_audit_entries_are_append_only(officer):  # type: ignore[no-untyped-def]
    from greencustoms.accounts.policy import audit

    audit(actor=officer, action="view", obj=officer, channel="test")
    entry = AuditEntry.objects.get()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(channel="x")


def test_token_command_prints_a_working_token(officer, capsys):  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    call_command("token", "create", officer.email)
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("gc_")
    assert signed_in_client(None).get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
