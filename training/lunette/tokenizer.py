"""Byte-level BPE: a trainer, and an encoder/decoder with Hugging Face `tokenizers` semantics.

tokenizer.json layout (what HF tokenizers writes for this configuration):
  normalizer null; pre_tokenizer ByteLevel(add_prefix_space=false, trim_offsets=true, use_regex=true);
  model BPE (vocab + merges, no unk, byte-level alphabet of 256 tokens); decoder ByteLevel;
  post_processor null; added special tokens at ids 0..3 (also present in the model vocab).

Encoding: split the text on added-token strings (they map to their ids), pre-tokenize the rest with the
GPT-2 regex, map each piece's UTF-8 bytes to the byte-level alphabet, then apply merges by rank (lowest rank
first, leftmost first among equal ranks) — identical to HF tokenizers (Rust) and @huggingface/tokenizers (JS).
"""
from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Dict, Iterable, List, Sequence, Tuple

import regex

SPECIAL_TOKENS = ["<|endoftext|>", "<|coord|>", "<|size|>", "<|pad|>"]  # ids 0..3: bos=eos, coord, size, pad

GPT2_PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


@lru_cache(maxsize=None)
def bytes_to_unicode() -> Dict[int, str]:
    """GPT-2's reversible byte -> printable character map."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


@lru_cache(maxsize=None)
def unicode_to_bytes() -> Dict[str, int]:
    return {c: b for b, c in bytes_to_unicode().items()}


def pre_tokenize(text: str) -> List[str]:
    """GPT-2 regex split, then byte-level mapping of each piece."""
    enc = bytes_to_unicode()
    return ["".join(enc[b] for b in piece.encode("utf-8")) for piece in GPT2_PATTERN.findall(text)]


class Tokenizer:
    def __init__(self, vocab: Dict[str, int], merges: Sequence[Tuple[str, str]], special_tokens: Sequence[str] = SPECIAL_TOKENS):
        self.vocab = dict(vocab)
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        self.merges = [tuple(m) for m in merges]
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        self.special_tokens = list(special_tokens)
        for t in self.special_tokens:
            assert t in self.vocab, f"special token {t!r} missing from vocab"
        # longest first, like a trie's longest match
        alternatives = sorted(self.special_tokens, key=len, reverse=True)
        self._special_re = regex.compile("(" + "|".join(regex.escape(t) for t in alternatives) + ")")
        self._cache: Dict[str, List[str]] = {}

    # --- encode ---------------------------------------------------------------------------------------
    def _bpe(self, word: str) -> List[str]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        parts = list(word)
        while len(parts) > 1:
            best, best_rank = -1, None
            for i in range(len(parts) - 1):
                r = self.ranks.get((parts[i], parts[i + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = i, r
            if best < 0:
                break
            parts[best:best + 2] = [parts[best] + parts[best + 1]]
        self._cache[word] = parts
        return parts

    def encode(self, text: str) -> List[int]:
        ids: List[int] = []
        for section in self._special_re.split(text):
            if not section:
                continue
            if section in self.special_tokens:
                ids.append(self.vocab[section])
                continue
            for word in pre_tokenize(section):
                ids.extend(self.vocab[t] for t in self._bpe(word))
        return ids

    def byte_lengths(self, ids: Iterable[int]) -> List[int]:
        """How many bytes of the encoded text each token stands for (they add up to the text's UTF-8 length)."""
        return [len(t.encode("utf-8")) if t in self.special_tokens else len(t)
                for t in (self.id_to_token[int(i)] for i in ids)]

    # --- decode ---------------------------------------------------------------------------------------
    def decode(self, ids: Iterable[int], skip_special_tokens: bool = False) -> str:
        dec = unicode_to_bytes()
        out: List[str] = []
        buf = bytearray()
        for i in ids:
            tok = self.id_to_token.get(int(i))
            if tok is None:
                continue  # ids past the tokenizer (unused embedding rows) decode to nothing, as in HF tokenizers
            if tok in self.special_tokens:
                if buf:
                    out.append(buf.decode("utf-8", errors="replace"))
                    buf = bytearray()
                if not skip_special_tokens:
                    out.append(tok)
            else:
                buf.extend(dec[c] for c in tok)
        if buf:
            out.append(buf.decode("utf-8", errors="replace"))
        return "".join(out)

    def __len__(self) -> int:
        return len(self.vocab)

    # --- tokenizer.json -------------------------------------------------------------------------------
    def to_json_dict(self) -> dict:
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [
                {"id": self.vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": True}
                for t in self.special_tokens
            ],
            "normalizer": None,
            "pre_tokenizer": dict(byte_level),
            "post_processor": None,
            "decoder": dict(byte_level),
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": None,
                "continuing_subword_prefix": None,
                "end_of_word_suffix": None,
                "fuse_unk": False,
                "byte_fallback": False,
                "ignore_merges": False,
                "vocab": dict(sorted(self.vocab.items(), key=lambda kv: kv[1])),
                "merges": [f"{a} {b}" for a, b in self.merges],
            },
        }

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(self.to_json_dict(), f, ensure_ascii=False, indent=2)
            f.write("\n")

    @classmethod
    def load(cls, path) -> "Tokenizer":
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        model = d["model"]
        assert model["type"] == "BPE"
        merges = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in model["merges"]]
        specials = [t["content"] for t in sorted(d["added_tokens"], key=lambda t: t["id"])]
        return cls(model["vocab"], merges, specials)


# --- trainer ------------------------------------------------------------------------------------------
def train_bpe(
    texts: Iterable[str],
    vocab_size: int,
    special_tokens: Sequence[str] = SPECIAL_TOKENS,
    min_frequency: int = 2,
) -> Tokenizer:
    """Train a byte-level BPE. Vocab layout: special tokens (ids 0..k-1), the 256 byte-level characters
    in byte order, then one token per merge in merge order. Deterministic: the most frequent pair wins,
    ties broken by the smallest (left, right) string pair. Words are counted over the same pre-tokenization
    (special-token strings in the corpus are skipped) that encoding uses."""
    vocab: Dict[str, int] = {t: i for i, t in enumerate(special_tokens)}
    for b in range(256):
        vocab[bytes_to_unicode()[b]] = len(vocab)
    assert vocab_size >= len(vocab), f"vocab_size must be >= {len(vocab)}"

    special_re = regex.compile("|".join(regex.escape(t) for t in sorted(special_tokens, key=len, reverse=True)))
    counts: Counter = Counter()
    for text in texts:
        for section in special_re.split(text):
            counts.update(pre_tokenize(section))

    words: List[List[str]] = [list(w) for w in counts]
    freqs: List[int] = [counts[w] for w in counts]
    pair_counts: Dict[Tuple[str, str], int] = defaultdict(int)
    where: Dict[Tuple[str, str], set] = defaultdict(set)
    for wi, (w, f) in enumerate(zip(words, freqs)):
        for p in zip(w, w[1:]):
            pair_counts[p] += f
            where[p].add(wi)

    heap = [(-c, p) for p, c in pair_counts.items()]
    heapq.heapify(heap)
    merges: List[Tuple[str, str]] = []
    while len(vocab) < vocab_size and heap:
        neg, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) != -neg:
            continue  # stale heap entry
        if -neg < min_frequency:
            break
        a, b = pair
        new = a + b
        merges.append(pair)
        if new not in vocab:
            vocab[new] = len(vocab)
        changed: Dict[Tuple[str, str], int] = defaultdict(int)
        for wi in sorted(where.pop(pair, ())):
            w, f = words[wi], freqs[wi]
            for p in zip(w, w[1:]):
                changed[p] -= f
            merged, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and w[i] == a and w[i + 1] == b:
                    merged.append(new)
                    i += 2
                else:
                    merged.append(w[i])
                    i += 1
            words[wi] = merged
            for p in zip(merged, merged[1:]):
                changed[p] += f
                where[p].add(wi)
        for p, delta in changed.items():
            if delta == 0:
                continue
            pair_counts[p] += delta
            if pair_counts[p] <= 0:
                pair_counts.pop(p, None)
            else:
                heapq.heappush(heap, (-pair_counts[p], p))
        pair_counts.pop(pair, None)
    return Tokenizer(vocab, merges, special_tokens)
