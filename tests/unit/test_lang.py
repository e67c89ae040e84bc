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


def test_stop_words_and_stems_are_sumys():
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    words = ["running", "Nations", "gouvernements", "Regierungen", "ciudades", "городами", "testing"]
    for language in supported_languages():
        assert stop_words(language) == frozenset(w.lower() for w in get_stop_words(language)), language
        theirs = Stemmer(language)
        assert [stemmer(language)(w) for w in words] == [theirs(w.lower()) for w in words], language


def test_a_brief_does_not_import_sumy_utils_or_requests():
    """sumy.utils imports requests (about 0.1 s); an English brief needs neither."""
    import subprocess
    import sys

    code = (
        "import sys; from briefing.pipeline import article_from_text, brief;"
        "brief(article_from_text('Council backs plan\\n\\nThe council met on Monday. 12 people spoke, said Ana Ruiz.'));"
        "bad = sorted(m for m in ('sumy.utils', 'requests') if m in sys.modules); assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
