import pytest

from kyodo.text_search import normalize_for_search


@pytest.mark.parametrize(
    "typed",
    ["ヤマノメ", "やまのめ", "ﾔﾏﾉﾒ", "ヤマ　ノメ"],
)
def test_width_kana_and_spaces_are_folded(typed):
    assert normalize_for_search(typed) == "やまのめ"


def test_full_width_latin_and_digits_become_half_width_lower_case():
    assert normalize_for_search("ＡＢＣ１２３") == "abc123"
