"""The pages: signing up on a phone without an account, refusals (422, nothing changed), cancelling by
link, the hosts' pages (posting, publishing, confirming, attendance), the logged sign-up list, and list
pages whose query counts do not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kyodo.audit.models import AuditEvent
from kyodo.participation.models import Opportunity, Signup
from tests.participation.factories import make_opportunity, make_signup

pytestmark = pytest.mark.django_db

FORM = {"name": "一関 花子", "contact": "0191-21-2111", "age_band": "20s"}
NEW = {
    "title": "あおば川の清掃", "starts_at": "2099-05-01T09:00", "ends_at": "2099-05-01T12:00",
    "place": "あおば橋のたもと", "capacity": "10", "signup_opens_at": "2099-04-01T09:00",
    "signup_closes_at": "2099-04-30T17:00", "is_for_students": "on", "needs_no_experience": "on",
}


def test_a_resident_signs_up_without_an_account_and_cancels_by_the_link(world):
    opportunity = make_opportunity(world.community_a, capacity=1)
    client = Client()
    assert "参加を申し込む" in client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    response = client.post(f"/opportunities/{opportunity.pk}/sign-up/", FORM | {"community": world.community_b.pk})
    assert response.status_code == 302
    signup = Signup.objects.get()
    assert signup.status == "applied" and signup.name_kana == "" and signup.community == world.community_b
    assert response["Location"] == f"/opportunities/signups/{signup.token}/"
    mine = client.get(response["Location"]).content.decode()
    assert "確認待ち" in mine and f"/opportunities/signups/{signup.token}/cancel/" in mine

    full = client.post(f"/opportunities/{opportunity.pk}/sign-up/", FORM | {"name": "一関 次郎"})
    assert full.status_code == 422 and "募集人数に達した" in full.content.decode()
    assert Signup.objects.count() == 1

    assert client.post(f"/opportunities/signups/{signup.token}/cancel/").status_code == 302
    assert Signup.objects.get(pk=signup.pk).status == "cancelled"
    again = client.post(f"/opportunities/{opportunity.pk}/sign-up/", FORM | {"name": "一関 次郎"})
    assert again.status_code == 302 and Signup.objects.filter(status="applied").count() == 1


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "<script>alert(1)</script>", "記号"),
    ("name_kana", "Ichinoseki", "ひらがなまたはカタカナ"),
    ("contact", "abc", "電話番号"),
    ("age_band", "teen", "年代を一覧から"),
    ("name", "", "お名前を入力"),
])
def test_bad_input_is_explained_in_japanese_and_nothing_is_saved(world, field, value, message):
    opportunity = make_opportunity(world.community_a)
    response = Client().post(f"/opportunities/{opportunity.pk}/sign-up/", FORM | {field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Signup.objects.exists()


def test_a_sign_up_after_the_window_is_refused(world):
    opportunity = make_opportunity(world.community_a, days_ahead=-3)
    response = Client().post(f"/opportunities/{opportunity.pk}/sign-up/", FORM)
    assert response.status_code == 422 and "終了しました" in response.content.decode()
    assert not Signup.objects.exists()


def test_drafts_are_not_public(world):
    draft = make_opportunity(world.community_a, status="draft")
    assert Client().get(f"/opportunities/{draft.pk}/").status_code == 404
    assert Client().post(f"/opportunities/{draft.pk}/sign-up/", FORM).status_code == 404
    assert f"/opportunities/{draft.pk}/" not in Client().get("/opportunities/").content.decode()


def test_the_list_filters_by_community_district_tag_date_and_text(world):
    aoba = make_opportunity(world.community_a, title="花壇づくり", is_for_families=True, days_ahead=5)
    midori = make_opportunity(world.community_b, title="雪かき", days_ahead=9)
    client = Client()

    def shown(query):
        html = client.get(f"/opportunities/?{query}").content.decode()
        return {pk for pk in (aoba.pk, midori.pk) if f"/opportunities/{pk}/" in html}

    assert shown("") == {aoba.pk, midori.pk}
    assert shown("community=aoba") == {aoba.pk}
    assert shown(f"district={world.community_b.district_id}") == {midori.pk}
    assert shown("tag=families") == {aoba.pk}
    assert shown(f"on={aoba.starts_at.astimezone().date().isoformat()}") == {aoba.pk}
    assert shown("q=ゆきかき") == set() and shown("q=雪") == {midori.pk}
    assert client.get("/opportunities/?district=abc").status_code == 400


def test_the_community_posts_publishes_confirms_and_records_who_came(world):
    client = world.client("community_secretariat")
    refused = client.post("/staff/participation/new/", NEW | {"community": world.community_a.pk, "capacity": "0"})
    assert refused.status_code == 422 and "募集人数は1人以上" in refused.content.decode()
    negative = client.post("/staff/participation/new/", NEW | {"community": world.community_a.pk, "capacity": "-3"})
    assert negative.status_code == 422 and "募集人数は1人以上" in negative.content.decode()
    other = client.post("/staff/participation/new/", NEW | {"community": world.community_b.pk})
    assert other.status_code == 422
    assert not Opportunity.objects.exists()

    response = client.post("/staff/participation/new/", NEW | {"community": world.community_a.pk})
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and opportunity.status == "draft" and opportunity.is_for_students
    assert client.post(f"/staff/participation/{opportunity.pk}/publish/",
                       {"publish-version": opportunity.version}).status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == "published" and opportunity.transitions.get().action == "publish"
    assert client.post(f"/staff/participation/{opportunity.pk}/close/", {"close-version": 1}).status_code == 409

    live = make_opportunity(world.community_a)
    signup = make_signup(live)
    early = client.post(f"/staff/participation/{live.pk}/signups/{signup.pk}/attended/")
    assert early.status_code == 422 and "先に申込みを確定" in early.content.decode()
    assert client.post(f"/staff/participation/{live.pk}/signups/{signup.pk}/confirm/").status_code == 302
    assert client.post(f"/staff/participation/{live.pk}/signups/{signup.pk}/attended/").status_code == 302
    signup.refresh_from_db()
    assert signup.status == "confirmed" and signup.attended_at is not None
    assert signup.confirmed_by == world.users["community_secretariat"]
    logged = AuditEvent.objects.filter(object_id=str(signup.pk), action__startswith="opportunity_signup")
    assert set(logged.values_list("action", flat=True)) == {"opportunity_signup.confirm", "opportunity_signup.attend"}


def test_each_view_of_the_sign_up_list_is_logged_and_others_see_nothing(world):
    opportunity = make_opportunity(world.community_a)
    make_signup(opportunity, 1)
    page = world.client("branch_staff").get(f"/staff/participation/{opportunity.pk}/").content.decode()
    assert "一関 花子1" in page and "0191-22-3001" in page
    logged = AuditEvent.objects.filter(action="opportunity.signups_viewed", object_id=str(opportunity.pk))
    assert logged.count() == 1 and logged.get().actor_id == world.users["branch_staff"].pk
    for role in ("liaison", "advisor", "department_staff"):
        assert world.client(role).get(f"/staff/participation/{opportunity.pk}/").status_code == 403
    assert "0191-22-3001" not in Client().get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert logged.count() == 1


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _grow(world, opportunities: int, people: int) -> Opportunity:
    last = None
    for number in range(opportunities):
        last = make_opportunity(world.community_a if number % 2 else world.community_b, title=f"活動{number}",
                                capacity=people + 1)
        for person in range(people):
            make_signup(last, person)
    assert last is not None
    return last


@pytest.mark.parametrize("role", ["anonymous", "city_admin"])
def test_lists_take_the_same_queries_at_two_sizes(world, role):
    client = world.client(role)
    urls = ["/opportunities/", "/opportunities/?q=活動&tag=no_experience"]
    if role != "anonymous":
        urls += ["/staff/participation/", "/staff/participation/participation/"]
    small_one = _grow(world, 2, 2)
    small = {url: _queries(client, url) for url in urls}
    small_detail = _queries(client, f"/staff/participation/{small_one.pk}/") if role != "anonymous" else 0
    big_one = _grow(world, 12, 6)
    big = {url: _queries(client, url) for url in urls}
    big_detail = _queries(client, f"/staff/participation/{big_one.pk}/") if role != "anonymous" else 0
    assert big == small
    assert big_detail == small_detail


def test_a_community_page_lists_its_open_opportunities(world):
    shown = make_opportunity(world.community_a, title="花壇づくり")
    make_opportunity(world.community_b, title="雪かき")
    page = Client().get(f"/communities/{world.community_a.slug}/").content.decode()
    assert f"/opportunities/{shown.pk}/" in page and "雪かき" not in page
