"""Read pages the way a browser would: links, and forms with the values they would submit."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

TEXT_INPUTS = {"text", "search"}


@dataclass
class FormField:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    maxlength: int | None = None
    maximum: int | None = None
    options: list[str] = field(default_factory=list)

    @property
    def takes_text(self) -> bool:
        return self.kind in TEXT_INPUTS or self.kind == "textarea"


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[FormField] = field(default_factory=list)

    def data(self) -> dict[str, str]:
        """What submitting the form unchanged would send."""
        return {f.name: f.value for f in self.fields if f.name}

    @property
    def text_fields(self) -> list[FormField]:
        return [f for f in self.fields if f.takes_text and f.name]


class PageParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = page
        self.page = "http://testserver" + page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: FormField | None = None
        self._select: FormField | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urldefrag(urljoin(self.page, a["href"]))[0])
        elif tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self._form = Form(self.path, action, a.get("method", "get").lower())
        elif self._form is None:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            value = a.get("value", "on" if kind in {"checkbox", "radio"} else "")
            self._form.fields.append(
                FormField(a.get("name", ""), kind, value, _int(a.get("maxlength")), _int(a.get("max")))
            )
        elif tag == "textarea":
            self._textarea = FormField(a.get("name", ""), "textarea", "", _int(a.get("maxlength")))
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = FormField(a.get("name", ""), "select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a or len(self._select.options) == 1:
                self._select.value = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None:
                # A browser drops the one newline right after <textarea>.
                self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def parse_page(path: str, html: str) -> PageParser:
    parser = PageParser(path)
    parser.feed(html)
    return parser


def local_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"}:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
