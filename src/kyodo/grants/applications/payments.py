"""Money paid and received: advance payment (概算払), final payment (精算払) and refund (返還).

Idempotent twice over: a form sent again with the same key returns without doing anything
(``replayed``), and each kind exists at most once per application (a database constraint).
When an application is closed, paid − refunded = settled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kyodo.audit.checkpoints import checkpoint_after_commit
from kyodo.grants.applications.amounts import money
from kyodo.grants.applications.guards import money_problem
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW as WORKFLOW
from kyodo.grants.models import Application, Payment


def replayed(application: Application, *, idempotency_key: uuid.UUID | None = None, **_values: Any) -> bool:
    """A payment form submitted again: the first submission's payment stands, nothing more happens."""
    return idempotency_key is not None and Payment.objects.filter(
        application=application, idempotency_key=idempotency_key
    ).exists()


def whole_yen(value: Any, *, minimum: int, field: str, message: str) -> int:
    """``value`` when it is an integer ≥ ``minimum`` (not a bool); ValidationError on ``field`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError({field: message})
    return value


def _ensure_money(application: Application, actor: Any, action: str) -> None:
    problem = money_problem(application, actor, WORKFLOW.action(action))
    if problem:
        raise ValidationError(problem)


def _record_payment(
    application: Application, *, kind: str, amount_yen: int, paid_on: dt.date, reference: str, actor: Any,
    idempotency_key: uuid.UUID | None,
) -> Payment:
    checkpoint_after_commit()  # money moved: the audit log's head goes out of the database
    try:
        with transaction.atomic():
            return Payment.objects.create(
                application=application, kind=kind, amount_yen=amount_yen, paid_on=paid_on,
                reference=reference.strip(), recorded_by=actor, idempotency_key=idempotency_key or uuid.uuid4(),
            )
    except IntegrityError as error:
        raise ValidationError(_("この支払・返還はすでに記録されています。")) from error


@WORKFLOW.service("pay_advance", replayed=replayed)
def pay_advance_application(
    application: Application, *, actor: Any, version: int, amount_yen: int, paid_on: dt.date,
    reference: str = "", idempotency_key: uuid.UUID | None = None, comment: str = "",
) -> Application:
    """Record the advance payment (the city), where the rule allows it: at most the award, once."""
    _ensure_money(application, actor, "pay_advance")
    amount = whole_yen(amount_yen, minimum=1, field="amount_yen", message=_("金額は1円以上の整数で入力してください。"))
    award = application.award.amount_yen
    if amount > award:
        raise ValidationError({"amount_yen": _("概算払の額は交付決定額%(award)s円以内にしてください。") % {
            "award": f"{award:,}"}})
    WORKFLOW.move(application, "pay_advance", actor=actor, version=version, comment=comment,
                  data={"kind": "advance", "amount_yen": amount, "paid_on": paid_on, "reference": reference})
    _record_payment(application, kind=Payment.Kind.ADVANCE, amount_yen=amount, paid_on=paid_on,
                    reference=reference, actor=actor, idempotency_key=idempotency_key)
    return application


@WORKFLOW.service("pay_final", replayed=replayed)
def pay_final_application(
    application: Application, *, actor: Any, version: int, paid_on: dt.date, reference: str = "",
    idempotency_key: uuid.UUID | None = None, comment: str = "",
) -> Application:
    """Pay what the settlement leaves to pay (the city) and close; nothing to pay closes as well."""
    _ensure_money(application, actor, "pay_final")
    balance = money(application).balance_yen or 0
    WORKFLOW.move(application, "pay_final", actor=actor, version=version, comment=comment,
                  data={"kind": "final", "amount_yen": balance, "paid_on": paid_on, "reference": reference})
    if balance > 0:
        _record_payment(application, kind=Payment.Kind.FINAL, amount_yen=balance, paid_on=paid_on,
                        reference=reference, actor=actor, idempotency_key=idempotency_key)
    return application


@WORKFLOW.service("refund", replayed=replayed)
def refund_application(
    application: Application, *, actor: Any, version: int, paid_on: dt.date, reference: str = "",
    idempotency_key: uuid.UUID | None = None, comment: str = "",
) -> Application:
    """Record the refund received (返還: advance paid above the settled amount) and close."""
    _ensure_money(application, actor, "refund")
    amount = -(money(application).balance_yen or 0)
    WORKFLOW.move(application, "refund", actor=actor, version=version, comment=comment,
                  data={"kind": "refund", "amount_yen": amount, "paid_on": paid_on, "reference": reference})
    _record_payment(application, kind=Payment.Kind.REFUND, amount_yen=amount, paid_on=paid_on,
                    reference=reference, actor=actor, idempotency_key=idempotency_key)
    return application
