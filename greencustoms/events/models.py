"""Partners' meetings, workshops, side events and webinars."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level, LevelField, RestrictedQuerySet
from greencustoms.events.choices import EventKind


class Event(models.Model):
    """A gathering of the initiative: a partners' meeting, a national or regional workshop, a side event, a webinar."""

    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("e.g. 12 for the 12th partners' meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    host = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("host organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    owner_partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_events",
    )
    remote_participation = models.BooleanField(_("remote participation"), default=False)
    description = models.TextField(_("description"), blank=True)
    access_level = LevelField(default=Level.INTRANET)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title
