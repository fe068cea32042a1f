"""Forms of the events domain."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportApprovalForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
