"""The English translation: the language switch's cookie turns the UI into English, and the .po is complete."""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

import kyodo
from kyodo.audit.models import AuditEvent
from kyodo.plans.loading import load_promotion_plans
from kyodo.plans.models import Measure, Policy, PromotionPlan

PO_PATH = Path(kyodo.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The shared catalogue, and an app's own one (src/kyodo/<app>/locale/) for the strings only it uses.
PO_PATHS = sorted(Path(kyodo.__file__).resolve().parent.glob("**/locale/en/LC_MESSAGES/django.po"))


class _Page(HTMLParser):
    """The html lang attribute, the text of the site header (main menu, sign-in), and the text of h1/h2 headings."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.nav_text: list[str] = []
        self.headings: list[str] = []
        self._nav_depth = 0
        self._heading_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "header" and "site-header" in (attributes.get("class") or ""):
            self._nav_depth = 1
        elif tag == "header" and self._nav_depth:
            self._nav_depth += 1
        if tag in ("h1", "h2"):
            self._heading_depth += 1
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "header" and self._nav_depth:
            self._nav_depth -= 1
        if tag in ("h1", "h2") and self._heading_depth:
            self._heading_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._nav_depth:
            self.nav_text.append(data)
        if self._heading_depth:
            self.headings[-1] += data


def _english_client() -> Client:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
    return client


def _get(client: Client, url: str) -> tuple[str, _Page]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    page = _Page()
    page.feed(html)
    return html, page


def _assert_english_chrome(html: str, page: _Page) -> None:
    assert page.lang == "en"
    nav = " ".join(" ".join(page.nav_text).split())
    for english in ("Home", "Promotion plan", "Community bodies", "Sign in for staff and organisations"):
        assert english in nav
    for japanese in ("ホーム", "推進計画", "地域協働体", "サインイン"):
        assert japanese not in nav
    assert "Skip to main content" in html
    assert "本文へ移動" not in html
    assert "Accessibility policy" in html
    assert "アクセシビリティ方針" not in html


@pytest.mark.django_db
def test_home_in_english() -> None:
    html, page = _get(_english_client(), "/")
    _assert_english_chrome(html, page)
    assert "Community bodies" in page.headings
    assert "Find a community body" in html
    assert "Established" in html
    assert "地域協働体を探す" not in html


@pytest.mark.django_db
def test_plans_in_english() -> None:
    load_promotion_plans()
    html, page = _get(_english_client(), "/plans/")
    _assert_english_chrome(html, page)
    assert "What this plan aims for" in page.headings
    assert "Basic policies" in page.headings
    assert "Main measures" in page.headings
    assert "Plan period" in html
    assert "Ended" in html and "This plan's period ended with" in html  # the 2nd plan ended in March 2024
    for japanese in ("本計画の目指す姿", "施策の基本方針", "主な施策・事業", "計画期間"):
        assert japanese not in html


@pytest.mark.django_db
def test_communities_in_english() -> None:
    html, page = _get(_english_client(), "/communities/")
    _assert_english_chrome(html, page)
    assert "Community bodies" in page.headings
    assert "Search" in html
    assert "Branch office" in html
    for japanese in ("検索", "すべて", "名前・地区名"):
        assert japanese not in html


@pytest.mark.django_db
def test_japanese_stays_the_default() -> None:
    html, page = _get(Client(), "/")
    assert page.lang == "ja"
    assert "推進計画" in " ".join(page.nav_text)
    assert "Promotion plan" not in html


def _po_entries(text: str) -> list[dict[str, str]]:
    """msgid, msgid_plural and msgstr/msgstr[n] of each entry; obsolete (#~) entries are left out."""
    entries = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif key and line.startswith('"'):
                fields[key] += line[1:-1]
        if "msgid" in fields:
            entries.append(fields)
    return entries


def test_the_shared_catalogue_is_there() -> None:
    assert PO_PATH in PO_PATHS
    assert len([entry for entry in _po_entries(PO_PATH.read_text(encoding="utf-8")) if entry["msgid"]]) > 300


@pytest.mark.parametrize("po_path", PO_PATHS, ids=lambda path: str(path.parent.parent.parent.parent.name))
def test_every_msgid_is_translated(po_path: Path) -> None:
    text = po_path.read_text(encoding="utf-8")
    entries = [entry for entry in _po_entries(text) if entry["msgid"]]
    untranslated = []
    for entry in entries:
        translations = [value for key, value in entry.items() if key.startswith("msgstr")]
        if "msgid_plural" in entry and len(translations) != 2:
            untranslated.append(entry["msgid"])
        if not translations or not all(translations):
            untranslated.append(entry["msgid"])
        placeholders = sorted(set(re.findall(r"%\(\w+\)[sd]", entry["msgid"])))
        for value in translations:
            assert sorted(set(re.findall(r"%\(\w+\)[sd]", value))) == placeholders, entry["msgid"]
    assert untranslated == []
    assert "#, fuzzy" not in text


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda match: {"n": "\n", "t": "\t"}.get(match.group(1), match.group(1)), value)


@pytest.mark.parametrize("po_path", PO_PATHS, ids=lambda path: str(path.parent.parent.parent.parent.name))
def test_committed_mo_matches_the_po(po_path: Path) -> None:
    """A fresh machine has no gettext tools: the committed .mo must hold every translation of the .po."""
    with po_path.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in _po_entries(po_path.read_text(encoding="utf-8")):
        msgid = _unescape(entry["msgid"])
        if not msgid:
            continue
        if "msgid_plural" in entry:
            plural = _unescape(entry["msgid_plural"])
            assert catalogue.ngettext(msgid, plural, 1) == _unescape(entry["msgstr[0]"]), msgid
            assert catalogue.ngettext(msgid, plural, 2) == _unescape(entry["msgstr[1]"]), msgid
        elif "msgctxt" in entry:
            assert catalogue.pgettext(_unescape(entry["msgctxt"]), msgid) == _unescape(entry["msgstr"]), msgid
        else:
            assert catalogue.gettext(msgid) == _unescape(entry["msgstr"]), msgid


def _english_staff_client(world) -> Client:
    client = world.client("city_admin")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert response.status_code == 302
    return client


def _assert_absent(html: str, *japanese: str) -> None:
    for text in japanese:
        assert text not in html, text


@pytest.mark.django_db
def test_plans_staff_pages_in_english(world) -> None:
    load_promotion_plans()
    client = _english_staff_client(world)

    html, page = _get(client, "/staff/plans/")
    assert page.lang == "en"
    assert "Manage promotion plans" in page.headings
    assert "Register a promotion plan" in _get(client, "/staff/plans/new/")[1].headings
    _assert_absent(html, "推進計画の管理", "作業画面")

    html, page = _get(client, "/staff/plans/2/")
    assert "Manage promotion plans" in html and "Workspace" in html
    assert "April 2019" in html  # adopted in 平成31年4月
    _assert_absent(html, "推進計画の管理", "作業画面", "実施年度", "平成31年")

    html, page = _get(client, "/staff/plans/2/measures/3/edit/")
    assert "<title>Edit measure 3" in html
    assert page.headings[0].startswith("Measure 3 ")
    assert "Measure number" not in html  # a measure's number names it in URLs: not editable
    assert "(Not decided)" in html and "Division in charge" in html
    _assert_absent(html, "事業3の編集", "(未定)", "所管課とともに")

    html, page = _get(client, "/staff/plans/2/measures/3/schedules/new/")
    assert "Add implementation years to measure 3" in page.headings
    assert "Choose within the plan period (" in html
    _assert_absent(html, "計画期間(", "実施年度の追加")


@pytest.mark.django_db
def test_plans_staff_validation_messages_in_english(world) -> None:
    load_promotion_plans()
    client = _english_staff_client(world)

    response = client.post("/staff/plans/2/policies/5/measures/new/", {"number": 3, "title": "重複"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Measure 3 already exists." in html
    assert "Add a measure to basic policy (5)" in html
    assert "Measure number" in html
    _assert_absent(html, "事業3は既にあります。", "施策・事業を追加", "事業番号")

    response = client.post("/staff/plans/departments/new/", {"name": "まちづくり推進課", "order": 0})
    assert response.status_code == 422
    html = response.content.decode()
    assert "“まちづくり推進課” is already registered." in html
    assert "Register a division in charge" in html
    _assert_absent(html, "は既に登録されています", "所管課の登録")


@pytest.mark.django_db
def test_the_plans_success_message_and_measure_label_in_english(world) -> None:
    load_promotion_plans()
    client = _english_staff_client(world)
    plan = PromotionPlan.objects.get(number=2)
    policy = Policy.objects.get(plan=plan, number=1)
    response = client.post("/staff/plans/2/policies/1/edit/", {
        "title": policy.title, "description": "English test", "version": plan.version,
    }, follow=True)
    html = response.content.decode()
    assert "The basic policy has been updated." in html
    assert "基本方針を更新しました。" not in html
    measure = Measure.objects.get(policy__plan=plan, number=3)
    response = client.post("/staff/plans/2/measures/3/edit/", {
        "title": measure.title, "content": "English test", "partner": "", "version": measure.version,
    }, follow=True)
    assert "The measure has been updated." in response.content.decode()
    assert AuditEvent.objects.get(action="plans.measure_updated").summary.startswith("事業3 ")  # stored in Japanese
    with translation.override("en"):
        assert str(Measure.objects.get(policy__plan=plan, number=3)).startswith("Measure 3 ")
    with translation.override("ja"):
        assert str(Measure.objects.get(policy__plan=plan, number=3)).startswith("事業3 ")


@pytest.mark.django_db
def test_volunteer_opportunities_in_english(world) -> None:
    from tests.participation.factories import make_opportunity

    make_opportunity(world.community_a, capacity=10)
    html, page = _get(_english_client(), "/opportunities/")
    _assert_english_chrome(html, page)
    assert "Volunteering" in page.headings
    assert "河川敷の清掃活動" in page.headings  # the data's own title stays as it was written
    for english in ("Volunteer activities that community bodies are recruiting for", "Activity name or place",
                    "Who it suits", "Upcoming", "Past", "Search", "1 result", "10 places left"):
        assert english in html, english
    for japanese in ("ボランティア募集", "活動名・場所", "こんな方に", "これから", "終了したもの", "検索", "すべて",
                     "1件", "残り10人"):
        assert japanese not in html, japanese


@pytest.mark.django_db
def test_activity_reports_in_english(world) -> None:
    from tests.practice.factories import make_report

    make_report(world.community_a)
    make_report(world.community_b, title="夏祭りの運営")
    html, page = _get(_english_client(), "/practice/")
    _assert_english_chrome(html, page)
    assert "Activity reports" in page.headings
    assert "小学生と防災訓練" in page.headings
    for english in ("Reports of community bodies", "Keyword", "Themes", "District", "Fiscal year", "FY2024 (R6)",
                    "2 results"):
        assert english in html, english
    for japanese in ("活動事例", "キーワード", "テーマ", "年度", "検索", "すべて", "令和", "2件"):
        assert japanese not in html, japanese
