"""The words a worker is found by (domain.personnel): folding, tokens, and the one word that lists them."""

from __future__ import annotations

from titan_training.domain.personnel import (
    MAX_SEARCH_TOKENS,
    SEARCH_TOKEN_LENGTH,
    first_match,
    fold,
    search_needle,
    search_tokens,
)


def test_fold_drops_accents_case_and_extra_white_space():
    # When text with accents, capitals, tabs and a control character is folded
    # Then it is plain lower case with single spaces
    assert fold("  Zoë\tNÚÑEZ\x01Straße ") == "zoe nunez strasse"


def test_tokens_are_each_name_word_and_part_the_full_name_employee_number_and_email():
    # When a worker's words are made
    tokens = search_tokens("Ana María", "Núñez-Lis", "Ana.N@Example.COM", "PL 7731")
    # Then each word, each part of a hyphenated one, multi-word names whole, the full name, the number and email
    assert tokens == [
        "ana",
        "maria",
        "ana maria",
        "nunez-lis",
        "nunez",
        "lis",
        "ana maria nunez-lis",
        "pl 7731",
        "ana.n@example.com",
        "example.com",
    ]


def test_tokens_are_bounded_in_number_and_length():
    # When a worker has a very long, many-worded name
    tokens = search_tokens(" ".join(f"w{n}" for n in range(60)), "x" * 200, None, "E-1")
    # Then at most MAX_SEARCH_TOKENS words of at most SEARCH_TOKEN_LENGTH characters are kept
    assert len(tokens) == MAX_SEARCH_TOKENS
    assert max(len(token) for token in tokens) <= SEARCH_TOKEN_LENGTH
    assert len(search_needle("y" * 300)) == SEARCH_TOKEN_LENGTH


def test_a_worker_is_listed_by_the_smallest_word_a_search_begins():
    tokens = search_tokens("Ann", "Annis", "ann.annis@example.com", "ANN-1")
    # When "ann" is searched Then "ann" lists them; "annis" by their last name; "x" not at all
    assert first_match(tokens, "ann") == "ann"
    assert first_match(tokens, "anni") == "annis"
    assert first_match(tokens, "x") is None
