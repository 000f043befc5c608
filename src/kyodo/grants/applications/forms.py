"""Forms for applications: Japanese messages next to the field; the services decide."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.communities.models import PlanInitiative
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import ExpenseCategory, GrantProgram
from kyodo.text_input import MAX_INTEGER, SafeFormMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yen_field(label: Any, *, min_value: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=MAX_INTEGER,
        error_messages={
            "required": _("金額を入力してください。"),
            "invalid": _("金額は円単位の整数で入力してください。"),
            "min_value": _("金額は%(limit_value)s円以上で入力してください。"),
            "max_value": _("金額は%(limit_value)s円以下で入力してください。"),
        },
    )


class VersionForm(SafeFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ApplicationForm(VersionForm):
    """Title, purpose and planned initiatives; program and year too when creating."""

    program = forms.ModelChoiceField(label=_("補助金制度"), queryset=GrantProgram.objects.all())
    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=())
    title = forms.CharField(
        label=_("事業名"), max_length=200, error_messages={"required": _("事業名を入力してください。")}
    )
    purpose = forms.CharField(label=_("事業の目的・内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    planned_initiatives = forms.ModelMultipleChoiceField(
        label=_("地域づくり計画の取組"), queryset=PlanInitiative.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, community: Any, fiscal_year: int | None, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
            this_year = FiscalYear.current().year
            self.fields["fiscal_year"].choices = [  # type: ignore[attr-defined]
                (year, FiscalYear(year).wareki) for year in (this_year - 1, this_year, this_year + 1)
            ]
        else:
            del self.fields["program"], self.fields["fiscal_year"]
        year = fiscal_year or FiscalYear.current().year
        self.fields["planned_initiatives"].queryset = PlanInitiative.objects.filter(  # type: ignore[attr-defined]
            plan__community=community, plan__start_fiscal_year__lte=year, plan__end_fiscal_year__gte=year
        )


class ExpenseLineForm(VersionForm):
    category = forms.ModelChoiceField(
        label=_("経費区分"), queryset=ExpenseCategory.objects.all(),
        error_messages={"required": _("経費区分を選んでください。")},
    )
    description = forms.CharField(
        label=_("内容"), max_length=200, error_messages={"required": _("内容を入力してください。")}
    )
    amount_yen = _yen_field(_("金額(円)"), min_value=1)


class ActionForm(VersionForm):
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AwardForm(ActionForm):
    amount_yen = _yen_field(_("交付決定額(円)"), min_value=0)
    decision_number = forms.CharField(
        label=_("交付決定番号"), max_length=50, error_messages={"required": _("交付決定番号を入力してください。")}
    )
    decided_on = forms.DateField(
        label=_("交付決定日"), widget=DATE_WIDGET,
        error_messages={
            "required": _("交付決定日を入力してください。"), "invalid": _("日付を正しく入力してください。")
        },
    )
    conditions = forms.CharField(label=_("交付の条件"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


def _date_field(label: Any, required_message: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_WIDGET,
        error_messages={"required": required_message, "invalid": _("日付を正しく入力してください。")},
    )


class _PaymentFields(ActionForm):
    """A money movement: each rendered form carries its own key, so sending it twice records it once."""

    paid_on = _date_field(_("支払日"), _("支払日を入力してください。"))
    reference = forms.CharField(label=_("支出命令・調定の番号"), max_length=50, required=False)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {"idempotency_key": uuid.uuid4(), **kwargs["initial"]}
        super().__init__(*args, **kwargs)


class AdvancePaymentForm(_PaymentFields):
    amount_yen = _yen_field(_("概算払の額(円)"), min_value=1)
    field_order = ["amount_yen", "paid_on", "reference", "comment"]


class FinalPaymentForm(_PaymentFields):
    field_order = ["paid_on", "reference", "comment"]


class RefundForm(_PaymentFields):
    paid_on = _date_field(_("返還金の収納日"), _("収納日を入力してください。"))
    field_order = ["paid_on", "reference", "comment"]


class ChangeRequestForm(ActionForm):
    reason = forms.CharField(label=_("変更の理由"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("変更の理由を入力してください。")})
    description = forms.CharField(label=_("変更の内容"), widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": _("変更の内容を入力してください。")})
    requested_amount_yen = _yen_field(_("変更後の金額(円)"), min_value=0)
    field_order = ["reason", "description", "requested_amount_yen", "comment"]


class SettleForm(ActionForm):
    notice_number = forms.CharField(
        label=_("確定通知番号"), max_length=50, error_messages={"required": _("確定通知番号を入力してください。")}
    )
    settled_on = _date_field(_("確定日"), _("確定日を入力してください。"))
    field_order = ["notice_number", "settled_on", "comment"]


class ActualsReportForm(VersionForm):
    summary = forms.CharField(label=_("実施した事業の内容"), widget=forms.Textarea(attrs={"rows": 5}),
                              error_messages={"required": _("実施した事業の内容を入力してください。")})
    outcomes = forms.CharField(label=_("事業の成果"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ActualLineForm(ExpenseLineForm):
    amount_yen = _yen_field(_("支出額(円)"), min_value=1)
