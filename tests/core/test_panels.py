"""Panels: an app adds its part to a community's page without the communities app knowing it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from kyodo import panels
from kyodo.panels import Panel, panel, panels_for


@pytest.fixture
def clean_slot(monkeypatch):
    monkeypatch.setitem(panels._PROVIDERS, "community", [])
    return "community"


def test_panels_come_in_order_and_empty_ones_are_left_out(clean_slot):
    @panel(clean_slot, 20)
    def second(request, obj):
        return Panel("second", "Second", "x.html", {"obj": obj})

    @panel(clean_slot, 10)
    def first(request, obj):
        return Panel("first", "First", "x.html")

    @panel(clean_slot, 15)
    def nothing(request, obj):
        return None

    request = RequestFactory().get("/")
    found = panels_for(clean_slot, request, "community-object")
    assert [item.key for item in found] == ["first", "second"]
    assert found[1].context == {"obj": "community-object"}


def test_registering_twice_adds_once(clean_slot):
    def provider(request, obj):
        return Panel("one", "One", "x.html")

    panel(clean_slot, 1)(provider)
    panel(clean_slot, 1)(provider)
    assert len(panels_for(clean_slot, RequestFactory().get("/"), None)) == 1


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError, match="unknown panel slot"):
        panel("nowhere", 1)


@pytest.mark.django_db
def test_the_community_page_renders_a_registered_panel(client, monkeypatch, tmp_path, settings):
    from tests.factories import CommunityFactory

    community = CommunityFactory()
    template_dir = tmp_path / "templates"
    (template_dir / "probe").mkdir(parents=True)
    (template_dir / "probe" / "panel.html").write_text("<p>probe says {{ panel.context.word }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]]}]
    monkeypatch.setitem(panels._PROVIDERS, "community", [])
    panel("community", 1)(lambda request, obj: Panel("probe", "探針", "probe/panel.html", {"word": obj.name}))

    page = client.get(f"/communities/{community.slug}/").content.decode()
    assert 'id="panel-probe-heading">探針</h2>' in page
    assert f"probe says {community.name}" in page
