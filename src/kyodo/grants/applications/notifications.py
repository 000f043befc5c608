"""E-mail after an application's transition commits (sent by the workflow's notification task)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from kyodo.grants.applications.states import ApplicationStatus
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW
from kyodo.grants.models import Application
from kyodo.workflows import Action


@APPLICATION_WORKFLOW.notifier
def notify_parties(application: Application, action: Action, comment: str) -> None:
    """E-mail the applying community's accounts and its branch staff that the application moved."""
    from kyodo.accounts.models import User
    from kyodo.accounts.roles import Role

    branch_id = application.community.district.branch_office_id
    recipients = sorted(
        set(
            User.objects.filter(is_active=True, community_id=application.community_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        | set(
            User.objects.filter(is_active=True, role=Role.BRANCH_STAFF, branch_office_id=branch_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return
    status = ApplicationStatus(application.status).label
    subject = _("【補助金】%(title)sの申請が「%(status)s」になりました") % {
        "title": application.title, "status": status}
    body = _("%(community)sの%(program)s %(year)sの申請「%(title)s」は「%(status)s」になりました。") % {
        "community": application.community.name,
        "program": application.program.name,
        "year": application.fiscal_year_obj.wareki,
        "title": application.title,
        "status": status,
    }
    if comment:
        body += "\n\n" + _("コメント:") + "\n" + comment
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
