"""Named entities (PERSON, ORG, GPE, LOC, NORP) found by rules and shipped gazetteers.

`extract_entities(article)` returns one :class:`~briefing.document.Entity` per referent, ordered by
first mention; `Entity.mentions` are ``(start, end)`` character spans into ``article.text``.

How it works (English only; no statistical model and no NLTK data):

1. Each sentence (and the title) is cut into words: the segmenter's tokens, with hyphenated tokens
   split where a name meets a lower-case part ("Russian-backed" -> "Russian", "pro-Russian" ->
   "Russian"); particles such as "al-Assad" stay whole.
2. Runs of capitalised words are collected, allowing name particles ("bin", "van", "de") and, after
   an organisation head ("Bank", "Ministry", "Gulf"), "of" ("Bank of England").
3. A run is labelled by, in order: a whole-run gazetteer hit (countries and demonyms, cities,
   subdivisions from `pycountry`, regions, well-known organisations); an organisation head word
   ("Ministry", "Armed Forces", "Inc", "FC"...); a person title before it, which is stripped
   ("Defense Minister Hulusi Akar" -> "Hulusi Akar"); a leading demonym, which is split off
   ("Russian Sergei Shoigu" -> NORP + PERSON); an organisation noun before it ("cables giant
   Pirelli"); a given name; a speech verb after it ("... said"). A run made of one place and other
   capitalised words is one name: an organisation ("Air France", "Dynamo Moscow") unless the other
   words are directions ("Northern Iraq") or it ends in a place head ("... Street"); "&" stays
   inside a name ("Douglas & Lomason Co").
   A sentence-initial word that is a common word, or is written in lower case elsewhere in the
   article, is not a name ("Half of them", "Defense ministers of ..."); nor is a lone function word.
4. Runs left unlabelled are resolved against the whole article (a surname of a person named in
   full elsewhere, the same name labelled elsewhere, a place cue given to the same name
   elsewhere: "the city of Arbil ... Arbil lies"), then by measured defaults
   (see `_default_label`). ALL-CAPS and Title-Case lines (headlines) are matched only against
   gazetteers and names found in the article's ordinary sentences; a line with a lower-case
   content word or a bracket is prose or a results row, not a headline.
   Sports reports (see `_is_sports`: a share of sports words, two of them sport-only) name teams by
   place: there a city, county or state (not a country) without a place cue ("in", "at", "from")
   and not opening a dateline ("LONDON 1996-08-30") is an ORG, and so is an unknown name directly
   followed by a whole number ("Hanwha 6 Ssangbangwool 5", standings rows).
5. Mentions are grouped by referent: a person's later surname-only mention joins the full name;
   country aliases ("U.S.", "United States") join; `Entity.text` is the fullest form.

Sources: the gazetteers under ``briefing/data/`` (``*_en.txt``, written for this project) and
`pycountry` (ISO 3166 country and subdivision names), loaded lazily and cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..document import Article, Entity
from ..text.segment import tokenize

__all__ = ["extract_entities", "LABELS"]

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")

# Lower-case particles that may sit inside a name ("Ludwig van Beethoven", "Osama bin Laden").
_PARTICLES = frozenset(
    "al el bin ibn bint ben de del della dei der den van von da di du dos das do la le ter zu y".split()
)
# A lower-case particle glued to a capitalised name: al-Assad, el-Sisi, bin-Salman, d'Estaing.
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|ul|bin|ibn|abd|de|da|di|du|van|von|d|l|o)[-'’]\w", re.I)
# Heads after which "of" continues a name ("Bank of England", "Gulf of Aden", "Secretary of State").
_OF_HEADS = frozenset(
    "Republic Kingdom Gulf Sea Bay Isle Isles Cape Strait Lake Mount Province State States Sultanate "
    "Emirate Emirates Duchy Principality Commonwealth Museum House Chamber Secretary Minister "
    "Ministry Department Bank University College School Institute Council Court Church Board "
    "Federation Union League Association Society Organization Organisation Party Front Office "
    "Bureau Commission Committee Academy Order Army Navy Division Corps Council Authority Agency "
    "Centre Center Hospital Assembly Parliament Congress Tribunal Fund Foundation Trust".split()
)
_SPEECH_VERBS = frozenset(
    """said says say told tells added adds stated states warned warns noted notes announced
    announces insisted insists asked asks wrote writes explained explains claimed claims argued
    argues replied replies responded responds commented comments remarked declared declares
    stressed stresses emphasised emphasized urged urges acknowledged admitted confirmed confirms
    denied denies recalled recalls continued concluded predicted suggested tweeted posted
    quipped added""".split()
)
# Lower-case role nouns that introduce a person's name ("his counterpart Sergei Shoigu").
_ROLE_NOUNS = frozenset(
    """counterpart spokesman spokeswoman spokesperson leader president minister chairman chairwoman
    chief director coach manager striker midfielder defender goalkeeper captain skipper player
    actor actress singer writer author journalist analyst economist lawyer attorney judge senator
    governor mayor envoy ambassador secretary premier chancellor official colleague teammate wife
    husband son daughter father mother brother sister uncle aunt cousin widow friend founder
    owner partner executive ceo commander general colonel officer rival opponent champion
    winner compatriot pitcher batter forward guard king queen prince princess pope cardinal
    bishop professor doctor dr mr mrs ms sir""".split()
)
# Lower-case nouns that introduce an organisation's name ("cables giant Pirelli", "the daily Zycie Warszawy").
_ORG_NOUNS = frozenset(
    """company firm group giant maker carrier airline bank lender insurer retailer broker brokerage
    conglomerate manufacturer producer operator newspaper daily weekly magazine agency club side
    team subsidiary unit chain supplier distributor developer publisher broadcaster""".split()
)
# Words between two sports teams: a city named next to one is the team, not the place.
_VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus", "beat", "beats", "defeated", "defeat", "routed", "thrashed", "edged", "drew"})
# Words of sports reports: an article dense in them is a sports article, where a city, county or
# state (not a country) named without a place cue is a team ("Surrey closed on 429", "CHICAGO 71 64").
# Strong words rarely occur outside sport; weak ones ("won", "round", "points") also fill election news.
_SPORTS_STRONG = frozenset(
    """soccer football cricket baseball basketball hockey rugby tennis golf athletics cycling boxing
    league cup championship championships tournament match matches innings wicket wickets goal
    goals scored scorer scorers striker midfielder goalkeeper coach pitcher inning homer homers
    touchdown halftime half-time standings fixtures semifinal semifinals quarterfinal
    quarterfinals seeded""".split()
)
_SPORTS_WEAK = frozenset(
    """beat beats defeated drew draw won lost win wins play played playing team teams club clubs
    points pts final finals round title champion champions division game games season""".split()
)
_DATELINE_NEXT = re.compile(r"^(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\($|[-—–]+$)")
_PLACE_PREPS = frozenset({"in", "at", "from", "near", "to", "into", "across", "outside", "inside", "via"})
# Nouns that introduce a place name: "the city of Arbil", "the town Tavildara".
_PLACE_NOUNS = frozenset(
    "city town village province region capital district state county island port suburb "
    "municipality enclave outskirts neighbourhood neighborhood".split()
)
_QUOTE_OPEN = frozenset("\"“‘'«(‹[—–-:")
_APOSTROPHES = "'’"


# --------------------------------------------------------------------------------------------
# Gazetteers


@dataclass(frozen=True)
class _Gazetteer:
    """All word lists, built once. Keys of `names` are names with single spaces."""

    names: dict[str, tuple[str, str]]  # exact surface -> (label, group key)
    folded: dict[str, tuple[str, str]]  # casefolded surface -> (label, group key)
    max_words: int
    country_keys: frozenset[str]  # group keys of countries (not cities or provinces)
    org_cues: frozenset[str]  # single-token heads
    org_cue_phrases: tuple[tuple[str, ...], ...]  # multi-token heads ("Armed", "Forces")
    titles: frozenset[str]  # casefolded, final "." removed
    title_phrases: tuple[tuple[str, ...], ...]
    first_names: frozenset[str]
    common: frozenset[str]  # casefolded
    calendar: frozenset[str]  # casefolded
    misc_cues: frozenset[str] = field(default=frozenset())
    misc_cue_phrases: tuple[tuple[str, ...], ...] = ()
    misc_words: frozenset[str] = field(default=frozenset())  # casefolded


def _read_list(name: str) -> list[str]:
    raw = resources.files("briefing").joinpath(f"data/{name}").read_text("utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _norm(text: str) -> str:
    return " ".join(text.split())


# Subdivision types whose names are commonly written in news as places of their own.
_SUBDIVISION_TYPES = frozenset(
    {
        "state", "province", "governorate", "prefecture", "region", "canton", "republic", "oblast",
        "county", "emirate", "territory", "autonomous region", "autonomous republic",
        "autonomous province", "federal district", "two-tier county", "metropolitan county",
        "unitary authority", "council area", "country", "nation", "administrative region",
        "special administrative region", "capital district", "capital territory", "land",
        "voivodeship",
    }
)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    import pycountry

    from ..text.lang import stop_words

    common = {w.casefold() for w in _read_list("common_caps_en.txt")}
    try:
        common |= set(stop_words("english"))
    except Exception:  # pragma: no cover - sumy's list is a dependency; the own list suffices
        pass
    calendar = frozenset(w.casefold() for w in _read_list("calendar_en.txt"))

    names: dict[str, tuple[str, str]] = {}
    country_keys: set[str] = set()

    def add(surface: str, label: str, key: str, *, override: bool = False) -> None:
        surface = _norm(surface)
        if not surface or (surface in names and not override):
            return
        names[surface] = (label, key)

    # 1. Countries and demonyms (own list first: it decides the group of aliases).
    for line in _read_list("demonyms_en.txt"):
        left, _, right = line.partition("=")
        places = [p.strip() for p in left.split(";") if p.strip()]
        if not places:
            continue
        key = "GPE:" + places[0]
        country_keys.add(key)
        for place in places:
            add(place, "GPE", key, override=True)
        for dem in (d.strip() for d in right.split(";")):
            if dem:
                add(dem, "NORP", "NORP:" + places[0], override=True)
    for line in _read_list("groups_en.txt"):
        if line not in names:
            add(line, "NORP", "NORP:" + line)
    # 2. Organisations that everyone knows by name.
    for line in _read_list("orgs_en.txt"):
        add(line, "ORG", "ORG:" + line)
    # 3. Countries from ISO 3166 (pycountry): names, common and official names.
    for country in pycountry.countries:
        key = None
        candidates = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        candidates = [c for c in candidates if c and "," not in c and "(" not in c]
        for cand in candidates:
            if _norm(cand) in names and names[_norm(cand)][0] == "GPE":
                key = names[_norm(cand)][1]
                break
        if not candidates:
            continue
        key = key or "GPE:" + candidates[0]
        country_keys.add(key)
        for cand in candidates:
            add(cand, "GPE", key)
    # 4. Cities (own list), then regions and other places.
    for line in _read_list("cities_en.txt"):
        add(line, "GPE", "GPE:" + line)
    for line in _read_list("locations_en.txt"):
        add(line, "LOC", "LOC:" + line)
    # 5. Country subdivisions (states, provinces...) from pycountry, skipping common words.
    for sub in pycountry.subdivisions:
        if sub.type.casefold() not in _SUBDIVISION_TYPES:
            continue
        for cand in re.split(r"\s*[/;]\s*", sub.name):
            cand = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", cand).strip()
            if len(cand) < 4 or "," in cand or not cand[:1].isupper() or cand.casefold() in common:
                continue
            if cand.split()[0].casefold() in common:  # "North", "Central"-style descriptions
                continue
            add(cand, "GPE", "GPE:" + cand)

    folded: dict[str, tuple[str, str]] = {}
    for surface, value in names.items():
        folded.setdefault(surface.casefold(), value)

    cues = _read_list("org_cues_en.txt")
    org_cues = frozenset(c for c in cues if " " not in c)
    org_phrases = tuple(tuple(c.split()) for c in cues if " " in c)
    titles_raw = _read_list("person_titles_en.txt")
    titles = frozenset(t.casefold().rstrip(".") for t in titles_raw if " " not in t)
    title_phrases = tuple(tuple(t.casefold().rstrip(".").split()) for t in titles_raw if " " in t)
    first_names = frozenset(_read_list("first_names_en.txt"))
    misc = _read_list("misc_cues_en.txt")
    return _Gazetteer(
        names=names,
        folded=folded,
        max_words=max(len(s.split()) for s in names),
        country_keys=frozenset(country_keys),
        org_cues=org_cues,
        org_cue_phrases=org_phrases,
        titles=titles,
        title_phrases=title_phrases,
        first_names=first_names,
        common=frozenset(common),
        calendar=calendar,
        misc_cues=frozenset(c for c in misc if " " not in c),
        misc_cue_phrases=tuple(tuple(c.split()) for c in misc if " " in c),
        misc_words=frozenset(w.casefold() for w in _read_list("misc_words_en.txt")),
    )


# --------------------------------------------------------------------------------------------
# Words


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int
    initial: bool  # first word of its sentence (or right after an opening quote there)
    break_before: bool = False  # a run may not continue across into this word
    break_after: bool = False


def _is_cap(text: str) -> bool:
    """A word that can be part of a name: capitalised, an acronym, or a particle-prefixed name."""
    if len(text) < 2 or not text[0].isalpha():
        return False
    if text[0].isupper():
        return any(ch.isalpha() for ch in text) and not any(ch.isdigit() for ch in text)
    return bool(_PARTICLE_PREFIX.match(text)) and any(ch.isupper() for ch in text[1:])


def _words(tokens, text: str, gaz: _Gazetteer) -> list[_Word]:
    words: list[_Word] = []
    initial = True
    for tok in tokens:
        t = tok.text
        if not any(ch.isalnum() for ch in t):
            brk = t != "&"  # "Standard & Poor's", "Douglas & Lomason" stay one name
            words.append(_Word(t, tok.start, tok.end, False, brk, brk))
            # After an opening quote or dash at the start, the next word is still sentence-initial.
            if not (initial and t in _QUOTE_OPEN):
                initial = False
            continue
        if "-" in t and not _PARTICLE_PREFIX.match(t) and t not in gaz.names:
            parts = t.split("-")
            caps = [bool(p) and p[0].isupper() for p in parts]
            offs = []
            pos = tok.start
            for p in parts:
                offs.append((pos, pos + len(p)))
                pos += len(p) + 1
            if all(caps):
                if all(p in gaz.names for p in parts):  # Turkish-Russian, US-Israeli
                    for i, (p, (s, e)) in enumerate(zip(parts, offs)):
                        words.append(_Word(p, s, e, initial and i == 0, i > 0, True))
                    initial = False
                    continue
            elif caps[0]:  # Russian-backed, New York-based: keep the capitalised head
                k = caps.index(False)
                s, e = offs[0][0], offs[k - 1][1]
                words.append(_Word(text[s:e], s, e, initial, False, True))
                initial = False
                continue
            elif any(caps):  # pro-Russian, anti-Assad, mid-May
                k = caps.index(True)
                s, e = offs[k][0], offs[-1][1]
                words.append(_Word(text[s:e], s, e, False, True, False))
                initial = False
                continue
        words.append(_Word(t, tok.start, tok.end, initial))
        initial = False
    return words


# --------------------------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    text: str
    label: str | None  # None: unknown, to be resolved against the article
    key: str | None  # group key, None for the default (label + text)
    strong: bool  # evidence beyond capitalisation
    initial: bool = False  # a sentence-initial single word with no evidence
    person_cue: bool = False
    place_cue: bool = False
    n_words: int = 1
    dateline: bool = False  # a place opening its line before a date ("LONDON 1996-08-30")
    score_after: bool = False  # directly followed by a whole number ("Hanwha 6 Ssangbangwool 5")


def _strip_dot(s: str) -> str:
    return s.casefold().rstrip(".")


def _title_end(words: list[_Word], gaz: _Gazetteer) -> int:
    """Number of leading words of a run that form a title ("Defense Minister", "President").

    The title is the longest prefix that ends with a title word and is followed by at least one
    more word; words before the title head ("Defense", "Foreign", "Russian") belong to it.
    """
    lowered = [_strip_dot(w.text) for w in words]
    end = 0
    for i in range(len(words) - 1):
        if lowered[i] in gaz.titles:
            end = i + 1
        for phrase in gaz.title_phrases:
            n = len(phrase)
            if tuple(lowered[i : i + n]) == phrase and i + n < len(words):
                end = max(end, i + n)
    return end


def _has_org_cue(words: list[_Word], gaz: _Gazetteer) -> bool:
    return _has_cue(words, gaz.org_cues, gaz.org_cue_phrases)


def _has_misc_cue(words: list[_Word], gaz: _Gazetteer) -> bool:
    """An event, law or award name ("World Cup", "Astana Peace Talks"): its last word is the head."""
    if len(words) >= 2 and words[-1].text in gaz.misc_cues:
        return True
    return _has_cue(words[-2:], frozenset(), gaz.misc_cue_phrases)


def _has_cue(words: list[_Word], cues: frozenset[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    texts = [w.text for w in words]
    if len(texts) < 2:
        return False
    # The head is usually the last word; a cue inside also counts ("Bank of England").
    if any(t in cues for t in texts[1:]):
        return True
    for phrase in phrases:
        n = len(phrase)
        for i in range(1, len(texts) - n + 1):
            if tuple(texts[i : i + n]) == phrase:
                return True
    return False


def _looks_like_name(words: list[_Word]) -> bool:
    for w in words:
        t = w.text
        if t.casefold() in _PARTICLES or _PARTICLE_PREFIX.match(t):
            continue
        if re.fullmatch(r"[A-Z]\.", t):  # initial: George W. Bush
            continue
        if not (t[0].isupper() and (len(t) == 1 or t[1:].replace("-", "").replace("'", "").replace("’", "").isalpha())):
            return False
        if t.isupper() and len(t) > 1:  # acronyms are not personal names
            return False
    return True


def _join(text: str, words: list[_Word]) -> str:
    return text[words[0].start : words[-1].end]


def _lookup(text: str, words: list[_Word], gaz: _Gazetteer) -> tuple[str, str] | None:
    surface = _norm(_join(text, words))
    hit = gaz.names.get(surface)
    if hit is None and surface.isupper() and sum(ch.isalpha() for ch in surface) >= 4:
        # A name written in capitals (a dateline "LONDON"); not for common words ("THE").
        if surface.casefold() not in gaz.common:
            hit = gaz.folded.get(surface.casefold())
    return hit


def _gazetteer_pieces(text: str, words: list[_Word], gaz: _Gazetteer) -> list[_Cand]:
    """Longest gazetteer matches inside `words` (left to right, no overlaps)."""
    out = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + gaz.max_words), i, -1):
            hit = _lookup(text, words[i:j], gaz)
            if hit:
                out.append(_Cand(words[i].start, words[j - 1].end, _join(text, words[i:j]), hit[0], hit[1], True, n_words=j - i))
                i = j
                break
        else:
            i += 1
    return out


def _analyse(
    text: str, run: list[_Word], prev: list[_Word], nxt: list[_Word], gaz: _Gazetteer, lower_seen: frozenset[str]
) -> list[_Cand]:
    """Label one run of capitalised words; returns candidates (possibly several, possibly none)."""
    if not run:
        return []
    # Leading sentence-initial word: drop it when it is a common word, a calendar word, or a word
    # the article also writes in lower case ("Defense ministers ..." beside "defense ministers").
    first = run[0]
    if first.initial and not _lookup(text, run, gaz):
        low = first.text.casefold()
        known = _lookup(text, [first], gaz) is not None
        if low in gaz.common or low in gaz.calendar or (not known and low in lower_seen):
            return _analyse(text, run[1:], prev + [first], nxt, gaz, lower_seen)
    # A month or weekday alone is never a name ("May 20"); inside a name it may be ("Theresa May").
    if len(run) == 1 and run[0].text.casefold().rstrip(".") in gaz.calendar:
        return []
    prev_low = prev[-1].text.casefold() if prev else ""
    next_low = nxt[0].text.casefold() if nxt else ""
    next2 = [w.text.casefold() for w in nxt[:3]]
    said_after = next_low in _SPEECH_VERBS or (next_low == "," and len(next2) > 1 and next2[1] == "who")
    said_before = len(prev) >= 2 and prev[-1].text.casefold() in _SPEECH_VERBS and prev[-2].text in (",", "”", '"', "’")
    person_cue = said_after or said_before or prev_low.rstrip(".") in _ROLE_NOUNS or prev_low.rstrip(".") in gaz.titles
    prev_words = [w.text.casefold() for w in prev]
    place_cue = prev_low in _PLACE_PREPS or prev_low in _PLACE_NOUNS or (
        len(prev_words) >= 2 and prev_words[-1] == "of" and prev_words[-2] in _PLACE_NOUNS
    )
    org_noun = prev_low in _ORG_NOUNS  # before a speech verb after it: "giant Pirelli announced"
    n = len(run)
    whole = _lookup(text, run, gaz)
    if whole:
        label, key = whole
        if label == "GPE" and key not in gaz.country_keys and (prev_low in _VERSUS or next_low in _VERSUS):
            # A city or county named as a sports team: "Leicestershire beat Somerset".
            return [_Cand(run[0].start, run[-1].end, _join(text, run), "ORG", "TEAM:" + key, True, n_words=n)]
        dateline = not prev and bool(nxt) and (
            bool(_DATELINE_NEXT.match(nxt[0].text)) or next_low.rstrip(".") in gaz.calendar
        )
        return [_Cand(run[0].start, run[-1].end, _join(text, run), label, key, True, n_words=n, place_cue=place_cue, dateline=dateline)]
    if n == 1 and run[0].text.casefold() in gaz.misc_words:
        return []
    if _has_misc_cue(run, gaz):
        return []
    if _has_org_cue(run, gaz):
        # Kept whole, with any demonym inside it: "Turkish Armed Forces", "Defense Ministry".
        return [_Cand(run[0].start, run[-1].end, _join(text, run), "ORG", None, True, n_words=n)]
    if n >= 2 and run[-1].text in _PLACE_HEADS and not person_cue:
        # "Elm Street", "Jezero Crater": a feature or street named by its last word.
        return [_Cand(run[0].start, run[-1].end, _join(text, run), "LOC", None, True, n_words=n)]
    t_end = _title_end(run, gaz)
    if t_end:
        head = run[:t_end]
        out = [c for c in _gazetteer_pieces(text, head, gaz) if c.label != "PERSON"]
        rest = run[t_end:]
        inner = _analyse_name(text, rest, gaz, person=True)
        return out + inner
    if org_noun and not _lookup(text, run[:1], gaz):
        return [_Cand(run[0].start, run[-1].end, _join(text, run), "ORG", None, True, n_words=n)]
    # A leading demonym is split off ("Russian Sergei Shoigu" -> NORP + PERSON).
    for j in range(min(n - 1, gaz.max_words), 0, -1):
        hit = _lookup(text, run[:j], gaz)
        if hit and hit[0] == "NORP":
            head = _Cand(run[0].start, run[j - 1].end, _join(text, run[:j]), hit[0], hit[1], True, n_words=j)
            return [head] + _analyse(text, run[j:], prev + run[:j], nxt, gaz, lower_seen)
    return _analyse_name(text, run, gaz, person=person_cue, place=place_cue)


def _analyse_name(text: str, run: list[_Word], gaz: _Gazetteer, *, person: bool = False, place: bool = False) -> list[_Cand]:
    """A run with no gazetteer hit and no organisation head."""
    if not run:
        return []
    n = len(run)
    whole = _lookup(text, run, gaz)
    if whole and not person:
        return [_Cand(run[0].start, run[-1].end, _join(text, run), whole[0], whole[1], True, n_words=n)]
    name = _looks_like_name(run)
    given = run[0].text in gaz.first_names or re.fullmatch(r"[A-Z]\.", run[0].text) is not None
    if name and (person or (given and n >= 2)):
        return [_Cand(run[0].start, run[-1].end, _join(text, run), "PERSON", None, True, person_cue=True, n_words=n)]
    pieces = _gazetteer_pieces(text, run, gaz)
    if pieces:  # "Astana Peace Talks" -> Astana; "Sochi Olympics" -> Sochi
        whole_run = _place_with_words(text, run, pieces)
        return [whole_run] if whole_run else pieces
    initial = run[0].initial and n == 1
    return [_Cand(run[0].start, run[-1].end, _join(text, run), None, None, False, initial=initial, place_cue=place, n_words=n)]


# Words before a place that keep it a place ("Northern Iraq", "East Timor").
_DIRECTIONS = frozenset(
    "North South East West Northern Southern Eastern Western Central Greater Upper Lower Inner Outer "
    "Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern".split()
)
# Last words that make a name with a place in it a place ("Tahrir Square", "Kansai International Airport" aside).
_LOC_HEADS = frozenset(
    "River Valley Street Square Avenue Road Bridge Mountains Mountain Mount Hills Island Islands Coast "
    "Beach Lake Park Peninsula Desert Plain Plains Basin Canal Border Strait Bay Harbour Harbor".split()
)


# Last words that make any capitalised name of two or more words a place (LOC), known or not;
# words that are also surnames ("Bay", "Park", "Hill", "Bridge") are left out.
_PLACE_HEADS = frozenset(
    "Street Avenue Road Boulevard Lane Square River Mountains Valley Crater Desert Peninsula Canal "
    "Strait Glacier".split()
)


def _place_with_words(text: str, run: list[_Word], pieces: list[_Cand]) -> _Cand | None:
    """A run made of one place and other capitalised words is one name: an organisation named
    after its place ("Air France", "Dynamo Moscow", "Chicago Purchasing Managers"), or a place
    ("Northern Iraq", "Ruwi Street")."""
    if len(pieces) != 1 or pieces[0].label not in ("GPE", "LOC"):
        return None
    piece = pieces[0]
    rest = [w for w in run if w.end <= piece.start or w.start >= piece.end]
    if not rest or not all(w.text[:1].isupper() and w.text[:1].isalpha() for w in rest):
        return None
    whole = _join(text, run)
    n = len(run)
    if all(w.text in _DIRECTIONS for w in rest if w.end <= piece.start) and not any(w.start >= piece.end for w in rest):
        return _Cand(run[0].start, run[-1].end, whole, piece.label, f"{piece.label}:{_norm(whole)}", True, n_words=n)
    if run[-1].text in _LOC_HEADS and run[-1].start >= piece.end:
        return _Cand(run[0].start, run[-1].end, whole, "LOC", f"LOC:{_norm(whole)}", True, n_words=n)
    return _Cand(run[0].start, run[-1].end, whole, "ORG", None, True, n_words=n)


def _runs(words: list[_Word], gaz: _Gazetteer) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs (with inner particles / "of" / "&")."""
    runs = []
    i = 0
    n = len(words)
    while i < n:
        if not _is_cap(words[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            w = words[j]
            if w.break_before or words[j - 1].break_after:
                break
            if _is_cap(w.text):
                j += 1
                continue
            low = w.text.casefold()
            nxt_cap = j + 1 < n and _is_cap(words[j + 1].text) and not words[j + 1].break_before
            if nxt_cap and (low in _PARTICLES and not words[j - 1].text.isupper()):
                j += 1
                continue
            if nxt_cap and w.text == "&":
                j += 1
                continue
            if low == "of" and words[j - 1].text in _OF_HEADS:
                if nxt_cap:
                    j += 1
                    continue
                if j + 2 < n and words[j + 1].text == "the" and _is_cap(words[j + 2].text):
                    j += 2
                    continue
            break
        runs.append((i, j))
        i = j
    return runs


# --------------------------------------------------------------------------------------------
# Segments written in capitals (headlines, tables): gazetteer and article-dictionary matching only


def _mostly_caps(words: list[_Word], gaz: _Gazetteer) -> bool:
    alpha = [w.text for w in words if any(ch.isalpha() for ch in w.text)]
    if not alpha:
        return False
    letters = [ch for t in alpha for ch in t if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    if len(letters) >= 4 and upper / len(letters) > 0.8 and sum(len(t) > 1 and t.isupper() for t in alpha) >= 2:
        return True  # ALL CAPS
    # Title Case: most words, including function words, capitalised. A line with a lower-case
    # content word ("Tim Henman ( Britain ) beat Doug Flach") or a bracket (a results row) is prose.
    if any(w.text == "(" for w in words) or any(t[0].islower() and t.casefold() not in gaz.common for t in alpha):
        return False
    if len(alpha) >= 4:
        caps = sum(t[0].isupper() for t in alpha)
        func = [t for t in alpha if t.casefold() in gaz.common and t.casefold() not in ("us",)]
        func_caps = sum(t[0].isupper() for t in func[1:])
        return caps / len(alpha) >= 0.8 and (len(func) < 2 or func_caps >= 1)
    return False


def _match_folded(
    text: str, words: list[_Word], table: dict[str, tuple[str, str]], max_words: int, calendar: frozenset[str] = frozenset()
) -> list[_Cand]:
    out = []
    i = 0
    n = len(words)
    while i < n:
        if not words[i].text[:1].isalpha():
            i += 1
            continue
        for j in range(min(n, i + max_words), i, -1):
            if not words[j - 1].text[:1].isalnum():
                continue
            key = _norm(text[words[i].start : words[j - 1].end]).casefold()
            hit = table.get(key)
            if hit:
                prev_low = words[i - 1].text.casefold() if i else ""
                nxt = words[j].text if j < n else ""
                dateline = i == 0 and bool(nxt) and (
                    bool(_DATELINE_NEXT.match(nxt)) or nxt.casefold().rstrip(".") in calendar
                )
                out.append(
                    _Cand(
                        words[i].start, words[j - 1].end, text[words[i].start : words[j - 1].end], hit[0], hit[1], True,
                        n_words=j - i, place_cue=prev_low in _PLACE_PREPS, dateline=dateline,
                    )
                )
                i = j
                break
        else:
            i += 1
    return out


# --------------------------------------------------------------------------------------------
# Resolution and grouping


def _default_label(c: _Cand) -> str | None:
    """Label for a run with no evidence beyond capitalisation (measured on CoNLL-2003 dev).

    Sentence-initial single words are dropped (most are ordinary words). Otherwise a place cue
    ("in", "at", "from"...) gives GPE, an acronym gives ORG, a two- or three-word run of name-shaped
    words gives PERSON, and anything else ORG.
    """
    if c.initial:
        return None
    if c.place_cue:
        return "GPE"
    words = c.text.split()
    if len(words) == 1 and c.text.replace(".", "").replace("&", "").isupper() and len(c.text) > 1:
        return "ORG"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words):
        return "PERSON"
    if len(words) == 1:
        return _SINGLE_DEFAULT
    return "ORG"


_SINGLE_DEFAULT: str | None = "ORG"


def _name_parts(name: str) -> list[str]:
    """Surname-style keys of a person's name: last word, and particle + last word ("al-Assad")."""
    words = name.split()
    parts = [words[-1]]
    if len(words) >= 3 and words[-2].casefold() in _PARTICLES:
        parts.append(" ".join(words[-2:]))
    if len(words) >= 3:
        parts.append(" ".join(words[-2:]))  # two-word surnames ("Tayyip Erdoğan" less so)
    return parts


def extract_entities(article: Article) -> tuple[Entity, ...]:
    """Named entities of `article`, one per referent, ordered by first mention.

    Returns a tuple of `Entity(text, label, mentions)`: `label` is PERSON, ORG, GPE, LOC or NORP,
    `text` the fullest name written (titles and possessive ’s excluded), `mentions` the
    ``(start, end)`` spans of every mention in the title and the sentences, in article order,
    each with ``article.text[start:end]`` equal to the name as written. Never raises on any
    article; an article with no sentences gives ``()``. Rules and sources: see the module docstring.
    """
    gaz = _gazetteer()
    text = article.text
    segments = []  # (words, restricted)
    if article.title is not None:
        segments.append(tokenize(text[article.title.start : article.title.end], article.title.start))
    segments.extend(s.tokens for s in article.sentences)

    lower_seen = frozenset(
        tok.text.casefold() for toks in segments for tok in toks if tok.text[:1].islower()
    )
    cands, restricted = _first_pass(text, segments, gaz, lower_seen)
    return _resolve(text, cands, restricted, gaz, sports=_is_sports(segments))


def _is_sports(segments: list) -> bool:
    """A sports report: sports words make up a measurable share of the article's words, and at
    least two of them are words used only of sport."""
    n = strong = weak = 0
    for toks in segments:
        for tok in toks:
            if tok.text[:1].isalpha():
                n += 1
                low = tok.text.casefold()
                if low in _SPORTS_STRONG:
                    strong += 1
                elif low in _SPORTS_WEAK:
                    weak += 1
    return strong >= _SPORTS_MIN_STRONG and strong + weak >= _SPORTS_SHARE * n


_SPORTS_MIN_STRONG = 2
_SPORTS_SHARE = 0.02


def _first_pass(text: str, segments: Iterable, gaz: _Gazetteer, lower_seen: frozenset[str]):
    cands: list[_Cand] = []
    restricted: list[list[_Word]] = []
    for toks in segments:
        words = _words(toks, text, gaz)
        if not words:
            continue
        if _mostly_caps(words, gaz):
            restricted.append(words)
            continue
        for i, j in _runs(words, gaz):
            found = _analyse(text, words[i:j], words[max(0, i - 3) : i], words[j : j + 3], gaz, lower_seen)
            if j < len(words) and words[j].text.isdigit():
                for c in found:
                    c.score_after = c.end == words[j - 1].end
            cands.extend(found)
    return cands, restricted


def _resolve(
    text: str, cands: list[_Cand], restricted: list[list[_Word]], gaz: _Gazetteer, *, sports: bool = False
) -> tuple[Entity, ...]:
    # Dictionary of confidently labelled names in the article.
    known: dict[str, tuple[str, str]] = {}
    persons: dict[str, str] = {}  # surname-style part -> person key

    def add_person(c: _Cand) -> None:
        key = c.key or f"PERSON:{_norm(c.text)}"
        c.key = key
        for part in _name_parts(_norm(c.text)):
            persons.setdefault(part, key)

    for c in cands:
        if c.strong and c.label:
            known.setdefault(_norm(c.text), (c.label, c.key or f"{c.label}:{_norm(c.text)}"))
    for c in cands:
        if c.strong and c.label == "PERSON" and c.n_words >= 2:
            add_person(c)
    # A place named as a sports team once is that team throughout the article.
    teams = {c.key[5:] for c in cands if c.key and c.key.startswith("TEAM:")}
    for c in cands:
        if c.label == "GPE" and c.key in teams:
            c.label, c.key = "ORG", "TEAM:" + c.key
    # Unknown runs of several words first (their surnames then resolve single words), then singles.
    # One label per referent: a name introduced once as a place ("the city of Arbil") is that
    # place wherever the article repeats it without other evidence.
    placed = {_norm(c.text) for c in cands if c.place_cue and (c.label is None or not c.strong)}
    for c in cands:
        if (c.label is None or not c.strong) and _norm(c.text) in placed:
            c.place_cue, c.initial = True, False
    resolved: list[_Cand] = []
    for multi in (True, False):
        for c in cands:
            if (c.n_words >= 2) != multi:
                continue
            surface = _norm(c.text)
            if c.label is None or not c.strong:
                if surface in persons:
                    c.label, c.key, c.strong = "PERSON", persons[surface], True
                elif surface in known:
                    c.label, c.key = known[surface]
                elif sports and c.score_after and not c.place_cue:
                    c.label = "ORG"  # a team in a results line or a table row
                else:
                    # A lone function word ("That", "We") is never a name.
                    c.label = None if c.n_words == 1 and surface.casefold() in gaz.common else _default_label(c)
                    if c.label is None:
                        continue
                    if c.label == "PERSON" and multi:
                        add_person(c)
            elif c.n_words == 1 and surface in persons and c.label in ("PERSON", "GPE", "LOC"):
                # A surname that is also a place: "Michael Jordan ... Jordan".
                c.label, c.key = "PERSON", persons[surface]
            resolved.append(c)
    resolved.sort(key=lambda c: c.start)
    # Headline and table lines: gazetteer names and names found in the article, any case.
    if restricted:
        table = dict(gaz.folded)
        max_words = gaz.max_words
        for c in resolved:
            if c.label in ("PERSON", "ORG", "GPE", "LOC") and (c.strong or c.n_words >= 2):
                table.setdefault(_norm(c.text).casefold(), (c.label, c.key or f"{c.label}:{_norm(c.text)}"))
        for part, key in persons.items():
            table.setdefault(part.casefold(), ("PERSON", key))
        for words in restricted:
            for c in _match_folded(text, words, table, max_words, gaz.calendar):
                # A one-word common English word in capitals ("US" aside) is not a name.
                if c.n_words == 1 and c.text.casefold() in gaz.common and c.text not in gaz.names:
                    continue
                resolved.append(c)
    if sports:
        # In a sports report a city, county or state named without a place cue is a team.
        for c in resolved:
            if c.label == "GPE" and c.key and c.key.startswith("GPE:") and c.key not in gaz.country_keys:
                if not c.place_cue and not c.dateline:
                    c.label, c.key = "ORG", "TEAM:" + c.key
    groups: dict[str, list] = {}
    for c in resolved:
        key = c.key or f"{c.label}:{_norm(c.text)}"
        g = groups.setdefault(key, [c.label, []])
        g[1].append((c.start, c.end))
    entities = []
    for key, (label, spans) in groups.items():
        spans = sorted(set(spans))
        forms = [_norm(text[s:e]) for s, e in spans]
        if label == "NORP":
            best = max(forms, key=lambda f: (not f.isupper(), forms.count(f), -forms.index(f)))
        else:
            best = max(forms, key=lambda f: (not f.isupper() or len(f) < 4, len(f.split()), len(f), -forms.index(f)))
        entities.append(Entity(best, label, tuple(spans)))
    entities.sort(key=lambda e: e.mentions[0])
    return tuple(entities)
