import json
import os
import random

from conftest import REPO, TRAINING
from lunette.tokenizer import SPECIAL_TOKENS, Tokenizer, bytes_to_unicode, pre_tokenize, train_bpe, unicode_to_bytes
from make_test_pack import TOKENIZER_TEST_STRINGS, tiny_corpus, tokenizer_vectors

PACK = os.path.join(REPO, "models", "test-tiny")
VECTORS = os.path.join(TRAINING, "tests", "data", "tokenizer-vectors.json")


def pack_tokenizer() -> Tokenizer:
    return Tokenizer.load(os.path.join(PACK, "tokenizer.json"))


def test_vectors_match_pack_tokenizer():
    tok = pack_tokenizer()
    with open(VECTORS, encoding="utf-8") as f:
        vectors = json.load(f)
    with open(os.path.join(PACK, "tokenizer-vectors.json"), encoding="utf-8") as f:
        assert json.load(f) == vectors
    assert [v["text"] for v in vectors] == TOKENIZER_TEST_STRINGS
    for v in vectors:
        assert tok.encode(v["text"]) == v["ids"], v["text"]
        assert tok.decode(v["ids"]) == v["text"]


def test_round_trip_random_strings():
    tok = pack_tokenizer()
    rng = random.Random(0)
    pool = list(" \t\n\r'abcXYZ019.,;!?-_()<>|") + ["é", "ß", "日", "😀", "\u200d", "\u00a0", "\u0085", "\ufeff", "٣"]
    for _ in range(300):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert tok.decode(tok.encode(s)) == s


def test_special_tokens():
    tok = pack_tokenizer()
    assert [tok.vocab[t] for t in SPECIAL_TOKENS] == [0, 1, 2, 3]
    assert tok.encode("<|endoftext|>") == [0]
    ids = tok.encode("a<|coord|> b<|size|><|pad|>")
    assert ids[1] == 1 and ids[-2:] == [2, 3]
    assert tok.decode(ids, skip_special_tokens=True) == "a b"
    assert tok.decode(ids) == "a<|coord|> b<|size|><|pad|>"


def test_pre_tokenizer_gpt2_split():
    dec = unicode_to_bytes()

    def to_text(pieces):
        return [bytes(dec[c] for c in p).decode("utf-8") for p in pieces]

    assert to_text(pre_tokenize("Hello world's  end\n\nA")) == ["Hello", " world", "'s", " ", " end", "\n", "\n", "A"]
    assert to_text(pre_tokenize("x  ")) == ["x", "  "]
    assert to_text(pre_tokenize("abc123 4.5")) == ["abc", "123", " 4", ".", "5"]


def test_bpe_training_deterministic_and_order_independent():
    corpus = tiny_corpus()
    a = train_bpe(corpus, 384)
    b = train_bpe(corpus, 384)
    shuffled = corpus[:]
    random.Random(1).shuffle(shuffled)
    c = train_bpe(shuffled, 384)
    assert a.merges == b.merges == c.merges
    assert a.vocab == b.vocab == c.vocab
    assert len(a) == 384


def test_trained_tokenizer_equals_pack():
    tok = train_bpe(tiny_corpus(), 384)
    pack = pack_tokenizer()
    assert tok.vocab == pack.vocab and tok.merges == pack.merges
    assert tokenizer_vectors(tok) == tokenizer_vectors(pack)


def test_vocab_layout():
    tok = train_bpe(tiny_corpus(), 300)
    enc = bytes_to_unicode()
    for b in range(256):
        assert tok.vocab[enc[b]] == len(SPECIAL_TOKENS) + b
    for x, y in tok.merges:
        assert tok.vocab[x + y] < 300 and x in tok.vocab and y in tok.vocab


def test_tokenizer_json_layout(tmp_path):
    tok = train_bpe(tiny_corpus(), 300)
    path = tmp_path / "tokenizer.json"
    tok.save(path)
    d = json.loads(path.read_text(encoding="utf-8"))
    assert list(d) == ["version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer",
                       "post_processor", "decoder", "model"]
    assert d["version"] == "1.0" and d["truncation"] is None and d["padding"] is None
    assert d["normalizer"] is None and d["post_processor"] is None
    bl = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    assert d["pre_tokenizer"] == bl and d["decoder"] == bl
    assert [(t["id"], t["content"], t["special"]) for t in d["added_tokens"]] == [
        (0, "<|endoftext|>", True), (1, "<|coord|>", True), (2, "<|size|>", True), (3, "<|pad|>", True)]
    m = d["model"]
    assert list(m) == ["type", "dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix",
                       "fuse_unk", "byte_fallback", "ignore_merges", "vocab", "merges"]
    assert m["type"] == "BPE" and m["unk_token"] is None and m["ignore_merges"] is False
    assert all(isinstance(x, str) and len(x.split(" ")) == 2 for x in m["merges"])
    assert list(m["vocab"].values()) == list(range(len(m["vocab"])))
    again = Tokenizer.load(path)
    assert again.vocab == tok.vocab and again.merges == tok.merges
