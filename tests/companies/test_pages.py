"""The pages: the public list (published only, filters, search, paging, fixed query counts), a company, the
community panel; the contacts' and the city's pages (scoped, review queue, Japanese refusals that change
nothing, confirmations naming the consequence); the work area."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.companies.models import Company, Partnership
from tests.companies.factories import make_partnership, other_company

pytestmark = pytest.mark.django_db


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _names(client, query=""):
    page = client.get(f"/companies/{query}")
    assert page.status_code == 200
    return [company.name for company in page.context["companies"]]


def test_the_public_list_shows_companies_with_published_partnerships_only(world):
    make_partnership(world.company, title="河川清掃", community=world.community_a)
    quiet = other_company("下書きだけ株式会社", "only-drafts")
    make_partnership(quiet, status="draft")
    make_partnership(other_company("提出中株式会社", "submitted-co"), status="submitted")
    hidden = other_company("非掲載株式会社", "unlisted", is_listed=False)
    make_partnership(hidden)
    client = world.client("anonymous")
    assert _names(client) == ["架空建設株式会社"]
    page = client.get("/companies/").content.decode()
    assert "河川清掃" in page and "企業の参画とは" in page and "まちづくり推進課" in page
    assert client.get(reverse("companies:detail", args=[quiet.slug])).status_code == 404
    assert client.get(reverse("companies:detail", args=[hidden.slug])).status_code == 404


def test_the_list_filters_by_kind_area_community_and_words(world):
    make_partnership(world.company, title="河川清掃", kind="volunteering", community=world.community_a)
    other = other_company("みどり食品株式会社", "midori-foods")
    make_partnership(other, title="収穫祭への食材の提供", kind="goods", community=world.community_b)
    client = world.client("anonymous")
    assert _names(client) == ["みどり食品株式会社", "架空建設株式会社"]
    assert _names(client, "?kind=goods") == ["みどり食品株式会社"]
    assert _names(client, "?kind=nonsense") == ["みどり食品株式会社", "架空建設株式会社"]
    assert _names(client, "?community=aoba") == ["架空建設株式会社"]
    assert _names(client, f"?area={world.branch_b.slug}") == ["みどり食品株式会社"]
    assert _names(client, "?q=収穫祭") == ["みどり食品株式会社"]
    assert _names(client, "?q=ｶｸｳ") == []
    assert _names(client, "?q=架空建設") == ["架空建設株式会社"]
    assert _names(client, "?q=収穫祭&kind=volunteering") == []


def test_the_list_pages_and_its_queries_do_not_grow_with_the_data(world):
    make_partnership(world.company, community=world.community_a)
    client = world.client("anonymous")
    few = _count_queries(client, "/companies/")
    for number in range(25):
        company = other_company(f"テスト{number:02d}株式会社", f"test-{number}")
        for title in ("清掃", "協賛"):
            make_partnership(company, title=title, community=world.community_b if number % 2 else None)
    assert _count_queries(client, "/companies/") == few
    assert len(client.get("/companies/").context["companies"]) == 20
    assert len(client.get("/companies/?page=2").context["companies"]) == 6


def test_a_company_page_shows_its_published_partnerships(world):
    make_partnership(world.company, title="公開の取組", community=world.community_a)
    make_partnership(world.company, title="下書きの取組", status="draft")
    make_partnership(world.company, title="差戻しの取組", status="returned")
    page = world.client("anonymous").get(world.company.get_absolute_url()).content.decode()
    assert "公開の取組" in page and "あおば地域協働体" in page
    assert "下書きの取組" not in page and "差戻しの取組" not in page
    assert "令和7年度" in page


def test_a_communitys_page_lists_the_companies_working_with_it(world):
    make_partnership(world.company, title="河川清掃", community=world.community_a)
    make_partnership(other_company(), title="下書き", status="draft", community=world.community_a)
    client = world.client("anonymous")
    page = client.get(f"/communities/{world.community_a.slug}/").content.decode()
    assert "この地域協働体と協働する企業" in page and "架空建設株式会社" in page and "よその商事" not in page
    assert "この地域協働体と協働する企業" not in client.get(f"/communities/{world.community_b.slug}/").content.decode()
    few = _count_queries(client, f"/communities/{world.community_a.slug}/")
    for number in range(6):
        make_partnership(other_company(f"協働{number}株式会社", f"kyodo-{number}"), community=world.community_a)
    assert _count_queries(client, f"/communities/{world.community_a.slug}/") == few


def test_the_menu_and_the_home_page_link_to_companies(world):
    make_partnership(world.company, title="河川清掃")
    page = world.client("anonymous").get("/").content.decode()
    assert 'href="/companies/"' in page and "企業の参画" in page and "河川清掃" in page


def test_the_contact_sees_only_their_companys_partnerships(world):
    make_partnership(world.company, title="自社の下書き", status="draft")
    make_partnership(other_company(), title="他社の取組", status="submitted")
    page = world.client("company_contact").get("/staff/companies/")
    titles = [p.title for p in page.context["partnerships"]]
    assert titles == ["自社の下書き"]
    assert "下書き" in page.content.decode() and "取組を登録する" in page.content.decode()


def test_the_city_reviews_submitted_ones_first_and_filters(world):
    make_partnership(world.company, title="公開中", fiscal_year=2024)
    make_partnership(other_company(), title="確認待ち", status="submitted", kind="goods",
                     community=world.community_b)
    client = world.client("city_admin")
    assert [p.title for p in client.get("/staff/companies/").context["partnerships"]] == ["確認待ち", "公開中"]
    assert [p.title for p in client.get("/staff/companies/?status=published").context["partnerships"]] == ["公開中"]
    assert [p.title for p in client.get("/staff/companies/?kind=goods").context["partnerships"]] == ["確認待ち"]
    assert [p.title for p in client.get("/staff/companies/?year=2024").context["partnerships"]] == ["公開中"]
    assert [p.title for p in client.get("/staff/companies/?community=midori").context["partnerships"]] == ["確認待ち"]
    assert [p.title for p in client.get("/staff/companies/?q=確認").context["partnerships"]] == ["確認待ち"]
    assert client.get("/staff/companies/?year=abc").status_code == 400
    few = _count_queries(client, "/staff/companies/")
    for number in range(8):
        make_partnership(other_company(f"会社{number}", f"co-{number}"), status="submitted",
                         community=world.community_a)
    assert _count_queries(client, "/staff/companies/") == few


def test_publishing_names_its_consequence_and_returning_needs_a_reason(world):
    partnership = make_partnership(world.company, status="submitted")
    client = world.client("city_admin")
    page = client.get(reverse("companies_staff:partnership", args=[partnership.pk])).content.decode()
    assert "市のホームページの「企業の参画」に掲載され" in page and "企業に理由を伝え" in page
    url = reverse("companies_staff:partnership-return", args=[partnership.pk])
    refused = client.post(url, {"return-version": "1", "return-comment": ""})
    assert refused.status_code == 422 and "差し戻す理由を入力してください。" in refused.content.decode()
    partnership.refresh_from_db()
    assert partnership.status == "submitted" and partnership.version == 1
    done = client.post(url, {"return-version": "1", "return-comment": "期間を書き足してください。"})
    assert done.status_code == 302
    stale = client.post(reverse("companies_staff:partnership-publish", args=[partnership.pk]),
                        {"publish-version": "1"})
    assert stale.status_code == 409


def test_the_company_sees_the_return_comment(world):
    partnership = make_partnership(world.company, status="returned", return_comment="期間を書き足してください。")
    page = world.client("company_contact").get(reverse("companies_staff:partnership", args=[partnership.pk]))
    html = page.content.decode()
    assert "市からの差戻しの理由" in html and "期間を書き足してください。" in html
    assert reverse("companies_staff:partnership-edit", args=[partnership.pk]) in html
    assert reverse("companies_staff:partnership-submit", args=[partnership.pk]) in html


def test_the_partnership_form_explains_errors_in_japanese_and_saves_nothing(world):
    client = world.client("company_contact")
    url = reverse("companies_staff:partnership-create")
    refused = client.post(url, {"title": "", "kind": "bribery", "fiscal_year": "1900", "description": "",
                                "started_on": "2025-06-01", "ended_on": "2025-05-01", "community": "999999"})
    html = refused.content.decode()
    assert refused.status_code == 422
    for message in ("取組名を入力してください。", "選べない種類です。", "選べない年度です。",
                    "取組の内容を入力してください。", "終了日は開始日以降の日付を入力してください。",
                    "選べない地域協働体です。"):
        assert message in html
    assert not Partnership.objects.exists()
    done = client.post(url, {"title": "河川清掃", "kind": "volunteering", "fiscal_year": "2025",
                             "description": "社員20名が参加します。", "community": str(world.community_a.pk)})
    assert done.status_code == 302
    created = Partnership.objects.get()
    assert created.company == world.company and created.status == "draft" and created.community == world.community_a


def test_the_city_registers_a_company_and_a_duplicate_is_refused(world):
    client = world.client("city_admin")
    url = reverse("companies_staff:company-create")
    assert client.post(url, {"name": "一関新星株式会社", "slug": "shinsei", "is_listed": "on"}).status_code == 302
    assert Company.objects.filter(slug="shinsei").exists()
    refused = client.post(url, {"name": "一関新星株式会社", "slug": "shinsei"})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "この企業名はすでに登録されています。" in html and "この識別子はすでに使われています。" in html
    assert Company.objects.filter(slug="shinsei").count() == 1
    assert "一関新星株式会社" in client.get(reverse("companies_staff:company-list")).content.decode()


def test_the_contact_edits_the_profile_with_a_checked_website(world):
    client = world.client("company_contact")
    url = reverse("companies_staff:company-edit", args=[world.company.slug])
    assert "name=\"name\"" not in client.get(url).content.decode()
    refused = client.post(url, {"version": "1", "description": "紹介", "website": "javascript:alert(1)"})
    assert refused.status_code == 422
    assert "ウェブサイトはhttps://で始まるURLを入力してください。" in refused.content.decode()
    done = client.post(url, {"version": "1", "description": "清掃活動に参加しています。", "website": "https://example.jp"})
    assert done.status_code == 302
    world.company.refresh_from_db()
    assert world.company.description == "清掃活動に参加しています。" and world.company.website == "https://example.jp"


def test_the_work_area_shows_what_waits(world):
    make_partnership(world.company, status="draft")
    make_partnership(world.company, title="差戻し", status="returned")
    make_partnership(other_company(), status="submitted")
    contact = world.client("company_contact").get(reverse("staff:home")).content.decode()
    assert "差し戻された取組(直して再提出)" in contact and "提出していない下書き" in contact
    assert "/staff/companies/?status=returned" in contact
    city = world.client("city_admin").get(reverse("staff:home")).content.decode()
    assert "企業の参画: 確認待ち" in city and "/staff/companies/?status=submitted" in city


def test_the_public_page_in_english(world):
    make_partnership(world.company, title="河川清掃", kind="volunteering")
    client = world.client("anonymous")
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    html = client.get("/companies/").content.decode()
    assert "What company participation is" in html and "Employee volunteering" in html and "1 company" in html
    assert "企業の参画とは" not in html


def test_a_company_page_and_the_city_lists_do_not_grow_in_queries(world):
    make_partnership(world.company, community=world.community_a)
    client, city = world.client("anonymous"), world.client("city_admin")
    few = (_count_queries(client, world.company.get_absolute_url()),
           _count_queries(city, reverse("companies_staff:company-list")))
    for number in range(8):
        make_partnership(world.company, title=f"取組{number}", community=world.community_b)
        make_partnership(other_company(f"会社{number}", f"co-{number}"), status="draft")
    assert (_count_queries(client, world.company.get_absolute_url()),
            _count_queries(city, reverse("companies_staff:company-list"))) == few
