"""A long-lived worker process for test_application_race: Django set up once against the race
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW
database, then commands from the test one at a time (spawned; nothing Django at import time).

Worker "a" also prepares the database and resets and inspects the application between trials,
so the test process itself never touches the race database.
"""

from __future__ import annotations

import os
import traceback
import uuid
from typing import Any

STATES = {"award": "recommended", "settle": "reported", "pay_final": "settled"}


def serve(name: str, env: dict[str, str], barrier: Any, inbox: Any, outbox: Any) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    while True:
        command, args = inbox.get()
        if command == "stop":
            connection.close()
            outbox.put(("stopped", name))
            return
        try:
            outbox.put(("ok", COMMANDS[command](barrier, *args)))
        except BaseException:  # reported to the test, which fails with it
            outbox.put(("error", traceback.format_exc()))


def prepare(_barrier: Any) -> dict[str, int]:
    """Migrate the empty database; two city administrators, an application to award, one to settle and pay."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from tests.factories import CommunityFactory, UserFactory
    from tests.grants.factories import make_application

    admins = [UserFactory(username=f"race_city_{n}", role="city_admin") for n in (1, 2)]
    to_award = make_application(CommunityFactory(), status="recommended", amount_yen=100_000)
    to_settle = make_application(CommunityFactory(), status="reported", amount_yen=100_000)
    from kyodo.fiscal_years import FiscalYear
    from tests.grants.factories import open_rule

    last_year = FiscalYear.current().year - 1  # a rule of its own, whose budget holds one award of two
    open_rule("activity", last_year, budget_yen=BUDGET_YEN)
    budget = [make_application(CommunityFactory(), status="recommended", fiscal_year=last_year, amount_yen=100_000)
              for _n in range(2)]
    two_years_ago = last_year - 1  # a rule whose budget holds one of two changes raising an award
    open_rule("activity", two_years_ago, budget_yen=CHANGE_BUDGET_YEN)
    changing = []
    for _n in range(2):
        community = CommunityFactory()
        UserFactory(username=f"race_secretary_{community.pk}", role="community_secretariat", community=community)
        changing.append(make_application(community, status="awarded", fiscal_year=two_years_ago, amount_yen=50_000))
    return {"admin_1": admins[0].pk, "admin_2": admins[1].pk, "award": to_award.pk, "settle": to_settle.pk,
            "pay_final": to_settle.pk, "budget_a": budget[0].pk, "budget_b": budget[1].pk,
            "change_a": changing[0].pk, "change_b": changing[1].pk}


CHANGE_BUDGET_YEN = 150_000  # two awards of 50,000円, each asking to go to 100,000円: only one fits


def reset_changes(_barrier: Any, pks: list[int]) -> dict[int, int]:
    """Both awards back at 50,000円, each with a pending change request to 100,000円; their versions."""
    from django.db import transaction

    from kyodo.accounts.models import User
    from kyodo.grants.applications import changes
    from kyodo.grants.models import Application, Award, ChangeRequest

    with transaction.atomic():
        ChangeRequest.objects.filter(application_id__in=pks).delete()
        Award.objects.filter(application_id__in=pks).update(amount_yen=50_000)
        Application.objects.filter(pk__in=pks).update(status="awarded")
        for application in Application.objects.filter(pk__in=pks):
            secretary = User.objects.get(username=f"race_secretary_{application.community_id}")
            changes.request_change_application(application, actor=secretary, version=application.version,
                                               reason="参加者が増えた", description="会場を広くする",
                                               requested_amount_yen=100_000)
        return dict(Application.objects.filter(pk__in=pks).values_list("pk", "version"))


def race_change(barrier: Any, pk: int, actor_pk: int, version: int) -> tuple:
    """Approve the change on ``pk`` at the same moment as the other worker approves its own."""
    from django.core.exceptions import ValidationError

    from kyodo.accounts.models import User
    from kyodo.grants.applications import changes
    from kyodo.grants.models import Application
    from kyodo.locking import StaleObject
    from kyodo.workflows import InvalidTransition

    actor = User.objects.get(pk=actor_pk)
    application = Application.objects.get(pk=pk)
    barrier.wait(timeout=60)
    try:
        changes.approve_change_application(application, actor=actor, version=version, comment="妥当")
    except (StaleObject, InvalidTransition, ValidationError) as error:
        return ("lost", type(error).__name__, str(error))
    return ("won",)


BUDGET_YEN = 150_000  # two awards of 100,000円 on different applications: only one fits


def reset_budget(_barrier: Any, pks: list[int]) -> dict[int, int]:
    """Both budget applications recommended again, without awards; their versions."""
    from django.db import transaction

    from kyodo.grants.models import Application, Award

    with transaction.atomic():
        Award.objects.filter(application_id__in=pks).delete()
        Application.objects.filter(pk__in=pks).update(status="recommended")
        return dict(Application.objects.filter(pk__in=pks).values_list("pk", "version"))


def race_budget(barrier: Any, pk: int, actor_pk: int, version: int, tag: str) -> tuple:
    """Award 100,000円 on ``pk`` at the same moment as the other worker awards its own application."""
    return race(barrier, "award", pk, actor_pk, version, tag, None)


def awarded_total(_barrier: Any, pks: list[int]) -> int:
    from django.db.models import Sum

    from kyodo.grants.models import Award

    return Award.objects.filter(application_id__in=pks).aggregate(total=Sum("amount_yen"))["total"] or 0


def reset(_barrier: Any, action: str, pk: int) -> int:
    """Put the application back where ``action`` starts, with a fresh version; returns the version."""
    from django.db import transaction

    from kyodo.grants.models import Application, Award, Payment, Settlement
    from tests.grants.factories import city_user

    with transaction.atomic():
        application = Application.objects.get(pk=pk)
        Payment.objects.filter(application=application).delete()
        if action == "award":
            Award.objects.filter(application=application).delete()
        else:
            Settlement.objects.filter(application=application).delete()
        if action == "pay_final":
            award = Award.objects.get(application=application)
            Settlement.objects.create(
                application=application, award_yen=award.amount_yen, actual_total_yen=award.amount_yen,
                eligible_actuals_yen=award.amount_yen, settled_yen=award.amount_yen,
                notice_number=f"race-{uuid.uuid4().hex[:12]}", settled_on=award.decided_on, settled_by=city_user(),
            )
        Application.objects.filter(pk=pk).update(status=STATES[action])
        return Application.objects.get(pk=pk).version


def race(barrier: Any, action: str, pk: int, actor_pk: int, version: int, tag: str, key: str | None) -> tuple:
    """Wait for the other worker, then take ``action``: ("won",) or ("lost", exception class, message)."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    from kyodo.accounts.models import User
    from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW, InvalidTransition
    from kyodo.grants.models import Application
    from kyodo.locking import StaleObject

    actor = User.objects.get(pk=actor_pk)
    application = Application.objects.get(pk=pk)
    today = dt.date.today()
    kwargs: dict[str, Any] = {
        "award": {"amount_yen": 100_000, "decision_number": f"一協第{tag}号", "decided_on": today},
        "settle": {"notice_number": f"一協確第{tag}号", "settled_on": today},
        "pay_final": {"paid_on": today, "idempotency_key": uuid.UUID(key) if key else None},
    }[action]
    barrier.wait(timeout=60)
    try:
        APPLICATION_WORKFLOW.service_for(action)(application, actor=actor, version=version, **kwargs)
    except (StaleObject, InvalidTransition, ValidationError) as error:
        return ("lost", type(error).__name__, str(error))
    return ("won",)


def inspect(_barrier: Any, action: str, pk: int) -> dict[str, Any]:
    from kyodo.audit.models import AuditEvent
    from kyodo.grants.models import Application, Payment, Transition

    application = Application.objects.get(pk=pk)
    return {
        "status": application.status,
        "version": application.version,
        "events": AuditEvent.objects.filter(action=f"grant_application.{action}", object_id=str(pk)).count(),
        "transitions": Transition.objects.filter(application_id=pk, action=action).count(),
        "payments": Payment.objects.filter(application_id=pk, kind="final").count(),
    }


def verify(_barrier: Any) -> bool:
    from kyodo.audit.services import verify_chain

    return verify_chain().ok


def append_events(barrier: Any, tag: str, count: int) -> int:
    """Wait for the other worker, then append ``count`` audit events, each in its own transaction."""
    from kyodo.audit.services import record_event

    barrier.wait(timeout=60)
    for n in range(count):
        record_event("race.append", summary=f"{tag}-{n}")
    return count


def chain_shape(_barrier: Any) -> dict[str, Any]:
    """Rows, distinct previous hashes and the verification: a fork would show two rows after one."""
    from kyodo.audit.models import AuditEvent
    from kyodo.audit.services import verify_chain

    result = verify_chain()
    return {"rows": AuditEvent.objects.count(), "ok": result.ok, "reason": result.reason,
            "parents": AuditEvent.objects.values("previous_hash").distinct().count(),
            "appended": AuditEvent.objects.filter(action="race.append").count()}


COMMANDS = {"prepare": prepare, "reset": reset, "race": race, "inspect": inspect, "verify": verify,
            "reset_budget": reset_budget, "race_budget": race_budget, "awarded_total": awarded_total,
            "append_events": append_events, "chain_shape": chain_shape,
            "reset_changes": reset_changes, "race_change": race_change}
