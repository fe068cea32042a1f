from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.reviews.choices import Decision


class AnswerForm(forms.Form):
    """A partner's answer: approve, approve with conditions, or comment."""

    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Decision.APPROVED, Decision.APPROVED.label),
            (Decision.APPROVED_WITH_CONDITIONS, Decision.APPROVED_WITH_CONDITIONS.label),
            (Decision.COMMENTED, Decision.COMMENTED.label),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Conditions or comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required with conditions or comments."),
    )
    partner = forms.IntegerField(widget=forms.HiddenInput, required=False)
