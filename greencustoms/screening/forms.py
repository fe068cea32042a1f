"""Forms of the screening domain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.screening import precheck
from greencustoms.screening.choices import MAX_UPLOAD_BYTES, Outcome, Severity

EDITIONS = [(e, e) for e in ("HS2022", "HS2017", "HS2012", "HS2007", "HS2002")]
STANDARD = (
    "declaration_id",
    "line_no",
    "hs_code",
    "description",
    "origin",
    "destination",
    "quantity",
    "unit",
    "value",
)


def _lines(value: str) -> list[str]:
    return [v.strip() for v in value.replace(",", "\n").splitlines() if v.strip()]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Declarations file"),
        help_text=_(
            "CSV or TSV (UTF-8, UTF-16 or Latin-1), Parquet, Excel (.xlsx), ASYCUDA World SAD XML or JSON lines; "
            "at most %(mb)d MB. Columns: declaration_id, line_no, hs_code, description, origin, destination, "
            "quantity, unit, value."
        )
        % {"mb": MAX_UPLOAD_BYTES // 2**20},
    )
    edition = forms.ChoiceField(label=_("HS edition of the codes"), choices=EDITIONS, initial="HS2022")
    mapping = forms.CharField(
        label=_("Column mapping (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, NAME=HEADER, for files with other headers, e.g. hs_code=Tariff code."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB."), params={"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload

    def clean_mapping(self) -> dict[str, str]:
        mapping = {}
        for line in self.cleaned_data["mapping"].splitlines():
            if not line.strip():
                continue
            name, sep, header = line.partition("=")
            name = name.strip()
            if not sep or not header.strip():
                raise forms.ValidationError(
                    _("“%(line)s” is not NAME=HEADER."), params={"line": line.strip()}
                )
            if name not in STANDARD:
                raise forms.ValidationError(
                    _("“%(name)s” is not a column name; use one of %(names)s."),
                    params={"name": name, "names": ", ".join(STANDARD)},
                )
            mapping[name] = header.strip()
        return mapping

    def clean(self) -> dict[str, Any]:
        """Read the file's header and first lines at once: a file that cannot be screened is refused here,
        before anything is stored or queued; what can be read is kept in ``self.preview``."""

        data = super().clean() or {}
        self.preview = None
        if self.errors or "file" not in data:
            return data
        try:
            self.preview = precheck.preview(data["file"], data.get("mapping") or {})
        except precheck.PrecheckError as exc:
            self.add_error("file", str(exc))
        return data


class IndicatorForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    hs_prefixes = forms.CharField(
        label=_("HS code prefixes"),
        required=False,
        help_text=_("Comma- or line-separated, e.g. 8415, 2903.7"),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Matched on word boundaries, ignoring case and accents."),
    )
    countries = forms.CharField(
        label=_("Countries"), required=False, help_text=_("ISO codes of origin or destination, e.g. CN, IND")
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.HIGH)
    agreement = forms.SlugField(label=_("Agreement (slug, optional)"), required=False)
    document = forms.CharField(label=_("Document to ask for"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("hs_prefixes", "keywords", "countries"):
            data[name] = _lines(data.get(name) or "")
        if not (data["hs_prefixes"] or data["keywords"] or data["countries"]):
            raise forms.ValidationError(_("Give at least one HS prefix, keyword or country."))
        return data


class DecisionForm(forms.Form):
    """An officer's decision about one screened line."""

    declaration_id = forms.CharField(widget=forms.HiddenInput, max_length=120)
    line_no = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    documents_seen = forms.CharField(
        label=_("Documents seen"),
        required=False,
        max_length=1000,
        help_text=_("E.g. import licence number, invoice, safety data sheet."),
    )
