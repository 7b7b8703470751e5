"""Words held to the pixels: colour and shape names a caption or answer may use only where the image shows them
(pack manifest `generation.colours` and `generation.shapes`, docs/model-pack.md "Words held to the pixels").

lunette/colours.py and lunette/shapes.py say which colours and shapes an image shows; this module holds what both
share: how such a word is spelled in generated text, and which words the prompt itself names (a question about a
red dog, the OCR lines of a legend). `Generator.names_held_back_word` applies the rule while decoding. The engine's
side is `src/engine/heldBackWords.ts`.
"""
from __future__ import annotations

import re
from typing import Iterable, List, Sequence, Tuple


def plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def spellings(word: str) -> Tuple[str, ...]:
    """How a word appears in generated text: after a space or not, lower or capitalised, singular or plural."""
    out = []
    for form in (word, plural(word)):
        capital = form[0].upper() + form[1:]
        out += [" " + form, " " + capital, form, capital]
    return tuple(out)


def named_words(vocabulary: Sequence[str], texts: Iterable[str]) -> List[str]:
    """The words of `vocabulary` that occur in these texts (the question, the OCR lines) as words, singular or
    plural, case ignored; in `vocabulary`'s order."""
    found = set()
    for text in texts:
        found.update(re.findall(r"[a-z]+", text.lower()))
    return [w for w in vocabulary if w in found or plural(w) in found]


def words_held_back(vocabulary: Sequence[str], shown: Sequence[str], texts: Sequence[str]) -> List[str]:
    """The words of `vocabulary` the decoder may not write: neither shown nor named in `texts`."""
    allowed = set(shown) | set(named_words(vocabulary, texts))
    return [w for w in vocabulary if w not in allowed]
