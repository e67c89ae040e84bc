"""Language resources: the supported list matches what sumy and NLTK can really build."""

from __future__ import annotations

import pytest

from briefing.errors import UnsupportedLanguage
from briefing.text.lang import normalize_language, stemmer, stop_words, supported_languages


def test_every_supported_language_has_a_stemmer_and_stop_words():
    assert "english" in supported_languages()
    for language in supported_languages():
        assert stop_words(language)
        assert stemmer(language)("Testing")


def test_unknown_language_lists_the_valid_names():
    with pytest.raises(UnsupportedLanguage, match="available: .*english"):
        normalize_language("klingon")
    assert normalize_language(" English ") == "english"
