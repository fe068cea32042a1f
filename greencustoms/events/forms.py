"""Forms of the events domain."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportApprovalForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    with_conditions = forms.BooleanField(
        label=_("Approve with conditions (state them in the comment)"), required=False
    )
