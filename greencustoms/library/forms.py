"""Forms of the document library; errors name the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level
from greencustoms.agreements.selectors import agreement_list
from greencustoms.events.models import Event
from greencustoms.library.choices import DocumentType, Language
from greencustoms.library.files import check_upload
from greencustoms.partners.models import Partner


def _agreements() -> list[tuple[str, str]]:
    """The agreements of the reference data (documents relate to these rows)."""
    return [(a.slug, a.short_name) for a in agreement_list().order_by("position", "slug")]


def _blank(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *list(choices)]


class SearchForm(forms.Form):
    """The library's search box and filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    agreement = forms.ChoiceField(label=_("Agreement"), required=False)
    doc_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=_blank(DocumentType.choices, _("Any"))
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=_blank(Language.choices, _("Any"))
    )
    level = forms.ChoiceField(label=_("Access level"), required=False)

    def __init__(self, *args: Any, levels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = _blank(
            [(p.acronym, p.acronym) for p in Partner.objects.filter(parent__isnull=True)], _("Any")
        )
        agreement = self.fields["agreement"]
        assert isinstance(agreement, forms.ChoiceField)  # noqa: S101 - declared above
        agreement.choices = _blank(_agreements(), _("Any"))
        self.fields["level"].choices = _blank(
            [(v, label) for v, label in Level.choices if v in levels], _("Any")
        )


class FileField(forms.FileField):
    """A file checked by content sniffing and size limits; the error names the field."""

    def __init__(self, *args: Any, field_name: str = "file", **kwargs: Any) -> None:
        self.field_name = field_name
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        data = super().clean(data, initial)
        if data:
            try:
                check_upload(data, name=data.name, field=str(self.label or self.field_name))
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    [e for errors in exc.message_dict.values() for e in errors]
                ) from None
        return data


class DocumentUploadForm(forms.Form):
    """A new document with its first file."""

    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    owner_partner = forms.ModelChoiceField(label=_("Owning partner"), queryset=Partner.objects.none())
    doc_type = forms.ChoiceField(label=_("Type"), choices=DocumentType.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    access_level = forms.ChoiceField(label=_("Access level"), choices=Level.choices, initial=Level.INTRANET)
    agreements = forms.MultipleChoiceField(
        label=_("Agreements"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    event = forms.ModelChoiceField(label=_("Meeting folder"), queryset=Event.objects.none(), required=False)
    file = FileField(label=_("File"), help_text=_("PDF, Office document or image; at most 50 MB."))

    def __init__(self, *args: Any, user: Any, secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreements = self.fields["agreements"]
        assert isinstance(agreements, forms.ChoiceField)  # noqa: S101 - declared above
        agreements.choices = _agreements()
        partners = Partner.objects.all() if secretariat else Partner.objects.filter(pk=user.partner_id)
        self.fields["owner_partner"].queryset = partners
        if not secretariat:
            self.fields["owner_partner"].initial = user.partner_id
        self.fields["event"].queryset = Event.objects.visible_to(user)


class VersionForm(forms.Form):
    """A new version of a document, in its language or another."""

    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    file = FileField(label=_("File"), help_text=_("PDF, Office document or image; at most 50 MB."))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackFormCreateForm(forms.Form):
    """A questionnaire for an event: one question per line; lines starting with “text:” want free text."""

    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    questions = forms.CharField(
        label=_("Questions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One question per line, rated 1–5; start a line with “text:” for a free-text answer."),
    )

    def clean_questions(self) -> list[tuple[str, str]]:
        result = []
        for line in self.cleaned_data["questions"].splitlines():
            line = line.strip()
            if not line:
                continue
            if line.lower().startswith("text:"):
                result.append((line[5:].strip(), "text"))
            else:
                result.append((line, "rating"))
        if not result:
            raise forms.ValidationError(_("Questions: write at least one question."))
        return result
