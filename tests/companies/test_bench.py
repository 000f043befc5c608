"""The benchmark's companies and audit-log part works on a small world: the generated rows, a valid audit chain,
each page and its SQL floor."""

from __future__ import annotations

from bench.companies import generate_audit_log, generate_companies, scenarios
from django.test import Client

from kyodo.audit.services import verify_chain
from kyodo.companies.models import Company, Partnership
from tests.factories import UserFactory


def test_bench_companies_audit_log_and_pages(world):
    UserFactory(username="bench-city", role="city_admin")
    communities = [world.community_a, world.community_b] * 3
    generate_companies(communities, per_company=7)
    generate_audit_log(300)
    companies = Company.objects.filter(slug__startswith="bench-company-")
    assert companies.count() == 2
    assert Partnership.objects.filter(company__in=companies).count() == 14
    assert set(Partnership.objects.values_list("status", flat=True)) >= {"published", "submitted", "draft"}
    assert verify_chain().ok
    clients = {"anon": Client(), "city": world.client("city_admin")}
    for name, _kind, url, floor, who in scenarios():
        response = clients[who].get(url)
        assert response.status_code == 200, name
        assert floor() is not None
    assert "ベンチ架空企業0株式会社" in clients["anon"].get("/companies/").content.decode()
    assert "ベンチ299" in clients["city"].get("/staff/audit/").content.decode()
    body = clients["anon"].get("/api/v1/companies/companies?limit=50").json()
    assert body["count"] == 2
