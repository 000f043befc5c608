"""/api/v1/grants: entitlements (scoped), applications (scoped lists, 404 when not visible, the detail
after the award) and the community's actions with 401/403/404/409/422."""

from __future__ import annotations

from kyodo.grants.models import Application, ProgramRule
from tests.grants.factories import ensure_category, make_application

API = "/api/v1/grants/applications"


def test_applications_are_scoped_and_anonymous_callers_get_401(world):
    own = make_application(world.community_a)
    other = make_application(world.community_b)
    assert world.client("city_admin").get(f"{API}/{other.pk}").status_code == 200
    assert world.client("branch_staff").get(f"{API}/{other.pk}").status_code == 404
    assert world.client("advisor").get(f"{API}/{own.pk}").status_code == 404
    anonymous = world.client("anonymous").get(f"{API}/{own.pk}")
    assert anonymous.status_code == 401 and anonymous.json()["detail"] == "サインインが必要です。"
    assert world.client("community_secretariat").get(f"{API}/{other.pk}").status_code == 404
    detail = world.client("liaison").get(f"{API}/{own.pk}").json()
    assert detail["lines"][0]["amount_yen"] == 100_000 and detail["status_label"] == "下書き"


def test_submit(world):
    application = make_application(world.community_a)
    url = f"{API}/{application.pk}/submit"
    client = world.client("community_secretariat")
    assert world.client("branch_staff").post(url, {"version": application.version},
                                             content_type="application/json").status_code == 403
    stale = client.post(url, {"version": application.version + 5}, content_type="application/json")
    assert stale.status_code == 409 and "他の方が先に更新しました" in stale.json()["detail"]
    ok = client.post(url, {"version": application.version}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    again = client.post(url, {"version": ok.json()["version"]}, content_type="application/json")
    assert again.status_code == 409
    assert "「申請済み」の申請では「申請する」はできません" in again.json()["detail"]


def test_submit_problems_are_422_with_japanese_messages(world):
    application = make_application(world.community_a, amount_yen=600_000)
    line = application.lines.get()
    line.category = ensure_category("food", "飲食費")
    line.save()
    ProgramRule.objects.filter(pk=application.rule_id).update(
        application_closes_on=application.rule.application_opens_on)
    response = world.client("community_secretariat").post(
        f"{API}/{application.pk}/submit", {"version": application.version}, content_type="application/json")
    assert response.status_code == 422
    messages = [error["msg"] for error in response.json()["errors"]]
    assert "「飲食費」はこの補助金の対象経費ではありません。" in messages
    assert "申請額の合計600,000円が交付見込額500,000円を超えています。" in messages
    assert any("申請受付期間" in m for m in messages)
    assert Application.objects.get(pk=application.pk).status == "draft"


# ---- entitlements ------------------------------------------------------------------------

ENTITLEMENTS = "/api/v1/grants/entitlements"


def _entitled_world(world):
    from kyodo.fiscal_years import FiscalYear
    from tests.grants.factories import make_eligible, open_rule

    rule = open_rule()
    make_eligible(world.community_a, rule.fiscal_year)
    make_eligible(world.community_b, rule.fiscal_year, households=2000)
    assert rule.fiscal_year == FiscalYear.current().year
    return rule


def test_entitlements_are_scoped_to_the_branch(world):
    rule = _entitled_world(world)
    url = f"{ENTITLEMENTS}?program=activity&fiscal_year={rule.fiscal_year}"
    rows = {row["community"]: row for row in world.client("city_admin").get(url).json()["items"]}
    assert set(rows) == {"aoba", "midori"}
    aoba = rows["aoba"]
    assert aoba["amount_yen"] == 500_000 and aoba["eligible"] and aoba["figures_year"] == rule.fiscal_year
    assert aoba["community_name"] == "あおば地域協働体" and aoba["formula"].endswith("→ 500,000円")
    assert aoba["program"] == "activity" and aoba["fiscal_year"] == rule.fiscal_year
    assert rows["midori"]["amount_yen"] == 600_000
    branch_rows = world.client("branch_staff").get(url).json()["items"]
    assert [row["community"] for row in branch_rows] == ["aoba"]
    # Without a program: every program of the current fiscal year.
    assert {row["program"] for row in world.client("city_admin").get(ENTITLEMENTS).json()["items"]} == {"activity"}


def test_entitlements_errors(world):
    _entitled_world(world)
    assert world.client("anonymous").get(ENTITLEMENTS).status_code == 401
    for role in ("liaison", "community_secretariat", "department_staff"):
        assert world.client(role).get(ENTITLEMENTS).status_code == 403
    city = world.client("city_admin")
    assert city.get(f"{ENTITLEMENTS}?program=nothing").status_code == 404
    for year in ("12.5", "x", "1800"):
        response = city.get(f"{ENTITLEMENTS}?fiscal_year={year}")
        assert response.status_code == 422
        assert response.json()["errors"][0]["msg"] == "年度は1989から2100までの西暦で指定してください。"


def test_a_communitys_own_entitlements(world):
    rule = _entitled_world(world)
    url = "/api/v1/grants/communities/aoba/entitlements"
    rows = world.client("community_secretariat").get(url).json()["items"]
    assert rows == [{
        "program": "activity", "program_name": "地域協働体活動費補助金", "fiscal_year": rule.fiscal_year,
        "has_rule": True, "eligible": True, "reason": "この年度に有効な地域づくり計画があるため対象です。",
        "amount_yen": 500_000, "figures_year": rule.fiscal_year, "formula": rows[0]["formula"],
    }]
    assert world.client("liaison").get(url).status_code == 200
    assert world.client("branch_staff").get(url).status_code == 200
    other = world.client("community_secretariat").get("/api/v1/grants/communities/midori/entitlements")
    assert other.status_code == 403 and other.json() == {"detail": "この操作を行う権限がありません。", "errors": []}
    assert world.client("anonymous").get(url).status_code == 401
    assert world.client("city_admin").get("/api/v1/grants/communities/nowhere/entitlements").status_code == 404
    earlier = world.client("community_secretariat").get(f"{url}?fiscal_year={rule.fiscal_year - 1}").json()["items"]
    assert earlier[0]["has_rule"] is False and earlier[0]["amount_yen"] is None


# ---- the application's detail after the award -------------------------------------------


def test_the_detail_of_a_closed_application_shows_the_money(world):
    application = make_application(world.community_a, status="closed")
    detail = world.client("community_secretariat").get(f"{API}/{application.pk}").json()
    assert detail["award"]["amount_yen"] == 100_000 and detail["award"]["decision_number"].startswith("一協第")
    assert detail["payments"] == [{"kind": "final", "kind_label": "精算払", "amount_yen": 100_000,
                                   "paid_on": detail["payments"][0]["paid_on"]}]
    assert detail["settlement"]["settled_yen"] == 100_000 and detail["settlement"]["eligible_actuals_yen"] == 100_000
    assert detail["money"] == {"awarded_yen": 100_000, "advance_yen": 0, "final_yen": 100_000, "refunded_yen": 0,
                               "paid_yen": 100_000, "net_paid_yen": 100_000, "settled_yen": 100_000,
                               "balance_yen": 0}
    report = detail["actuals_report"]
    assert report["summary"] == "防災訓練を2回、見守り活動を毎月実施しました。"
    assert report["outcomes"] == "延べ150人が参加しました。"
    assert report["submitted_at"] and report["total_yen"] == 100_000
    assert [(line["category"], line["amount_yen"]) for line in report["lines"]] == [("meeting", 100_000)]
    assert report["categories"] == [{"category": "meeting", "category_name": "会議費", "planned_yen": 100_000,
                                     "actual_yen": 100_000, "allowed_yen": 120_000, "over_yen": 0}]
    assert detail["allowed_actions"] == []


def test_the_detail_lists_the_callers_actions_and_change_requests(world):
    application = make_application(world.community_a, status="awarded")
    detail = world.client("community_secretariat").get(f"{API}/{application.pk}").json()
    assert detail["allowed_actions"] == ["request_change", "report"]
    assert detail["money"]["balance_yen"] is None and detail["settlement"] is None
    assert world.client("city_admin").get(f"{API}/{application.pk}").json()["allowed_actions"] == ["pay_advance"]
    assert world.client("branch_staff").get(f"{API}/{application.pk}").json()["allowed_actions"] == []
    changed = make_application(world.community_b, status="change_requested")
    detail = world.client("city_admin").get(f"{API}/{changed.pk}").json()
    assert detail["change_requests"][0]["reason"] == "参加者が増える見込みのため。"
    assert detail["change_requests"][0]["status"] == "pending"
    assert detail["allowed_actions"] == ["approve_change", "refuse_change"]


def test_the_detail_query_count_does_not_grow_with_lines_and_payments(world, django_assert_max_num_queries):
    import datetime as dt

    from kyodo.grants.models import ActualLine, Payment
    from tests.grants.factories import city_user, ensure_category

    small = make_application(world.community_a, status="settled", lines=1)
    large = make_application(world.community_b, status="settled", lines=12)
    report = large.actuals_report
    for index in range(10):
        ActualLine.objects.create(report=report, category=ensure_category("meeting", "会議費"),
                                  description=f"追加{index}", amount_yen=1, order=index + 2)
    # One payment of each kind at most (advance, then final or refund): the small one has none.
    Payment.objects.create(application=large, kind="advance", amount_yen=1, paid_on=dt.date.today(),
                           recorded_by=city_user())
    city = world.client("city_admin")
    with django_assert_max_num_queries(40) as small_queries:
        assert city.get(f"{API}/{small.pk}").status_code == 200
    with django_assert_max_num_queries(40) as large_queries:
        detail = city.get(f"{API}/{large.pk}").json()
    assert len(detail["actuals_report"]["lines"]) == 12 + 10 and len(detail["payments"]) == 1
    assert len(large_queries) == len(small_queries)


# ---- the community's own actions ---------------------------------------------------------


def _json(client, method, url, data):
    return getattr(client, method)(url, data, content_type="application/json")


def _unchanged(application):
    fresh = Application.objects.get(pk=application.pk)
    return fresh.status == application.status and fresh.version == application.version


def test_request_change(world):
    from kyodo.grants.models import ChangeRequest

    application = make_application(world.community_a, status="awarded")
    url = f"{API}/{application.pk}/request-change"
    body = {"version": application.version, "reason": "参加者が増えたため", "description": "会場を広くする",
            "requested_amount_yen": 150_000}
    assert _json(world.client("anonymous"), "post", url, body).status_code == 401
    assert _json(world.client("branch_staff"), "post", url, body).status_code == 403
    assert _json(world.client("city_admin"), "post", url, body).status_code == 403
    other = make_application(world.community_b, status="awarded")
    assert _json(world.client("community_secretariat"), "post", f"{API}/{other.pk}/request-change",
                 body).status_code == 404
    client = world.client("community_secretariat")
    stale = _json(client, "post", url, {**body, "version": application.version + 1})
    assert stale.status_code == 409 and "他の方が先に更新しました" in stale.json()["detail"]
    for amount, message in [
        (-1, "金額は0円以上の整数(円単位)で入力してください。"),
        (12.5, "金額は0円以上の整数(円単位)で入力してください。"),
        ("12.5", "金額は0円以上の整数(円単位)で入力してください。"),
        ("150000", "金額は0円以上の整数(円単位)で入力してください。"),
        (600_000, "交付見込額500,000円を超えています。"),
    ]:
        response = _json(client, "post", url, {**body, "requested_amount_yen": amount})
        assert response.status_code == 422, amount
        errors = response.json()["errors"]
        assert errors[0]["msg"] == message and errors[0]["loc"][-1] == "requested_amount_yen"
    blank = _json(client, "post", url, {**body, "reason": " "})
    assert blank.status_code == 422
    assert blank.json()["errors"] == [{"loc": ["body", "payload", "reason"], "msg": "変更の理由を入力してください。"}]
    assert _unchanged(application) and not ChangeRequest.objects.filter(application=application).exists()
    ok = _json(client, "post", url, body)
    assert ok.status_code == 200 and ok.json()["status"] == "change_requested"
    assert ok.json()["change_requests"][0]["requested_amount_yen"] == 150_000
    again = _json(client, "post", url, {**body, "version": ok.json()["version"]})
    assert again.status_code == 409
    assert "「変更承認申請中」の申請では「変更承認を申請する」はできません" in again.json()["detail"]


def test_save_actuals(world):
    application = make_application(world.community_a, status="awarded")
    url = f"{API}/{application.pk}/actuals"
    body = {"version": application.version, "summary": "防災訓練を実施した", "outcomes": "80人が参加"}
    assert _json(world.client("anonymous"), "put", url, body).status_code == 401
    assert _json(world.client("branch_staff"), "put", url, body).status_code == 403
    client = world.client("community_secretariat")
    assert _json(client, "put", url, {**body, "version": 99}).status_code == 409
    bad = _json(client, "put", url, {**body, "summary": 12})
    assert bad.status_code == 422 and bad.json()["errors"][0]["msg"] == "文字列で入力してください。"
    long = _json(client, "put", url, {**body, "summary": "あ" * 4001})
    assert long.status_code == 422 and long.json()["errors"][0]["msg"] == "4,000文字以内で入力してください。"
    assert _unchanged(application) and not hasattr(Application.objects.get(pk=application.pk), "actuals_report")
    ok = _json(client, "put", url, body)
    assert ok.status_code == 200
    assert ok.json()["actuals_report"]["summary"] == "防災訓練を実施した"
    assert ok.json()["version"] == application.version + 1
    draft = make_application(world.community_b)
    response = _json(world.client("community_secretariat"), "put", f"{API}/{draft.pk}/actuals", body)
    assert response.status_code == 404
    from tests.grants.factories import community_user

    draft_a = make_application(world.community_a, status="draft", code="secretariat")
    assert community_user(world.community_a).pk == draft_a.prepared_by_id
    wrong_state = _json(client, "put", f"{API}/{draft_a.pk}/actuals", {**body, "version": draft_a.version})
    assert wrong_state.status_code == 409 and "の実績報告は変更できません" in wrong_state.json()["detail"]


def test_add_and_remove_actual_lines(world):
    from kyodo.grants.models import ActualLine
    from tests.grants.factories import ensure_category

    ensure_category("food", "飲食費")
    application = make_application(world.community_a, status="awarded")
    url = f"{API}/{application.pk}/actuals/lines"
    body = {"version": application.version, "category": "meeting", "description": "会場費", "amount_yen": 30_000}
    assert _json(world.client("anonymous"), "post", url, body).status_code == 401
    assert _json(world.client("branch_staff"), "post", url, body).status_code == 403
    client = world.client("community_secretariat")
    assert _json(client, "post", url, {**body, "version": 99}).status_code == 409
    for change, field, message in [
        ({"category": "food"}, "category", "「飲食費」はこの補助金の対象経費ではありません。"),
        ({"category": "nothing"}, "category", "経費区分「nothing」はありません。"),
        ({"amount_yen": 0}, "amount_yen", "金額は1円以上の整数で入力してください。"),
        ({"amount_yen": -5}, "amount_yen", "金額は0円以上の整数(円単位)で入力してください。"),
        ({"amount_yen": 1000.5}, "amount_yen", "金額は0円以上の整数(円単位)で入力してください。"),
        ({"amount_yen": "1000"}, "amount_yen", "金額は0円以上の整数(円単位)で入力してください。"),
        ({"amount_yen": 2**40}, "amount_yen", "金額は0円以上の整数(円単位)で入力してください。"),
    ]:
        response = _json(client, "post", url, {**body, **change})
        assert response.status_code == 422, change
        assert {"loc": response.json()["errors"][0]["loc"][-1], "msg": response.json()["errors"][0]["msg"]} == {
            "loc": field, "msg": message}
    assert _unchanged(application) and not ActualLine.objects.filter(report__application=application).exists()
    ok = _json(client, "post", url, body)
    assert ok.status_code == 200
    line = ok.json()["actuals_report"]["lines"][0]
    assert line["amount_yen"] == 30_000 and line["category_name"] == "会議費"
    version = ok.json()["version"]
    delete = f"{url}/{line['id']}"
    assert _json(world.client("anonymous"), "delete", delete, {"version": version}).status_code == 401
    assert _json(world.client("branch_staff"), "delete", delete, {"version": version}).status_code == 403
    assert _json(client, "delete", delete, {"version": version - 1}).status_code == 409
    assert _json(client, "delete", delete, {"version": "x"}).status_code == 422
    other = make_application(world.community_b, status="awarded")
    assert _json(client, "delete", f"{API}/{other.pk}/actuals/lines/{line['id']}",
                 {"version": version}).status_code == 404
    assert ActualLine.objects.filter(pk=line["id"]).exists()
    removed = _json(client, "delete", delete, {"version": version})
    assert removed.status_code == 200 and removed.json()["actuals_report"]["lines"] == []
    assert _json(client, "delete", delete, {"version": removed.json()["version"]}).status_code == 404


def test_report(world):
    from kyodo.grants.models import ActualLine
    from tests.grants.factories import add_actuals_report, ensure_category

    application = make_application(world.community_a, status="awarded")
    add_actuals_report(application, submitted=False)
    url = f"{API}/{application.pk}/report"
    body = {"version": application.version, "comment": ""}
    assert _json(world.client("anonymous"), "post", url, body).status_code == 401
    assert _json(world.client("branch_staff"), "post", url, body).status_code == 403
    client = world.client("community_secretariat")
    assert _json(client, "post", url, {**body, "version": 99}).status_code == 409
    assert _json(client, "post", url, {"version": 1.5}).status_code == 422
    over = ActualLine.objects.create(report=application.actuals_report, category=ensure_category("meeting"),
                                     description="追加", amount_yen=50_000, order=2)
    response = _json(client, "post", url, body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"msg": "「会議費」の支出150,000円が計画額100,000円の120%(120,000円)を超えています。"}]
    assert _unchanged(application)
    over.delete()
    ok = _json(client, "post", url, body)
    assert ok.status_code == 200 and ok.json()["status"] == "reported"
    assert ok.json()["actuals_report"]["submitted_at"] is not None
    again = _json(client, "post", url, {"version": ok.json()["version"]})
    assert again.status_code == 409


def test_the_spec_documents_every_grants_operation():
    from kyodo.api import api

    spec = api.get_openapi_schema()
    operations = [(method, path, op) for path, item in spec["paths"].items() if "/grants/" in path
                  for method, op in item.items()]
    assert len(operations) >= 12
    for method, path, op in operations:
        assert op["tags"] == ["grants"] and op["summary"] and op.get("description"), (method, path)
        assert "default" in op["responses"], (method, path)
    amount = spec["components"]["schemas"]["GrantActualLineIn"]["properties"]["amount_yen"]
    assert amount["type"] == "integer" and amount["minimum"] == 0
