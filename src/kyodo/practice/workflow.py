"""A report's workflow: 下書き → 公開中 → 取下げ (by the community) or 公開停止 (by the city, with a reason).

A withdrawn report may be published again; an unpublished one goes back to the draft for the
community to revise. Each step is a transition row and an audit event (the kit's tail).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.editing import version_field
from kyodo.practice.models import PracticeReport, ReportStatus
from kyodo.workflows import Action, Workflow

S = ReportStatus
EDIT = "practice.edit_report"
UNPUBLISH = "practice.unpublish_report"


class StepForm(forms.Form):
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()


class ReasonForm(StepForm):
    comment = forms.CharField(label=_("公開を停止する理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=1000,
                              error_messages={"required": _("公開を停止する理由を入力してください。")})


REPORT_WORKFLOW = Workflow(
    "practice_report",
    states=S,
    subject=_("活動事例"),
    transition_model="practice.Transition",
    subject_field="report",
    initial=S.DRAFT,
    default_form=StepForm,
    describe=lambda report: f"{report.title}({report.held_on:%Y-%m-%d})",
    roles={"community": _("活動事例を書いた地域協働体の事務局・役員"), "city": _("市(まちづくり推進課)")},
    actions=[
        Action("publish", frozenset({S.DRAFT, S.WITHDRAWN}), S.PUBLISHED, "community", EDIT,
               _("公開する"), _("公開"), _("公開しました。")),
        Action("withdraw", frozenset({S.PUBLISHED}), S.WITHDRAWN, "community", EDIT,
               _("取り下げる"), _("取下げ"), _("取り下げました。")),
        Action("unpublish", frozenset({S.PUBLISHED}), S.UNPUBLISHED, "city", UNPUBLISH,
               _("公開を停止する"), _("公開停止"), _("公開を停止しました。"), form=ReasonForm,
               confirm=_("サイトから外し、理由を地域協働体に伝えます。"), refusal=True),
        Action("revise", frozenset({S.UNPUBLISHED}), S.DRAFT, "community", EDIT,
               _("下書きに戻して直す"), _("下書きに戻す"), _("下書きに戻しました。")),
    ],
)


@REPORT_WORKFLOW.availability_check
def complete_enough(report: PracticeReport, user: Any, action: Any) -> str:
    """A report is published with at least one theme (others find it by theme)."""
    if action.name == "publish" and not report.themes.exists():
        return gettext("テーマを1つ以上選んでから公開してください。")
    return ""


def _stamp_published(report: PracticeReport) -> list[str]:
    report.published_at = timezone.now()
    return ["published_at"]


publish_report = REPORT_WORKFLOW.step_service("publish", name="publish_report", extra=_stamp_published)
withdraw_report = REPORT_WORKFLOW.step_service("withdraw", name="withdraw_report")
unpublish_report = REPORT_WORKFLOW.step_service("unpublish", name="unpublish_report")
revise_report = REPORT_WORKFLOW.step_service("revise", name="revise_report")
