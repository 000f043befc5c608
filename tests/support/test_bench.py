"""The benchmark's support part works on a small world: the generated rows, each page and its SQL floor."""

from __future__ import annotations

from bench.support import generate_support, scenarios
from django.test import Client

from kyodo.accounts.models import User
from kyodo.support.models import Consultation, Contact, DispatchRequest, LiaisonAssignment
from tests.factories import UserFactory


def test_bench_support_rows_and_pages(world):
    UserFactory(username="bench-city", role="city_admin")
    LiaisonAssignment.objects.all().delete()  # the bench world starts without liaisons
    generate_support([world.community_a, world.community_b], contacts_per_community=3,
                     consultations_per_community=2)
    assert LiaisonAssignment.objects.filter(ended_on__isnull=True).count() == 2
    assert Contact.objects.count() == 6 and Consultation.objects.count() == 4
    assert DispatchRequest.objects.count() == 1
    clients = {"city": Client(), "liaison": Client()}
    clients["city"].force_login(User.objects.get(username="bench-city"))
    clients["liaison"].force_login(User.objects.get(username="bench-liaison"))
    for name, _kind, url, floor, who in scenarios():
        assert clients[who].get(url).status_code == 200, name
        assert floor() is not None
    body = clients["liaison"].get("/api/v1/support/staff/contacts?limit=50").json()
    assert body["count"] == 6
