"""The audit log's staff page: who sees which events, each filter, one event's detail, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.audit.services import record_event
from kyodo.audit.triggers import maintenance
from tests.audit.conftest import client_for


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _summaries(response) -> set[str]:
    html = _html(response)
    return {text for text in ("あおばに交付決定", "t_liaisonに役割を付与", "みどりの事業を変更") if text in html}


def test_a_city_administrator_sees_every_event_newest_first(events, world):
    html = _html(world.client("city_admin").get("/staff/audit/"))
    assert html.index("みどりの事業を変更") < html.index("t_liaisonに役割を付与") < html.index("あおばに交付決定")
    assert "交付申請: 交付決定" in html  # the workflow's own noun for the action
    assert "アカウント: 役割の付与" in html
    assert "施策・事業: 変更" in html
    # The target links to the community's staff page, by the object type's verbose name.
    assert '<a href="/staff/communities/aoba/">地域協働体 #' in html
    assert "今すぐ検証" in html
    assert "情報システム太郎(t_accounts)" in html  # the actor by name, with the user name the log keeps


def test_an_account_administrator_sees_only_account_events(events, account_admin):
    response = client_for(account_admin).get("/staff/audit/")
    assert _summaries(response) == {"t_liaisonに役割を付与"}
    html = response.content.decode()
    assert "交付申請: 交付決定" not in html  # not even among the action filter's choices
    assert "今すぐ検証" not in html
    detail = client_for(account_admin).get(f"/staff/audit/{events[0].sequence}/")
    assert detail.status_code == 404
    assert client_for(account_admin).post("/staff/audit/verification/run/").status_code == 403


@pytest.mark.parametrize(("query", "expected"), [
    ("action=account.role_granted", {"t_liaisonに役割を付与"}),
    ("object_type=communities.community", {"あおばに交付決定", "みどりの事業を変更"}),
    ("actor=t_acc", {"t_liaisonに役割を付与"}),
    ("actor=情報システム", {"t_liaisonに役割を付与"}),  # the person's name while the account exists
    ("q=みどり", {"みどりの事業を変更"}),
    ("from=2001-01-01&to=2001-12-31", set()),
])
def test_each_filter_narrows_the_list(events, world, query, expected):
    assert _summaries(world.client("city_admin").get(f"/staff/audit/?{query}")) == expected


def test_the_object_filter_is_what_other_pages_link_to(events, world):
    response = world.client("city_admin").get(
        f"/staff/audit/?object_type=communities.community&object_id={world.community_b.pk}")
    assert _summaries(response) == {"みどりの事業を変更"}
    assert f"地域協働体 #{world.community_b.pk} の記録だけを表示しています。" in response.content.decode()


def test_the_date_range_counts_whole_days_in_japan(events, world):
    today = timezone.localdate()
    with maintenance():
        AuditEvent.objects.filter(sequence=events[0].sequence).update(
            occurred_at=timezone.now() - dt.timedelta(days=10))
    client = world.client("city_admin")
    assert _summaries(client.get(f"/staff/audit/?from={today}&to={today}")) == {
        "t_liaisonに役割を付与", "みどりの事業を変更"}
    old = today - dt.timedelta(days=10)
    assert _summaries(client.get(f"/staff/audit/?to={old}")) == {"あおばに交付決定"}


@pytest.mark.parametrize("query", [
    "from=yesterday", "to=2026-13-01", "from=99999-01-01", "from=2026-05-01&to=2026-04-01", "to=１２３",
])
def test_a_bad_date_is_a_400_with_a_japanese_message(events, world, query):
    response = world.client("city_admin").get(f"/staff/audit/?{query}")
    assert response.status_code == 400
    assert "リクエストが正しくありません" in response.content.decode()


def test_unknown_filter_values_find_nothing_and_do_not_fail(events, world):
    client = world.client("city_admin")
    assert _summaries(client.get("/staff/audit/?action=nope&object_type=x.y&page=999")) == set()
    assert _summaries(client.get("/staff/audit/?object_id=" + "9" * 200)) == set()


@pytest.mark.parametrize("key", ["action", "object_type", "object_id", "actor", "q", "page", "from", "to"])
def test_hostile_values_never_fail(events, world, key):
    from tests.quality.test_list_parameters import HOSTILE_VALUES

    client = world.client("city_admin")
    for value in HOSTILE_VALUES:
        response = client.get("/staff/audit/", {key: value})
        assert response.status_code in (200, 400), (key, value, response.status_code)
        # (The factories name people 利用者0, 利用者1…: a number may match an actor's name.)
        if key not in ("from", "to", "page") and value.strip("\x00") and not (key == "actor" and value.isdigit()):
            assert _summaries(response) == set(), (key, value)  # nothing matches; a bare NUL is ignored


def test_the_detail_shows_the_data_and_the_hashes(events, world):
    event = events[0]
    html = _html(world.client("city_admin").get(f"/staff/audit/{event.sequence}/"))
    assert "<code>amount_yen</code>" in html and "500000" in html
    assert "期限内に報告" in html  # a nested value, as readable JSON
    assert event.hash in html and event.previous_hash in html
    assert "交付申請: 交付決定" in html
    assert world.client("city_admin").get("/staff/audit/99999/").status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_runs_the_same_queries_for_more_events(events, world, account_admin):
    client = world.client("city_admin")
    small = _queries(client, "/staff/audit/")
    admin_small = _queries(client_for(account_admin), "/staff/audit/")
    city = world.users["city_admin"]
    for number in range(30):
        record_event("grant_application.award", actor=city, target=world.community_a, summary=f"追加{number}")
        record_event("plans.measure_updated", actor=city, target=world.community_b, summary=f"変更{number}")
        record_event("account.role_granted", actor=account_admin, target=world.users["advisor"],
                     summary=f"付与{number}")
    assert _queries(client, "/staff/audit/") == small
    assert _queries(client_for(account_admin), "/staff/audit/") == admin_small
    assert _queries(client, f"/staff/audit/{events[0].sequence}/") <= 6


def test_the_work_area_shows_the_audit_section_to_administrators_only(events, world, account_admin):
    assert "監査ログ" in _html(world.client("city_admin").get("/staff/"))
    assert "最新の改ざん検証" in _html(client_for(account_admin).get("/staff/"))
    assert "最新の改ざん検証" not in _html(world.client("branch_staff").get("/staff/"))


def test_the_audit_pages_in_english(events, world):
    client = world.client("city_admin")
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"}).status_code == 302
    html = _html(client.get("/staff/audit/"))
    assert "Audit log" in html and "Tamper check" in html and "Verify now" in html
    assert "Role granted" in html and "Target" in html
    for japanese in ("改ざん検証", "今すぐ検証", "役割の付与", "期間(開始日)"):
        assert japanese not in html, japanese
    history = _html(client.get(f"/staff/history/communities.community/{world.community_a.pk}/"))
    assert "Change history of" in history and "Created" in history
