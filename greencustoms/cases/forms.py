"""Forms of the cases pages (the service validates again; these give field-by-field errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.cases.models import SeizureCase

AGREEMENT_CHOICES = [
    (s, s.title())
    for s in ("basel", "rotterdam", "stockholm", "montreal", "cites", "cwc", "cartagena", "minamata")
]


class ListField(forms.Field):
    """A list typed as comma-separated values (in a text input)."""

    widget = forms.TextInput

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        return [v.strip() for v in str(value or "").split(",") if v.strip()]


class CaseForm(forms.ModelForm):
    agreements = forms.MultipleChoiceField(
        label=_("Agreements"), choices=AGREEMENT_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    items = ListField(label=_("Controlled items (comma-separated, e.g. HCFC-22, R-404A)"), required=False)
    transit = ListField(label=_("Transit countries (ISO codes, comma-separated)"), required=False)

    class Meta:
        model = SeizureCase
        fields = [
            "date", "country", "region", "agreements", "commodity", "quantity", "unit", "concealment",
            "detection", "prosecution", "penalty", "summary",
            "administration", "place", "transport", "origin", "transit", "destination", "items",
            "hs_declared", "hs_found", "concealment_detail", "detection_detail", "follow_up", "court",
            "penalty_amount", "penalty_currency", "sentence", "offender_name", "offender_details", "detail",
            "sources",
        ]  # fmt: skip
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).upper()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Accept the record")), ("return", _("Return for changes"))],
    )
    note = forms.CharField(
        label=_("Note to the author"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 5}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or JSON file (CEN fields)"))


class NominationForm(forms.Form):
    title = forms.CharField(label=_("Title of the work"), max_length=200)
    nominee = forms.CharField(label=_("Nominated administration or team"), max_length=200)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, min_length=2)
    statement = forms.CharField(
        label=_("Why the work is exemplary"), widget=forms.Textarea(attrs={"rows": 5})
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Published seizure cases"), queryset=SeizureCase.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    training_work = forms.CharField(
        label=_("Training work"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, cases: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if cases is not None:
            field = self.fields["cases"]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = cases


class PhotoForm(forms.Form):
    """A photograph of the seizure (the service checks the type and size and strips the metadata)."""

    image = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(label=_("Description for screen readers (alt text)"), max_length=300)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    public = forms.BooleanField(
        label=_("Show with the public summary (once the secretariat approves it)"), required=False
    )
