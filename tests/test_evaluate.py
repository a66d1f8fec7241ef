"""The scoring metrics on small hand-made cases; every expected number is worked out by hand."""

from __future__ import annotations

from pytest import approx

from cleaner.evalrun import Method, Sample, evaluate_gold
from cleaner.evaluate import SnippetDoc, score_corpus, score_document, score_snippets, snippet_corpus


def test_shingle_overlap_of_two_six_token_texts() -> None:
    # pred shingles: abcd bcde cdef; gold: abcd bcdx cdxy; one in common
    s = score_document("a b c d e f", "a b c d x y")
    assert (s.precision, s.recall) == (approx(1 / 3), approx(1 / 3))
    assert s.f1 == approx(1 / 3)


def test_shingles_are_a_multiset() -> None:
    # pred: abcd bcda cdab dabc abcd (5, abcd twice); gold: abcd once; overlap counts abcd once
    s = score_document("a b c d a b c d", "a b c d")
    assert (s.precision, s.recall) == (approx(1 / 5), 1.0)


def test_tokens_are_word_runs_and_case_counts() -> None:
    assert score_document("A, b; c! d.", "A b c d").precision == 1.0
    assert score_document("a b c d", "A b c d").precision == 0.0


def test_short_texts_make_one_shingle() -> None:
    s = score_document("x y", "x y")
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_line_scores_compare_whitespace_normalised_lines() -> None:
    s = score_document("A  b c.\nMenu\n\n", "A b c.\nMore text here.")
    assert (s.line_precision, s.line_recall) == (0.5, 0.5)


def test_corpus_means_precision_over_non_empty_predictions_and_recall_over_all() -> None:
    docs = [
        score_document("a b c d e f", "a b c d x y"),  # P 1/3, R 1/3
        score_document("a b c d a b c d", "a b c d"),  # P 1/5, R 1
        score_document("", "a b c d"),  # empty: P undefined, R 0
    ]
    c = score_corpus(docs)
    assert c.precision == approx(4 / 15)  # mean(1/3, 1/5)
    assert c.recall == approx(4 / 9)  # mean(1/3, 1, 0)
    assert c.f1 == approx(1 / 3)  # 2 * 4/15 * 4/9 / (4/15 + 4/9)
    assert c.median_f1 == approx(1 / 3)  # per-doc F1s: 1/3, 1/3, 0
    assert (c.empty, c.n) == (1, 3)


def test_gold_eval_leaves_the_headline_out_only_for_methods_that_keep_one() -> None:
    sample = Sample("a", "Cats in town\nw x y z")
    keeps = Method("keeps", lambda s: s.text, headline=True)
    drops = Method("drops", lambda s: "w x y z", headline=False)
    rows = evaluate_gold([sample], {"a": "w x y z"}, [keeps, drops])
    assert [r.f1 for r in rows] == [1.0, 1.0]


def test_snippets_normalise_whitespace_and_match_case_sensitively() -> None:
    d = score_snippets("The cat\n  sat down.\nMenu", ["cat sat down.", "The Cat"], ["Menu", "Footer"])
    assert d == SnippetDoc(found_with=1, missed_with=1, found_without=1)
    assert (d.precision, d.recall) == (0.5, 0.5)


def test_empty_output_misses_every_with_snippet() -> None:
    d = score_snippets("", ["a"], [""])
    assert d == SnippetDoc(found_with=0, missed_with=1, found_without=0)
    assert d.precision is None


def test_snippet_scores_are_pooled_over_all_snippets() -> None:
    # 3 found with, 1 missed, 1 found without: P = 3/4, R = 3/4; per-doc F1s 2/3 and 4/5
    c = snippet_corpus([SnippetDoc(1, 1, 0), SnippetDoc(2, 0, 1)])
    assert (c.precision, c.recall, c.f1) == (0.75, 0.75, 0.75)
    assert c.median_f1 == approx((2 / 3 + 4 / 5) / 2)
