"""Forms of the accounts pages; every error is shown next to its field."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.countries import country_choices
from greencustoms.accounts.models import User


class LoginForm(forms.Form):
    # Named "username" because that is the field django-axes throttles on.
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class OTPForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Enter the six digits shown by your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class RegistrationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    country = forms.ChoiceField(label=_("Country"))
    administration = forms.CharField(
        label=_("Administration"),
        max_length=200,
        help_text=_("For example: Kenya Revenue Authority – Customs"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=_language_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["country"].choices = [("", "—")] + country_choices()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self) -> dict:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=_language_choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ["full_name", "country", "administration", "languages"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["country"].choices = [("", "—")] + country_choices()


class AccreditationRequestForm(forms.Form):
    administration = forms.CharField(label=_("Administration and unit"), max_length=200)
    justification = forms.CharField(
        label=_("Why do you need restricted enforcement material?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class AccreditationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))], label=_("Decision")
    )
    note = forms.CharField(
        label=_("Note to the officer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. 'risk script'")
    )
