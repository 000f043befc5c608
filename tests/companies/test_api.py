"""/api/v1/companies: published partnerships and companies (fixed query counts), creating a draft with Japanese
refusals, and the workflow's steps with their refusals."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.companies.models import Partnership
from tests.companies.factories import make_partnership, other_company

pytestmark = pytest.mark.django_db


def test_the_public_lists_show_published_partnerships_only(world):
    make_partnership(world.company, title="河川清掃", community=world.community_a)
    make_partnership(world.company, title="下書き", status="draft")
    make_partnership(other_company(), title="確認待ち", status="submitted")
    client = world.client("anonymous")
    body = client.get("/api/v1/companies/partnerships").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == "河川清掃" and item["company_slug"] == "kaku-kensetsu" and item["community_slug"] == "aoba"
    assert item["kind_label"] == "社員のボランティア" and "status" not in item
    companies = client.get("/api/v1/companies/companies").json()
    assert [c["slug"] for c in companies["items"]] == ["kaku-kensetsu"]
    assert companies["items"][0]["partnerships"] == ["河川清掃"]
    assert client.get("/api/v1/companies/partnerships?kind=goods").json()["count"] == 0
    assert client.get("/api/v1/companies/companies?community=midori").json()["count"] == 0


def test_the_public_list_queries_do_not_grow(world):
    make_partnership(world.company, community=world.community_a)
    client = world.client("anonymous")

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = (count("/api/v1/companies/companies"), count("/api/v1/companies/partnerships"))
    for number in range(10):
        make_partnership(other_company(f"会社{number}", f"co-{number}"), community=world.community_b)
    assert (count("/api/v1/companies/companies"), count("/api/v1/companies/partnerships")) == few


def test_a_contact_creates_a_draft_and_bad_input_is_refused_in_japanese(world):
    client = world.client("company_contact")
    url = "/api/v1/companies/staff/partnerships"
    refused = client.post(url, {"title": "清掃", "kind": "bribery", "fiscal_year": 2025, "description": "内容",
                                "started_on": "2025-06-01", "ended_on": "2025-05-01"},
                          content_type="application/json")
    assert refused.status_code == 422
    text = str(refused.json())
    assert "選べない種類です。" in text and "終了日は開始日以降の日付を入力してください。" in text
    assert not Partnership.objects.exists()
    done = client.post(url, {"title": "清掃", "kind": "volunteering", "fiscal_year": 2025, "description": "内容",
                             "community": world.community_a.pk}, content_type="application/json")
    assert done.status_code == 201
    assert done.json()["status"] == "draft" and done.json()["community_slug"] == "aoba"
    assert Partnership.objects.get().company == world.company


def test_the_steps_by_the_api(world):
    partnership = make_partnership(world.company, status="draft")
    contact, city = world.client("company_contact"), world.client("city_admin")
    base = f"/api/v1/companies/staff/partnerships/{partnership.pk}"
    submitted = contact.post(f"{base}/submit", {"version": 1}, content_type="application/json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    no_reason = city.post(f"{base}/return", {"version": 2, "comment": " "}, content_type="application/json")
    assert no_reason.status_code == 422 and "差し戻す理由を入力してください。" in str(no_reason.json())
    stale = city.post(f"{base}/publish", {"version": 1}, content_type="application/json")
    assert stale.status_code == 409
    wrong_state = contact.post(f"{base}/submit", {"version": 2}, content_type="application/json")
    assert wrong_state.status_code == 409
    published = city.post(f"{base}/publish", {"version": 2}, content_type="application/json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    listed = contact.get("/api/v1/companies/staff/partnerships").json()
    assert [item["status"] for item in listed["items"]] == ["published"]
