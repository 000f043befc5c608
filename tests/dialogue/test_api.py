"""The dialogue API: public meetings and published opinions only; staff actions through the same services, with
refusals as 422/409 in the one error format; list queries constant in the data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kyodo.dialogue.models import Opinion
from tests.dialogue.factories import meeting_in_state, opinion_in_state

BASE = "/api/v1/dialogue"


def test_public_lists_show_published_answers_and_meetings_without_names(world):
    published = opinion_in_state(world.community_a, "published", title="公開", outcome="budget")
    opinion_in_state(world.community_a, "answered", title="非公開")
    meeting_in_state(world.community_a, "held")
    client = Client()
    body = client.get(f"{BASE}/opinions").json()
    assert [item["title"] for item in body["items"]] == ["公開"] and body["count"] == 1
    item = body["items"][0]
    assert item["outcome"] == "budget" and item["outcome_budget_item"] and "answered_by" not in item
    assert client.get(f"{BASE}/opinions/{published.pk}").status_code == 200
    hidden = Opinion.objects.get(title="非公開")
    assert client.get(f"{BASE}/opinions/{hidden.pk}").status_code == 404
    meetings = client.get(f"{BASE}/meetings").json()["items"]
    assert meetings[0]["attendance_residents"] == 12 and meetings[0]["minutes"] == ""
    assert client.get(f"{BASE}/opinions", {"fiscal_year": 1800}).status_code == 422


def test_an_answer_without_budget_details_is_refused_then_accepted(world):
    opinion = opinion_in_state(world.community_a, "routed")
    client = world.client("department_staff")
    url = f"{BASE}/staff/opinions/{opinion.pk}/answer"
    response = client.post(url, {"version": opinion.version, "answer": "計上します", "outcome": "budget"},
                           content_type="application/json")
    assert response.status_code == 422
    assert "予算の事業名を入力してください。" in str(response.json()["errors"])
    assert Opinion.objects.get(pk=opinion.pk).status == "routed"
    response = client.post(url, {"version": opinion.version - 1, "answer": "計上します", "outcome": "operations"},
                           content_type="application/json")
    assert response.status_code == 409
    response = client.post(url, {"version": opinion.version, "answer": "計上します", "outcome": "budget",
                                 "outcome_fiscal_year": 2027, "outcome_budget_item": "防災事業"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "answered"


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(("url", "role"), [(f"{BASE}/opinions", "anonymous"), (f"{BASE}/meetings", "anonymous"),
                                           (f"{BASE}/staff/opinions", "city_admin"),
                                           (f"{BASE}/staff/opinions", "department_staff")])
def test_api_lists_run_constant_queries(world, url, role):
    from tests.factories import CommunityFactory, DistrictFactory

    client = world.client(role)

    def grow(count):
        for index in range(count - Opinion.objects.count()):
            community = CommunityFactory(district=DistrictFactory(branch_office=world.branch_a))
            opinion_in_state(community, ["published", "routed"][index % 2], outcome="plan")
            meeting_in_state(community, "held")

    grow(4)
    few = _queries(client, url)
    grow(30)
    assert _queries(client, url) == few
