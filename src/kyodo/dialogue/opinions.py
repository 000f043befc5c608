"""Every write about opinions: record one, then one service per workflow action.

Each action's service is registered on ``OPINION_WORKFLOW``: it runs in one transaction on the opinion
reloaded, after the guard (permission, state); ``OPINION_WORKFLOW.move`` claims the version, moves the
state and records the transition and the audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.dialogue.models import Opinion, OpinionSource
from kyodo.dialogue.outcomes import OUTCOME_FIELDS, outcome_problems, outcome_values
from kyodo.dialogue.workflow import OPINION_WORKFLOW as WORKFLOW
from kyodo.fiscal_years import FiscalYear
from kyodo.text_search import normalize_for_search


def search_text(opinion: Opinion) -> str:
    """What /opinions/ searches: title, opinion and answer, folded (width, case, kana)."""
    return normalize_for_search(" ".join([opinion.title, opinion.body, opinion.answer]))


@transaction.atomic
def record_opinion(community: Any, *, actor: Any, **fields: Any) -> Opinion:
    """A community's opinion, received: from the community directly or from an item of its plan."""
    if not actor.has_perm("dialogue.record_opinion", community):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    initiative = fields.get("plan_initiative")
    if initiative is not None and initiative.plan.community_id != community.pk:
        raise ValidationError({"plan_initiative": _("この地域協働体の地域づくり計画の取組を選んでください。")})
    if fields.get("source") == OpinionSource.PLAN_ITEM and initiative is None:
        raise ValidationError({"plan_initiative": _("地域づくり計画のどの取組から出た意見かを選んでください。")})
    received_on: dt.date = fields["received_on"]
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("受付日に未来の日付は指定できません。")})
    opinion = Opinion(community=community, district=community.district, recorded_by=actor,
                      fiscal_year=FiscalYear.of(received_on).year, **fields)
    opinion.search_text = search_text(opinion)
    opinion.save()
    record_event("opinion.record", actor=actor, target=opinion, summary=f"意見「{opinion.title}」を受付",
                 data={"community": community.pk, "category": opinion.category_id})
    return opinion


@WORKFLOW.service("route")
def route_opinion(opinion: Opinion, *, actor: Any, version: int, departments: Any, due_on: dt.date,
                  comment: str = "") -> Opinion:
    """Send the opinion to the departments that answer it, with the date the answer is due."""
    departments = list(departments)
    if not departments:
        raise ValidationError({"departments": _("担当課を1つ以上選んでください。")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("回答期限に過去の日付は指定できません。")})
    opinion.due_on = due_on
    WORKFLOW.move(opinion, "route", actor=actor, version=version, comment=comment, extra_fields=["due_on"],
                  data={"departments": [d.pk for d in departments], "due_on": due_on.isoformat()})
    opinion.departments.set(departments)
    return opinion


def _audit_value(value: Any) -> Any:
    """A value for the audit record: a record by its id, others as text."""
    if value is None:
        return None
    return value.pk if hasattr(value, "pk") else str(value)


@WORKFLOW.service("answer")
def answer_opinion(opinion: Opinion, *, actor: Any, version: int, answer: str, comment: str = "",
                   **outcome: Any) -> Opinion:
    """The department's answer and its outcome (what the outcome needs is checked here too)."""
    if not answer.strip():
        raise ValidationError({"answer": _("回答を入力してください。")})
    problems = outcome_problems(outcome)
    if problems:
        raise ValidationError(problems)
    values = outcome_values(outcome)
    for name, value in values.items():
        setattr(opinion, name, value)
    opinion.answer = answer.strip()
    opinion.answered_at = timezone.now()
    opinion.answered_by = actor
    opinion.search_text = search_text(opinion)
    WORKFLOW.move(opinion, "answer", actor=actor, version=version, comment=comment,
                  extra_fields=[*OUTCOME_FIELDS, "answer", "answered_at", "answered_by", "search_text"],
                  data={name: _audit_value(value) for name, value in values.items()})
    return opinion


@WORKFLOW.service("return")
def return_answer(opinion: Opinion, *, actor: Any, version: int, comment: str) -> Opinion:
    if not comment.strip():
        raise ValidationError({"comment": _("差し戻す理由を入力してください。")})
    return WORKFLOW.move(opinion, "return", actor=actor, version=version, comment=comment.strip())


@WORKFLOW.service("review")
def review_answer(opinion: Opinion, *, actor: Any, version: int, comment: str = "") -> Opinion:
    return WORKFLOW.move(opinion, "review", actor=actor, version=version, comment=comment)


@WORKFLOW.service("publish")
def publish_opinion(opinion: Opinion, *, actor: Any, version: int, comment: str = "") -> Opinion:
    """Publish the answer: only with a complete outcome."""
    problems = outcome_problems({name: getattr(opinion, name) for name in OUTCOME_FIELDS})
    if not opinion.answer.strip():
        problems["answer"] = _("回答のない意見は公開できません。")
    if problems:
        raise ValidationError([_("対応結果が不完全なため公開できません。"), *problems.values()])
    opinion.published_at = timezone.now()
    return WORKFLOW.move(opinion, "publish", actor=actor, version=version, comment=comment,
                         extra_fields=["published_at"])
