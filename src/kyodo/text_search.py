"""Normalising Japanese text for search: width, case and kana folded."""

from __future__ import annotations

import unicodedata

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def normalize_for_search(text: str) -> str:
    """Fold full-width/half-width (NFKC), case, and katakana to hiragana; drop spaces.

    ｲﾁﾉｾｷ, イチノセキ and いちのせき all become いちのせき, so a resident finds a community
    however their keyboard typed it.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_KATAKANA_TO_HIRAGANA)
    return "".join(folded.split())
