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
    """sumy's stop-word list for `language`, lower-case. Raises UnsupportedLanguage.

    Read from sumy's package data as ``sumy.utils.get_stop_words`` reads it (one word a line,
    trailing space dropped), without importing ``sumy.utils``, which imports requests (about
    0.1 s of start-up) for features this project does not use.
    """
    from importlib import resources

    try:
        data = resources.files("sumy").joinpath(f"data/stopwords/{language}.txt").read_bytes()
    except OSError as exc:
        raise UnsupportedLanguage(f"no stop words for language {language!r}") from exc
    return frozenset(w.rstrip().lower() for w in data.decode("utf-8").splitlines() if w)


# Languages for which sumy's `Stemmer` uses its own code rather than NLTK's Snowball.
_SUMY_STEMMED = frozenset("czech slovak hebrew chinese japanese korean ukrainian greek polish".split())


@lru_cache(maxsize=None)
def stemmer(language: str = "english") -> Callable[[str], str]:
    """A cached stemming function: the stemmer sumy's `Stemmer` picks for `language`, NLTK's
    Snowball stemmer (``nltk.stem.snowball.<Language>Stemmer``) or, for the languages sumy stems
    itself, sumy's. Raises UnsupportedLanguage."""
    if language in _SUMY_STEMMED:
        from sumy.nlp.stemmers import Stemmer

        try:
            stem = Stemmer(language)
        except LookupError as exc:
            raise UnsupportedLanguage(f"no stemmer for language {language!r}") from exc
    else:
        import nltk.stem.snowball as snowball

        cls = getattr(snowball, language.capitalize() + "Stemmer", None)
        if cls is None or not language.isalpha():
            raise UnsupportedLanguage(f"no stemmer for language {language!r}")
        stem = cls().stem
    return lru_cache(maxsize=65536)(lambda word: stem(word.lower()))
