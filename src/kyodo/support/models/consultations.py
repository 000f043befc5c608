"""Consultations of the citizen-activity centre (いちのせき市民活動センター, measure 11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.locking import Versioned
from kyodo.support.models.liaisons import Contact


class ConsultationTopic(models.Model):
    """A category of consultation (accounting, plan, events…), kept by the city."""

    name = models.CharField(_("分類"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(_("使用中"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("相談の分類")
        verbose_name_plural = _("相談の分類")

    def __str__(self) -> str:
        return self.name


class Consultation(DemoData, Versioned):
    """One consultation an advisor of the centre gave a community; ``city_note`` is the city's, hidden from advisors."""

    community = models.ForeignKey("communities.Community", verbose_name=_("地域協働体"), on_delete=models.PROTECT,
                                  related_name="consultations")
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("相談員"), on_delete=models.PROTECT,
                                related_name="+")
    consulted_on = models.DateField(_("相談日"))
    way = models.CharField(_("方法"), max_length=16, choices=Contact.Way.choices)
    topic = models.ForeignKey(ConsultationTopic, verbose_name=_("分類"), on_delete=models.PROTECT,
                              related_name="consultations")
    summary = models.TextField(_("相談の内容"), max_length=4000)
    advice = models.TextField(_("助言"), max_length=4000)
    follow_up_on = models.DateField(_("フォローアップ日"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("フォローアップ完了日"), null=True, blank=True)
    city_note = models.TextField(_("市の内部メモ"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-consulted_on", "-pk"]
        verbose_name = _("相談・助言")
        verbose_name_plural = _("相談・助言")

    def __str__(self) -> str:
        return f"{self.community} {self.consulted_on} {self.topic}"
