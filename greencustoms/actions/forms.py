"""Forms of the actions domain: list filters, progress, answers to the plan, membership, donors, new actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.actions.choices import (
    ActionStatus,
    DonorResponse,
    Intention,
    MembershipStatus,
    MembershipView,
)
from greencustoms.actions.models import ActionPoint
from greencustoms.partners.models import Partner


class ActionFilterForm(forms.Form):
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ActionStatus.choices]
    )
    meeting = forms.TypedChoiceField(label=_("Meeting"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    open_months = forms.IntegerField(
        label=_("Open without a deadline for more than (months)"), required=False, min_value=0, max_value=600
    )

    def __init__(self, *args, owners=(), meetings=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [
            ("", _("Any owner")),
            ("secretariat", _("GCI Secretariat")),
            ("each", _("Each partner")),
            *[(p.acronym, p.acronym) for p in owners],
        ]
        self.fields["meeting"].choices = [("", _("Any meeting")), *[(m.pk, m.title) for m in meetings]]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")


class ActivityResponseForm(forms.Form):
    intention = forms.ChoiceField(label=_("Will your organization take part?"), choices=Intention.choices)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PartnerViewForm(forms.Form):
    view = forms.ChoiceField(label=_("Your organization's view"), choices=MembershipView.choices)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MembershipDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (MembershipStatus.ACCEPTED, MembershipStatus.ACCEPTED.label),
            (MembershipStatus.DECLINED, MembershipStatus.DECLINED.label),
        ],
    )
    decision_text = forms.CharField(label=_("Decision as recorded"), widget=forms.Textarea(attrs={"rows": 3}))


class DonorForm(forms.Form):
    donor = forms.CharField(label=_("Donor"), max_length=200)
    approached_on = forms.DateField(
        label=_("Approached on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    response = forms.ChoiceField(label=_("Response"), choices=DonorResponse.choices)
    amount_pledged = forms.DecimalField(
        label=_("Amount pledged"), required=False, min_value=0, decimal_places=2
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ActionCreateForm(forms.Form):
    """The secretariat records an agreed action as the report words it; the deadline is read from the words."""

    number = forms.IntegerField(label=_("Number"), min_value=1)
    heading = forms.CharField(label=_("Heading"), required=False, max_length=200)
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    owners = forms.ModelMultipleChoiceField(
        label=_("Owner partners"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    owner_secretariat = forms.BooleanField(label=_("The GCI secretariat"), required=False)
    owner_each_partner = forms.BooleanField(label=_("Each partner"), required=False)
    owners_text = forms.CharField(label=_("By whom, as agreed"), required=False, max_length=500)
    due_text = forms.CharField(
        label=_("By when, as agreed"),
        required=False,
        max_length=500,
        help_text=_('e.g. "End of April 2007", "15 May 2007", "As soon as possible", "On-going basis"'),
    )

    def __init__(self, *args, meeting=None, **kwargs):  # type: ignore[no-untyped-def]

        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["owners"].queryset = Partner.objects.order_by("acronym")
        if meeting is not None and not self.is_bound:
            last = ActionPoint.objects.filter(meeting=meeting).order_by("-number").first()
            self.initial.setdefault("number", (last.number + 1) if last else 1)

    def clean_number(self) -> int:

        number = self.cleaned_data["number"]
        if (
            self.meeting is not None
            and ActionPoint.objects.filter(meeting=self.meeting, number=number).exists()
        ):
            raise forms.ValidationError(_("This meeting already has an action with this number."))
        return number
