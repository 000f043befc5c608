"""Phones: every page each demo role can reach, at 390 × 844 CSS px (an iPhone 12–15).

What is checked on each page (WCAG 2.1 1.4.10 Reflow, 2.5.5 Target Size; デジタル庁 design system):

1. No sideways scrolling: ``document.scrollingElement.scrollWidth <= innerWidth``. A wide
   table may scroll inside its own container (``.table-wrap``), never the page.
2. Touch targets are at least 44 × 44 CSS px: links, buttons, form controls, summaries and
   anything else focusable that is shown. The rule, decided here:
   - A link *inside running text* is exempt (the "inline" exception of WCAG 2.5.5 and
     2.5.8): the nearest block that holds the link also holds words outside any link,
     button or other control. A link that is the whole content of its block, or stands
     there only with other controls (a menu item, a card title, a table cell's link, row
     actions such as 編集 next to a 削除 button), is a target and must be 44 × 44.
   - A checkbox or radio button is measured together with its label (clicking the label
     sets it), so the label's box counts.
   - Elements not shown (zero size, off-screen like the skip link before it gets focus)
     are not measured.
   - Django's admin (``/admin/``) is the system administrator's fallback, not kyodo's look:
     not crawled for this check.
3. No label breaks one character per line: a heading, table header, label, term, button or
   badge with two or more characters is never narrower than two characters while taking
   more than one line.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in
from tests.e2e.crawling import crawl

pytestmark = pytest.mark.browser

ROLES = ["anonymous", "city", "branch", "liaison", "dept", "community", "advisor", "company", "accounts"]
PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44

_MEASURE = """
(minTarget) => {
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const describe = (el) => {
    const s = (el.parentElement ? name(el.parentElement) + ' > ' : '') + name(el);
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
    return text ? `${s} "${text.slice(0, 30)}"` : s;
  };
  const isBlock = (el) => !getComputedStyle(el).display.startsWith('inline');
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && r.right > 0 && r.bottom > 0;
  };
  const words = (s) => s.replace(/[\\s、。・,.:;:;()()「」|/\\-–—›»«]+/g, '');
  // Words of the link's block outside any control: another link's or a button's label is not running text.
  const controls = 'a, button, select, textarea, summary, label, input';
  const inRunningText = (link) => {
    let block = link.parentElement;
    while (block && !isBlock(block)) block = block.parentElement;
    if (!block) return false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let prose = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement.closest(controls);
      if (!owner || !block.contains(owner)) prose += node.textContent;
    }
    return words(prose).length > 0;
  };

  // 1. Sideways scrolling, with the widest culprits named.
  const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
  const overflow = document.scrollingElement.scrollWidth > width;
  const culprits = [];
  if (overflow) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || getComputedStyle(el).display === 'none') continue;
      const children = [...el.children].filter(c => c.getBoundingClientRect().right > width + 0.5);
      if (children.length === 0) culprits.push(`${describe(el)} (right edge ${Math.round(r.right)} px)`);
    }
  }

  // 2. Touch targets.
  const small = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], '
                   + '[tabindex]:not([tabindex="-1"])';
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('[hidden], [inert]')) continue;
    let target = el;
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (el.tagName === 'INPUT' && (type === 'checkbox' || type === 'radio')) {
      target = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    }
    if (!shown(target)) continue;
    if (el.tagName === 'A' && inRunningText(el)) continue;
    const r = target.getBoundingClientRect();
    if (r.width < minTarget - 0.01 || r.height < minTarget - 0.01) {
      small.push(`${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }

  // 3. Labels that break one character per line.
  const narrow = [];
  const labels = 'h1, h2, h3, h4, th, label, dt, button, .button, .badge, legend, summary';
  for (const el of document.querySelectorAll(labels)) {
    const text = (el.innerText || '').trim();
    if ([...text].length < 2 || !shown(el)) continue;
    const style = getComputedStyle(el);
    const fontSize = parseFloat(style.fontSize);
    const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.5;
    const range = document.createRange();
    range.selectNodeContents(el);
    const box = range.getBoundingClientRect();
    if (box.width < fontSize * 2 && box.height > lineHeight * 1.5) {
      narrow.push(`${describe(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return {overflow, scrollWidth: document.scrollingElement.scrollWidth, culprits: culprits.slice(0, 5),
          small, narrow};
}
"""


def measure(page) -> dict:
    return page.evaluate(_MEASURE, MIN_TARGET)


@pytest.fixture
def phone(browser, live_server):
    # Not ``is_mobile``: a mobile layout viewport widens to fit wide content, hiding the overflow.
    context = browser.new_context(locale="ja-JP", viewport=PHONE, device_scale_factor=1, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    yield page
    context.close()


@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_fits_a_phone(role, demo, phone, live_server):
    starts = ["/"]
    if role != "anonymous":
        sign_in(phone, live_server, role)
        starts = ["/staff/", "/"]
    problems: list[str] = []

    def check(visit):
        if visit.path.startswith("/admin/"):
            return
        found = measure(phone)
        where = f"{visit.path} [{visit.url_name}]"
        if found["overflow"]:
            problems.append(f"{where}: scrolls sideways ({found['scrollWidth']} px > {PHONE['width']} px): "
                            + "; ".join(found["culprits"]))
        if found["small"]:
            problems.append(f"{where}: touch targets under {MIN_TARGET} px: " + "; ".join(found["small"][:8])
                            + (f" … and {len(found['small']) - 8} more" if len(found["small"]) > 8 else ""))
        if found["narrow"]:
            problems.append(f"{where}: one character per line: " + "; ".join(found["narrow"][:5]))

    visits = crawl(phone, live_server.url, starts, on_page=check)
    assert len(visits) >= 3, f"the crawl found too few pages as {role}: {[v.path for v in visits]}"
    assert problems == [], f"{len(problems)} page(s) do not fit a phone as {role}:\n" + "\n".join(problems)


def test_the_checks_catch_a_wide_page_a_small_button_and_a_squeezed_label(transactional_db, phone, live_server):
    """Guard against a vacuous check: each kind of problem, planted, must be reported."""
    phone.goto(f"{live_server.url}/")
    assert measure(phone) == {"overflow": False, "scrollWidth": PHONE["width"], "culprits": [], "small": [],
                              "narrow": []}
    phone.evaluate("""() => {
      const main = document.querySelector('main');
      main.append(Object.assign(document.createElement('div'), {style: 'width: 600px', textContent: 'wide'}));
      main.append(Object.assign(document.createElement('button'), {style: 'all: unset', textContent: 'OK'}));
      const th = Object.assign(document.createElement('h3'), {style: 'width: 1em', textContent: '申請状況'});
      main.append(th);
      const p = document.createElement('p');
      p.innerHTML = '詳しくは <a href="/">こちら</a> をご覧ください。';
      main.append(p);
      const actions = document.createElement('p');
      actions.innerHTML = '<a href="/" style="display: inline">編集</a> <button class="link-button">削除</button>';
      main.append(actions);
    }""")
    found = measure(phone)
    assert found["overflow"] is True
    assert any("wide" in culprit for culprit in found["culprits"])
    assert [s for s in found["small"] if '"OK"' in s]
    assert not [s for s in found["small"] if "こちら" in s], "a link in running text is exempt"
    assert [s for s in found["small"] if '"編集"' in s], "a row action next to a button is a target"
    assert [s for s in found["narrow"] if "申請状況" in s]
