"""An opinion's path, declared once: received → routed → answered → reviewed (or returned) → published.

The city routes the opinion to departments with an answer due date, a department answers with an outcome,
the city reviews the answer (or returns it) and publishes it. Services, buttons, URLs and the diagram in
docs/workflows/opinion.md come from ``OPINION_WORKFLOW``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kyodo.dialogue import forms
from kyodo.dialogue.models import OpinionStatus
from kyodo.workflows import Action, Workflow

S = OpinionStatus
ROUTE = "dialogue.route_opinion"
ANSWER = "dialogue.answer_opinion"
REVIEW = "dialogue.review_opinion"
WAITING_FOR_DEPARTMENT = frozenset({S.ROUTED, S.RETURNED})


def _describe(opinion: Any) -> str:
    return f"意見「{opinion.title}」"


def _reload(opinion: Any) -> Any:
    from kyodo.dialogue.models import Opinion

    return Opinion.objects.select_related("community__district", "district", "category").get(pk=opinion.pk)


OPINION_WORKFLOW = Workflow(
    "opinion",
    states=OpinionStatus,
    subject=_("意見"),
    transition_model="dialogue.OpinionTransition",
    subject_field="opinion",
    default_form=forms.ActionForm,
    describe=_describe,
    reload=_reload,
    roles={
        "city": _("まちづくり推進課"),
        "department": _("意見が回された担当課"),
    },
    actions=[
        Action("route", frozenset({S.RECEIVED}), S.ROUTED, "city", ROUTE,
               _("担当課に回す"), _("担当課への送付"), _("担当課に回しました。"), form=forms.RouteForm),
        Action("answer", frozenset({S.ROUTED, S.RETURNED}), S.ANSWERED, "department", ANSWER,
               _("回答する"), _("回答"), _("回答しました。"), form=forms.AnswerForm),
        Action("return", frozenset({S.ANSWERED}), S.RETURNED, "city", REVIEW,
               _("回答を差し戻す"), _("回答の差戻し"), _("回答を差し戻しました。"), form=forms.ReturnForm,
               refusal=True),
        Action("review", frozenset({S.ANSWERED}), S.REVIEWED, "city", REVIEW,
               _("回答を確認する"), _("回答の確認"), _("回答を確認しました。")),
        Action("publish", frozenset({S.REVIEWED}), S.PUBLISHED, "city", REVIEW,
               _("回答を公開する"), _("公開"), _("回答を公開しました。"),
               confirm=_("公開すると、意見と回答が誰でも見られるページに載ります。")),
    ],
)
