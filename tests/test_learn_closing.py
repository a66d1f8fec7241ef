"""`cleaner learn` keeps the lines some of a small site's stories end with (a recipe's credit, a request).

A recipe blog ends each recipe with its source and a request not to copy the recipe; its other posts
have neither. On 4 of 5 pages, such lines recur as often as the site's template, but they close the
story wherever they stand (the story's prose above them, readers' comments below): with one page left
out, they would stand on 3 of 4, short of a sentence's 80 %. On 15 of 16 pages the same lines are the
site's.
"""

from __future__ import annotations

import pytest

from cleaner.learning.api import Learned
from cleaner.learning.api import learn as learn_api

MENU = ["Pantry Notes", "Home", "Recipes", "Garden", "About us"]
FOOTER = ["Archives", "Subscribe by email", "© 2012 Pantry Notes. All rights reserved."]
SOURCE = "From the Pantry Notes kitchen"
REQUEST = "Please do not copy this recipe; write it in your own words, or link back to this post. Thank you!"
DISHES = [
    ("plum", "cake", "Hawick"),
    ("leek", "soup", "Ludlow"),
    ("pear", "tart", "Alston"),
    ("bean", "stew", "Wigton"),
    ("fig", "jam", "Bakewell"),
    ("oat", "bread", "Kelso"),
    ("beet", "salad", "Thirsk"),
    ("rice", "pudding", "Penrith"),
    ("corn", "fritters", "Malton"),
    ("lamb", "pie", "Settle"),
    ("kale", "gratin", "Bude"),
    ("duck", "ragu", "Hexham"),
    ("pea", "risotto", "Ripon"),
    ("crab", "cakes", "Whitby"),
    ("sage", "butter", "Brecon"),
    ("apple", "crumble", "Tenby"),
]


def post(n: int, recipe: bool) -> str:
    """Post ``n``: menu, a story of its own (a recipe ends with its source and the request), comments, footer."""
    fruit, dish, town = DISHES[n]
    story = [
        f"A {fruit} {dish} from {town}",
        "",
        f"My aunt in {town} made this {fruit} {dish} every autumn, and the kitchen smelled of it for days.",
        f"She never wrote the {dish} down, so it took me three tries and a long call to {town} to get it right.",
        f"Use the ripest {fruit} you can find: a hard {fruit} gives the {dish} no flavour, whatever you add.",
        f"Wash the {fruit}, cut it small, and cook it slowly with butter until it is soft but still whole.",
        f"The {dish} wants salt early and sugar late; taste it twice, as my aunt did, and trust your tongue.",
        f"Bake or simmer the {dish} for forty minutes, until the {fruit} has given up most of its juice.",
        f"Let the {dish} rest an hour before you serve it; in {town} they say it is better the next day.",
        f"It keeps for three days in a cold larder, and the {fruit} only gets better as the days go by.",
    ]
    if recipe:
        story += [SOURCE, REQUEST]
    comments = [
        f"{name} on day {n}:\n{name} made the {fruit} {dish} from {town} for {who}, and it was gone by noon.\nReply"
        for name, who in (("Ann", "her sisters"), ("Bob", "the school fair"), ("Cy", "a wedding"))
    ]
    return "\n".join([*MENU, "", *story, "", "Comments", "", *comments, "", *FOOTER]) + "\n"


def learned_from(pages: int, without: int) -> Learned:
    """What `cleaner learn` makes of ``pages`` posts, all recipes but post ``without``."""
    recs = [{"url": f"https://pantry.example.org/p/{n}", "text": post(n, n != without)} for n in range(pages)]
    return learn_api(recs)


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_the_lines_closing_4_of_5_stories_stay() -> None:
    learned = learned_from(5, without=4)
    [site] = learned.sites()
    examples = {e for r in site.rules for e in r.examples}
    assert "Recipes" in examples and "Subscribe by email" in examples  # the template is learned
    assert SOURCE not in examples and REQUEST not in examples
    out = learned.cleaner().clean(post(1, True), site="pantry.example.org").text
    assert "Garden" not in out and "Subscribe by email" not in out
    assert out.index("rest an hour") < out.index(SOURCE) < out.index(REQUEST)


def test_the_same_lines_on_15_of_16_pages_are_the_site_s() -> None:
    learned = learned_from(16, without=15)
    [site] = learned.sites()
    examples = {e for r in site.rules for e in r.examples}
    assert SOURCE in examples and REQUEST in examples
    out = learned.cleaner().clean(post(1, True), site="pantry.example.org").text
    assert "rest an hour" in out and SOURCE not in out and REQUEST not in out
