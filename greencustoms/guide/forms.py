"""Forms of the Guide: open a review round, comment, decide, resolve, ask for copies."""

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.guide.choices import Decision


class RoundOpenForm(forms.Form):
    deadline = forms.DateField(
        label=_("Deadline for comments"), widget=forms.DateInput(attrs={"type": "date"})
    )
    message = forms.CharField(
        label=_("Message to the partners"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class CommentForm(forms.Form):
    target = forms.ChoiceField(label=_("About"))
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, targets: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["target"].choices = targets


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.APPROVED, Decision.APPROVED.label),
            (Decision.APPROVED_WITH_CONDITIONS, Decision.APPROVED_WITH_CONDITIONS.label),
        ],
        widget=forms.RadioSelect,
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when you approve with conditions; the secretariat resolves each one."),
    )
    partner = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if (
            data.get("decision") == Decision.APPROVED_WITH_CONDITIONS
            and not (data.get("conditions") or "").strip()
        ):
            self.add_error("conditions", _("State the conditions of the approval."))
        return data


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 2}))


class DistributionForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=None)  # type: ignore[arg-type]
    printed_copies = forms.IntegerField(label=_("Printed copies"), min_value=0, initial=0)
    offline_copies = forms.IntegerField(label=_("Offline copies (USB stick or CD)"), min_value=0, initial=0)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: object, events: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["event"].queryset = events  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        if (data.get("printed_copies") or 0) + (data.get("offline_copies") or 0) == 0:
            raise forms.ValidationError(_("Ask for at least one printed or offline copy."))
        return data
