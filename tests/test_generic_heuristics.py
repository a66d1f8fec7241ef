"""The generic stage: every heuristic is registered with its docs, and each one's signal works on small cases.

The heuristics live in the engine (``cleaner._core``); these tests reach them through ``Cleaner`` and the
engine's probes: ``line_test`` (a line heuristic on one line), ``matches`` (a phrase file on one line),
``shape`` and ``detect_language``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, clean
from cleaner.heuristics import HEURISTICS, Heuristic, heuristic_by_id
from cleaner.pipeline import engine

STORY = (
    "The council approved the new budget on Monday after a debate that lasted most of the afternoon.\n\n"
    "Members said the plan protects schools and parks, although several asked for more money for roads.\n\n"
    "The mayor thanked the finance committee and said the city would publish the details next week.\n"
)
MORE = (
    "Teachers welcomed the extra money for repairs, which will fix leaking roofs at four primary schools.\n\n"
    "The opposition said the budget relies on optimistic forecasts and promised to vote against it again.\n\n"
    "A public meeting on the plan is set for next month in the library, and residents may send questions.\n"
)
HEADLINE = "City approves budget\n\n"
LINE_HEURISTICS = [h for h in HEURISTICS if h.kind == "line"]
DOCUMENT_HEURISTICS = [h for h in HEURISTICS if h.kind == "document"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_every_heuristic_has_a_stable_id_a_reason_docs_and_an_example() -> None:
    ids = [h.id for h in HEURISTICS]
    assert len(ids) == len(set(ids))
    for h in HEURISTICS:
        assert re.fullmatch(r"generic\.[a-z]+(?:-[a-z]+)*", h.id), h.id
        assert h.reason and "\n" not in h.reason
        assert len(h.doc) > 40 and h.example
        assert h.kind in ("line", "document"), h.kind
        assert heuristic_by_id(h.id) is h
    assert heuristic_by_id("generic.no-such-heuristic") is None


def test_probes_refuse_unknown_names() -> None:
    with pytest.raises(ValueError, match=r"generic\.no-such-heuristic"):
        engine().line_test("generic.no-such-heuristic", "Advertisement")
    with pytest.raises(ValueError, match="no-such-file"):
        engine().matches("no-such-file", "Advertisement")


@pytest.mark.parametrize(
    ("table", "line"),
    [
        ("cross-links", "Read Also | Five charts that explain the housing market"),
        ("cross-links", "ALSO READ |Why mortgage costs keep rising"),
        ("cross-links", "WATCH | The press conference in full"),
        ("cross-links", "Related: Markets rally after the decision"),
        ("cross-links", "Lesen Sie auch: Was die Entscheidung bedeutet"),
        ("cross-links", "Lee también: El Gobierno aprueba la reforma"),
        ("cross-links", "Czytaj także: Rząd przyjął projekt"),
        ("metadata-lines", "By Kanishka Singh"),
        ("metadata-lines", "Published 01/12/2024, 10:08 PM"),
        ("metadata-lines", "Aktualisiert am 3. März 2024"),
        ("metadata-lines", "5 min read"),
        ("metadata-lines", "Cycling | By: Jane Doe | Updated: 19 April 2022 9:12 pm"),
        ("metadata-lines", "Schlagwörter: Politik, Berlin"),
        ("metadata-lines", "Tagged as: color image, Curiosity, Gale crater, NASA, Rover"),
        ("captions", "© Reuters. Ministers arrive for the meeting."),
        ("captions", "Protesters gather outside parliament. (Photo: Agence France-Presse)"),
        ("captions", "REUTERS/Denis Balibouse"),
        ("captions", "Foto: dpa"),
        ("captions", "Der neue Radweg am Flussufer© Max Muster/example.org"),
        ("captions", "Die Spielerin jubelt nach dem MatchballFoto: Agentur/Name"),
        ("captions", "Boats in the harbour at dawn. Photo: City Archive."),
        ("captions", "Volunteers plant trees near the school (Source: Parks Department/Example)"),
        ("captions", "Un grupo de turistas en la plaza mayor. EFE"),
        ("captions", "Officers inspect the cargo at the port. By U.S. COAST GUARD"),
        ("captions", "Figure 2: Rainfall by month in the valley"),
        ("captions", "A model of the station module in orbit. Credit: Space Agency"),
        ("captions", "Abbildung 4: Die Messstation im Winter"),
        ("legal", "© 2007-2024 - Fusion Media Limited. All Rights Reserved."),
        ("legal", "Alle Rechte vorbehalten"),
        ("legal", "Privacy Policy"),
        ("prompts", "Enable Notifications OK"),
        ("prompts", "Teilen"),
        ("prompts", "Inhaltsverzeichnis"),
        ("prompts", "Click to enlarge"),
        ("prompts", "Showing 1 to 10 of 19 results"),
        ("prompts", "GET THE EXAMPLE NEWSLETTER"),
        ("metadata-lines", "Posted by Jane at 21:11"),
        ("legal", "Example Radio is not responsible for the opinions, statements or media content of contributors."),
        ("prompts", "Jetzt neu! Besuchen Sie unseren Fan-Shop!"),
        ("prompts", "Read Later"),
        ("prompts", "Want more deals? Join the Example Deals Newsletter."),
        ("legal", "If you buy something through this post, Example may get a share of the sale."),
        ("captions", "Courtesy of Jane Doe"),
        ("pitches", "If you enjoyed this article, we have a proposition for you: join our members' club today."),
        ("pitches", "Follow The Example Post on Twitter and Instagram @ExamplePost."),
        ("pitches", "Wesprzyj nas darowizną, aby nasze dziennikarstwo pozostało niezależne."),
        ("pitches", "Folgen Sie uns auf Facebook und Instagram, dort gibt es jeden Tag neue Bilder aus der Region."),
        ("pitches", "If you value our journalism, please support us: every contribution keeps the site free to read."),
        ("prompts", "This entry was posted in News and tagged bridges."),
        ("prompts", "Weitere Infos unter www.example.de."),
        ("cross-links", "← Older post: the budget vote"),
        ("cross-links", "Article suivant Les élus votent le budget"),
        ("cross-links", "Auch lesen: Zehn Tipps für den Garten"),
        ("comments", "HINTERLASSEN SIE EINE ANTWORT"),
        ("prompts", "No spam, we promise. You can unsubscribe at any time."),
        ("prompts", "Kostenlos zum Newsletter anmelden und nichts verpassen"),
        # Newsletter pitches in other word orders and languages.
        ("prompts", "SUBSCRIBE TO EXAMPLE'S WEEKLY TIPS NEWSLETTER"),
        ("prompts", "Sign up to Newsletters"),
        ("prompts", "I would like to subscribe to the Example Newsletter. Learn more"),
        ("prompts", "Abonnez-vous à notre infolettre"),
        ("prompts", "Suscríbete a nuestro boletín semanal"),
        ("prompts", "Schrijf je in voor de nieuwsbrief"),
        ("prompts", "Newsletter abonnieren"),
        ("prompts", "Subscribe to this blog's feed"),
        ("prompts", "Subscribe to: Post Comments (Atom)"),
        ("prompts", "Sign up for education updates"),
        ("prompts", "Inscreva-se no nosso feed RSS"),
        ("prompts", "[Sign up for Example's newsletter]"),
        ("prompts", "◎ Subscribe to feed"),
        ("prompts", "Click here to subscribe to updates by email"),
        ("prompts", "7 Reasons to Subscribe Subscribe via: ( Email / RSS )"),
        ("prompts", "Please let us know if you're having issues with commenting."),
        ("trailing-blocks", "Latest articles"),
        ("trailing-blocks", "More like this"),
        ("trailing-blocks", "Most read"),
        ("trailing-blocks", "Mehr zum Thema"),
        ("trailing-blocks", "Lo más leído"),
        ("trailing-blocks", "Relacionadas"),
        ("trailing-blocks", "Correlati"),
        ("trailing-blocks", "Powiązane"),
        ("comments", "3 Comments"),
        ("author-boxes", "About the author"),
        ("author-boxes", "Autoreninfo"),
        ("author-boxes", "Über Kathrin"),
        ("author-boxes", "O autorze:"),
        ("comments", "Leave a Reply"),
        ("comments", "Kommentare"),
        # Counts over a thread: Blogger's colon, a prompt or the count in brackets, a count of none.
        ("comments", "7 comments:"),
        ("comments", "16 Comments (+add yours?)"),
        ("comments", "soundoff (78 Responses)"),
        ("comments", "No comments yet"),
        ("prompts", "This is only a preview. Your comment has not yet been posted."),
        ("prompts", "Having trouble reading this image? View an alternate."),
        ("prompts", "Posted by Zoe at 01:14 PM in Courts | Permalink | Comments (0)"),
        ("comments", "No comments:"),
        ("comments", "Keine Kommentare"),
    ],
)
def test_phrase_files_match_boilerplate_in_several_languages(table: str, line: str) -> None:
    assert engine().matches(table, line)


@pytest.mark.parametrize(
    ("table", "line"),
    [
        ("cross-links", "Read also the report, which runs to forty pages and was published on Monday."),
        ("metadata-lines", "By Friday, the government had fallen."),
        ("metadata-lines", "By the end of the year the bridge was finished."),
        ("metadata-lines", "Tagged as a troublemaker at school, he left at sixteen and never went back to it."),
        ("captions", "The photo shows the minister arriving at the airport in the early morning."),
        ("captions", "The figure 2 is what analysts expected, she said."),
        ("captions", "He spoke to AP. Then he left the building by the back door."),
        ("captions", "The results are shown in Figure 3, which compares both groups."),
        ("prompts", "She said she would share the prize with her team."),
        ("prompts", "Readers can subscribe to the newsletter for free, the editor said."),
        ("prompts", "The newsletter asks its readers to sign up friends."),
        ("prompts", "Listeners who subscribe to the podcast hear each episode a day early."),
        ("prompts", "To sign up, email the club before Friday."),
        ("prompts", "Many of the readers who wrote in asked how to subscribe to the newsletter."),
        ("prompts", "The town council voted on Monday to subscribe to the county's flood updates service."),
        ("prompts", "Der Verein hat den Newsletter im Mai eingestellt, weil sich zu wenige anmelden wollten."),
        ("trailing-blocks", "Most read books of the year were novels, the survey found."),
        ("trailing-blocks", "Relacionadas con el caso, tres personas fueron detenidas el lunes."),
        ("comments", "The comments he made last week drew criticism."),
        ("comments", "No comments were made at the hearing."),
        ("comments", "3 comments (and one threat) reached the mayor's office that week."),
        ("comments", "Officials (12 comments in all) said nothing more."),
        ("cross-links", "Prices rose → wages did not."),
        ("prompts", "The team won 3-1 on Sunday and 2-0 of late."),
        ("author-boxes", "About the author of the report, little is known."),
        ("author-boxes", "About us"),
        ("captions", "Courtesy of the organisers, the hall was open to everyone until midnight on Saturday."),
        ("pitches", "Fans follow the team on Twitter, where the coach posts the line-up before each match."),
        ("pitches", "If you like this kind of weather, the weekend will suit you: sunshine and little wind."),
    ],
)
def test_story_sentences_that_use_the_words_do_not_match(table: str, line: str) -> None:
    assert not engine().matches(table, line)


@pytest.mark.parametrize(
    ("table", "line", "expected"),
    [
        # Phrases ignore case as Python's `re` does, Unicode folds included (ſ is s, the Kelvin sign is K).
        ("prompts", "SIGN UP for our newsletter", True),
        ("prompts", "SIGN UP FOR OUR NEWSLETTER", True),
        ("prompts", "ſign up for our newsletter", True),
        ("prompts", "ſign up for our newſletter", True),
        ("prompts", "ſhare", True),
        ("prompts", "Signed", False),
        ("trailing-blocks", "\u212aeep reading", True),
        ("trailing-blocks", "More from The Times", True),
        ("captions", "Photo: AFP", True),
        ("captions", "A man walks past. / Getty Images", True),
        ("metadata-lines", "By Jane Doe | 5 min read", True),
        ("comments", "12 Comments", True),
        ("legal", "© 2024 Example Media. All Rights Reserved.", True),
        ("legal", "Wszelkie prawa zastrzeżone", True),
    ],
)
def test_phrase_files_fold_case_as_python_does(table: str, line: str, expected: bool) -> None:
    assert engine().matches(table, line) is expected


PHRASE_FILES = [
    "cross-links",
    "metadata-lines",
    "captions",
    "legal",
    "prompts",
    "pitches",
    "teasers",
    "comments",
    "trailing-blocks",
    "author-boxes",
]


@pytest.mark.parametrize("table", PHRASE_FILES)
def test_no_phrase_file_matches_a_story_sentence_a_blank_line_or_odd_capitals(table: str) -> None:
    for line in ("The story goes on and on, as stories do.", "", "   ", "İN THE NEWS: sign İn", "İ agree", "Ünïcödé"):
        assert not engine().matches(table, line), (table, line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday, 18 November 2019, 11:08 PM", True),
        ("19. Oktober 2019 16:14 Uhr", True),
        ("1, March, 2024", True),
        ("Mittwoch, 20. November 2019, 08:42 Uhr", True),
        ("1/199 Simone32", False),
        ("In March 2024 the river flooded the town", False),
        ("March 2024 was warm", False),
        ("12", False),
        ("+81 158-23-2012", False),
    ],
)
def test_date_lines_need_only_date_words_and_numbers(line: str, expected: bool) -> None:
    assert engine().line_test("generic.date-line", line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Home > World > Middle East", True),
        ("Accueil › Politique", True),
        ("Startseite › Politik", True),
        ("Prices rose 5% / 7% in the first and second quarters.", False),
        ("Sales rose 5% in Q1 / Q2, the company said.", False),
        ("Sales and marketing", False),
    ],
)
def test_breadcrumbs_are_short_segments_behind_separators(line: str, expected: bool) -> None:
    assert engine().line_test("generic.breadcrumb", line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("function(e,t){return e&&t?(e.x=t,void 0):null},window.a=function(n){var r=n||{};" * 2, True),
        (".nav { display: none; } .nav a { color: #333; padding: 4px; } .nav li { margin: 0; } " * 2, True),
        ("The council (which met on Monday) said the plan = a tax rise; others disagreed. " * 2, False),
        ("os.path.join(os.path.dirname(__file__), 'static')", False),
    ],
)
def test_leaked_code_is_a_long_line_of_minified_script_or_style(line: str, expected: bool) -> None:
    assert engine().line_test("generic.leaked-code", line) is expected


def test_a_consent_notice_needs_a_cookie_word_and_a_consent_word() -> None:
    lines = ["We use cookies on this website.", "Cookies and cream.", "Hello"]
    assert [engine().line_test("generic.consent-notice", t) for t in lines] == [True, False, False]


def test_a_document_heuristic_takes_no_line_alone() -> None:
    for h in DOCUMENT_HEURISTICS:
        assert not engine().line_test(h.id, h.example.split("\n")[0]), h.id


def test_labels_are_short_capitalised_lines_not_sentences_or_table_rows(cleaner: Cleaner) -> None:
    # A run of three or more labels inside the story is a menu (generic.menu-run); sentences and table rows are not.
    labels = "Business\nLatin America\nMarkets\nOpinion\n"
    page = HEADLINE + STORY + labels + MORE
    result = cleaner.clean(page)
    assert result.text == HEADLINE + STORY + MORE
    assert [(r.rule, r.text) for r in result.removed] == [("generic.menu-run", t) for t in labels.splitlines()]
    sentences = "It rained all day.\nIt rained all night.\nIt rained all week.\n"
    table = "1\tKyle Busch\t5040\t5\n2\tJoey Logano\t5035\t3\n3\tDenny Hamlin\t5022\t2\n"
    for block in (sentences, table):
        kept = HEADLINE + STORY + block + MORE
        assert cleaner.clean(kept).text == kept


def test_shape_of_plain_lines() -> None:
    s = engine().shape("Police Close Main StreetThe road will reopen on Monday, officials said.")
    assert (s["terminal"], s["digits"], s["glued_teaser"], list(s["words"])[:2]) == (
        True,
        False,
        True,
        ["police", "close"],
    )
    assert engine().shape('He said "no."')["terminal"] and not engine().shape("(see above)")["terminal"]
    bullet = engine().shape("  • The cat sat on the mat.")
    assert (bullet["text"], bullet["units"], bullet["terminal"], bullet["bullet"]) == (
        "The cat sat on the mat.",
        6.0,
        True,
        True,
    )
    assert engine().shape("日本語の文章です。")["units"] == 4.0
    assert engine().shape("125 g\tFlour")["table_row"] and not engine().shape("Home\tNews")["table_row"]
    assert engine().shape("T c 1 É")["capitalised"] == pytest.approx(2 / 3)
    terminal = [
        engine().shape(t)["terminal"] for t in ("Done.", 'He said "no."', "(see above)", "Home", "«Quoted»", "")
    ]
    assert terminal == [True, True, False, False, True, False]


def test_glued_teaser_shape_and_brand_names() -> None:
    def glued(line: str) -> bool:
        return bool(engine().shape(line)["glued_teaser"])

    assert glued("Council Approves New Cycle LanesThe council voted on Tuesday to build lanes.")
    assert glued("Harvick Fails To Rally In NASCAR FinaleFord v Toyota flopped at the track.")
    assert not glued("The attorney general is investigating WeWork, according to two people.")
    assert not glued("The Attorney General is investigating WeWork, according to two people.")
    assert not glued("He met the YouTube and PlayStation teams in London last week.")
    assert not glued("He ate at McDonald's with the iPhone team.")
    # Glued to a number, or to a summary that opens with a name: still a teaser when the title is all capitals.
    assert glued("City To Mail Ballots To 250,000The city will mail ballots to every voter this week.")
    assert glued("Rangers Seek Tips On Deer Poached In North ParkPark Rangers in the north ask for help.")
    assert not glued("Q: In reading the SportsBusiness Journal, we noted your award. What is it like?")
    assert not glued("Sony Launches New PlayStation Network Service In Europe today")


# The Unicode definitions of a line's words, CJK characters and sentence end (cleaner/generic/features.py as
# it was in Python): the engine's shape must agree with them on any text, odd characters included.
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_TERMINAL = regex.compile(r"[.!?。！？…:;]['\"”’»)\]]*$|[\"”»]$")
SINGLE = "aZ9 .!?:;'\"”’»)](…-\t«é日ıK“–—•·©\u00a0€‚²٣\u0301"
SHAPE_TEXT = st.lists(st.sampled_from([*SINGLE, "Ab", "cD", "?X", "). ", "Hello", "World", "42"]), max_size=20).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(SHAPE_TEXT)
def test_shape_matches_its_unicode_definition(line: str) -> None:
    s = engine().shape(line)
    text = s["text"]
    assert isinstance(text, str)
    words = _WORD.findall(text)
    assert list(s["words"]) == [w.lower() for w in words]
    cjk = len(_CJK.findall(text))
    assert s["units"] == len([w for w in words if not _CJK.match(w)]) + cjk / 2
    assert s["terminal"] == bool(_TERMINAL.search(text))
    assert s["digits"] == any(c.isdigit() for c in text)


@pytest.mark.parametrize(
    ("words", "language"),
    [
        (["der", "hund", "und", "die", "katze", "sind", "in", "dem", "haus", "mit", "dem", "garten"], "de"),
        (["el", "perro", "y", "el", "gato", "están", "en", "la", "casa", "de", "los", "abuelos"], "es"),
        (["le", "chien", "et", "le", "chat", "sont", "dans", "la", "maison", "de", "la", "ville"], "fr"),
        (["pies", "i", "kot", "są", "w", "domu,", "a", "to", "jest", "ich", "ogród"], "pl"),
        (["der", "hund", "und", "die", "katze", "sind", "in", "dem", "haus"], "de"),
        (["menu"], None),
    ],
)
def test_language_is_read_from_stop_words(words: list[str], language: str | None) -> None:
    assert engine().detect_language(words) == language


def test_cjk_text_counts_characters_as_words() -> None:
    units = engine().shape("東京で桜が満開になったと発表しました。")["units"]
    assert isinstance(units, float) and units >= 8


def test_header_and_footer_go_and_the_headline_comes_first(cleaner: Cleaner) -> None:
    page = "Home\nWorld\nBusiness\nSport\nSign in\nCity approves budget\n" + STORY + "About us\nContact\nCareers\n"
    assert cleaner(page) == "City approves budget\n" + STORY


def test_a_sentence_containing_read_more_stays(cleaner: Cleaner) -> None:
    text = (
        "City approves budget\n\n" + STORY + "\nYou can read more about the plan in the report the council published.\n"
    )
    assert cleaner(text) == text


def test_a_short_closing_paragraph_stays(cleaner: Cleaner) -> None:
    text = "City approves budget\n\n" + STORY + "\nHe declined to comment.\n"
    assert cleaner(text) == text


def test_a_page_without_prose_is_held_back_not_emptied(cleaner: Cleaner) -> None:
    result = cleaner.clean("Home\nWorld\nBusiness\nSport\n")
    assert result.text == "Home\nWorld\nBusiness\nSport\n"
    assert result.held is not None


def test_every_generic_removal_names_its_heuristic_and_reason(cleaner: Cleaner) -> None:
    page = "Home\nWorld\nSign in\nCity approves budget\nBy Jane Doe\n" + STORY + "Most read\nTen things to do\n"
    result = cleaner.clean(page)
    known = {h.id: h for h in HEURISTICS}
    assert result.removed
    for r in result.removed:
        assert r.rule in known and r.reason


def test_lines_of_invisible_characters_are_blank_and_do_not_split_the_story() -> None:
    story = [f"Paragraph {n} of the story tells what happened next, in a sentence of its own." for n in range(1, 9)]
    text = "Headline of the story\n\n" + "\n\u200b\n".join(story) + "\n\nHome\nWorld\nSport\n"
    out = clean(text).text
    assert out == "Headline of the story\n\n" + "\n\n".join(story) + "\n"


def test_a_list_the_story_introduces_with_a_colon_stays() -> None:
    text = (
        "A simple cake for a rainy afternoon\n\n"
        "This is the cake my grandmother baked every Sunday, and it needs nothing you do not already have.\n\n"
        "You will need:\n"
        "Flour\nSugar\nThree eggs\nButter\n\n"
        "Beat the butter and sugar until pale, then add the eggs one by one and fold in the flour gently.\n\n"
        "Bake it for forty minutes in a warm oven and let it cool before you cut it into slices.\n"
    )
    out = clean(text).text
    assert "You will need:\nFlour\nSugar\nThree eggs\nButter\n" in out


def test_leaked_script_and_style_code_goes_and_a_tutorials_code_stays() -> None:
    script = "(a.parentElement&&e.body.removeChild(a),setTimeout(function(){r(o)},100)):(t(),n=e.x||{});" * 3
    style = ".sp_message { width: 75%; height: 75%; } .sp_choices > button { height: 35px; } .x a { color: #333; }"
    tutorial = "Then join the paths: os.path.join(os.path.dirname(__file__), 'static') gives the folder."
    text = "City approves budget\n\n" + script + "\n" + style * 2 + "\n\n" + STORY + "\n" + tutorial + "\n"
    result = clean(text)
    assert result.text == "City approves budget\n\n" + STORY + "\n" + tutorial + "\n"
    assert [(r.rule, r.start) for r in result.removed] == [("generic.leaked-code", 2), ("generic.leaked-code", 3)]


def test_an_author_tagline_closing_the_story_goes_and_one_inside_it_stays() -> None:
    tagline = "Jane Doe is a professor of history at Example University and the author of a book on bridges."
    closing = clean("City approves budget\n\n" + STORY + "\n" + tagline + "\n")
    assert closing.text == "City approves budget\n\n" + STORY
    assert [r.reason for r in closing.removed] == ["author's tagline closing the story"]
    inside = "City approves budget\n\n" + tagline + "\n\n" + STORY
    assert clean(inside).text == inside


def test_a_credit_right_under_the_story_stays_with_it() -> None:
    credit = "(Reporting by Jane Doe in Springfield; Editing by John Roe)"
    footer = "Springfield Daily\nWeather\nSports\nBusiness\n"
    result = clean("City approves budget\n\n" + STORY + "\n" + credit + "\n" + footer)
    assert result.text == "City approves budget\n\n" + STORY + "\n" + credit + "\n"
    assert {r.rule for r in result.removed} == {"generic.footer-region"}
    # Without the credit the same footer goes from the story's last line.
    assert clean("City approves budget\n\n" + STORY + "\n" + footer).text == "City approves budget\n\n" + STORY


def test_a_lone_line_under_the_posts_furniture_goes_with_the_footer() -> None:
    more = (
        "Road repairs take the largest share of the new money, with work on the bridge to start in May.\n\n"
        "The library keeps its longer opening hours through the winter, as readers had asked last year.\n\n"
        "Parents welcomed the money for school buses, which will run on two more routes from September.\n\n"
        "A full list of the spending lines will be on show at the town hall from next Monday.\n"
    )
    story = "City approves budget\n\n" + STORY + "\n" + more
    footer = "Springfield Daily\nWeather\nSports\nBusiness\n"
    blurb = "Daily news about the council, the schools and the roads of the valley."
    for box, rule in (
        ("Tweet", "generic.prompt-line"),
        ("Tags: budget, council", "generic.metadata-line"),
        ("Read more", "generic.cross-link"),
    ):
        result = clean(story + "\n" + box + "\n\n" + blurb + "\n" + footer)
        assert result.text == story, box
        assert {r.rule for r in result.removed} == {rule, "generic.footer-region"}
    # A paragraph under the furniture is as likely the story's own last one, and a short story keeps its
    # last line (with it gone the valve could hold the page whole): both stay.
    last = "The council will meet again in the spring to decide how the money for the new library wing is spent."
    assert clean(story + "\nTweet\n\n" + last + "\n" + footer).text.endswith(last + "\n")
    short = "City approves budget\n\n" + STORY + "\nTweet\n\n" + blurb + "\n" + footer
    assert clean(short).text.endswith(blurb + "\n")


def test_a_pager_link_by_its_label_goes_once_the_page_settled() -> None:
    pager = "Previous post: Council votes on the harbour plan"
    result = clean("City approves budget\n\n" + STORY + "\n" + pager + "\n\n" + MORE)
    assert result.text == "City approves budget\n\n" + STORY + "\n" + MORE
    assert {r.rule for r in result.removed} == {"generic.pager-link"}
    # A sentence of the story that opens with the label stays.
    sentence = "Next post, I will show how the council spends the money."
    text = "City approves budget\n\n" + STORY + "\n" + sentence + "\n\n" + MORE
    assert clean(text).text == text


def test_a_numbered_agenda_item_named_like_a_block_header_is_not_one() -> None:
    text = (
        "Minutes of the board meeting\n\n"
        + STORY
        + "\n6. Members\nTwelve new members joined since the last meeting, the secretary reported.\n"
        + "7. Newsletter\nJane offered to write the newsletter again, starting with the spring issue.\n"
    )
    assert clean(text).text == text


def test_a_long_list_item_under_a_box_header_is_a_teaser_and_the_story_goes_on() -> None:
    teaser = "  • Boats took the anglers out to sea in search of pike and perch, and the catch was good."
    more = (
        "Visitors can also try kayaks and see a boat show, with test rides on the lake all afternoon.\n\n"
        "Local smoked fish and other food from the region will be on sale at the stalls by the water.\n"
    )
    text = "City approves budget\n\n" + STORY + "\nRelated stories\n\n" + teaser + "\n\n" + more
    result = clean(text)
    assert result.text == "City approves budget\n\n" + STORY + "\n" + more
    assert {r.rule for r in result.removed} == {"generic.trailing-block"}


def test_a_tutorials_code_listing_of_short_lines_is_not_a_menu() -> None:
    listing = (
        "import os\nfrom django.conf import settings\nfrom selenium import webdriver\nbrowser = webdriver.Firefox()\n"
    )
    text = (
        "Testing a Django site in a real browser\n\n"
        + STORY
        + "\nThe test file starts by importing what it needs.\n\n"
        + listing
        + "\nThen each test opens a page and checks what the browser shows, one assertion at a time.\n"
    )
    assert clean(text).text == text


def test_a_comments_link_in_a_list_does_not_start_the_comment_section() -> None:
    more = "".join(f"Paragraph {n} goes on with what the council decided and why it matters.\n\n" for n in range(4))
    text = "City approves budget\n\n" + STORY + "\n" + STORY + "\n  • Share\n  • 3 Comments\n\n" + more
    out = clean(text).text
    assert out.endswith(more.rstrip("\n") + "\n")


# --- every heuristic's documented example is text it removes ------------------------------------------


@pytest.mark.parametrize("h", LINE_HEURISTICS, ids=lambda h: h.id)
def test_a_line_heuristics_documented_example_is_a_line_it_removes(h: Heuristic) -> None:
    assert engine().line_test(h.id, h.example)


EXAMPLE = "{example}"
DOCUMENT_PAGES: dict[str, str] = {
    # A story page holding the heuristic's example where the heuristic looks for it.
    "generic.ad-marker-cut": HEADLINE + STORY + "\n" + EXAMPLE + "\n\n" + MORE,
    "generic.title-list": HEADLINE + STORY + "\n" + EXAMPLE + "\n",
    "generic.table-of-contents": HEADLINE
    + "A short summary opens the report, and the sections below explain each part of the plan.\n\n"
    + "Contents\nIntroduction\nThe data\nResults\n\nIntroduction\nThe study began in 2019.\n\n"
    + STORY
    + "\nThe data\n\n"
    + MORE
    + "\nResults\n\n"
    + MORE.replace("opposition", "union"),
    "generic.author-box": "Skip to content\nNews\n\n" + HEADLINE + STORY + "\n" + EXAMPLE + "\n\nComments\n",
    # Comments end the page once a good part of the story is behind them.
    "generic.comments-block": HEADLINE + STORY + "\n" + MORE + "\n" + EXAMPLE + "\n",
    "generic.trailing-block": HEADLINE + STORY + "\n" + EXAMPLE + "\n",
    # A thread with no header: signatures (a name, one date and time format) above their comments.
    "generic.comment-thread": HEADLINE + STORY + "\n" + MORE + "\n" + EXAMPLE + "\n",
    "generic.header-region": EXAMPLE + "\n" + HEADLINE + STORY,
    "generic.footer-region": HEADLINE + STORY + "\n" + EXAMPLE + "\n",
    "generic.menu-run": HEADLINE + STORY + EXAMPLE + "\n" + MORE,
    # The first copy is the headline; the second copy goes.
    "generic.duplicate-line": EXAMPLE + "\n\n" + STORY + "\n" + EXAMPLE + "\n\n" + MORE,
    # An image between two paragraphs of the story.
    "generic.image-label": HEADLINE + STORY + "\n" + EXAMPLE + "\n\n" + MORE,
    # A blog's pager between the post and the next part of the page.
    "generic.pager-link": HEADLINE + STORY + "\n" + EXAMPLE + "\n\n" + MORE,
    # A share row under the story, in a language with no share phrases listed.
    "generic.share-row": HEADLINE + STORY + "\n" + EXAMPLE + "\n\n" + MORE,
    # A teaser card under the story: its summary cut off over a read-more link on a line of its own.
    "generic.teaser-summary": HEADLINE + STORY + "\n" + EXAMPLE + "\n\n" + MORE,
}


def _example_lines(example: str, lines: list[str]) -> tuple[list[int], list[int]]:
    """Where the example's lines are in the page: (lines it removes, lines that stay).

    A line ``...`` of an example stands for the rest of the page; the lines after it show what stays (a
    table of contents' sub-heading in the story). Each piece is the last copy after the previous piece.
    """
    pieces = [piece.split("\n") for piece in example.split("\n...\n")]
    found: list[list[int]] = []
    start = 0
    for piece in pieces:
        at = [i for i in range(start, len(lines) - len(piece) + 1) if lines[i : i + len(piece)] == piece]
        assert at, f"the page does not hold {piece!r}"
        found.append(list(range(at[-1], at[-1] + len(piece))))
        start = at[-1] + len(piece)
    removed = [i for i in found[0] if lines[i].strip()]
    stays = [i for piece in found[1:] for i in piece if lines[i].strip()]
    return removed, stays


def test_every_document_heuristic_has_an_example_page() -> None:
    assert sorted(DOCUMENT_PAGES) == sorted(h.id for h in DOCUMENT_HEURISTICS)


@pytest.mark.parametrize("h", DOCUMENT_HEURISTICS, ids=lambda h: h.id)
def test_a_document_heuristics_documented_example_is_text_it_removes(h: Heuristic) -> None:
    page = DOCUMENT_PAGES[h.id].replace(EXAMPLE, h.example)
    lines = page.split("\n")
    removed, stays = _example_lines(h.example, lines)
    # Site rules left out: only the generic stage decides.
    result = Cleaner(default_rules=False).clean(page)
    assert result.held is None
    for paragraph in STORY.split("\n\n"):
        assert paragraph in result.text, "the story must stay"

    def by(i: int) -> list[str]:
        return [r.rule for r in result.removed if r.start <= i < max(r.end, r.start + 1)]

    # Line heuristics run first: a line one of them takes alone is the first such heuristic's. Every other
    # line of the example is the heuristic's own, and there must be one at least.
    own = 0
    for i in removed:
        first = next((g.id for g in LINE_HEURISTICS if engine().line_test(g.id, lines[i])), h.id)
        assert by(i) == [first], f"line {i + 1} {lines[i]!r}: removed by {by(i)}, not {first}"
        own += first == h.id
    assert own, f"{h.id} removes no line of its example: line heuristics take them all first"
    for i in stays:
        assert not by(i), f"line {i + 1} {lines[i]!r} must stay"


GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.mark.parametrize("case", sorted(GOLDEN.glob("*/*.in.txt")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_line_heuristics_take_every_line_they_match_and_the_first_of_them_names_it(case: Path) -> None:
    # What the stage does with its line heuristics, whatever the engine does to be quick: each kept line is
    # asked of them in order and the first that takes it removes it (site rules left out: only the stage).
    text = case.read_text(encoding="utf-8")
    lines = text.split("\n")
    result = Cleaner(default_rules=False, force=True).clean(text)

    def takers(line: str) -> list[str]:
        return [h.id for h in LINE_HEURISTICS if engine().line_test(h.id, line)]

    line_ids = {h.id for h in LINE_HEURISTICS}
    for r in result.removed:
        if r.rule in line_ids and r.span is None:
            for i in range(r.start, r.end):
                assert not lines[i].strip() or takers(lines[i])[:1] == [r.rule], (r.rule, lines[i])
    for line in result.text.split("\n"):
        assert not takers(line), line


def test_metadata_is_read_from_the_lines_that_hold_it() -> None:
    story = "\n\nThe story goes on and on, as stories do, for a while yet.\n"
    head = "Title of the story\nPublished 01/12/2024, 10:08 PM\nUpdated 01/12/2024, 10:11 PM\nBy Jo Smith"
    assert clean(head + story).metadata == {
        "published": "01/12/2024, 10:08 PM",
        "updated": "01/12/2024, 10:11 PM",
        "byline": "Jo Smith",
    }
    lone_date = "1, March, 2024\nHeadline of the story\n\nBy the time we arrived, it was over, and the crowd had gone."
    assert clean(lone_date + "\n").metadata == {"published": "1, March, 2024"}


def _end_model(shared_words_cut: float) -> str:
    """A learned end model of one split: a stretch sharing more than this share of its words with the story
    is story (rules/generic/learned-end.toml as bench/train_end.py writes it)."""
    from cleaner import _core

    names = _core.end_features()
    f = names.index("shared_words")
    return (
        f"features = [{', '.join(repr(n).replace(chr(39), chr(34)) for n in names)}]\n"
        "base = 0.0\nthreshold = 0.5\n\n[[tree]]\n"
        f"feature = [{f}, -1, -1]\ncut = [{shared_words_cut}, 0.0, 0.0]\n"
        "left = [1, 0, 0]\nright = [2, 0, 0]\nvalue = [0.0, -4.0, 4.0]\n"
    )


def test_the_learned_end_model_keeps_a_paragraph_under_a_box_and_names_its_reason(tmp_path: Path) -> None:
    # generic.footer-region's documented learned end model: a paragraph under a box below the story,
    # which the hand walk (two paragraphs, 60 words) leaves cut, stays when the model reads it as story.
    import shutil

    from cleaner import _core

    box = "Sport\nWeather\nTravel\nCulture\nMusic\n"
    after = "The council will publish the budget for the schools and parks next week, the mayor said."
    page = HEADLINE + STORY + "\n" + box + "\n" + after + "\n\n" + box
    shipped = Path(__file__).resolve().parents[1] / "rules" / "generic"

    def engine_with(model: str | None, name: str) -> _core.Engine:
        # A folder per model: an engine's compiled rules are kept per folder.
        rules = tmp_path / name
        shutil.copytree(shipped, rules, ignore=shutil.ignore_patterns("learned-end.toml"))
        if model is not None:
            (rules / "learned-end.toml").write_text(model)
        return _core.Engine(rules)

    assert after not in engine_with(None, "plain").clean(page, metadata=False)[0]
    text, _, removed = engine_with(_end_model(0.3), "story").clean(page, metadata=False)[:3]
    assert after in text and "Sport" not in text
    reasons = {r[3] for r in removed if r[0] == "generic.footer-region"}
    assert (
        "box inside the story: the learned end model reads the paragraphs under it as story "
        "(words it shares with the story)" in reasons
    )
    # A stretch that shares too few words with the story stays cut, with the footer's own reason.
    pitch = "Sign up for our weekly newsletter and get the best offers from our partners delivered daily."
    text, _, removed = engine_with(_end_model(0.3), "footer").clean(page.replace(after, pitch), metadata=False)[:3]
    assert pitch not in text
    assert {r[3] for r in removed if r[0] == "generic.footer-region"} == {
        "page footer after the last paragraph of the story"
    }
