"""Forms of the external e-learning figures (imported by the secretariat)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.partners.models import Partner


class TableUploadForm(forms.Form):
    """A filled-in template (CSV or XLSX)."""

    table = forms.FileField(label=_("Filled-in template (CSV or XLSX)"))

    def clean_table(self) -> Any:
        upload = self.cleaned_data["table"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class XapiUploadForm(forms.Form):
    """An LRS export of xAPI statements, with what the statements themselves do not say."""

    statements = forms.FileField(label=_("xAPI statements (JSON export of the LRS)"))
    platform = forms.CharField(label=_("Hosting platform"), max_length=120, initial="WCO CLiKC!")
    partner = forms.ModelChoiceField(
        label=_("Owner partner of modules not on this platform"),
        queryset=Partner.objects.order_by("acronym"),
        required=False,
    )
    source = forms.CharField(label=_("Source (report title or URL)"), max_length=500)
    reported_on = forms.DateField(label=_("Reported on"), help_text=_("YYYY-MM-DD"))
    period_start = forms.DateField(label=_("Period start"), required=False, help_text=_("YYYY-MM-DD"))
    period_end = forms.DateField(label=_("Period end"), required=False, help_text=_("YYYY-MM-DD"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data
