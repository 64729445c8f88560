"""Application reference numbers: short, grouped, unambiguous, with a check character.

The alphabet has no 0/O or 1/I, so a reference read over the phone or copied by hand survives.
The check character is Luhn mod N over the same 32 symbols: it catches every single wrong
character and nearly every pair of swapped neighbours.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: no 0, O, 1 or I
BODY_LENGTH = 8


def check_character(body: str) -> str:
    base = len(ALPHABET)
    total, factor = 0, 2
    for symbol in reversed(body):
        addend = factor * ALPHABET.index(symbol)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def is_valid(reference: str) -> bool:
    cleaned = normalise(reference)
    return (len(cleaned) == BODY_LENGTH + 1 and all(c in ALPHABET for c in cleaned[:-1])
            and cleaned[-1] == check_character(cleaned[:-1]))


def normalise(reference: str) -> str:
    """What people type: spaces, hyphens and lower case are all accepted."""
    return "".join(reference.split()).replace("-", "").upper()


def grouped(reference: str) -> str:
    """7K3M 9QXP C: groups of four are easier to read aloud and to copy."""
    return " ".join(reference[i:i + 4] for i in range(0, len(reference), 4))
