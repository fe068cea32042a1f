"""Forms of the learning app."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts import policy
from greencustoms.partners.models import Partner


class PackageUploadForm(forms.Form):
    """Upload of a SCORM 1.2 package or of a module bundle from another greencustoms server.

    Partner staff import for their own organization (no owner field); the secretariat names the owner.
    """

    kind = forms.ChoiceField(
        label=_("Kind of package"),
        choices=[
            ("scorm", _("SCORM 1.2 package (.zip)")),
            ("bundle", _("greencustoms module bundle (.zip)")),
        ],
    )
    package = forms.FileField(label=_("Package file"))
    owner = forms.ModelChoiceField(
        label=_("Owner partner"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("For a bundle, leave empty to keep the owner it names."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.names_owner = policy.is_secretariat(user)
        if self.names_owner:
            self.fields["owner"].queryset = Partner.objects.order_by("acronym")
        else:
            # Partner staff (two factors) import into their own organization only: nothing to choose.
            del self.fields["owner"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.names_owner:
            owner = data.get("owner")
            if data.get("kind") == "scorm" and not owner:
                self.add_error("owner", _("Choose the partner that owns the imported module."))
                return data
        else:
            own = policy.staff_partner_id(self.user)
            owner = Partner.objects.filter(pk=own).first() if own else None
            data["owner"] = owner
        if owner is not None and not policy.can_import_learning_module(self.user, owner=owner):
            self.add_error(
                "owner" if self.names_owner else None,
                _("You may import modules only for your own organization."),
            )
        elif owner is None and not self.names_owner:
            self.add_error(None, _("Your account belongs to no partner organization; ask the secretariat."))
        return data
