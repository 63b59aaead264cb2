"""Search inputs typed to make the site work hard: shared by the suite and ``make bench``."""

from __future__ import annotations

import random

CONSONANTS = "bcdfghjklmnpqrstvwxz"
VOWELS = "aeiouy"


def unknown_word(rng: random.Random, letters: int) -> str:
    """A pronounceable word no forum holds (the corrector has to look for it)."""
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(letters // 2 + 1))[:letters]


def hostile_queries(common: list[str] | None = None) -> dict[str, str]:
    """Named search texts that each push one kind of per-request work as far as the box allows.

    ``common`` are frequent words of the forum searched (their prefixes expand the most).
    """
    rng = random.Random(290)
    common = common or ["médiation", "habitants", "tournée", "bailleur", "quartier", "partenaires"]
    starts = list(dict.fromkeys(word[:3] for word in common)) + ["pre", "con", "par", "tra", "com", "res"]
    return {
        "word_290_letters": unknown_word(rng, 290),
        "words_200": " ".join(unknown_word(rng, rng.randint(7, 14)) for _ in range(200)),
        "long_unknown_words": " ".join(unknown_word(rng, 25) for _ in range(12)),
        "prefixes_100_letters": " ".join(f"{chr(ord('a') + n % 26)}* " for n in range(100)),
        "prefixes_100": " ".join(f"{starts[n % len(starts)]}{'*' * (1 + n // len(starts) % 2)}" for n in range(100)),
        "phrases_50": " ".join('"' + " ".join(rng.sample(common, 3)) + '"' for _ in range(50)),
        "phrase_long": '"' + " ".join(rng.choice(common) for _ in range(150)) + '"',
        "alternatives": " OU ".join(unknown_word(rng, 9) for _ in range(60)),
        "exclusions": common[0] + " " + " ".join(f"-{unknown_word(rng, 8)}" for _ in range(60)),
        "typos_and_prefixes": " ".join(f"{unknown_word(rng, 10)} {start}*" for start in starts),
        "odd_syntax": 'titre:( [a TO z] {x} ~2 ^3 ** "\\ ' + "((((" * 40 + "OR AND NOT " * 10,
        "control_chars": "\x00\x01\x02 médiation\x1b[31m \u202e\ufeff " + "\x07" * 100,
        "ten_kilobytes": "médiation " * 1000,
    }
