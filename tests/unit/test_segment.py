"""Sentence, paragraph, title and token spans."""

from __future__ import annotations

import pytest

from briefing import segment


def assert_spans(article):
    text = article.text
    for sentence in article.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end
    for p in article.paragraphs:
        assert p.start < p.end
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))


def covered(article):
    """Every non-space character lies in the title, a sentence or a set-aside span, once."""
    spans = [(s.start, s.end) for s in article.sentences] + [(s.start, s.end) for s in article.set_aside]
    if article.title:
        spans.append((article.title.start, article.title.end))
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, "overlapping spans"
    inside = set()
    for s, e in spans:
        inside.update(range(s, e))
    return all(i in inside for i, ch in enumerate(article.text) if not ch.isspace())


def test_seed_title_once_and_repeats_set_aside(seed_article):
    a = seed_article
    assert a.title_text == "Turkish and Russian defense ministers discuss Idlib"
    assert len(a.set_aside) == 2
    assert all(a.text[s.start : s.end] == a.title_text for s in a.set_aside)
    assert not any("discuss Idlib" in s.text for s in a.sentences)
    assert len(a.sentences) == 14
    assert a.sentences[0].text.startswith("Defense ministers of Turkey and Russia")
    assert a.sentences[-1].text.endswith("pro-democracy protests.")
    assert_spans(a)
    assert covered(a)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith met Gen. Jones in the U.S. on Jan. 5. They talked.", 2),
        ("Shares of Acme Inc. rose 1.5 percent. Analysts were surprised.", 2),
        ("Use a tool, e.g. a wrench, first. Then tighten it.", 2),
        ("Item No. 7 passed. Item No. 8 failed.", 2),
        ("The rate rose to 3.25 percent in 2023. It fell later.", 2),
        ("She said: “We will not stop.” The crowd cheered.", 2),
    ],
)
def test_sentence_boundaries(text, expected):
    a = segment(text, detect_title=False)
    assert len(a.sentences) == expected, [s.text for s in a.sentences]
    assert_spans(a)


def test_blank_line_ends_sentence_and_paragraph():
    a = segment("Headline here\n\nFirst paragraph has no period\n\nSecond paragraph.")
    assert a.title_text == "Headline here"
    assert [s.text for s in a.sentences] == ["First paragraph has no period", "Second paragraph."]
    assert [s.paragraph for s in a.sentences] == [0, 1]


def test_hard_wrapped_text_is_one_sentence_per_sentence():
    flowing = (
        "The committee published its report on the regional water supply on Tuesday morning. "
        "It found that two of the four reservoirs were below half of their capacity after the dry summer."
    )
    import textwrap

    wrapped = "\n".join(textwrap.wrap(flowing, 60))
    a, b = segment(flowing, detect_title=False), segment(wrapped, detect_title=False)
    assert [" ".join(s.text.split()) for s in a.sentences] == [" ".join(s.text.split()) for s in b.sentences]
    assert len(b.sentences) == 2


def test_wire_copy_first_line_is_not_a_title():
    text = (
        "The committee published its report on the regional water\n"
        "supply on Tuesday morning. It found two reservoirs low.\n"
    )
    a = segment(text)
    assert a.title is None
    assert a.sentences[0].text.startswith("The committee published")


def test_short_line_without_punctuation_ends_there_and_list_items_split():
    a = segment("Budget talks\n\nBy Ana Ruiz\nLISBON\nThe plan has three parts:\n- taxes rise\n- spending falls", detect_title=True)
    assert a.metadata.author == "Ana Ruiz"
    texts = [s.text for s in a.sentences]
    assert "LISBON" in texts
    assert "- taxes rise" in texts and "- spending falls" in texts


def test_crlf_and_bom_and_empty():
    a = segment("\ufeffTitle line\r\n\r\nBody sentence one. Body two.\r\n")
    assert a.title_text == "Title line"
    assert [s.text for s in a.sentences] == ["Body sentence one.", "Body two."]
    assert segment("").sentences == ()
    assert segment("   \n\n  ").sentences == ()


def test_tokens_are_treebank_style():
    a = segment("He didn't say “no,” she said.", detect_title=False)
    assert [t.text for t in a.sentences[0].tokens] == ["He", "did", "n't", "say", "“", "no", ",", "”", "she", "said", "."]


@pytest.mark.parametrize(
    "text",
    [
        "At least 40 workers built the dam\nin 2019.",  # short wrapped line, next starts lower case
        "Officials said they would publish the\nReport on Friday.",  # line ends on a function word
    ],
)
def test_short_wrapped_line_continues_the_sentence(text):
    a = segment(text, detect_title=False)
    assert len(a.sentences) == 1


def sentences(text):
    a = segment(text, detect_title=False)
    assert_spans(a)
    assert covered(a)
    return [s.text for s in a.sentences]


# --- issue 3: cases written from public bug reports on peer tools -------------------------------


def test_glued_sentence_ends_split_but_domains_and_initials_do_not():
    text = "Officials confirmed the closure.The bridge will reopen in June.Traffic will be diverted."
    assert sentences(text) == [
        "Officials confirmed the closure.",
        "The bridge will reopen in June.",
        "Traffic will be diverted.",
    ]
    assert sentences("See example.com for updates.") == ["See example.com for updates."]
    assert sentences("Shares of U.S.Steel rose 1.5 percent.") == ["Shares of U.S.Steel rose 1.5 percent."]
    assert sentences("Posted via Newsfeed.Com today.") == ["Posted via Newsfeed.Com today."]
    assert sentences("Write to Jane.Doe@example.com.Thanks.") == ["Write to Jane.Doe@example.com.Thanks."]


def test_symbol_in_sentence_loses_no_character():
    text = "Sales rose ☝ again this month. Profits fell."
    assert sentences(text) == ["Sales rose ☝ again this month.", "Profits fell."]


@pytest.mark.parametrize("open_q, close_q", [("“", "”"), ('"', '"')])
def test_closing_quote_stays_with_its_sentence_before_abbreviation(open_q, close_q):
    text = f"In June, the chair urged the board to {open_q}end the review.{close_q} U.S. prosecutors later filed new charges."
    assert sentences(text) == [
        f"In June, the chair urged the board to {open_q}end the review.{close_q}",
        "U.S. prosecutors later filed new charges.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Item no. 7 passed.",
        "She holds a Ph.D. from Lisbon.",
        "Use a tool (e.g. a wrench) first.",
        "See pp. 12-14 and N°. 5 of the report.",
        "He moved to the U.S. in 2004 and to the U.K. later.",
        "Gen. Jones met Sen. Ortiz and Mt. Fuji climbers at 5 p.m. on Friday.",
        "The report was written by J. Smith and George W. Bush.",
    ],
)
def test_one_sentence(text):
    assert sentences(text) == [text]


def test_hard_wrapped_text_gives_the_same_sentences_as_unwrapped():
    import textwrap

    flowing = (
        "Officials at the U.S. Department of Energy said on Tuesday that the plant, run by Acme Co. "
        "since 1998, will close at 6 p.m. Mr. Ortiz, who leads the union, said: “We were not told. "
        "Nobody was.” He added that workers (about 300 of them) would be moved. The plan has three "
        "parts. . . . It may change. Critics said the deal . . . was rushed... Others disagreed. "
        "The company's site, www.acme-energy.com, lists the sites in detail."
    )
    expected = [" ".join(s.split()) for s in sentences(flowing)]
    assert len(expected) == 9
    for width in (60, 45, 30):
        wrapped = "\n".join(textwrap.wrap(flowing, width, break_long_words=False, break_on_hyphens=False))
        assert [" ".join(s.split()) for s in sentences(wrapped)] == expected, width


def test_wrapped_line_short_because_of_a_long_word_continues():
    text = (
        "Readers may download the report for free from the\n"
        "https://example.org/reports/2024/water-supply-annual.pdf site\n"
        "or ask for a copy. It is long."
    )
    assert len(sentences(text)) == 2


def test_wrapped_line_starting_with_a_number_is_not_a_list_item():
    text = "The agency said the storm had already killed\n30. The count may rise."
    assert sentences(text) == ["The agency said the storm had already killed\n30.", "The count may rise."]


# --- rules added for the Golden Rules (each a general rule of English punctuation) ---------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Let's ask Jane and co. They should know.", ["Let's ask Jane and co.", "They should know."]),
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
        (
            "At 5 a.m. Mr. Smith went to the bank. He left at 6 P.M. Mr. Smith then went home.",
            ["At 5 a.m. Mr. Smith went to the bank.", "He left at 6 P.M.", "Mr. Smith then went home."],
        ),
        ("Prices fell in the U.S. The euro rose.", ["Prices fell in the U.S.", "The euro rose."]),
        ("The office is on Main St. The move is done.", ["The office is on Main St.", "The move is done."]),
        ("He lives on 5th st. near the light.", ["He lives on 5th st. near the light."]),
        ("She said no. The vote failed.", ["She said no.", "The vote failed."]),
    ],
)
def test_abbreviations_at_and_inside_sentences(text, expected):
    assert sentences(text) == expected


def test_pronoun_i_ends_a_sentence_but_a_middle_initial_does_not():
    text = "We make a good team, you and I. Did you see Albert I. Jones yesterday?"
    assert sentences(text) == ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
        ("1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
        ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
        ("a. The first item b. The second item", ["a. The first item", "b. The second item"]),
        ("The plan: 1) cut taxes 2) hire staff", ["The plan:", "1) cut taxes", "2) hire staff"]),
        ("1. The first item", ["1. The first item"]),
        # a lone number is a figure, not a list
        ("The team finished 2. The coach resigned.", ["The team finished 2.", "The coach resigned."]),
    ],
)
def test_inline_lists(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I never meant that.... She left.", ["I never meant that....", "She left."]),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("He paused… Then he left.", ["He paused…", "Then he left."]),
        ("I mean... well, fine.", ["I mean... well, fine."]),
        ("The thing is . . . I didn't mean it.", ["The thing is . . . I didn't mean it."]),
        ("It ended. . . . The rest was lost.", ["It ended.", ". . . The rest was lost."]),
        ("It ended with a period . . . . The rest was lost.", ["It ended with a period . . . .", "The rest was lost."]),
        ('"Bohr [...] used stairways [...]" (Smith 55).', ['"Bohr [...] used stairways [...]" (Smith 55).']),
    ],
)
def test_ellipses(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("She turned to him, 'This is great.' she said.", ["She turned to him, 'This is great.' she said."]),
        ("“Why?” she asked. “Because.”", ["“Why?” she asked.", "“Because.”"]),
        ('She said, "This is great." She left.', ['She said, "This is great."', "She left."]),
        ("She works at Yahoo! in the accounting department.", ["She works at Yahoo! in the accounting department."]),
        ("He teaches (He worked as an engineer.) at the school.", ["He teaches (He worked as an engineer.) at the school."]),
        (
            "He left. (Nobody knew why. He never said.) Then he came back.",
            ["He left.", "(Nobody knew why.", "He never said.)", "Then he came back."],
        ),
        # informal text starting sentences in lower case still splits after a bare full stop
        ("thanks for the help. see you soon.", ["thanks for the help.", "see you soon."]),
        ("iPhone sales rose. eBay fell.", ["iPhone sales rose.", "eBay fell."]),
    ],
)
def test_quotations_parentheticals_and_continuations(text, expected):
    assert sentences(text) == expected


def test_golden_rules_all_pass(shared_data):
    """The 48 English Golden Rules (pySBD, MIT; first from Pragmatic Segmenter, MIT)."""
    import json

    path = shared_data / "segmentation" / "golden_rules_en.jsonl"
    if not path.exists():
        pytest.skip("golden rules file not available")
    rules = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    failed = [r["id"] for r in rules if [s.strip() for s in sentences(r["text"])] != r["sentences"]]
    assert failed == []
    assert len(rules) == 48


def test_shipped_punkt_parameters_are_json_with_attribution():
    import json
    from importlib import resources

    data = json.loads(resources.files("briefing").joinpath("data/punkt_en.json").read_text("utf-8"))
    assert "CC BY-SA" in data["_meta"]["license"]
    assert {"abbrev_types", "collocations", "sent_starters", "ortho_context"} <= set(data)
    assert "u.s" in data["abbrev_types"] and "the" in data["sent_starters"]


def test_wrapped_sentence_ending_in_a_number_is_not_a_list_item():
    # Found by the wrapping property test: "5." at a line start after a sentence end.
    flowing = "Officials said the board met U.S. 5. The the."
    wrapped = "Officials said the board met U.S.\n5. The the."
    norm = lambda t: [" ".join(s.text.split()) for s in segment(t, detect_title=False).sentences]  # noqa: E731
    assert norm(wrapped) == norm(flowing)
    # A real list after a sentence still starts at 1.
    listed = segment("The plan has parts.\n1. Taxes rise\n2. Spending falls", detect_title=False)
    assert [s.text for s in listed.sentences] == ["The plan has parts.", "1. Taxes rise", "2. Spending falls"]


def test_dateline_line_is_metadata_not_a_sentence():
    # Found by a new user: "May 20, 2019" on its own line became the first summary sentence.
    from briefing.pipeline import article_from_text

    text = "Storm hits coast\n\nBy Ann Lee\n\nMay 20, 2019\n\nA storm hit the coast on Monday. Schools closed."
    article = article_from_text(text)
    assert article.metadata.date == "2019-05-20" and article.metadata.author == "Ann Lee"
    assert [s.text for s in article.sentences] == ["A storm hit the coast on Monday.", "Schools closed."]
    assert [s.index for s in article.sentences] == [0, 1]
    assert any(text[sp.start : sp.end] == "May 20, 2019" for sp in article.set_aside)


@pytest.mark.parametrize(
    "line, author, date",
    [
        ("By Paul Martin, 2 November 2023", "Paul Martin", "2023-11-02"),
        ("By Paul Martin | Published: Nov. 2, 2023 10:30 GMT", "Paul Martin", "2023-11-02"),
        ("BY PAUL MARTIN - 2023-11-02", "PAUL MARTIN", "2023-11-02"),
        ("By Paul Martin and Ana Ruiz", "Paul Martin and Ana Ruiz", None),
        ("By Jean-Paul Martin, 2 November 2023", "Jean-Paul Martin", "2023-11-02"),
        # a fresh user's cases: an affiliation after the name, before or without a date
        ("By Paul Martin, Staff Writer", "Paul Martin", None),
        ("By Paul Martin, Reuters", "Paul Martin", None),
        ("By Grace Lee, BBC News, 2 November 2023", "Grace Lee", "2023-11-02"),
        ("By Ana de la Cruz", "Ana de la Cruz", None),
    ],
)
def test_a_byline_with_a_date_gives_author_and_date(line, author, date):
    # Found by a new user: "By Paul Martin, 2 November 2023" came out as summary sentence 1.
    from briefing.pipeline import article_from_text

    text = f"Storm hits Brittany\n{line}\n\nSchools stayed closed on Thursday. Power is back."
    article = article_from_text(text)
    assert (article.metadata.author, article.metadata.date) == (author, date)
    assert [s.text for s in article.sentences] == ["Schools stayed closed on Thursday.", "Power is back."]
    assert any(text[sp.start : sp.end] == line for sp in article.set_aside)


@pytest.mark.parametrize(
    "sentence",
    [
        "By Friday, 12 people had died in 2023.", "By March 2024 the repairs will be done.",
        "By 2030, 40% of cars will be electric.", "By contrast, officials said the plan was good.",
        "By then, Mayor Ruiz had left.",
    ],
)
def test_a_sentence_opening_with_by_and_a_date_is_not_a_byline(sentence):
    from briefing.pipeline import article_from_text

    article = article_from_text(f"Storm hits Brittany\n\n{sentence}\n\nSchools stayed closed.")
    assert article.metadata.author is None
    assert [s.text for s in article.sentences] == [sentence, "Schools stayed closed."]


def test_chinese_and_japanese_sentences_end_at_full_width_marks():
    # Found by a user: a Chinese article came out as one "sentence" (and a one-line one as a title).
    zh = "北京市政府宣布新的交通计划。该计划将在明年实施，预计投资五十亿元。市长表示，这将缓解交通拥堵！专家认为效果还需观察？"
    article = segment(zh)
    assert article.title is None
    assert [s.text for s in article.sentences] == [
        "北京市政府宣布新的交通计划。", "该计划将在明年实施，预计投资五十亿元。", "市长表示，这将缓解交通拥堵！", "专家认为效果还需观察？",
    ]
    ja = "知事は「渋滞が減る。」と述べた。住民は歓迎している。「よかった！」"
    assert [s.text for s in segment(ja, detect_title=False).sentences] == [
        "知事は「渋滞が減る。」と述べた。", "住民は歓迎している。", "「よかった！」",
    ]


def test_chinese_and_japanese_tokens_are_characters_with_exact_spans():
    text = "東京都はAI計画を発表した。"
    from briefing.text.segment import tokenize

    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["東", "京", "都", "は", "AI", "計", "画", "を", "発", "表", "し", "た", "。"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_a_plain_text_headline_written_as_a_markdown_heading_loses_its_marker():
    # Found by a user: "# Council approves budget" kept its "#" in the title.
    text = "# Council approves budget\n\nThe council approved the budget on Monday. Roads get more money."
    article = segment(text)
    assert article.title is not None and article.title_text == "Council approves budget"
    assert text[article.title.start : article.title.end] == "Council approves budget"
    assert [s.text for s in article.sentences] == ["The council approved the budget on Monday.", "Roads get more money."]
