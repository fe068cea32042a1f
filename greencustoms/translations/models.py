"""One generic record per translated text: what, into which language, and of which English it was made."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Translation(models.Model):
    """The text of one field of one object in one language.

    ``kind`` names the kind of content (``learning.lesson``, ``guide.section``, ``agreements.document`` …, see
    :mod:`greencustoms.translations.registry`), ``key`` the object within it, ``field`` the translated field.
    ``source_hash`` is the hash of the English text the translator translated: when the English changes, the
    translation is *outdated* until someone saves it again; ``source_text`` keeps that English to show what changed.
    """

    kind = models.CharField(_("kind of content"), max_length=40)
    key = models.CharField(_("object"), max_length=100)
    field = models.CharField(_("field"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("translation"))
    source_hash = models.CharField(max_length=64)
    source_text = models.TextField(_("English translated"), blank=True)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("e.g. where an official title was read")
    )
    is_demo = models.BooleanField(
        _("demo translation"), default=False, help_text=_("written for the demonstration, not reviewed")
    )
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "field", "language"], name="translations_one_per_field_and_language"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}.{self.field} [{self.language}]"
