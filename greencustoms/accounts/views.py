"""Account pages: sign-in with two factors, registration, profile, tokens, enforcement vetting."""

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts import policy, selectors, services
from greencustoms.accounts.backends import normalize_login
from greencustoms.accounts.choices import AuditAction
from greencustoms.accounts.forms import (
    AccreditationDecisionForm,
    AccreditationRequestForm,
    LoginForm,
    OTPForm,
    ProfileForm,
    RegistrationForm,
    TokenForm,
)
from greencustoms.accounts.models import ApiToken, EnforcementAccreditation, User
from greencustoms.accounts.policy import audit, effective_roles, is_two_factor_verified

PENDING_SESSION_KEY = "_gc_pending_2fa_user"
PENDING_MAX_AGE = 300


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _finish_login(request: HttpRequest, user: User) -> None:
    login(request, user, backend="greencustoms.accounts.backends.EmailBackend")
    if policy.is_sign_in_audited(user):
        audit(actor=user, action=AuditAction.LOGIN, obj=user, channel="login", request=request)


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if selectors.sign_in_locked(normalize_login(form.cleaned_data["username"])):
            return render(request, "accounts/locked_out.html", status=429)
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(
                None, _("E-mail address or password is wrong, or the account is not yet activated.")
            )
        elif selectors.has_totp_device(user):
            request.session[PENDING_SESSION_KEY] = {"id": user.pk, "at": timezone.now().timestamp()}
            verify = reverse("accounts:two_factor_verify")
            return HttpResponseRedirect(f"{verify}?next={_next_url(request, reverse('accounts:profile'))}")
        else:
            _finish_login(request, user)
            return HttpResponseRedirect(_next_url(request, reverse("accounts:profile")))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request, "")})


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_SESSION_KEY)
    if request.user.is_authenticated:
        return request.user  # type: ignore[return-value]
    if not pending or timezone.now().timestamp() - pending["at"] > PENDING_MAX_AGE:
        return None
    return User.objects.filter(pk=pending["id"], is_active=True).first()


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the authenticator app."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = OTPForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        device = next(
            (d for d in TOTPDevice.objects.filter(user=user, confirmed=True) if d.verify_token(code)), None
        )
        if device is None:
            form.add_error("code", _("This code is not valid. Check the time on your phone and try again."))
        else:
            request.session.pop(PENDING_SESSION_KEY, None)
            if not request.user.is_authenticated:
                _finish_login(request, user)
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request, reverse("accounts:profile")))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request, "")})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = BytesIO()
    image.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enable TOTP: scan the QR code (or type the secret) and confirm with a first code."""
    user: User = request.user  # type: ignore[assignment]
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or request.method == "GET" and "restart" in request.GET:
        device = services.totp_device_start(user=user)
    form = OTPForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:profile")
        form.add_error("code", _("This code is not valid. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "secret": secret, "qr": _qr_svg(device.config_url)}
    return render(request, "accounts/two_factor_setup.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with reset mails throttled per e-mail address and per client address.

    The same answer whether or not an account has the address: the throttle counts requests, not mails.
    """

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        email, now = normalize_login(form.cleaned_data["email"]), timezone.now()
        ip_address = self.request.META.get("REMOTE_ADDR") or None
        if selectors.password_reset_throttled(email=email, ip_address=ip_address, at=now):
            form.add_error(
                None,
                _(
                    "Too many password-reset requests for this address or from your network. "
                    "Wait an hour, then try again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        services.password_reset_request_log(email=email, ip_address=ip_address, at=now)
        return super().form_valid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")


@sensitive_post_parameters("password1", "password2")
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_register(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            country=data["country"],
            administration=data["administration"],
            languages=data["languages"],
            at=timezone.now(),
        )
        return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.user_verify_email(token=token, at=timezone.now())
    except ValidationError as exc:
        return render(request, "accounts/verify_email.html", {"error": exc.messages[0]}, status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("accounts:login")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    context: dict[str, Any] = {
        "form": form,
        "roles": sorted(r.label for r in effective_roles(user)),
        "accreditation": user.accreditations.first(),
        "has_totp": selectors.has_totp_device(user),
        "tokens": selectors.user_tokens(user),
        "token_form": TokenForm(),
        "accreditation_form": AccreditationRequestForm(initial={"administration": user.administration}),
        "new_token": request.session.pop("_gc_new_token", None),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, secret = services.api_token_create(
            user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
            two_factor=is_two_factor_verified(request.user),
            at=timezone.now(),
        )
        request.session["_gc_new_token"] = secret
    else:
        messages.error(request, _("Token name: %(error)s") % {"error": form.errors["name"][0]})
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token, by=request.user, at=timezone.now())  # type: ignore[arg-type]
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:profile")


@login_required
def accreditation_request(request: HttpRequest) -> HttpResponse:
    form = AccreditationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accreditation_request(user=request.user, at=timezone.now(), **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Your request is sent to the GCI secretariat."))
            return redirect("accounts:profile")
    return render(request, "accounts/accreditation_request.html", {"form": form})


def _require_secretariat(request: HttpRequest) -> User:
    user = request.user
    if not policy.can_decide_accreditation(user):
        raise PermissionDenied
    return user  # type: ignore[return-value]


@login_required
def vetting(request: HttpRequest) -> HttpResponse:
    """The secretariat's queue of enforcement requests."""
    _require_secretariat(request)
    recent = EnforcementAccreditation.objects.exclude(status="requested").select_related(
        "user", "decided_by"
    )[:50]
    context = {
        "pending": selectors.pending_accreditations(),
        "recent": recent,
        "form": AccreditationDecisionForm(),
    }
    return render(request, "accounts/vetting.html", context)


@login_required
@require_POST
def vetting_decide(request: HttpRequest, pk: int) -> HttpResponse:
    by = _require_secretariat(request)
    accreditation = get_object_or_404(EnforcementAccreditation, pk=pk)
    form = AccreditationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or refuse."))
        return redirect("accounts:vetting")
    try:
        services.accreditation_decide(
            accreditation=accreditation,
            approve=form.cleaned_data["decision"] == "approve",
            by=by,
            at=timezone.now(),
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Decision recorded for %(user)s.") % {"user": accreditation.user})
    return redirect("accounts:vetting")
