"""Forms of the learning app."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts import policy
from greencustoms.partners.models import Partner


class PackageUploadForm(forms.Form):
    """Upload of a SCORM 1.2 package or of a module bundle from another greencustoms server."""

    kind = forms.ChoiceField(
        label=_("Kind of package"),
        choices=[
            ("scorm", _("SCORM 1.2 package (.zip)")),
            ("bundle", _("greencustoms module bundle (.zip)")),
        ],
    )
    package = forms.FileField(label=_("Package file"))
    owner = forms.ModelChoiceField(label=_("Owner partner"), queryset=Partner.objects.none(), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if policy.is_secretariat(user):
            self.fields["owner"].queryset = Partner.objects.order_by("acronym")
        else:
            # Partner staff (two factors) import into their own organization only; anyone else into none.
            own = policy.staff_partner_id(user)
            self.fields["owner"].queryset = Partner.objects.filter(pk=own) if own else Partner.objects.none()
            self.fields["owner"].initial = own

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == "scorm" and not data.get("owner"):
            self.add_error("owner", _("Choose the partner that owns the imported module."))
        return data
