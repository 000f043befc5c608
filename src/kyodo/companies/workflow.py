"""A partnership's workflow: 下書き → 確認待ち (the company submits) → 公開中 (the city publishes) or 差戻し (the
city returns it with a comment; the company edits and submits again); 公開中 → 公開終了 (the city or the company).

A withdrawn partnership may go back to the draft for the company to update and submit again. Each step is a
transition row and an audit event (the kit's tail).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.companies.models import Partnership, PartnershipStatus
from kyodo.editing import version_field
from kyodo.workflows import Action, Workflow

S = PartnershipStatus
EDIT = "companies.edit_partnership"
REVIEW = "companies.review_partnership"
WITHDRAW = "companies.withdraw_partnership"


class StepForm(forms.Form):
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=1000,
                              error_messages={"max_length": _("コメントは1000文字以内で入力してください。")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()


class ReturnForm(StepForm):
    comment = forms.CharField(label=_("差し戻す理由(企業に伝わります)"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=1000,
                              error_messages={"required": _("差し戻す理由を入力してください。"),
                                              "max_length": _("コメントは1000文字以内で入力してください。")})


PARTNERSHIP_WORKFLOW = Workflow(
    "company_partnership",
    states=S,
    subject=_("企業の参画の取組"),
    transition_model="companies.Transition",
    subject_field="partnership",
    initial=S.DRAFT,
    default_form=StepForm,
    describe=lambda partnership: f"{partnership.title}({partnership.company_id})",
    roles={"company": _("取組を登録した企業の担当者"), "city": _("市(まちづくり推進課)"),
           "company_or_city": _("取組を登録した企業の担当者または市(まちづくり推進課)")},
    actions=[
        Action("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "company", EDIT,
               _("市に提出する"), _("提出"), _("市に提出しました。市の確認後に公開されます。")),
        Action("publish", frozenset({S.SUBMITTED}), S.PUBLISHED, "city", REVIEW,
               _("公開する"), _("公開"), _("公開しました。"),
               confirm=_("市のホームページの「企業の参画」に掲載され、誰でも見られるようになります。")),
        Action("return", frozenset({S.SUBMITTED}), S.RETURNED, "city", REVIEW,
               _("差し戻す"), _("差戻し"), _("差し戻しました。"), form=ReturnForm,
               confirm=_("企業に理由を伝え、修正と再提出を求めます。"), refusal=True),
        Action("withdraw", frozenset({S.PUBLISHED}), S.WITHDRAWN, "company_or_city", WITHDRAW,
               _("公開を終了する"), _("公開終了"), _("公開を終了しました。"),
               confirm=_("公開ページから取組を外します。もう一度公開するには、市の確認が必要です。")),
        Action("reopen", frozenset({S.WITHDRAWN}), S.DRAFT, "company", EDIT,
               _("下書きに戻して直す"), _("下書きに戻す"), _("下書きに戻しました。")),
    ],
)


def _stamp_submitted(partnership: Partnership) -> list[str]:
    partnership.submitted_at = timezone.now()
    return ["submitted_at"]


def _stamp_published(partnership: Partnership) -> list[str]:
    partnership.published_at = timezone.now()
    return ["published_at"]


submit_partnership = PARTNERSHIP_WORKFLOW.step_service("submit", name="submit_partnership", extra=_stamp_submitted)
publish_partnership = PARTNERSHIP_WORKFLOW.step_service("publish", name="publish_partnership",
                                                        extra=_stamp_published)
return_partnership = PARTNERSHIP_WORKFLOW.step_service("return", name="return_partnership")
withdraw_partnership = PARTNERSHIP_WORKFLOW.step_service("withdraw", name="withdraw_partnership")
reopen_partnership = PARTNERSHIP_WORKFLOW.step_service("reopen", name="reopen_partnership")
