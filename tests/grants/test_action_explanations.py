"""An application's page says why an action is not available and who takes it, instead of hiding it;
irreversible actions name their consequence; a refusal is folded apart from the positive decision."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kyodo.grants.models import ProgramRule
from tests.factories import BranchOfficeFactory, CommunityFactory, DistrictFactory, UserFactory
from tests.grants.factories import application_in_state, community_user


def page_for(user, application) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("grants_staff:application-detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def unavailable(html: str) -> str:
    found = re.search(r'<div class="actions-unavailable".*?</div>', html, re.S)
    return found.group(0) if found else ""


def test_the_community_is_told_who_reviews_in_its_branch(world):
    submitted = application_in_state(world.community_a, "submitted")
    html = page_for(world.users["community_secretariat"], submitted)
    assert "支所で審査中です。" in html
    box = unavailable(html)
    assert "推薦する" in box and "差し戻す" in box
    assert "A支所の職員" in box
    assert 'id="action-recommend"' not in html


def test_a_head_office_community_is_not_told_of_a_branch(db):
    head = BranchOfficeFactory(name="本庁", slug="honcho", is_head_office=True)
    community = CommunityFactory(slug="yamanome-t", district=DistrictFactory(name="山目", branch_office=head))
    submitted = application_in_state(community, "submitted")
    html = page_for(community_user(community), submitted)
    assert "支所で審査中" not in html
    assert "まちづくり推進課で審査中です。" in html
    assert "まちづくり推進課(本庁地域の地域協働体の審査)" in unavailable(html)


def test_the_recommender_is_told_another_official_decides(world):
    recommender = UserFactory(username="t_city_reviewer", role="city_admin")
    recommended = application_in_state(world.community_a, "recommended")
    recommended.recommended_by = recommender
    recommended.save(update_fields=["recommended_by"])
    html = page_for(recommender, recommended)
    assert 'id="action-award"' not in html and 'id="action-reject"' not in html
    box = unavailable(html)
    assert "申請を推薦した方は" in box and "推薦した職員とは別の職員" in box

    decider = page_for(world.users["city_admin"], recommended)
    assert 'id="action-award"' in decider and not unavailable(decider)


def test_outside_the_window_the_draft_says_when_it_could_be_submitted(world, monkeypatch):
    draft = application_in_state(world.community_a, "draft")
    assert 'id="action-submit"' in page_for(world.users["community_secretariat"], draft)
    ProgramRule.objects.filter(pk=draft.rule_id).update(
        application_opens_on=dt.date(draft.fiscal_year, 4, 1), application_closes_on=dt.date(draft.fiscal_year, 4, 2))
    december = timezone.make_aware(dt.datetime(draft.fiscal_year, 12, 1, 10))
    monkeypatch.setattr(timezone, "now", lambda: december)
    html = page_for(world.users["community_secretariat"], draft)
    assert 'id="action-submit"' not in html
    assert f"申請受付期間({draft.fiscal_year}-04-01〜{draft.fiscal_year}-04-02)外" in unavailable(html)


def test_irreversible_actions_name_their_consequence_and_the_refusal_is_folded_apart(world):
    recommended = application_in_state(world.community_a, "recommended")
    html = page_for(world.users["city_admin"], recommended)
    award = re.search(r'<form[^>]*id="action-award"[^>]*>', html).group(0)
    assert 'data-confirm="交付決定すると地域協働体に通知され、取り消せません。' in award
    assert "kyodo/js/confirm.js" in html
    # 不交付 sits in its own folded part, after the award form has ended.
    assert re.search(r'<details class="action-refusal">\s*<summary>不交付とする</summary>', html)
    assert html.index('id="action-award"') < html.index('<details class="action-refusal">')
