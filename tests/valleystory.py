"""The story of a made-up blog's post, shared by the learn tests of pagers and banners: eight sentences
about one town and one of its buildings, each post its own town and building, so no line recurs."""

from __future__ import annotations

from tests.test_learn import THINGS, TOWNS


def visit(n: int) -> list[str]:
    """The eight paragraphs of post ``n`` (``TOWNS[n]``, ``THINGS[n]``)."""
    town, thing = TOWNS[n], THINGS[n]
    return [
        f"I went back to {town} last week to see what had become of the {thing} we wrote about last year.",
        f"Nobody in {town} could say when work on the {thing} would start, and the council would not say either.",
        f"The money for the {thing} is promised, the drawings are done, and still the site in {town} stands empty.",
        f"People in {town} told me they no longer believe in the {thing}, though they would like to be proved wrong.",
        f"A builder from {town} said the {thing} would take two summers, if the weather and the bank allow it.",
        f"So the {thing} of {town} waits, as it has waited for years, and we shall go back again in the spring.",
        f"Until then the {thing} stays a drawing on the wall of the town hall in {town}, where everyone can see it.",
        f"Write to us if you know more about the {thing}: the people of {town} would be glad to hear from you.",
    ]
