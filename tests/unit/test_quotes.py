"""Quotes: spans inside the marks, speakers, scare quotes, and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.facts.entities import extract_entities
from briefing.facts.quotes import extract_quotes
from briefing.text.segment import segment

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_3659efa8dcf43795.txt"


def quotes(text: str):
    article = segment(text, detect_title=False)
    found = extract_quotes(article, entities=extract_entities(article))
    for q in found:
        assert article.text[q.start : q.end] == q.text
        if q.speaker_span is not None:
            s, e = q.speaker_span
            assert 0 <= s < e <= len(text)
    return article, found


@pytest.mark.parametrize(
    "text, quoted, speaker, written",
    [
        ('Talks ended. "We will not sign this deal," said Anna Kovacs, the trade minister.',
         "We will not sign this deal,", "Anna Kovacs", "Anna Kovacs"),
        ("Talks ended. “We will not sign this deal,” the Trade Ministry stated on Friday.",
         "We will not sign this deal,", "Trade Ministry", "Trade Ministry"),
        ('Maria Lindqvist told reporters: "The harvest was the worst in a decade."',
         "The harvest was the worst in a decade.", "Maria Lindqvist", "Maria Lindqvist"),
        ("The rally was loud. «Nobody listens to us any more,» a farmer said.",
         "Nobody listens to us any more,", "a farmer", "a farmer"),
        ('Rates stay high. "Inflation is still too strong," according to the central bank.',
         "Inflation is still too strong,", "central bank", "central bank"),
        ("No one spoke. “This cannot go on for another year,” she wrote.",
         "This cannot go on for another year,", None, None),
    ],
)
def test_speaker_patterns(text, quoted, speaker, written) -> None:
    article, found = quotes(text)
    assert len(found) == 1
    q = found[0]
    assert q.text == quoted
    assert q.speaker == speaker
    if written is None:
        assert q.speaker_span is None
    else:
        assert article.text[q.speaker_span[0] : q.speaker_span[1]] == written


def test_pronoun_resolves_to_last_person_and_points_at_pronoun() -> None:
    text = "Coach Tomas Berger spoke after the game. He said: “We played badly and we know it.”"
    article, found = quotes(text)
    q = found[0]
    assert q.speaker == "Tomas Berger"
    assert article.text[q.speaker_span[0] : q.speaker_span[1]] == "He"


def test_surname_speaker_gives_full_name() -> None:
    text = "Minister Ilse Hartmann arrived. “The budget is balanced,” Hartmann added."
    article, found = quotes(text)
    assert found[0].speaker == "Ilse Hartmann"
    assert article.text[slice(*found[0].speaker_span)] == "Hartmann"


def test_quote_spanning_sentences() -> None:
    text = 'The plant closed. "Costs went up. We had to act," a spokesman said.'
    _, found = quotes(text)
    assert found[0].text == "Costs went up. We had to act,"
    assert found[0].speaker == "a spokesman"


def test_scare_quotes_are_skipped() -> None:
    _, found = quotes("The so-called “safe zone” was shelled again. The \"experts\" disagreed.")
    assert found == ()


def test_short_quote_with_speech_verb_is_kept() -> None:
    _, found = quotes('"Never," said Paolo Ricci.')
    assert [q.text for q in found] == ["Never,"]
    assert found[0].speaker == "Paolo Ricci"


def test_no_quotes() -> None:
    assert quotes("Nothing was said.")[1] == ()
    assert quotes("")[1] == ()


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    text = "Jonas Weber said: “The first part is over.\n\nNext comes the rest.”"
    _, found = quotes(text)
    assert found[0].text == "The first part is over."


def test_seed_quote() -> None:
    article = segment(SEED.read_text("utf-8"))
    found = extract_quotes(article, entities=extract_entities(article))
    assert len(found) == 1
    q = found[0]
    assert q.text.startswith("regional security issues,")
    assert q.text.endswith("Sochi agreement,")
    assert article.text[q.start : q.end] == q.text
    assert q.speaker == "Defense Ministry"
    assert article.text[q.speaker_span[0] : q.speaker_span[1]] == "Defense Ministry"
    # Without entities given, the same result.
    assert extract_quotes(article) == found


def test_and_said_after_a_quote_keeps_the_subject_before_it() -> None:
    # Found by a user: the speaker came out as "and".
    text = 'Opposition councillor Tom Reed called the plan "too little, too late" and said he would vote no.'
    _, (q,) = quotes(text)
    assert (q.text, q.speaker) == ("too little, too late", "Tom Reed")
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "Tom Reed"


def test_and_said_without_a_named_subject_names_no_speaker() -> None:
    _, (q,) = quotes('The opposition called the plan "too little, too late" and said it would vote no.')
    assert q.speaker is None and q.speaker_span is None
