"""The whole life of a subsidy application in a real browser, across the three roles that take it.

The community's secretariat drafts, submits, asks for a change and reports its actuals (with a receipt);
the branch office recommends the application and returns the first report; the city awards it, pays
in advance, approves the change, settles the amount and records the final payment. Each person finds the
application by following links from the work area, as they would.

Arranged on the demo data (``setup_demo``), with two adjustments made before anyone signs in:
- the demo "community" account works for a community of the branch the demo "branch" account serves
  (in the demo it works for 山目, which belongs to the head office, whose staff the demo does not have);
- the program's application window of this fiscal year is opened today (the demo rules follow the real
  calendar, April–May), so that the application can be submitted whatever the date of the test run.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.axe import audit
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

PROGRAM = "activity"  # 地域協働体活動費補助金: allows 概算払 (advance payment)
TITLE = "夏まつりと見守り活動(ブラウザ試験)"
CATEGORY = "使用料及び賃借料"

PLANNED_YEN = 200_000  # the expense line, and the award
ADVANCE_YEN = 100_000
CHANGED_YEN = 180_000  # the award after the approved change
ACTUAL_YEN = 150_000  # what was spent: the settled amount (≤ the award, ≤ plan × 120%)
FINAL_YEN = ACTUAL_YEN - ADVANCE_YEN


def yen(amount: int) -> str:
    return f"{amount:,}円"


@dataclass(frozen=True)
class Journey:
    community_name: str
    program_name: str
    fiscal_year: int
    entitlement_yen: int


def _tiny_png() -> bytes:
    """A real 8×8 PNG (the upload check opens images with Pillow), made here, not committed."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (255, 255, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def journey(demo) -> Journey:
    from kyodo.accounts.models import User
    from kyodo.fiscal_years import FiscalYear
    from kyodo.grants.models import Application, GrantProgram, ProgramRule
    from kyodo.grants.programs import queries

    year = FiscalYear.current().year
    program = GrantProgram.objects.get(code=PROGRAM)
    branch = User.objects.get(username="branch").branch_office
    taken = set(Application.objects.filter(program=program, fiscal_year=year).values_list("community", flat=True))
    free = [
        row
        for row in queries.entitlements(program, year)
        if row.eligible
        and row.amount_yen
        and row.amount_yen >= PLANNED_YEN
        and row.community.pk not in taken
        and row.community.district.branch_office_id == branch.pk
    ]
    assert free, f"the demo data leaves no community of {branch} without a {program} application for {year}"
    community = free[0].community
    User.objects.filter(username="community").update(community=community)
    today = timezone.localdate()
    rule = ProgramRule.objects.get(program=program, fiscal_year=year)
    ProgramRule.objects.filter(pk=rule.pk).update(
        application_opens_on=min(rule.application_opens_on, today),
        application_closes_on=max(rule.application_closes_on, today),
    )
    return Journey(community.name, program.name, year, free[0].amount_yen)


def as_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("作業画面")


def open_from_list(page, status_label: str | None = None) -> None:
    """From the work area to the application, through the list (filtered by state, as a reviewer would)."""
    page.get_by_role("link", name="補助金の申請", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("補助金の申請")
    if status_label:
        from kyodo.grants.applications.workflow import ApplicationStatus

        value = next(value for value, label in ApplicationStatus.choices if str(label) == status_label)
        page.get_by_label("状態").select_option(value)
        page.get_by_role("button", name="絞り込む").click()
        expect(page).to_have_url(re.compile(r"status="))
    page.get_by_role("link", name=re.compile(re.escape(TITLE) + "$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def status_is(page, label: str) -> None:
    expect(page.locator(".page-header .lead strong")).to_have_text(label)


def flash(page, text: str) -> None:
    expect(page.get_by_role("status")).to_contain_text(text)


def act(page, action: str, label: str, fields: dict[str, str] | None = None) -> None:
    """Fill the action's form on the application page and send it; wait for the page that follows."""
    form = page.locator(f"#action-{action}")
    refusal = page.locator(f"details.action-refusal:not([open]):has(#action-{action})")
    if refusal.count():  # a refusal (return, reject) sits folded below the positive actions
        refusal.locator("summary").first.click()
    expect(form.get_by_role("heading", name=label)).to_be_visible()
    if form.locator("details:not([open])").count():  # an optional action starts folded
        form.locator("summary").click()
    for field_label, value in (fields or {}).items():
        form.get_by_label(field_label).fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name=label).click()


def fill_and_save(page, fields: dict[str, str], select: dict[str, str] | None = None) -> None:
    for field_label, option in (select or {}).items():
        page.get_by_label(field_label).select_option(label=option)
    for field_label, value in fields.items():
        page.get_by_label(field_label).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()


# Known violations, {(rule, target): why}: none today; a new entry needs a reason and an owner.
KNOWN: dict[tuple[str, str], str] = {}


def axe_clean(page, label: str, *, known: dict[tuple[str, str], str] = KNOWN) -> None:
    violations = [v for v in audit(page, label) if not all((v.rule, target) in known for target in v.targets)]
    assert violations == [], "\n".join(str(v) for v in violations)


def test_a_grant_goes_from_draft_to_closed_through_community_branch_and_city(journey, page, live_server):
    today = timezone.localdate().isoformat()

    # ---- the community drafts and submits ------------------------------------------------------
    as_user(page, live_server, "community")
    page.get_by_role("link", name="補助金の交付見込額").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("補助金の交付見込額")
    program_card = page.locator("section.card").filter(
        has=page.get_by_role("heading", level=2, name=re.compile(f"^{journey.program_name}"))
    )
    program_card.get_by_role("link", name="申請を作成").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{journey.community_name}の補助金の申請を作成")
    fill_and_save(page, {"事業名": TITLE, "事業の目的・内容": "夏まつりを開き、高齢者の見守り活動を続けます。"})
    flash(page, "申請の下書きを作成しました。")
    status_is(page, "下書き")
    expect(page.locator("#next-step")).to_contain_text("「申請する」を押してください")

    page.get_by_role("link", name="明細を追加").click()
    fill_and_save(page, {"内容": "会場使用料", "金額(円)": str(PLANNED_YEN)}, select={"経費区分": CATEGORY})
    flash(page, "経費の明細を追加しました。")
    lines = page.get_by_role("table", name="経費の明細")
    expect(lines).to_contain_text("会場使用料")
    expect(lines.locator("tfoot")).to_contain_text(yen(PLANNED_YEN))
    expect(lines.locator("tfoot")).to_contain_text(yen(journey.entitlement_yen))

    act(page, "submit", "申請する")
    flash(page, "申請しました。")
    status_is(page, "申請済み")
    expect(page.locator("#next-step")).to_contain_text("支所で審査中です。")
    expect(page.get_by_role("button", name="申請する")).to_have_count(0)

    # ---- the branch recommends ---------------------------------------------------------------
    as_user(page, live_server, "branch")
    open_from_list(page, "申請済み")
    status_is(page, "申請済み")
    expect(page.get_by_role("button", name="交付決定する")).to_have_count(0)
    act(page, "recommend", "推薦する", {"コメント": "地域の計画に沿った事業です。"})
    flash(page, "申請を推薦しました。")
    status_is(page, "推薦済み")

    # ---- the city awards and pays in advance ---------------------------------------------------
    as_user(page, live_server, "city")
    open_from_list(page, "推薦済み")
    status_is(page, "推薦済み")
    award_form = page.locator("#action-award")
    expect(award_form.get_by_label("交付決定額(円)")).to_have_value(str(PLANNED_YEN))
    act(
        page,
        "award",
        "交付決定する",
        {
            "交付決定額(円)": str(PLANNED_YEN),
            "交付決定番号": "一協第E2E-001号",
            "交付決定日": today,
            "交付の条件": "実績報告書を期限までに提出すること。",
        },
    )
    flash(page, "交付決定しました。")
    status_is(page, "交付決定")
    award = page.locator("#award")
    expect(award).to_contain_text(yen(PLANNED_YEN))
    expect(award).to_contain_text("一協第E2E-001号")
    expect(award).to_contain_text("認める")  # 概算払 allowed by the rule

    act(
        page,
        "pay_advance",
        "概算払を記録する",
        {
            "概算払の額(円)": str(ADVANCE_YEN),
            "支払日": today,
            "支出命令・調定の番号": "E2E-ADV-1",
        },
    )
    flash(page, "概算払を記録しました。")
    status_is(page, "交付決定")
    payments = page.get_by_role("table", name="支払・返還")
    expect(payments).to_contain_text("概算払")
    expect(payments).to_contain_text(yen(ADVANCE_YEN))
    expect(page.get_by_role("button", name="概算払を記録する")).to_have_count(0)  # once only

    # ---- the community asks for a change; the city approves it -----------------------------------
    as_user(page, live_server, "community")
    open_from_list(page)
    status_is(page, "交付決定")
    act(
        page,
        "request_change",
        "変更承認を申請する",
        {
            "変更の理由": "参加者の見込みが減ったため。",
            "変更の内容": "会場を小さい施設に変更します。",
            "変更後の金額(円)": str(CHANGED_YEN),
        },
    )
    flash(page, "変更承認を申請しました。")
    status_is(page, "変更承認申請中")
    changes = page.get_by_role("table", name="変更承認申請")
    expect(changes).to_contain_text(yen(PLANNED_YEN))
    expect(changes).to_contain_text(yen(CHANGED_YEN))

    as_user(page, live_server, "city")
    open_from_list(page, "変更承認申請中")
    act(page, "approve_change", "変更を承認する", {"コメント": "変更内容は妥当と認めます。"})
    flash(page, "変更を承認し、交付決定額を変更しました。")
    status_is(page, "交付決定")
    expect(page.locator("#award dd").first).to_have_text(yen(CHANGED_YEN))

    # ---- the community reports its actuals with a receipt ---------------------------------------
    as_user(page, live_server, "community")
    open_from_list(page)
    expect(page.locator("#award dd").first).to_have_text(yen(CHANGED_YEN))
    actuals = page.locator("#actuals")
    actuals.get_by_role("link", name="内容を編集").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("実績報告の内容")
    fill_and_save(
        page,
        {
            "実施した事業の内容": "7月に夏まつりを開き、毎月見守り活動をしました。",
            "事業の成果": "延べ120人が参加しました。",
        },
    )
    flash(page, "実績報告の内容を保存しました。")
    expect(page.locator("#actuals")).to_contain_text("7月に夏まつりを開き")

    page.get_by_role("link", name="支出の明細を追加").click()
    fill_and_save(page, {"内容": "公民館の使用料", "支出額(円)": str(ACTUAL_YEN)}, select={"経費区分": CATEGORY})
    flash(page, "支出の明細を追加しました。")
    expect(page.get_by_role("table", name="支出の明細")).to_contain_text(yen(ACTUAL_YEN))
    comparison = page.get_by_role("table", name="経費区分ごとの計画と実績")
    expect(comparison).to_contain_text("範囲内")

    receipts = page.locator("#attachments")
    expect(receipts).to_contain_text("領収書")
    receipts.get_by_role("link", name="添付する").click()
    expect(page).to_have_url(re.compile(r"/attachments/new/\?kind=receipt$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("ファイルの添付")
    expect(page.get_by_label("種類")).to_have_value("receipt")
    axe_clean(page, "attachment form")
    page.get_by_label("ファイル").set_input_files(
        files=[{"name": "領収書.png", "mimeType": "image/png", "buffer": _tiny_png()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="添付する").click()
    flash(page, "「領収書.png」を添付しました。")
    expect(page.locator("#attachments").get_by_role("link", name="領収書.png")).to_be_visible()

    act(page, "report", "実績を報告する")
    flash(page, "実績を報告しました。")
    status_is(page, "実績報告済み")

    # ---- the branch returns the report; the community sees why and reports again -----------------
    as_user(page, live_server, "branch")
    open_from_list(page, "実績報告済み")
    reason = "領収書の日付を明細に書き添えてください。"
    act(page, "return_report", "実績報告を差し戻す", {"コメント": reason})
    flash(page, "実績報告を差し戻しました。")
    status_is(page, "実績報告差戻し")

    as_user(page, live_server, "community")
    open_from_list(page)
    status_is(page, "実績報告差戻し")
    expect(page.locator("#next-step")).to_contain_text("差戻しの理由を確認して実績報告を直し")
    expect(page.locator("ul.timeline")).to_contain_text(reason)
    act(page, "report", "実績を報告する")
    flash(page, "実績を報告しました。")
    status_is(page, "実績報告済み")

    # ---- the city settles and pays the balance -------------------------------------------------
    as_user(page, live_server, "city")
    open_from_list(page, "実績報告済み")
    preview = page.locator("#settlement-preview")
    expect(preview).to_contain_text(yen(CHANGED_YEN))  # the award
    expect(preview).to_contain_text(yen(ACTUAL_YEN))  # spent, eligible, and so the settled amount
    expect(preview.locator("strong")).to_have_text(yen(ACTUAL_YEN))
    expect(preview).to_contain_text("精算払の額")
    expect(preview).to_contain_text(yen(FINAL_YEN))
    act(page, "settle", "額を確定する", {"確定通知番号": "一協確第E2E-001号", "確定日": today})
    flash(page, "額を確定しました。")
    status_is(page, "額の確定")
    settlement = page.locator("#settlement")
    expect(settlement.locator("strong")).to_have_text(yen(ACTUAL_YEN))
    expect(settlement).to_contain_text("一協確第E2E-001号")
    axe_clean(page, "application page, settled (city)")

    act(page, "pay_final", "精算払を記録して完了する", {"支払日": today, "支出命令・調定の番号": "E2E-FIN-1"})
    flash(page, "精算払を記録し、手続きを完了しました。")
    status_is(page, "完了")
    payments = page.get_by_role("table", name="支払・返還")
    expect(payments).to_contain_text("精算払")
    expect(payments).to_contain_text(yen(FINAL_YEN))
    expect(payments.locator("tfoot")).to_contain_text(yen(ACTUAL_YEN))  # advance + final = settled
    expect(page.get_by_role("heading", name="操作")).to_have_count(0)  # nothing left to do

    # ---- the timeline and the printable forms --------------------------------------------------
    steps = page.locator("ul.timeline > li")
    expected = [
        "下書きを作成",
        "申請:",
        "推薦:",
        "交付決定:",
        "概算払",
        "変更承認申請:",
        "変更承認:",
        "実績報告:",
        "実績報告の差戻し:",
        "実績報告:",
        "額の確定:",
        "精算払:",
    ]
    expect(steps).to_have_count(len(expected))
    for index, text in enumerate(expected):
        expect(steps.nth(index)).to_contain_text(text)
    expect(steps.last).to_contain_text("完了")

    for name in ("交付決定通知書(PDF)", "額の確定通知書(PDF)", "実績報告書(PDF)"):
        link = page.locator("#print").get_by_role("link", name=name)
        expect(link).to_be_visible()
        response = page.request.get(live_server.url + link.get_attribute("href"))
        assert response.status == 200, name
        assert response.headers["content-type"].startswith("application/pdf"), name
        assert response.body().startswith(b"%PDF"), name

    as_user(page, live_server, "community")
    open_from_list(page)
    status_is(page, "完了")
    expect(page.locator("#next-step")).to_contain_text("この申請の手続きはすべて完了しました。")


def _demo_application(status: str):
    from kyodo.grants.models import Application

    application = Application.objects.filter(status=status).select_related("community").order_by("pk").first()
    assert application is not None, f"the demo data has no application in the state {status}"
    return application


def _work_for(application) -> None:
    """Let the demo "community" account work for the application's community."""
    from kyodo.accounts.models import User

    User.objects.filter(username="community").update(community=application.community)


def test_the_community_cannot_take_the_citys_decisions(demo, page, live_server):
    reported = _demo_application("reported")
    recommended = _demo_application("recommended")
    detail = f"{live_server.url}/staff/grants/applications/{reported.pk}/"

    as_user(page, live_server, "city")  # the city does see the buttons: the check below is not vacuous
    page.goto(detail)
    expect(page.get_by_role("button", name="額を確定する")).to_be_visible()

    _work_for(reported)
    as_user(page, live_server, "community")
    page.goto(detail)
    status_is(page, "実績報告済み")
    expect(page.get_by_role("button", name="額を確定する")).to_have_count(0)
    expect(page.locator("#action-settle")).to_have_count(0)
    expect(page.locator("#settlement-preview")).to_have_count(0)

    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(
        f"{detail}settle/",
        form={
            "csrfmiddlewaretoken": token,
            "settle-version": str(reported.version),
            "settle-notice_number": "一協確第不正-1号",
            "settle-settled_on": timezone.localdate().isoformat(),
        },
        headers={"Referer": detail},
    )
    assert response.status == 403
    assert "権限がありません" in response.text()
    reported.refresh_from_db()
    assert reported.status == "reported"
    assert not hasattr(reported, "settlement")

    if recommended.community_id == reported.community_id:
        page.goto(f"{live_server.url}/staff/grants/applications/{recommended.pk}/")
        expect(page.get_by_role("button", name="交付決定する")).to_have_count(0)
    else:
        _work_for(recommended)
        as_user(page, live_server, "community")
        page.goto(f"{live_server.url}/staff/grants/applications/{recommended.pk}/")
    status_is(page, "推薦済み")
    expect(page.get_by_role("button", name="交付決定する")).to_have_count(0)
    expect(page.locator("#action-award")).to_have_count(0)


def test_the_settled_application_and_the_attachment_form_pass_axe(demo, page, live_server):
    settled = _demo_application("settled")
    awarded = _demo_application("awarded")

    as_user(page, live_server, "city")
    page.goto(f"{live_server.url}/staff/grants/applications/{settled.pk}/")
    status_is(page, "額の確定")
    expect(page.locator("#settlement")).to_be_visible()
    expect(page.locator("#action-pay_final, #action-refund")).to_have_count(1)
    axe_clean(page, "application page, settled (city)")

    _work_for(settled)
    as_user(page, live_server, "community")
    page.goto(f"{live_server.url}/staff/grants/applications/{settled.pk}/")
    status_is(page, "額の確定")
    axe_clean(page, "application page, settled (community)")

    _work_for(awarded)
    as_user(page, live_server, "community")
    page.goto(f"{live_server.url}/staff/grants/applications/{awarded.pk}/attachments/new/?kind=receipt")
    expect(page.get_by_role("heading", level=1)).to_have_text("ファイルの添付")
    axe_clean(page, "attachment form")
    with page.expect_navigation():  # and with its errors shown
        page.get_by_role("button", name="添付する").click()
    expect(page.get_by_role("alert")).to_contain_text("入力内容を確認してください。")
    axe_clean(page, "attachment form with errors")


def test_the_flash_message_passes_axe(demo, page, live_server):
    """A page that shows a flash message (here, after signing in again and saving the application)."""
    draft = _demo_application("draft")
    _work_for(draft)
    as_user(page, live_server, "community")
    page.goto(f"{live_server.url}/staff/grants/applications/{draft.pk}/edit/")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    flash(page, "申請を保存しました。")
    axe_clean(page, "application page with a flash message", known={})
