"""The generic stage: every heuristic is registered with its docs, and each one's signal works on small cases."""

from __future__ import annotations

import re

import pytest

from cleaner import Cleaner, clean
from cleaner.generic import HEURISTICS, heuristic_by_id
from cleaner.generic.base import Heuristic
from cleaner.generic.breadcrumbs import is_breadcrumb
from cleaner.generic.dates import is_date_line
from cleaner.generic.features import shape
from cleaner.generic.lang import detect_language
from cleaner.generic.linematch import line_matcher
from cleaner.generic.menus import is_label

STORY = (
    "The council approved the new budget on Monday after a debate that lasted most of the afternoon.\n\n"
    "Members said the plan protects schools and parks, although several asked for more money for roads.\n\n"
    "The mayor thanked the finance committee and said the city would publish the details next week.\n"
)


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
        assert heuristic_by_id(h.id) is h


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
        ("prompts", "Please let us know if you're having issues with commenting."),
        ("trailing-blocks", "Latest articles"),
        ("trailing-blocks", "More like this"),
        ("trailing-blocks", "Most read"),
        ("trailing-blocks", "Mehr zum Thema"),
        ("trailing-blocks", "Lo más leído"),
        ("comments", "3 Comments"),
        ("author-boxes", "About the author"),
        ("author-boxes", "Autoreninfo"),
        ("author-boxes", "Über Kathrin"),
        ("author-boxes", "O autorze:"),
        ("comments", "Leave a Reply"),
        ("comments", "Kommentare"),
    ],
)
def test_phrase_files_match_boilerplate_in_several_languages(table: str, line: str) -> None:
    assert line_matcher(table).matches(line)


@pytest.mark.parametrize(
    ("table", "line"),
    [
        ("cross-links", "Read also the report, which runs to forty pages and was published on Monday."),
        ("metadata-lines", "By Friday, the government had fallen."),
        ("metadata-lines", "By the end of the year the bridge was finished."),
        ("captions", "The photo shows the minister arriving at the airport in the early morning."),
        ("captions", "The figure 2 is what analysts expected, she said."),
        ("captions", "He spoke to AP. Then he left the building by the back door."),
        ("captions", "The results are shown in Figure 3, which compares both groups."),
        ("prompts", "She said she would share the prize with her team."),
        ("trailing-blocks", "Most read books of the year were novels, the survey found."),
        ("comments", "The comments he made last week drew criticism."),
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
    assert not line_matcher(table).matches(line)


def test_date_lines_need_only_date_words_and_numbers() -> None:
    assert is_date_line(shape("Monday, 18 November 2019, 11:08 PM"))
    assert is_date_line(shape("19. Oktober 2019 16:14 Uhr"))
    assert not is_date_line(shape("1/199 Simone32"))
    assert not is_date_line(shape("In March 2024 the river flooded the town"))


def test_breadcrumbs_are_short_segments_behind_separators() -> None:
    assert is_breadcrumb("Home > World > Middle East")
    assert is_breadcrumb("Accueil › Politique")
    assert not is_breadcrumb("Prices rose 5% / 7% in the first and second quarters.")
    assert not is_breadcrumb("Sales and marketing")


def test_labels_are_short_capitalised_lines_not_list_items_or_table_rows() -> None:
    sw = frozenset({"the", "of", "a", "to", "in"})
    assert is_label(shape("Business"), sw)
    assert is_label(shape("Latin America"), sw)
    assert not is_label(shape("It rained all day."), sw)
    assert not is_label(shape("1\tKyle Busch\t5040\t5"), sw)


def test_glued_teaser_shape_and_brand_names() -> None:
    assert shape("Council Approves New Cycle LanesThe council voted on Tuesday to build lanes.").glued_teaser
    assert not shape("The attorney general is investigating WeWork, according to two people.").glued_teaser
    assert not shape("He met the YouTube and PlayStation teams in London last week.").glued_teaser
    # Glued to a number, or to a summary that opens with a name: still a teaser when the title is all capitals.
    assert shape("City To Mail Ballots To 250,000The city will mail ballots to every voter this week.").glued_teaser
    assert shape("Rangers Seek Tips On Deer Poached In North ParkPark Rangers in the north ask for help.").glued_teaser
    assert not shape("Q: In reading the SportsBusiness Journal, we noted your award. What is it like?").glued_teaser
    assert not shape("Sony Launches New PlayStation Network Service In Europe today").glued_teaser


def test_language_is_read_from_stop_words() -> None:
    assert (
        detect_language(["der", "hund", "und", "die", "katze", "sind", "in", "dem", "haus", "mit", "dem", "garten"])
        == "de"
    )
    assert (
        detect_language(["el", "perro", "y", "el", "gato", "están", "en", "la", "casa", "de", "los", "abuelos"]) == "es"
    )
    assert (
        detect_language(["le", "chien", "et", "le", "chat", "sont", "dans", "la", "maison", "de", "la", "ville"])
        == "fr"
    )
    assert detect_language(["pies", "i", "kot", "są", "w", "domu,", "a", "to", "jest", "ich", "ogród"]) == "pl"


def test_cjk_text_counts_characters_as_words() -> None:
    assert shape("東京で桜が満開になったと発表しました。").units >= 8


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


def test_contains_phrases_compile_when_a_line_first_has_one_of_their_words() -> None:
    from cleaner.generic.linematch import LineMatcher, line_matcher

    table = line_matcher("prompts")
    m = LineMatcher(table.exact, table.prefix, table.contains_words, table.contains, None, table.max_words)
    assert not m.matches("Qqq zzz") and "contains_ascii" not in vars(m)
    assert m.matches("SIGN UP for our newsletter") and "contains_ascii" in vars(m)
    assert [m.matches(t) for t in ("ſign up for our newsletter", "Signed")] == [True, False]


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


@pytest.mark.parametrize("h", [h for h in HEURISTICS if h.line_test is not None], ids=lambda h: h.id)
def test_a_line_heuristics_documented_example_is_a_line_it_removes(h: Heuristic) -> None:
    assert h.line_test is not None and h.line_test(h.example)


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
