"""Verification codes: randomness, grouping, and a check character that catches typos."""

import random

import pytest

from certificates import codes


def _symbols(code: str) -> str:
    return code.replace("-", "")


def test_codes_have_at_least_80_bits_of_randomness_in_groups_of_four():
    code = codes.code_generate()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 4]
    # 19 random symbols from 32: 95 bits.
    assert codes.RANDOM_LENGTH * 5 >= 80
    assert set(_symbols(code)) <= set(codes.ALPHABET)


def test_alphabet_has_no_ambiguous_characters():
    assert len(codes.ALPHABET) == 32
    assert not set("ILOU") & set(codes.ALPHABET)


def test_generated_codes_pass_their_own_check():
    for _ in range(200):
        assert codes.code_parse(codes.code_generate()) is not None


def test_codes_do_not_repeat():
    assert len({codes.code_generate() for _ in range(2000)}) == 2000


@pytest.mark.parametrize("seed", range(20))
def test_every_single_character_substitution_is_caught(seed):
    code = _symbols(codes.code_generate())
    for position, original in enumerate(code):
        for replacement in codes.ALPHABET:
            if replacement == original:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            assert codes.code_parse(typo) is None, (code, typo)


@pytest.mark.parametrize("seed", range(20))
def test_every_adjacent_transposition_is_caught(seed):
    rng = random.Random(seed)
    body = "".join(rng.choice(codes.ALPHABET) for _ in range(codes.RANDOM_LENGTH))
    code = body + codes.check_symbol(body)
    for i in range(len(code) - 1):
        if code[i] == code[i + 1]:
            continue
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        assert codes.code_parse(swapped) is None, (code, swapped)


def test_check_catches_every_transposition_of_every_pair_of_symbols():
    # Exhaustive over the alphabet, in every position of a fixed code, the check symbol included.
    body = "7K3MQ9XDH2TBW4NRP8E"
    code = body + codes.check_symbol(body)
    for i in range(len(code) - 1):
        for a in codes.ALPHABET:
            for b in codes.ALPHABET:
                if a == b:
                    continue
                variant = code[:i] + a + b + code[i + 2 :]
                if codes.is_well_formed(variant):
                    swapped = code[:i] + b + a + code[i + 2 :]
                    assert not codes.is_well_formed(swapped), (variant, swapped)


def test_typing_is_forgiving_about_case_dashes_spaces_and_look_alikes():
    code = codes.code_generate()
    typed = code.lower().replace("-", " ")
    assert codes.code_parse(typed) == code
    # Someone reading 0 as O and 1 as I or L still gets there.
    symbols = _symbols(code)
    if "0" in symbols or "1" in symbols:
        look_alike = symbols.replace("0", "O").replace("1", "l")
        assert codes.code_parse(look_alike) == code


def test_wrong_length_or_foreign_characters_are_refused():
    code = _symbols(codes.code_generate())
    assert codes.code_parse(code[:-1]) is None
    assert codes.code_parse(code + "0") is None
    assert codes.code_parse(code[:-1] + "U") is None
    assert codes.code_parse("") is None
