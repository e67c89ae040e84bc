"""Language resources that ship with installed packages: sumy's stop words, NLTK's Snowball stemmers.

Nothing here touches NLTK's data directory: Snowball stemmers are pure code and sumy's stop-word
lists are package data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..errors import UnsupportedLanguage


@lru_cache(maxsize=None)
def supported_languages() -> tuple[str, ...]:
    """Languages with both a sumy stop-word list and a stemmer, sorted (``english``, ``french``...).

    Reads only file names (no stemmer is built), so validating ``--language`` stays cheap.
    """
    from importlib import resources

    return tuple(
        sorted(
            entry.name.removesuffix(".txt")
            for entry in resources.files("sumy").joinpath("data/stopwords").iterdir()
            if entry.name.endswith(".txt") and entry.name.removesuffix(".txt") in _STEMMED
        )
    )


# Languages sumy's `Stemmer` supports without extra packages: NLTK Snowball's plus sumy's own
# (Greek and Polish need optional packages, so they are left out; a stable list,
# checked against the installed packages by tests/unit/test_lang.py).
_STEMMED = frozenset(
    "arabic danish dutch english finnish french german hungarian italian norwegian portuguese "
    "romanian russian spanish swedish czech slovak hebrew chinese japanese korean ukrainian".split()
)


def normalize_language(language: str) -> str:
    """Lower-case language name; raises UnsupportedLanguage listing the valid names."""
    name = (language or "").strip().lower()
    if name not in supported_languages():
        raise UnsupportedLanguage(
            f"unsupported language {language!r}; available: {', '.join(supported_languages())}"
        )
    return name


@lru_cache(maxsize=None)
def stop_words(language: str = "english") -> frozenset[str]:
    """sumy's stop-word list for `language`, lower-case. Raises UnsupportedLanguage."""
    from sumy.utils import get_stop_words

    try:
        return frozenset(w.lower() for w in get_stop_words(language))
    except LookupError as exc:
        raise UnsupportedLanguage(f"no stop words for language {language!r}") from exc


@lru_cache(maxsize=None)
def stemmer(language: str = "english") -> Callable[[str], str]:
    """A cached stemming function (NLTK Snowball via sumy's `Stemmer`). Raises UnsupportedLanguage."""
    from sumy.nlp.stemmers import Stemmer

    try:
        stem = Stemmer(language)
    except LookupError as exc:
        raise UnsupportedLanguage(f"no stemmer for language {language!r}") from exc
    return lru_cache(maxsize=65536)(lambda word: stem(word.lower()))
