"""/api/v1/grants/applications: scoped lists, 404 when not visible, submit with 401/403/409/422."""

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
