"""The demo step: the demo company has a published partnership with 山目, a draft to submit and a returned one
to fix; the city has one waiting; running it again adds nothing; the journey walks with the demo accounts."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kyodo.accounts.models import User
from kyodo.companies.demo import create_demo_partnerships
from kyodo.companies.models import Partnership
from kyodo.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(username):
    client = Client()
    assert client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}).status_code == 302
    return client


def test_the_demo_leaves_work_for_the_company_and_the_city(settings):
    settings.DEMO_MODE = True
    call_command("setup_demo", verbosity=0, stdout=None)
    assert create_demo_partnerships() == 0  # setup_demo ran it; a second run adds nothing
    company = User.objects.get(username="company").company
    mine = dict(Partnership.objects.filter(company=company).values_list("status", "title"))
    assert set(mine) == {"published", "draft", "returned"}
    published = Partnership.objects.get(company=company, status="published")
    assert published.community is not None and published.community.slug == "yamanome"
    returned = Partnership.objects.get(company=company, status="returned")
    assert returned.transitions.get(action="return").comment
    assert Partnership.objects.filter(status="submitted").exclude(company=company).count() == 1
    assert Partnership.objects.filter(status="published").values("company").distinct().count() == 3
    assert all(p.is_demo_data for p in Partnership.objects.all())

    contact = _signed_in("company")
    work = contact.get(reverse("staff:home")).content.decode()
    assert "差し戻された取組(直して再提出)" in work and "提出していない下書き" in work
    draft = Partnership.objects.get(company=company, status="draft")
    done = contact.post(reverse("companies_staff:partnership-submit", args=[draft.pk]), {"submit-version": "1"})
    assert done.status_code == 302

    city = _signed_in("city")
    assert "企業の参画: 確認待ち" in city.get(reverse("staff:home")).content.decode()
    queue = city.get("/staff/companies/?status=submitted").context["partnerships"]
    assert draft.pk in [p.pk for p in queue]
    assert city.post(reverse("companies_staff:partnership-publish", args=[draft.pk]),
                     {"publish-version": "2"}).status_code == 302
    page = Client().get(company.get_absolute_url()).content.decode()
    assert draft.title in page and published.title in page
    yamanome = Client().get("/communities/yamanome/").content.decode()
    assert company.name in yamanome
