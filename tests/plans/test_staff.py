"""The city's editing of plans: forms validate in Japanese, conflicts save nothing, changes are audited."""

from __future__ import annotations

import pytest
from django.test import Client

from kyodo.audit.models import AuditEvent
from kyodo.locking import StaleObject
from kyodo.plans import services
from kyodo.plans.models import Department, Measure, MeasureSchedule, Policy, PromotionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _world_before_plans(world):
    """The world's まちづくり推進課 exists before the loader runs (see ``ichinoseki``)."""


@pytest.fixture
def admin_client(world) -> Client:
    return world.client("city_admin")


def _cells(measure: Measure) -> list[tuple[int, int, str]]:
    return list(measure.schedules.order_by("start_fiscal_year").values_list(
        "start_fiscal_year", "end_fiscal_year", "text"))


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- Schedules ------------------------------------------------------------------------------


def test_a_city_admin_edits_a_schedule_cell_and_the_public_table_shows_it(admin_client, world, measure_3):
    cell = measure_3.schedules.get(start_fiscal_year=2021)
    url = f"/staff/plans/2/measures/3/schedules/{cell.pk}/edit/"
    form = admin_client.get(url)
    assert form.status_code == 200
    assert "計画への落とし込み" in form.content.decode()

    response = admin_client.post(url, {
        "start_fiscal_year": 2021, "end_fiscal_year": 2022, "text": "計画への落とし込み(前倒し)",
        "version": measure_3.version,
    }, follow=True)

    assert response.redirect_chain[-1][0] == "/staff/plans/2/measures/3/edit/"
    assert "実施年度を更新しました。" in _messages(response)
    assert _cells(measure_3) == [(2019, 2020, "反映方法の検討"), (2021, 2022, "計画への落とし込み(前倒し)")]
    html = Client().get("/plans/").content.decode()
    assert '<td class="schedule-cell" colspan="2">計画への落とし込み(前倒し)' in html
    event = AuditEvent.objects.get(action="plans.schedule_updated")
    assert event.actor_id == world.users["city_admin"].pk
    assert event.data["changes"]["end_fiscal_year"] == [2023, 2022]


def test_a_city_admin_adds_and_deletes_a_schedule_cell(admin_client, measure_3):
    cell = measure_3.schedules.get(start_fiscal_year=2021)
    response = admin_client.post(f"/staff/plans/2/measures/3/schedules/{cell.pk}/delete/",
                                 {"version": measure_3.version})
    assert response.status_code == 302
    measure_3.refresh_from_db()
    response = admin_client.post("/staff/plans/2/measures/3/schedules/new/", {
        "start_fiscal_year": 2021, "end_fiscal_year": 2023, "text": "市の計画への反映", "version": measure_3.version,
    })
    assert response.status_code == 302
    assert _cells(measure_3) == [(2019, 2020, "反映方法の検討"), (2021, 2023, "市の計画への反映")]
    assert list(AuditEvent.objects.filter(action__startswith="plans.schedule").values_list("action", flat=True)) == [
        "plans.schedule_deleted", "plans.schedule_added",
    ]


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"start_fiscal_year": 2022, "end_fiscal_year": 2021}, "end_fiscal_year", "終了年度は開始年度以降にしてください。"),
    ({"start_fiscal_year": 2018, "end_fiscal_year": 2019}, "start_fiscal_year", "計画期間内の年度を選んでください。"),
    ({"start_fiscal_year": 2020, "end_fiscal_year": 2024}, "end_fiscal_year", "計画期間内の年度を選んでください。"),
    ({"start_fiscal_year": 2020, "end_fiscal_year": 2021}, "start_fiscal_year", "と年度が重なっています。"),
    ({"start_fiscal_year": 2020, "end_fiscal_year": 2020, "text": ""}, "text", "このフィールドは必須です。"),
])
def test_invalid_schedule_input_is_explained_next_to_the_field_and_changes_nothing(
    admin_client, measure_3, data, field, message
):
    before = _cells(measure_3)
    response = admin_client.post("/staff/plans/2/measures/3/schedules/new/",
                                 {"text": "新しい内容", "version": measure_3.version, **data})
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "入力内容を確認してください。" in html
    assert _cells(measure_3) == before
    assert not AuditEvent.objects.filter(action__startswith="plans.").exists()


def test_a_stale_schedule_form_is_refused_and_changes_nothing(admin_client, measure_3, city_admin):
    seen_version = measure_3.version
    services.update_measure(measure_3, actor=city_admin, version=seen_version, title="別の職員の変更",
                            content=measure_3.content, department=measure_3.department)
    before = _cells(measure_3)
    cell = measure_3.schedules.get(start_fiscal_year=2021)

    response = admin_client.post(f"/staff/plans/2/measures/3/schedules/{cell.pk}/edit/", {
        "start_fiscal_year": 2021, "end_fiscal_year": 2023, "text": "古い画面から", "version": seen_version,
    })

    assert response.status_code == 409
    assert "他の方が先に更新しました。" in response.content.decode()
    assert _cells(measure_3) == before


# --- Measures -------------------------------------------------------------------------------


def test_a_city_admin_edits_a_measure(admin_client, measure_3):
    department = Department.objects.get(name="企画調整課")
    response = admin_client.post("/staff/plans/2/measures/3/edit/", {
        "title": "「地域づくり計画」の市政への反映", "content": "市の計画や予算に反映", "department": department.pk,
        "partner": "", "version": measure_3.version,
    })
    assert response.status_code == 302
    measure_3.refresh_from_db()
    assert (measure_3.title, measure_3.department) == ("「地域づくり計画」の市政への反映", department)
    assert measure_3.version == 2
    event = AuditEvent.objects.get(action="plans.measure_updated")
    assert event.data["changes"]["department"] == ["まちづくり推進課", "企画調整課"]
    assert "「地域づくり計画」の市政への反映" in Client().get("/plans/2/measures/3/").content.decode()


def test_a_stale_measure_form_shows_a_conflict_and_changes_nothing(admin_client, measure_3, city_admin):
    seen_version = measure_3.version
    services.update_measure(measure_3, actor=city_admin, version=seen_version, title="先に保存された名前",
                            content=measure_3.content, department=measure_3.department)

    response = admin_client.post("/staff/plans/2/measures/3/edit/", {
        "title": "後から保存しようとした名前", "content": "", "department": "", "version": seen_version,
    })

    assert response.status_code == 409
    assert "他の方が先に更新しました。最新の内容を確認してから、もう一度操作してください。" in response.content.decode()
    measure_3.refresh_from_db()
    assert measure_3.title == "先に保存された名前"
    assert AuditEvent.objects.filter(action="plans.measure_updated").count() == 1


def test_a_measure_without_a_title_is_refused(admin_client, measure_3):
    response = admin_client.post("/staff/plans/2/measures/3/edit/", {
        "title": "", "content": "x", "department": "", "version": measure_3.version,
    })
    assert response.status_code == 422
    assert response.context["form"].errors["title"] == ["このフィールドは必須です。"]
    measure_3.refresh_from_db()
    assert measure_3.title == "「地域づくり計画」の市政への反映方法の検討"


def test_the_service_refuses_a_stale_version(measure_3, city_admin):
    with pytest.raises(StaleObject):
        services.update_measure(measure_3, actor=city_admin, version=measure_3.version + 1, title="x",
                                content="", department=None)
    assert Measure.objects.get(pk=measure_3.pk).title != "x"


def test_a_city_admin_adds_a_policy_and_a_measure_to_a_new_plan(admin_client, ichinoseki):
    response = admin_client.post("/staff/plans/new/", {
        "number": 3, "title": "第3次一関市地域協働推進計画", "start_fiscal_year": 2024, "end_fiscal_year": 2028,
        "aim_title": "新しい目指す姿",
    })
    assert response.status_code == 302
    assert response["Location"] == "/staff/plans/3/"
    plan = PromotionPlan.objects.get(number=3)
    response = admin_client.post("/staff/plans/3/policies/new/", {
        "number": 1, "title": "地域協働の仕組みと組織づくり", "description": "", "version": plan.version,
    })
    assert response.status_code == 302
    response = admin_client.post("/staff/plans/3/policies/1/measures/new/", {
        "number": 1, "title": "新しい事業", "content": "", "department": "",
    })
    assert response["Location"] == "/staff/plans/3/measures/1/edit/"
    measure = Measure.objects.get(policy__plan=plan, number=1)
    response = admin_client.post("/staff/plans/3/measures/1/schedules/new/", {
        "start_fiscal_year": 2024, "end_fiscal_year": 2028, "text": "通年で実施", "version": measure.version,
    })
    assert response.status_code == 302
    html = Client().get("/plans/3/").content.decode()
    assert '<td class="schedule-cell" colspan="5">通年で実施' in html
    assert "令和6年度(2024年度)" in html
    assert set(AuditEvent.objects.exclude(action__startswith="account.").values_list("action", flat=True)) == {
        "plans.plan_created", "plans.policy_created", "plans.measure_created", "plans.schedule_added",
    }


def test_a_measure_number_is_unique_in_its_plan(admin_client, ichinoseki):
    response = admin_client.post("/staff/plans/2/policies/5/measures/new/", {"number": 3, "title": "重複"})
    assert response.status_code == 422
    assert response.context["form"].errors["number"] == ["事業3は既にあります。"]
    assert Measure.objects.filter(policy__plan=ichinoseki).count() == 16


# --- Plans and policies ---------------------------------------------------------------------


def _plan_post(plan: PromotionPlan, **changes) -> dict:
    data = {
        "title": plan.title, "subtitle": plan.subtitle, "start_fiscal_year": plan.start_fiscal_year,
        "end_fiscal_year": plan.end_fiscal_year, "adopted_on": plan.adopted_on.isoformat(),
        "aim_title": plan.aim_title, "aim_text": plan.aim_text, "background": plan.background,
        "purpose": plan.purpose, "positioning": plan.positioning, "is_current": "on" if plan.is_current else "",
        "version": plan.version,
    }
    return data | changes


def test_a_city_admin_edits_a_plan(admin_client, ichinoseki):
    form = admin_client.get("/staff/plans/2/edit/")
    assert form.status_code == 200
    assert "協働の仕組みが実践される住み良い地域社会を創る" in form.content.decode()
    data = _plan_post(ichinoseki, aim_title="新しい目指す姿")
    response = admin_client.post("/staff/plans/2/edit/", data, follow=True)
    assert "推進計画を更新しました。" in _messages(response)
    ichinoseki.refresh_from_db()
    assert ichinoseki.aim_title == "新しい目指す姿"
    assert AuditEvent.objects.get(action="plans.plan_updated").data["changes"] == {
        "aim_title": ["協働の仕組みが実践される住み良い地域社会を創る", "新しい目指す姿"],
    }


def test_a_plan_period_cannot_leave_schedules_outside_it(admin_client, ichinoseki):
    response = admin_client.post("/staff/plans/2/edit/", _plan_post(ichinoseki, end_fiscal_year=2022))
    assert response.status_code == 422
    assert "計画期間の外になる実施年度があります" in response.content.decode()
    ichinoseki.refresh_from_db()
    assert ichinoseki.end_fiscal_year == 2023


def test_a_reversed_plan_period_is_refused(admin_client, ichinoseki):
    response = admin_client.post("/staff/plans/2/edit/", _plan_post(ichinoseki, start_fiscal_year=2023,
                                                                     end_fiscal_year=2019))
    assert response.status_code == 422
    assert response.context["form"].errors["end_fiscal_year"] == ["終了年度は開始年度以降にしてください。"]


def test_a_stale_plan_form_is_refused(admin_client, ichinoseki, city_admin):
    stale = _plan_post(ichinoseki, title="古い画面から")
    services.update_policy(Policy.objects.get(plan=ichinoseki, number=1), actor=city_admin,
                           version=ichinoseki.version, title="基本方針の変更", description="")
    response = admin_client.post("/staff/plans/2/edit/", stale)
    assert response.status_code == 409
    assert "他の方が先に更新しました。" in response.content.decode()
    assert PromotionPlan.objects.get(number=2).title == "第2次一関市地域協働推進計画"


def test_making_a_plan_current_releases_the_previous_one(admin_client, ichinoseki):
    first = PromotionPlan.objects.get(number=1)
    response = admin_client.post("/staff/plans/1/edit/", _plan_post(first, is_current="on"))
    assert response.status_code == 302
    assert list(PromotionPlan.objects.filter(is_current=True).values_list("number", flat=True)) == [1]
    assert PromotionPlan.objects.get(number=2).version == ichinoseki.version + 1


def test_a_taken_plan_number_is_refused(admin_client, ichinoseki):
    response = admin_client.post("/staff/plans/new/", {
        "number": 2, "title": "重複", "start_fiscal_year": 2024, "end_fiscal_year": 2028,
    })
    assert response.status_code == 422
    assert response.context["form"].errors["number"] == ["第2次の計画は既に登録されています。"]
    assert PromotionPlan.objects.count() == 2


def test_a_city_admin_edits_a_policy(admin_client, ichinoseki):
    response = admin_client.post("/staff/plans/2/policies/5/edit/", {
        "title": "企業の参画促進", "description": "新しい説明", "version": ichinoseki.version,
    })
    assert response.status_code == 302
    assert Policy.objects.get(plan=ichinoseki, number=5).description == "新しい説明"
    assert AuditEvent.objects.filter(action="plans.policy_updated").count() == 1


# --- Departments ----------------------------------------------------------------------------


def test_a_city_admin_maintains_departments(admin_client, world):
    response = admin_client.post("/staff/plans/departments/new/", {"name": "生涯学習課", "division": "教育部",
                                                                    "order": 5})
    assert response.status_code == 302
    department = Department.objects.get(name="生涯学習課")
    response = admin_client.post(f"/staff/plans/departments/{department.pk}/edit/", {
        "name": "まちづくり推進課", "division": "", "order": 5,
    })
    assert response.status_code == 422
    assert response.context["form"].errors["name"] == ["「まちづくり推進課」は既に登録されています。"]
    response = admin_client.post(f"/staff/plans/departments/{department.pk}/edit/", {
        "name": "生涯学習課", "division": "教育部", "order": 2,
    })
    assert response.status_code == 302
    html = admin_client.get("/staff/plans/departments/").content.decode()
    assert "生涯学習課" in html and "教育部" in html


def test_staff_pages_render(admin_client, measure_3):
    for url in ("/staff/plans/", "/staff/plans/2/", "/staff/plans/2/measures/3/edit/",
                "/staff/plans/2/policies/1/edit/", "/staff/plans/new/", "/staff/plans/2/policies/new/",
                "/staff/plans/2/policies/1/measures/new/", "/staff/plans/2/measures/3/schedules/new/",
                "/staff/plans/departments/new/"):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get("/staff/plans/9/").status_code == 404
    assert admin_client.get("/staff/plans/2/measures/3/schedules/999999/edit/").status_code == 404


def test_other_roles_cannot_edit(world, measure_3):
    response = world.client("department_staff").post("/staff/plans/2/measures/3/edit/", {
        "title": "x", "content": "", "department": "", "version": measure_3.version,
    })
    assert response.status_code == 403
    assert Measure.objects.get(pk=measure_3.pk).title != "x"
    assert MeasureSchedule.objects.filter(measure=measure_3).count() == 2


def test_a_refused_form_answers_422_and_saves_nothing(admin_client, world):
    url = "/staff/plans/departments/new/"
    assert admin_client.get(url).status_code == 200
    departments, events = Department.objects.count(), AuditEvent.objects.count()

    response = admin_client.post(url, {"name": "", "division": "教育部", "order": 5})

    assert response.status_code == 422
    assert response.context["form"].errors["name"] == ["このフィールドは必須です。"]
    assert Department.objects.count() == departments and AuditEvent.objects.count() == events
