"""The support API: staff actions through the same services as the pages, scoped like them; bad input is a
Japanese 4xx and nothing changes; list queries stay constant as the data grows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.support.models import Consultation, Contact, DispatchRequest, DispatchVisit
from tests.support.consultation_factories import ensure_topic, make_consultation
from tests.support.dispatch_factories import make_request
from tests.support.factories import make_contact

BASE = "/api/v1/support/staff"
JSON = "application/json"


def _today():
    return timezone.localdate()


def _post(client, url, data, method="post"):
    return getattr(client, method)(url, data, content_type=JSON)


def test_a_liaison_logs_a_contact_and_closes_its_follow_up(world):
    client = world.client("liaison")
    url = f"{BASE}/communities/{world.community_a.slug}/contacts"
    due = (_today() + dt.timedelta(days=7)).isoformat()
    response = _post(client, url, {"contacted_on": _today().isoformat(), "way": "visit", "summary": "役員会に出席",
                                   "follow_up": "資料を届ける", "follow_up_due": due})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["community"] == world.community_a.slug and body["follow_up_due"] == due
    assert AuditEvent.objects.filter(action="contact.logged", object_id=str(body["id"])).count() == 1
    listed = client.get(f"{BASE}/contacts", {"open": "true"}).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    done = _post(client, f"{BASE}/contacts/{body['id']}/follow-up-done", {"done_on": _today().isoformat()})
    assert done.status_code == 200 and done.json()["follow_up_done_on"] == _today().isoformat()
    again = _post(client, f"{BASE}/contacts/{body['id']}/follow-up-done", {"done_on": _today().isoformat()})
    assert again.status_code == 422 and "既に完了" in str(again.json())


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"summary": "<script>alert(1)</script>"}, "summary", "HTMLタグやスクリプトは入力できません"),
    ({"follow_up": "電話する", "follow_up_due": "2000-01-01"}, "follow_up_due", "過去の日は入力できません"),
    ({"contacted_on": "2999-01-01"}, "contacted_on", "未来の日は入力できません"),
    ({"way": "pigeon"}, "way", ""),
])
def test_a_bad_contact_is_refused_in_japanese_and_nothing_is_written(world, change, field, message):
    client = world.client("liaison")
    data = {"contacted_on": _today().isoformat(), "way": "visit", "summary": "訪問", **change}
    response = _post(client, f"{BASE}/communities/{world.community_a.slug}/contacts", data)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "入力内容に誤りがあります。" and field in str(body["errors"])
    assert message in str(body["errors"])
    assert not Contact.objects.exists() and not AuditEvent.objects.filter(action="contact.logged").exists()


def test_contacts_of_an_unknown_community_are_404_and_the_list_is_scoped(world):
    client = world.client("liaison")
    response = _post(client, f"{BASE}/communities/no-such-place/contacts",
                     {"contacted_on": _today().isoformat(), "way": "visit", "summary": "訪問"})
    assert response.status_code == 404 and response.json()["detail"] == "見つかりません。"
    make_contact(world.community_b, world.users["city_admin"])
    own = make_contact(world.community_a, world.users["liaison"])
    assert [item["id"] for item in client.get(f"{BASE}/contacts").json()["items"]] == [own.pk]
    assert world.client("advisor").get(f"{BASE}/contacts").json()["count"] == 0


def test_dispatch_through_the_api_from_request_to_close(world):
    member = world.client("community_secretariat")
    created = _post(member, f"{BASE}/communities/{world.community_a.slug}/dispatch",
                    {"purpose": "plan_drafting", "preferred_dates": "土曜の午前", "notes": "計画づくりの進め方"})
    assert created.status_code == 201, created.content
    request_id, version = created.json()["id"], created.json()["version"]
    branch = world.client("branch_staff")
    liaison = world.users["liaison"]
    accepted = _post(branch, f"{BASE}/dispatch/{request_id}/accept", {"version": version, "staff": liaison.pk})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    stale = _post(branch, f"{BASE}/dispatch/{request_id}/decline", {"version": version, "reason": "重複"})
    assert stale.status_code == 409
    client = world.client("liaison")
    version = accepted.json()["version"]
    early = _post(client, f"{BASE}/dispatch/{request_id}/visits",
                  {"version": version, "visited_on": (_today() - dt.timedelta(days=3)).isoformat(), "summary": "説明"})
    assert early.status_code == 422 and "依頼日" in str(early.json()["errors"])
    assert not DispatchVisit.objects.exists()
    visit = _post(client, f"{BASE}/dispatch/{request_id}/visits",
                  {"version": version, "visited_on": _today().isoformat(), "summary": "役員会で説明"})
    assert visit.status_code == 200 and len(visit.json()["visits"]) == 1
    closed = _post(client, f"{BASE}/dispatch/{request_id}/close",
                   {"version": visit.json()["version"], "outcome": "計画の素案ができた"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert AuditEvent.objects.filter(action__startswith="staff_dispatch.", object_id=str(request_id)).count() == 4


def test_dispatch_bad_input_changes_nothing(world):
    request = make_request(world, status="requested")
    branch = world.client("branch_staff")
    url = f"{BASE}/dispatch/{request.pk}"
    not_staff = _post(branch, f"{url}/accept", {"version": request.version,
                                                 "staff": world.users["community_officer"].pk})
    assert not_staff.status_code == 422 and "市の職員" in str(not_staff.json()["errors"])
    script = _post(branch, f"{url}/decline", {"version": request.version, "reason": "<img src=x onerror=alert(1)>"})
    assert script.status_code == 422
    no_reason = _post(branch, f"{url}/decline", {"version": request.version})
    assert no_reason.status_code == 422
    request.refresh_from_db()
    assert request.status == "requested" and request.version == 1 and request.transitions.count() == 0
    wrong_state = _post(world.client("liaison"), f"{url}/close", {"version": request.version, "outcome": "完了"})
    assert wrong_state.status_code in (403, 409)


def test_the_advisor_logs_corrects_and_closes_a_consultation(world):
    client = world.client("advisor")
    topic = ensure_topic()
    follow_up = (_today() + dt.timedelta(days=10)).isoformat()
    data = {"community": world.community_a.slug, "consulted_on": _today().isoformat(), "way": "visit",
            "topic": topic.pk, "summary": "会計の相談", "advice": "帳簿を整える", "follow_up_on": follow_up}
    created = _post(client, f"{BASE}/consultations", data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["city_note"] is None and body["version"] == 1
    edited = _post(client, f"{BASE}/consultations/{body['id']}", {**data, "advice": "科目を分ける", "version": 1},
                   method="put")
    assert edited.status_code == 200 and edited.json()["advice"] == "科目を分ける" and edited.json()["version"] == 2
    event = AuditEvent.objects.get(action="consultation.edited", object_id=str(body["id"]))
    assert event.data["changed"] == ["advice"] and event.data["before"] == {"advice": "帳簿を整える"}
    stale = _post(client, f"{BASE}/consultations/{body['id']}", {**data, "summary": "別", "version": 1},
                  method="put")
    assert stale.status_code == 409 and Consultation.objects.get(pk=body["id"]).summary == "会計の相談"
    done = _post(client, f"{BASE}/consultations/{body['id']}/follow-up-done", {"done_on": _today().isoformat()})
    assert done.status_code == 200 and done.json()["follow_up_done_on"] == _today().isoformat()
    assert world.client("city_admin").get(f"{BASE}/consultations").json()["items"][0]["city_note"] == ""


@pytest.mark.parametrize(("change", "field"), [
    ({"community": "no-such-place"}, "community"),
    ({"summary": "<script>x</script>"}, "summary"),
    ({"topic": 2_000_000}, "topic"),
    ({"follow_up_on": "2001-04-01"}, "follow_up_on"),
    ({"consulted_on": "2999-04-01"}, "consulted_on"),
])
def test_a_bad_consultation_is_a_japanese_422_and_nothing_is_written(world, change, field):
    data = {"community": world.community_a.slug, "consulted_on": _today().isoformat(), "way": "visit",
            "topic": ensure_topic().pk, "summary": "相談", "advice": "助言", **change}
    response = _post(world.client("advisor"), f"{BASE}/consultations", data)
    assert response.status_code == 422
    assert response.json()["detail"] == "入力内容に誤りがあります。" and field in str(response.json()["errors"])
    assert not Consultation.objects.exists()


def test_only_the_advisor_who_logged_it_corrects_it_within_its_fiscal_year(world, django_user_model):
    from kyodo.accounts.roles import Role

    consultation = make_consultation(world, days_ago=0)
    data = {"community": world.community_a.slug, "consulted_on": _today().isoformat(), "way": "visit",
            "topic": consultation.topic_id, "summary": "直した", "advice": "助言", "version": 1}
    url = f"{BASE}/consultations/{consultation.pk}"
    colleague = django_user_model.objects.create_user(username="advisor2", password="x", role=Role.ADVISOR)
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    assert _post(other, url, data, method="put").status_code == 403
    last_year = make_consultation(world, days_ago=400)
    response = _post(world.client("advisor"), f"{BASE}/consultations/{last_year.pk}",
                     {**data, "consulted_on": last_year.consulted_on.isoformat()}, method="put")
    assert response.status_code == 422 and "前の年度" in response.json()["errors"][0]["msg"]
    moved = _post(world.client("advisor"), url, {**data, "consulted_on": "2001-04-02"}, method="put")
    assert moved.status_code == 422
    consultation.refresh_from_db()
    last_year.refresh_from_db()
    assert consultation.summary == "会計帳簿の付け方" and consultation.version == 1 and last_year.version == 1
    assert not AuditEvent.objects.filter(action="consultation.edited").exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _grow(world, count):
    for _ in range(count):
        make_contact(world.community_a, world.users["liaison"], follow_up="電話", due_in=3)
        make_consultation(world)
        request = make_request(world, status="accepted")
        DispatchVisit.objects.create(request=request, visited_on=_today(), staff=world.users["liaison"],
                                     summary="再訪")


@pytest.mark.parametrize(("path", "role"), [("contacts", "liaison"), ("contacts", "city_admin"),
                                            ("dispatch", "branch_staff"), ("dispatch", "liaison"),
                                            ("consultations", "advisor"), ("consultations", "city_admin")])
def test_api_lists_queries_do_not_grow(world, path, role):
    client = world.client(role)
    _grow(world, 2)
    before = _queries(client, f"{BASE}/{path}")
    _grow(world, 6)
    assert _queries(client, f"{BASE}/{path}") == before
    assert client.get(f"{BASE}/{path}").json()["count"] >= 8
    assert DispatchRequest.objects.count() == 8
