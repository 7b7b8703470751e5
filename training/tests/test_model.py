import math

import pytest
import torch

from lunette.config import ModelConfig, nano, preset, tiny
from lunette.model import LunetteModel
from lunette.region import (bin_to_coord, bin_to_size, coord_to_bin, coord_to_bin_t, fourier_features, size_to_bin,
                            size_to_bin_t)
from lunette.text import causal_mask
from lunette.vision import patchify


def close(a, b):
    """float32 noise: the tiny model's activations reach ~30 with large init."""
    return torch.allclose(a, b, rtol=1e-4, atol=1e-4)


def make_model(seed=0, std=0.3):
    torch.manual_seed(seed)
    m = LunetteModel(tiny()).eval()
    m.init_weights(std)
    return m


def test_config_json_round_trip(tmp_path):
    for cfg in (tiny(), nano()):
        cfg.save(tmp_path / "c.json")
        assert ModelConfig.load(tmp_path / "c.json") == cfg
    assert preset("tiny") == tiny()
    with pytest.raises(ValueError):
        preset("huge")


def test_presets_shapes():
    t, n = tiny(), nano()
    assert t.vision.n_patches == 16 and n.vision.n_patches == 64
    assert (t.text.dim, t.text.n_heads, t.text.head_dim, t.text.vocab_size) == (64, 2, 32, 384)
    assert (n.text.dim, n.text.n_heads, n.text.head_dim, n.text.vocab_size, n.text.max_context) == (256, 4, 64, 4096, 512)


def test_patchify_layout():
    b, c, p, g = 2, 3, 4, 3
    x = torch.randn(b, c, g * p, g * p)
    out = patchify(x, p)
    assert out.shape == (b, g * g, c * p * p)
    for bi in range(b):
        for h in range(g):
            for w in range(g):
                for ci in range(c):
                    for py in range(p):
                        for px in range(p):
                            assert out[bi, h * g + w, ci * p * p + py * p + px] == x[bi, ci, h * p + py, w * p + px]


def test_tied_output_layer():
    m = make_model()
    names = [n for n, _ in m.named_parameters()]
    assert not any("lm_head" in n for n in names)
    h = torch.randn(1, 3, m.cfg.text.dim)
    expected = m.text.post_ln(h) @ m.text.wte.weight.T
    assert torch.allclose(m.text.lm_head(h), expected)


def test_causal_mask_from_positions():
    masked = causal_mask(torch.tensor([[3, 4]]), 5)
    assert masked.shape == (1, 1, 2, 5)
    assert masked[0, 0].tolist() == [[False, False, False, False, True], [False] * 5]


@torch.no_grad()
def test_kv_cache_equals_full_pass():
    m = make_model()
    pixels = torch.randn(1, 3, 32, 32)
    prefix = m.prefix_embeds(pixels)
    rest = m.embed(torch.tensor([[5, 77, 300, 12, 9]]))
    seq = torch.cat([prefix, rest], dim=1)
    full_logits, full_hidden, _ = m.forward_embeds(seq)

    tc = m.cfg.text
    z = torch.zeros(1, tc.n_heads, 0, tc.head_dim)
    past = [(z, z)] * tc.n_layers  # zero-length past, as the engine's first call
    # with no copy source the copy head's mixture is just the softmax: step gives log-probabilities
    full_logits = torch.log_softmax(full_logits, dim=-1)
    logits, hidden, past = m.step(prefix, torch.arange(prefix.shape[1])[None], past)
    assert close(logits, full_logits[:, prefix.shape[1] - 1])
    pos = prefix.shape[1]
    # two tokens at once, then one at a time
    logits, hidden, past = m.step(rest[:, :2], torch.arange(pos, pos + 2)[None], past)
    assert close(hidden, full_hidden[:, pos + 1])
    pos += 2
    for i in range(2, rest.shape[1]):
        logits, hidden, past = m.step(rest[:, i:i + 1], torch.tensor([[pos]]), past)
        assert close(logits, full_logits[:, pos])
        assert close(hidden, full_hidden[:, pos])
        pos += 1
    assert past[0][0].shape == (1, tc.n_heads, seq.shape[1], tc.head_dim)
    # past=None (training path) equals zero-length past
    l0, h0, _ = m.forward_embeds(seq, None, [(z, z)] * tc.n_layers)
    assert close(torch.log_softmax(l0, -1), full_logits) and close(h0, full_hidden)


@torch.no_grad()
def test_copy_head_mixes_a_distribution_over_the_sources():
    m = make_model()
    prefix = m.prefix_embeds(torch.randn(1, 3, 32, 32))
    src = torch.tensor([[5, 77, 300, 77]])
    _, _, past = m.step(prefix)
    vocab_only, _, _ = m.step(m.embed(src), None, past)              # sources not marked
    mixed, _, past2 = m.step(m.embed(src), None, past, src)           # marked
    assert close(vocab_only.exp().sum(), torch.tensor(1.0)) and close(mixed.exp().sum(), torch.tensor(1.0))
    assert past2[-1][1].tolist() == [[-1] * prefix.shape[1] + src[0].tolist()]
    # off the sources every probability is scaled by the same (1 - gate); on them it is raised
    ratio = (mixed - vocab_only).exp()[0]
    others = torch.ones_like(ratio, dtype=torch.bool)
    others[[5, 77, 300]] = False
    assert close(ratio[others], ratio[others][0].expand(int(others.sum()))) and ratio[others][0] < 1
    assert all(ratio[i] > ratio[others][0] for i in (5, 77, 300))
    # a wide-open gate puts (almost) all the mass on the sources
    torch.nn.init.constant_(m.copy.gate.bias, 30.0)
    wide, _, _ = m.step(m.embed(src), None, past, src)
    assert close(wide.exp()[0, [5, 77, 300]].sum(), torch.tensor(1.0))


@torch.no_grad()
def test_causality():
    m = make_model()
    seq = torch.randn(1, 8, m.cfg.text.dim)
    _, h1, _ = m.forward_embeds(seq)
    seq2 = seq.clone()
    seq2[:, 5:] = torch.randn(1, 3, m.cfg.text.dim)
    _, h2, _ = m.forward_embeds(seq2)
    assert torch.allclose(h1[:, :5], h2[:, :5]) and not torch.allclose(h1[:, 5:], h2[:, 5:])


def test_rotary_relative():
    """q.k after the rotary embedding depends only on the position offset; dims past rotary_dim are untouched."""
    m = make_model()
    rot = m.text.rotary
    q, k = torch.randn(1, 1, 1, 32), torch.randn(1, 1, 1, 32)

    def score(pq, pk):
        cq, sq = rot.cos_sin(torch.tensor([[pq]]))
        ck, sk = rot.cos_sin(torch.tensor([[pk]]))
        return float((rot.apply(q, cq, sq) * rot.apply(k, ck, sk)).sum())

    assert math.isclose(score(3, 1), score(40, 38), rel_tol=1e-4, abs_tol=1e-5)
    c, s_ = rot.cos_sin(torch.tensor([[5]]))
    assert torch.equal(rot.apply(q, c, s_)[..., rot.rotary_dim:], q[..., rot.rotary_dim:])


def test_coord_bins():
    bins = 32
    for b in range(bins):
        assert coord_to_bin(bin_to_coord(b, bins), bins) == b
    assert coord_to_bin(0.0, bins) == 0 and coord_to_bin(1.0, bins) == bins - 1 and coord_to_bin(-0.1, bins) == 0
    assert bin_to_coord(0, bins) == 0.5 / bins
    x = torch.tensor([0.0, 0.5, 0.99, 1.0])
    assert coord_to_bin_t(x, bins).tolist() == [coord_to_bin(float(v), bins) for v in x]


def test_size_bins_log2():
    bins, lmin = 256, -8
    for b in range(bins):
        assert size_to_bin(bin_to_size(b, bins, lmin), bins, lmin) == b
    assert math.isclose(bin_to_size(0, bins, lmin), 2 ** (lmin * (1 - 0.5 / bins)))
    assert math.isclose(bin_to_size(bins - 1, bins, lmin), 2 ** (lmin * 0.5 / bins))
    assert size_to_bin(1.0, bins, lmin) == bins - 1 and size_to_bin(1e-6, bins, lmin) == 0
    assert size_to_bin(2 ** -4, bins, lmin) in (127, 128)
    s = torch.tensor([1e-6, 2 ** -4, 0.3, 1.0])
    assert size_to_bin_t(s, bins, lmin).tolist() == [size_to_bin(float(v), bins, lmin) for v in s]


def test_region_heads_shapes():
    m = make_model()
    cfg = m.cfg
    h = torch.randn(1, cfg.text.dim)
    assert m.decode_coord(h).shape == (1, cfg.region.coord_bins)
    assert m.decode_size(h).shape == (1, 2, cfg.region.size_bins)
    assert m.encode_coord(torch.rand(1, 1)).shape == (1, cfg.text.dim)
    assert m.encode_size(torch.rand(1, 2)).shape == (1, cfg.text.dim)
    w = torch.randn(1, 4)
    f = fourier_features(torch.tensor([[0.25]]), w)
    assert torch.allclose(f, torch.cat([torch.cos(2 * math.pi * 0.25 * w), torch.sin(2 * math.pi * 0.25 * w)], -1))


def test_preprocess():
    import numpy as np
    from PIL import Image

    from lunette.generate import make_reference_image, preprocess

    cfg = tiny()
    img = make_reference_image(32)
    x = preprocess(img, cfg)
    assert x.shape == (1, 3, 32, 32) and x.dtype == torch.float32
    rgb = np.asarray(img)
    assert math.isclose(float(x[0, 2, 5, 7]), (rgb[5, 7, 2] / 255 - 0.5) / 0.5, rel_tol=1e-6)
    clear = Image.new("RGBA", (50, 20), (0, 0, 0, 0))  # fully transparent -> white background
    y = preprocess(clear, cfg)
    assert y.shape == (1, 3, 32, 32) and torch.all(y == 1.0)


class _WordTokenizer:
    """Words -> ids 10, 11, ... (enough for Generator: encode / decode)."""

    def __init__(self, words):
        self.ids = {w: 10 + i for i, w in enumerate(words)}
        self.words = {i: w for w, i in self.ids.items()}

    def encode(self, text):
        return [self.ids[w] for w in text.split()]

    def decode(self, ids, skip_special_tokens=True):
        return "".join(" " + self.words.get(i, "?") for i in ids)


@torch.no_grad()
def test_best_answer_is_the_most_probable_whole_answer():
    from lunette.generate import CANDIDATE_FIRST_TOKEN_RATIO, Generator
    words = ["npm", "run", "build", "Error", "missing", "module", "ok"]
    tok = _WordTokenizer(words)
    lines = ["npm run build", "Error missing module", "ok", "build"]
    won = []
    for seed in range(4):
        gen = Generator(make_model(seed, std=0.2), tok)
        state = gen.encode_image(torch.randn(1, 3, 32, 32))
        ids, scores, _, after = gen._prefill("npm run build Error missing module ok", state)
        greedy = gen._continue_text(ids, scores, after, 4)[0]["ids"]
        best = gen.best_answer(scores, after, greedy, lines)
        first = torch.log_softmax(scores.float(), -1)
        lead = float(first[greedy[0] if greedy else 0])
        # only lines the model nearly started with compete
        eligible = [tok.encode(t) for t in lines if float(first[tok.encode(t)[0]]) >= lead + math.log(CANDIDATE_FIRST_TOKEN_RATIO)]
        every = {tuple(greedy): gen.sequence_logprob(scores, after, greedy)}
        every.update({tuple(ids): gen.sequence_logprob(scores, after, ids) for ids in eligible})
        top = max(every.values())
        assert math.isclose(best["logprob"], top, rel_tol=1e-5, abs_tol=1e-5)
        assert every[tuple(best["ids"])] == best["logprob"]
        assert best["from_candidate"] == (tuple(best["ids"]) != tuple(greedy))
        won.append(best["from_candidate"])
        # a floor above a candidate's score drops it
        full = gen.sequence_logprob(scores, after, tok.encode(lines[0]))
        assert gen.sequence_logprob(scores, after, tok.encode(lines[0]), floor=full + 1e-3) is None
    assert any(won) and not all(won), won   # both outcomes occur with these random models


@torch.no_grad()
def test_best_answer_among_the_candidates_alone():
    """With only_candidates (a button's label, lunette/buttons.py) every candidate competes, however unlikely its
    first token, and the greedy answer does not."""
    from lunette.generate import Generator
    words = ["npm", "run", "build", "Error", "missing", "module", "ok"]
    tok = _WordTokenizer(words)
    lines = ["npm run build", "Error missing module", "ok"]
    for seed in range(4):
        gen = Generator(make_model(seed, std=0.2), tok)
        state = gen.encode_image(torch.randn(1, 3, 32, 32))
        ids, scores, _, after = gen._prefill("npm run build Error missing module ok", state)
        greedy = gen._continue_text(ids, scores, after, 4)[0]["ids"]
        best = gen.best_answer(scores, after, greedy, lines, only_candidates=True)
        every = {tuple(tok.encode(t)): gen.sequence_logprob(scores, after, tok.encode(t)) for t in lines}
        assert tuple(best["ids"]) in every
        assert math.isclose(best["logprob"], max(every.values()), rel_tol=1e-5, abs_tol=1e-5)
    assert gen.best_answer(scores, after, greedy, [], 1.5, only_candidates=True)["ids"] == greedy   # none: greedy stands


@torch.no_grad()
def test_greedy_decoding_scores_its_answer_as_best_answer_does():
    from lunette.generate import Generator
    words = ["npm", "run", "build", "Error", "missing", "module", "ok"]
    gen = Generator(make_model(1, std=0.2), _WordTokenizer(words))
    plain_step = gen._step

    def eos_raised(*args, **kwargs):   # so that this random model ends its answer early
        scores, hidden, past = plain_step(*args, **kwargs)
        scores = scores.clone()
        scores[gen.cfg.eos_id] += 2.0
        return scores, hidden, past

    gen._step = eos_raised
    state = gen.encode_image(torch.randn(1, 3, 32, 32))
    ids, scores, _, after = gen._prefill(" ".join(words), state)
    out, logprob = gen._continue_text(ids, scores, after, 4)
    assert 0 < len(out["ids"]) < 4, out["ids"]
    assert math.isclose(logprob, gen.sequence_logprob(scores, after, out["ids"]), abs_tol=1e-6)
    assert gen._continue_text(ids, scores, after, 1)[1] is None   # cut before its end: no score
