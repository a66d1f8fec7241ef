"""A ``# url:`` first line names the site and is not part of the cleaned text."""

from __future__ import annotations

from cleaner import Cleaner

STORY = "Headline of the story\n\nThe story itself, told in several plain words here.\n"


def test_url_header_detects_site_and_is_removed() -> None:
    result = Cleaner().clean("# url: https://www.investing.com/news/abc\n" + STORY)
    assert result.site == "investing.com"
    assert result.text == STORY
    assert [r.rule for r in result.removed] == ["input.url-header"]
    assert result.removed[0].start == 0


def test_explicit_url_wins_over_header() -> None:
    result = Cleaner().clean("# url: https://www.investing.com/x\n" + STORY, url="https://www.wionews.com/y")
    assert result.site == "wionews.com"


def test_plain_first_line_is_not_a_header() -> None:
    result = Cleaner().clean("# url is a heading, not a header\n\n" + STORY)
    assert result.text.startswith("# url is a heading")


def test_the_call_reads_a_header_as_clean_does() -> None:
    # Cleaner.__call__ reads the header in its own frame, not through clean's _prepare.
    c = Cleaner()
    texts = [
        "# url: https://www.investing.com/news/abc\n" + STORY,
        "\ufeff# URL:  https://www.wionews.com/y \r\n" + STORY,
        "# url is a heading, not a header\n\n" + STORY,
        "# url: https://www.investing.com/x",
        "#\n" + STORY,
        "",
    ]
    for text in texts:
        assert c(text) == c.clean(text).text
    assert c(texts[0]) == STORY
    assert c(texts[2]).startswith("# url is a heading")
