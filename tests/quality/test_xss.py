"""Hostile text through every form a city administrator can reach: it never comes back as markup.

The forms are found by crawling the staff pages (so a new form is covered the day it is
linked). Each text field gets payloads from tests/quality/xss_payloads.py; after each
submission the page the form leads to, the form itself and the pages that showed the
field's old value (public pages included) are read raw. A payload is "unescaped" when
it appears verbatim (it always contains < > " ' or &, which escaping changes), or when
the parsed page holds an element, event handler or javascript:/data: URL carrying its marker.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client

from kyodo.communities.demo import create_demo_content
from kyodo.communities.loading import load_communities
from kyodo.plans.loading import load_promotion_plans
from tests.quality.html_forms import Form, local_path, parse_page
from tests.quality.xss_payloads import dangerous_forms, payloads

MARKER = re.compile(r"kx\d+y")
ROUNDS_PER_FORM = 8
MAX_DISPLAY_PAGES = 3
SKIPPED_ACTIONS = ("/accounts/logout/", "/i18n/", "/admin/", "/delete/")
SCRIPTY_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "link", "body",
                "details", "video", "audio", "source", "marquee", "template", "x"}
SCRIPT_URL = re.compile(r"\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "content"}


class MarkupScanner(HTMLParser):
    """Elements and attributes that a payload's marker should never be part of."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._raw_text_tag: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if not MARKER.search(value) and not MARKER.search(name):
                continue
            script_url = name in URL_ATTRIBUTES and SCRIPT_URL.match(value)
            if name.startswith("on") or tag in SCRIPTY_TAGS or script_url:
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag in {"script", "style"}:
            self._raw_text_tag = tag

    def handle_endtag(self, tag):
        if tag == self._raw_text_tag:
            self._raw_text_tag = None

    def handle_data(self, data):
        if self._raw_text_tag and MARKER.search(data):
            self.findings.append(f"<{self._raw_text_tag}>{data[:80]}")


def unescaped(html: str, submitted: list[str]) -> list[str]:
    found = [f"verbatim: {form}" for payload in submitted for form in dangerous_forms(payload) if form in html]
    scanner = MarkupScanner()
    scanner.feed(html)
    return found + [f"markup: {finding}" for finding in scanner.findings]


@pytest.fixture
def ichinoseki(world) -> None:
    load_promotion_plans()
    load_communities()
    create_demo_content()


def crawl(client: Client, starts: list[str], *, max_pages: int = 150) -> dict[str, str]:
    """GET every page reachable from ``starts`` (one per URL pattern); returns path → HTML."""
    from tests.e2e.crawling import skipped, url_name

    pages: dict[str, str] = {}
    queue, seen, per_name = list(starts), set(starts), Counter()
    while queue and len(pages) < max_pages:
        path = queue.pop(0)
        name = url_name(path)
        if per_name[name] >= 1 and name != "(unresolved)":
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        per_name[name] += 1
        pages[path] = response.content.decode()
        for link in parse_page(path, pages[path]).links:
            target = local_path(link)
            if target and target not in seen and not skipped(target):
                seen.add(target)
                queue.append(target)
    return pages


def editable_forms(pages: dict[str, str]) -> list[Form]:
    forms = []
    for path, html in pages.items():
        for form in parse_page(path, html).forms:
            action = local_path(form.action) or ""
            if form.method == "post" and form.text_fields and not any(s in action for s in SKIPPED_ACTIONS):
                forms.append(form)
    return forms


_serial = iter(range(9000, 10**6))
FILLERS = {"date": lambda: "2024-04-01", "number": lambda: str(next(_serial)), "email": lambda: "kyodo@example.jp",
           "url": lambda: "https://example.jp/", "tel": lambda: "0191-21-0000"}


def filled(form: Form, refusing: set[str]) -> dict[str, str]:
    """The form's data with plausible values where a required field is empty (as a clerk would fill it)."""
    data = form.data()
    for field in form.fields:
        if data.get(field.name):
            continue
        if field.kind == "select":
            data[field.name] = next((option for option in field.options if option), "")
        elif field.kind == "number" and field.maximum is not None:
            data[field.name] = str(field.maximum - next(_serial) % 20)
        elif field.kind in FILLERS:
            data[field.name] = FILLERS[field.kind]()
        elif field.takes_text and field.name in refusing:
            data[field.name] = f"q{next(_serial)}"
    return data


def test_no_payload_comes_back_unescaped(ichinoseki, world):
    admin = world.client("city_admin")
    anonymous = Client()
    staff_pages = crawl(admin, ["/staff/", "/"])
    public_pages = crawl(anonymous, ["/"])
    forms = editable_forms(staff_pages)
    action_names = {form.page for form in forms}
    assert len(forms) >= 5, f"too few forms found by crawling: {action_names}"

    corpus = payloads()
    used: Counter[str] = Counter()
    stored = 0
    problems: list[str] = []
    next_payload = 0
    for form in forms:
        # Pages that show what this form edits: those holding one of its current text values.
        values = [f.value.strip() for f in form.text_fields if len(f.value.strip()) >= 4]
        shown_on = [p for p, html in {**public_pages, **staff_pages}.items()
                    if p != form.page and any(v in html for v in values)][:MAX_DISPLAY_PAGES]
        refusing: set[str] = set()  # fields whose validation refuses such text (URLs, phone numbers)
        rounds = max(ROUNDS_PER_FORM, -(-len(corpus) // max(1, len(forms) * len(form.text_fields))))
        for _ in range(rounds):
            fresh = next((f for f in editable_forms({form.page: admin.get(form.page).content.decode()})
                          if f.action == form.action), None)
            if fresh is None:
                break
            data = filled(fresh, refusing)
            submitted = []
            for field in fresh.text_fields:
                if field.name in refusing:
                    continue
                payload = corpus[next_payload % len(corpus)]
                next_payload += 1
                if field.maxlength and len(payload) > field.maxlength:
                    payload = payload[: field.maxlength]
                data[field.name] = payload
                submitted.append(payload)
                used[payload] += 1
            response = admin.post(local_path(form.action), data)
            assert response.status_code < 500, f"{form.action}: HTTP {response.status_code} for {submitted}"
            to_read = {form.page: response.content.decode()} if response.status_code != 302 else {}
            if response.status_code == 302:
                stored += 1
                for path in [response["Location"], form.page, *shown_on]:
                    client = anonymous if path in public_pages else admin
                    to_read[path] = client.get(path).content.decode()
            elif response.status_code in (200, 409, 422):  # the form again, with its messages
                refusing |= {f.name for f in fresh.text_fields
                             if re.search(rf'form-field--error[^>]*>\s*<label for="id_{f.name}"', to_read[form.page])}
            for path, html in to_read.items():
                problems += [f"{form.action} → {path}: {p}" for p in unescaped(html, submitted)]

    assert problems == [], "\n".join(sorted(set(problems))[:50])
    assert stored >= len(forms), f"too few submissions were accepted ({stored}); the test would prove little"
    missing = [p for p in corpus if not used[p]]
    assert missing == [], f"{len(missing)} payloads were never submitted"


def test_the_scanner_finds_unescaped_markup():
    payload = "<img src=x onerror=alert('kx1y')>"
    assert unescaped(f"<p>{payload}</p>", [payload])
    assert unescaped('<a href="javascript:alert(\'kx2y\')">x</a>', [])
    assert unescaped("<script>var a = 'kx3y';</script>", [])
    assert not unescaped("<p>&lt;img src=x onerror=alert(&#x27;kx1y&#x27;)&gt;</p>", [payload])
