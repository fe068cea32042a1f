"""Forms of the licensing domain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.licensing.choices import ANSWERS, ConsultationStatus
from greencustoms.licensing.models import Consultation


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Records"), choices=[("quotas", _("Quotas")), ("licences", _("Licences"))]
    )
    file = forms.FileField(label=_("Template file (CSV or XLSX)"))


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "exporting_country",
            "importing_country",
            "substance",
            "quantity_kg",
            "importer",
            "exporter",
            "shipment_date",
        ]
        widgets = {"shipment_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, countries: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["exporting_country"] = forms.ChoiceField(
                label=_("exporting country"), choices=[(c, c) for c in countries]
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        exporting, importing = data.get("exporting_country", ""), data.get("importing_country", "")
        if exporting and importing and exporting.upper() == importing.upper():
            self.add_error(
                "importing_country", _("The importing country must differ from the exporting country.")
            )
        return data


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Answer"), choices=[(a.value, a.label) for a in ANSWERS])
    reference = forms.CharField(label=_("Reference (licence or file number)"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ConsultationStatus.YES and not data.get("reference"):
            self.add_error("reference", _("A yes names the licence that covers the shipment."))
        return data


class MirrorForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("Comtrade-format file (CSV or Parquet)"))
    granularity = forms.ChoiceField(label=_("Period"), choices=[("year", _("Year")), ("month", _("Month"))])
    weight_tolerance = forms.FloatField(
        label=_("Relative tolerance (0.10 = 10 %)"), initial=0.10, min_value=0
    )
    min_gap_kg = forms.FloatField(label=_("Gap never flagged below (kg)"), initial=100.0, min_value=0)
    cif_fob_ratio = forms.FloatField(label=_("CIF/FOB ratio"), initial=1.10, min_value=0.5, max_value=3)
    timing_periods = forms.IntegerField(
        label=_("Timing window (periods either side)"), initial=1, min_value=0, max_value=12
    )
    from_year = forms.IntegerField(label=_("From year"), required=False, min_value=1962, max_value=2100)
    to_year = forms.IntegerField(label=_("To year"), required=False, min_value=1962, max_value=2100)
    basis = forms.ChoiceField(
        label=_("ODP/GWP of a code covering several substances"),
        choices=[("min", _("lowest (gaps are lower bounds)")), ("max", _("highest")), ("mean", _("mean"))],
    )
