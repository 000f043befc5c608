"""After the award: advance payment, change requests, actuals, settlement, final payment or refund."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from kyodo.audit.models import AuditEvent
from kyodo.grants.applications import actuals, amounts, changes, payments, settlement
from kyodo.grants.applications.workflow import InvalidTransition
from kyodo.grants.models import Application, Award, ChangeRequest, Payment, ProgramRule, Settlement
from kyodo.workflows import SeparationOfDuties
from tests.factories import UserFactory
from tests.grants.factories import add_actuals_report, allowed, ensure_category, make_application

TODAY = dt.date.today()


def _fresh(application):
    return Application.objects.get(pk=application.pk)


def _report(application, secretary, *lines):
    """Write the report through the services: what was done, the lines, one receipt."""
    from django.core.files.base import ContentFile

    from kyodo.grants.models import Attachment
    from tests.grants.factories import MINIMAL_PDF

    app = _fresh(application)
    actuals.save_actuals_report(app, actor=secretary, version=app.version, summary="防災訓練を実施")
    for category, amount in lines:
        app = _fresh(application)
        actuals.add_actual_line(app, actor=secretary, version=app.version, category=category,
                                  description="支出", amount_yen=amount)
    receipt = Attachment(application=application, kind="receipt", original_name="r.pdf",
                         content_type="application/pdf", size_bytes=len(MINIMAL_PDF), sha256="0" * 64,
                         uploaded_by=secretary)
    receipt.file.save("r.pdf", ContentFile(MINIMAL_PDF), save=False)
    receipt.save()
    app = _fresh(application)
    return actuals.report_application(app, actor=secretary, version=app.version)


def test_the_whole_way_with_an_advance_a_change_and_a_final_payment(world, secretary, city_admin):
    application = make_application(world.community_a, status="awarded", amount_yen=200_000)
    meeting = ensure_category("meeting", "会議費")
    app = _fresh(application)
    payments.pay_advance_application(app, actor=city_admin, version=app.version, amount_yen=100_000, paid_on=TODAY)
    app = _fresh(application)
    assert app.status == "awarded" and amounts.money(app).advance_yen == 100_000
    assert "pay_advance" not in allowed(app, city_admin)  # once only

    changes.request_change_application(app, actor=secretary, version=app.version, reason="参加者が増えた",
                                         description="会場を広くする", requested_amount_yen=250_000)
    app = _fresh(application)
    assert app.status == "change_requested"
    changes.approve_change_application(app, actor=city_admin, version=app.version, comment="妥当")
    app = _fresh(application)
    assert app.status == "awarded" and Award.objects.get(application=app).amount_yen == 250_000
    assert ChangeRequest.objects.get(application=app).status == "approved"

    _report(application, secretary, (meeting, 240_000))
    app = _fresh(application)
    assert app.status == "reported" and app.actuals_report.submitted_at is not None
    figures = amounts.settlement_figures(app)
    assert (figures.eligible_actuals_yen, figures.settled_yen, figures.to_pay_yen) == (240_000, 240_000, 140_000)
    settlement.settle_application(app, actor=city_admin, version=app.version, notice_number="確1", settled_on=TODAY)
    app = _fresh(application)
    assert allowed(app, city_admin) == ["pay_final"]
    payments.pay_final_application(app, actor=city_admin, version=app.version, paid_on=TODAY)
    app = _fresh(application)
    money = amounts.money(app)
    assert app.status == "closed"
    assert (money.advance_yen, money.final_yen, money.refunded_yen) == (100_000, 140_000, 0)
    assert money.net_paid_yen == Settlement.objects.get(application=app).settled_yen == 240_000
    actions = list(AuditEvent.objects.filter(action__startswith="grant_application.").values_list("action", flat=True))
    assert actions[-6:] == ["grant_application.pay_advance", "grant_application.request_change",
                            "grant_application.approve_change", "grant_application.report",
                            "grant_application.settle", "grant_application.pay_final"]
    assert AuditEvent.objects.filter(action="grant_application.pay_final").get().data["amount_yen"] == 140_000


def test_more_paid_than_settled_is_refunded(world, secretary, city_admin):
    application = make_application(world.community_a, status="awarded", amount_yen=200_000)
    app = _fresh(application)
    payments.pay_advance_application(app, actor=city_admin, version=app.version, amount_yen=200_000, paid_on=TODAY)
    _report(application, secretary, (ensure_category("meeting", "会議費"), 150_000))
    app = _fresh(application)
    settlement.settle_application(app, actor=city_admin, version=app.version, notice_number="確2", settled_on=TODAY)
    app = _fresh(application)
    assert allowed(app, city_admin) == ["refund"]
    with pytest.raises(ValidationError, match="返還を記録してください"):
        payments.pay_final_application(app, actor=city_admin, version=app.version, paid_on=TODAY)
    payments.refund_application(app, actor=city_admin, version=app.version, paid_on=TODAY, reference="調定第9号")
    app = _fresh(application)
    assert app.status == "closed"
    refund = Payment.objects.get(application=app, kind="refund")
    assert (refund.amount_yen, refund.reference) == (50_000, "調定第9号")
    assert amounts.money(app).net_paid_yen == 150_000 == app.settlement.settled_yen


def test_the_settled_amount_is_at_most_the_award(world, secretary, city_admin):
    application = make_application(world.community_a, status="awarded", amount_yen=100_000)
    _report(application, secretary, (ensure_category("meeting", "会議費"), 115_000))
    figures = amounts.settlement_figures(_fresh(application))
    assert (figures.actual_total_yen, figures.eligible_actuals_yen, figures.settled_yen) == (115_000, 115_000, 100_000)


def test_category_overspend_beyond_the_rule_is_refused(world, secretary):
    application = make_application(world.community_a, status="awarded", amount_yen=100_000)
    meeting, supplies = ensure_category("meeting", "会議費"), ensure_category("supplies", "消耗品費")
    application.rule.eligible_categories.add(supplies)
    with pytest.raises(ValidationError) as raised:
        _report(application, secretary, (meeting, 120_001), (supplies, 5_000))
    messages = raised.value.messages
    assert "「会議費」の支出120,001円が計画額100,000円の120%(120,000円)を超えています。" in messages
    assert "「消耗品費」は計画にない経費区分です(支出5,000円)。" in messages
    assert _fresh(application).status == "awarded"
    ProgramRule.objects.filter(pk=application.rule_id).update(category_overspend_percent=25)
    app = _fresh(application)
    line = app.actuals_report.lines.get(category=supplies)
    actuals.remove_actual_line(line, actor=secretary, version=app.version)
    app = _fresh(application)
    actuals.report_application(app, actor=secretary, version=app.version)
    assert _fresh(application).status == "reported"


def test_a_report_needs_content_lines_and_a_receipt(world, secretary):
    application = make_application(world.community_a, status="awarded")
    with pytest.raises(ValidationError) as raised:
        actuals.report_application(application, actor=secretary, version=application.version)
    assert set(raised.value.messages) == {
        "実施した事業の内容を入力してください。", "支出の明細を1行以上入力してください。",
        "領収書を1件以上添付してください。"}
    with pytest.raises(ValidationError, match="対象経費ではありません"):
        actuals.add_actual_line(application, actor=secretary, version=application.version,
                                  category=ensure_category("food", "飲食費"), description="弁当", amount_yen=1000)
    with pytest.raises(ValidationError, match="1円以上の整数"):
        actuals.add_actual_line(application, actor=secretary, version=application.version,
                                  category=ensure_category("meeting"), description="x", amount_yen=-1)


def test_the_report_cannot_change_once_reported(world, secretary):
    application = make_application(world.community_a, status="reported")
    with pytest.raises(InvalidTransition, match="実績報告は変更できません"):
        actuals.save_actuals_report(application, actor=secretary, version=application.version, summary="x")


def test_the_same_payment_sent_ten_times_is_recorded_once(world, city_admin, django_capture_on_commit_callbacks):
    application = make_application(world.community_a, status="awarded")
    key = uuid.uuid4()
    version = application.version
    for _ in range(10):
        payments.pay_advance_application(application, actor=city_admin, version=version, amount_yen=50_000,
                                          paid_on=TODAY, idempotency_key=key)
    assert Payment.objects.filter(application=application).count() == 1
    assert AuditEvent.objects.filter(action="grant_application.pay_advance").count() == 1


def test_the_database_refuses_a_second_payment_of_a_kind(world, city_admin):
    from django.db import IntegrityError, transaction

    application = make_application(world.community_a, status="closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(application=application, kind="final", amount_yen=1, paid_on=TODAY,
                               recorded_by=city_admin)


def test_advance_payment_needs_the_rule_and_stays_within_the_award(world, city_admin):
    application = make_application(world.community_a, status="awarded", amount_yen=100_000)
    with pytest.raises(ValidationError, match="交付決定額100,000円以内"):
        payments.pay_advance_application(application, actor=city_admin, version=application.version,
                                          amount_yen=100_001, paid_on=TODAY)
    ProgramRule.objects.filter(pk=application.rule_id).update(allows_advance_payment=False)
    app = _fresh(application)
    assert "pay_advance" not in allowed(app, city_admin)
    with pytest.raises(ValidationError, match="概算払は認められていません"):
        payments.pay_advance_application(app, actor=city_admin, version=app.version, amount_yen=1, paid_on=TODAY)
    assert not Payment.objects.exists()


def test_a_change_above_the_entitlement_or_budget_is_refused(world, secretary, city_admin):
    application = make_application(world.community_a, status="awarded", amount_yen=100_000)
    with pytest.raises(ValidationError, match="交付見込額500,000円を超えています"):
        changes.request_change_application(application, actor=secretary, version=application.version,
                                             reason="r", description="d", requested_amount_yen=500_001)
    changes.request_change_application(application, actor=secretary, version=application.version,
                                         reason="r", description="d", requested_amount_yen=300_000)
    ProgramRule.objects.filter(pk=application.rule_id).update(budget_yen=250_000)
    app = _fresh(application)
    with pytest.raises(ValidationError, match="予算残額250,000円を超える"):
        changes.approve_change_application(app, actor=city_admin, version=app.version)
    assert Award.objects.get(application=app).amount_yen == 100_000
    changes.refuse_change_application(app, actor=city_admin, version=app.version, comment="予算不足")
    app = _fresh(application)
    assert app.status == "awarded" and Award.objects.get(application=app).amount_yen == 100_000
    assert ChangeRequest.objects.get(application=app).status == "refused"


def test_whoever_prepared_or_recommended_cannot_settle(world):
    preparer = UserFactory(username="t_city_prep", role="city_admin")
    application = make_application(world.community_a, status="reported")
    Application.objects.filter(pk=application.pk).update(prepared_by=preparer)
    app = _fresh(application)
    with pytest.raises(SeparationOfDuties, match="申請を作成した方"):
        settlement.settle_application(app, actor=preparer, version=app.version, notice_number="確3", settled_on=TODAY)
    assert allowed(app, preparer) == []
    assert not Settlement.objects.exists()


def test_the_detail_page_shows_the_steps_and_its_queries_do_not_grow(world, django_assert_max_num_queries):
    from django.urls import reverse

    small = make_application(world.community_a, status="settled", lines=1)
    large = make_application(world.community_b, status="settled", lines=12)
    city = world.client("city_admin")
    with django_assert_max_num_queries(40) as small_queries:
        page = city.get(reverse("grants_staff:application-detail", args=[small.pk])).content.decode()
    assert "額の確定" in page and "精算払を記録して完了する" in page and "一協確第" in page
    with django_assert_max_num_queries(40) as large_queries:
        city.get(reverse("grants_staff:application-detail", args=[large.pk]))
    assert len(large_queries) == len(small_queries)


def test_the_community_sees_what_to_do_next(world):
    from django.urls import reverse

    application = make_application(world.community_a, status="awarded")
    page = world.client("community_secretariat").get(
        reverse("grants_staff:application-detail", args=[application.pk])).content.decode()
    assert "次にすること" in page and "実績報告(内容・支出の明細・領収書)を提出してください" in page
    assert "変更承認を申請する" in page and reverse("grants_staff:application-actual-line-add",
                                                    args=[application.pk]) in page
    assert reverse("grants_staff:attachment-add", args=[application.pk]) + "?kind=receipt" in page


def test_pages_refuse_bad_payment_input_with_a_message(world):
    from django.urls import reverse

    application = make_application(world.community_a, status="awarded")
    url = reverse("grants_staff:application-pay-advance", args=[application.pk])
    response = world.client("city_admin").post(url, {
        "pay_advance-version": application.version, "pay_advance-amount_yen": "12.5",
        "pay_advance-paid_on": "2026-06-01", "pay_advance-idempotency_key": str(uuid.uuid4())})
    assert response.status_code == 422 and "金額は円単位の整数で入力してください。" in response.content.decode()
    assert not Payment.objects.exists()


def test_an_actuals_report_made_by_the_factory_is_complete(world):
    application = make_application(world.community_a, status="awarded")
    add_actuals_report(application, submitted=False)
    assert actuals.report_problems(application) == []


def test_the_detail_page_lists_the_reminders_sent(world):
    from django.urls import reverse

    from kyodo.grants.models import Reminder

    application = make_application(world.community_a, status="awarded")
    Reminder.objects.create(application=application, kind="before_14", due_on=application.rule.actuals_due_on,
                            recipients=2)
    page = world.client("branch_staff").get(
        reverse("grants_staff:application-detail", args=[application.pk])).content.decode()
    assert "実績報告の督促" in page and "期限14日前(2件に送信)" in page


def test_the_detail_page_links_the_printable_forms_of_its_state(world):
    from django.urls import reverse

    closed = make_application(world.community_a, status="closed")
    page = world.client("city_admin").get(reverse("grants_staff:application-detail", args=[closed.pk])).content.decode()
    for name in ("application", "award", "actuals", "settlement"):
        assert reverse(f"grants_staff:application-print-{name}-pdf", args=[closed.pk]) in page
    draft = make_application(world.community_b)
    page = world.client("city_admin").get(reverse("grants_staff:application-detail", args=[draft.pk])).content.decode()
    assert "交付申請書(下書き)(PDF)" in page
    assert reverse("grants_staff:application-print-award-pdf", args=[draft.pk]) not in page


def test_the_ledger_history_and_public_totals_are_linked(world):
    from django.urls import reverse

    from tests.grants.factories import ensure_rule

    rule = ensure_rule()
    public = world.client("anonymous").get(reverse("communities:detail", args=["aoba"])).content.decode()
    assert reverse("grants:community-totals", args=["aoba"]) in public
    staff = world.client("branch_staff").get(reverse("communities_staff:community", args=["aoba"])).content.decode()
    assert reverse("grants_staff:community-history", args=["aoba"]) in staff
    index = world.client("city_admin").get(reverse("grants_staff:index")).content.decode()
    assert reverse("grants_staff:ledger", args=[rule.program.code, rule.fiscal_year]) in index


def test_the_community_page_lists_what_waits_for_the_community(world):
    from django.urls import reverse

    awarded = make_application(world.community_a, status="awarded")
    make_application(world.community_a, status="submitted", code="secretariat")
    page = world.client("community_secretariat").get(
        reverse("grants_staff:my-entitlements", args=["aoba"])).content.decode()
    to_do = page[page.index('id="to-do"'):]
    to_do = to_do[:to_do.index("</section>")]
    assert reverse("grants_staff:application-detail", args=[awarded.pk]) in to_do
    assert "実績報告(内容・支出の明細・領収書)を提出してください" in to_do and "実績報告の期限" in to_do
    assert "支所で審査中" not in to_do  # a submitted application waits for the branch, not the community
