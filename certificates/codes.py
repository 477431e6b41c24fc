"""Verification codes: random, easy to type, with a check character.

A code is 19 random symbols (95 bits) and one check symbol, written in groups of four:
``7K3M-Q9XD-H2TB-W4NR-P8EC``. The alphabet is Crockford's base 32 (digits and capital
letters without I, L, O and U), so a reader never has to tell 1 from I or 0 from O; when
typing, lower case is accepted, I and L are read as 1, O as 0, and spaces and dashes are
ignored.

The check symbol comes from a Damm-style check over the field GF(32): the running value
is ``r ← 2·r + d`` (field arithmetic, + being XOR), and the check symbol makes the final
value 0. Because multiplying by 2 is a bijection and 2 ≠ 1, the operation is a totally
anti-symmetric quasigroup, which means every single wrong symbol and every swap of two
adjacent different symbols (the check symbol included) changes the result.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 19
GROUP = 4
LENGTH = RANDOM_LENGTH + 1  # symbols, without the dashes
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# What people type for what they see.
_READ_AS = {"I": "1", "L": "1", "O": "0"}
# x^5 + x^2 + 1, a primitive polynomial of GF(32).
_POLY = 0b100101


def _times_two(value: int) -> int:
    value <<= 1
    if value & 0b100000:
        value ^= _POLY
    return value


def _running(values) -> int:
    state = 0
    for value in values:
        state = _times_two(state) ^ value
    return state


def check_symbol(symbols: str) -> str:
    """The symbol that makes ``symbols + check`` valid."""
    return ALPHABET[_times_two(_running(_VALUE[c] for c in symbols))]


def is_well_formed(symbols: str) -> bool:
    """Whether normalised ``symbols`` (no dashes) pass the check."""
    if not symbols or any(c not in _VALUE for c in symbols):
        return False
    return _running(_VALUE[c] for c in symbols) == 0


def group(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def normalise(typed: str) -> str:
    """What someone typed (any case, spaces, dashes, I/L/O) → bare symbols."""
    symbols = "".join(c for c in typed.upper() if c not in " -\t\n\r")
    return "".join(_READ_AS.get(c, c) for c in symbols)


def code_generate() -> str:
    """A new grouped code with at least 80 bits of randomness (95 here)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return group(body + check_symbol(body))


def code_parse(typed: str) -> str | None:
    """The canonical (grouped) code for what someone typed, or None if it cannot be one:
    wrong length, a symbol outside the alphabet, or a failed check (a typo)."""
    symbols = normalise(typed)
    if len(symbols) != LENGTH or not is_well_formed(symbols):
        return None
    return group(symbols)
