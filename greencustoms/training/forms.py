from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.training.choices import Region, WorkshopKind
from greencustoms.training.models import NameUseApplication, PackageVersion


class WorkshopFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *WorkshopKind.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    country = forms.CharField(label=_("Country (ISO code)"), required=False, max_length=2)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    partner = forms.CharField(label=_("Partner (acronym)"), required=False, max_length=40)
    agreement = forms.CharField(label=_("Agreement (slug)"), required=False, max_length=40)


class RosterSearchForm(forms.Form):
    agreement = forms.CharField(label=_("Agreement (slug)"), required=False, max_length=40)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    language = forms.CharField(label=_("Language"), required=False, max_length=8)
    partner = forms.CharField(label=_("Nominating partner (acronym)"), required=False, max_length=40)
    experts_only = forms.BooleanField(label=_("Only the expert database"), required=False)


class NameUseForm(forms.ModelForm):
    class Meta:
        model = NameUseApplication
        fields = ["organization", "event_title", "country", "city", "start", "end", "agenda", "trainers"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }


class DecisionForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ReferralForm(forms.Form):
    to = forms.CharField(label=_("Referred to"), max_length=200, initial="WCO expert database")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NominationForm(forms.Form):
    """An administration's focal point nominates an officer by the e-mail address of the officer's account."""

    email = forms.EmailField(label=_("E-mail address of the officer's account"))
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args: object, languages: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *((code, code) for code in languages)]


class PackageVersionForm(forms.ModelForm):
    """A new version of a partner's part of the national package (numbered after the last one)."""

    partner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Partner"), queryset=None, required=False
    )

    class Meta:
        model = PackageVersion
        fields = ["agreement", "language", "title", "presenter_notes", "complex_points", "contacts"]
        widgets = {
            "language": forms.Select(choices=[("en", "en"), ("fr", "fr"), ("es", "es")]),
            "presenter_notes": forms.Textarea(attrs={"rows": 4}),
            "complex_points": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partners
        field.required = True
        if partners.count() == 1:
            self.fields["partner"].initial = partners.first()


class PackageFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    upload = forms.FileField(label=_("File (slides, notes, print file)"))
    for_print = forms.BooleanField(label=_("Print file for organizers"), required=False)
