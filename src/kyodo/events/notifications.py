"""E-mail to a person who gave an e-mail address: their registration (with the link to their page,
where they can cancel) and the news that a place came free for them. Sent by a task after commit; a
failing mail is logged, never an error page. People who gave a telephone number are phoned by the
organiser (the participant list shows who was promoted)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task

from kyodo.events.models import Registration, RegistrationStatus

logger = logging.getLogger(__name__)


@task()
def send_registration_mail(registration_id: int, kind: str, page_url: str) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    event = registration.event
    if kind == "promoted":
        subject = _("【繰上げ】%(title)sへの参加が確定しました") % {"title": event.title}
        body = _("%(name)sさん、キャンセルが出たため「%(title)s」への参加が確定しました。") % {
            "name": registration.name, "title": event.title}
    elif registration.status == RegistrationStatus.WAITING:
        subject = _("【キャンセル待ち】%(title)sへの申込みを受け付けました") % {"title": event.title}
        body = _("%(name)sさん、「%(title)s」はキャンセル待ちで受け付けました。取消が出たら順に繰り上がります。") % {
            "name": registration.name, "title": event.title}
    else:
        subject = _("【参加確定】%(title)sへの申込みを受け付けました") % {"title": event.title}
        body = _("%(name)sさん、「%(title)s」への参加が確定しました。") % {
            "name": registration.name, "title": event.title}
    body += "\n\n" + _("申込みの確認と取消はこちら:") + "\n" + page_url
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.contact])


def mail_after_commit(registration: Registration, kind: str, page_url: str) -> None:
    """Enqueue the mail once the transaction commits, if the person gave an e-mail address."""
    if "@" not in registration.contact:
        return

    def enqueue() -> None:
        try:
            result = send_registration_mail.enqueue(registration_id=registration.pk, kind=kind, page_url=page_url)
        except Exception:
            logger.exception("could not enqueue the registration mail for %s", registration.pk)
            return
        if result.status == TaskResultStatus.FAILED:
            logger.error("the registration mail for %s failed: %s", registration.pk,
                         "; ".join(error.traceback for error in result.errors))

    transaction.on_commit(enqueue)
