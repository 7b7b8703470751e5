"""probe_vision.py tells a decoder that reads the image from one that does not."""
import torch

from lunette.config import tiny
from lunette.model import LunetteModel
from lunette.tokenizer import train_bpe
from lunette.losses import AuxHead
from probe_vision import probe, readout


def _tok():
    return train_bpe(["\n\nQuestion: What colour is the circle?\n\nAnswer: Red Blue Green Yellow Orange Purple Black Gray"] * 3,
                     300)


def test_image_dependence_is_zero_when_every_image_embeds_alike_and_positive_otherwise():
    torch.manual_seed(0)
    model = LunetteModel(tiny()).eval()
    tok = _tok()
    reading = probe(model, tok, AuxHead(model.cfg.vision.dim).eval())
    assert reading["cases"] == 36 and 0 <= reading["colour_accuracy"] <= 1 and 0 <= reading["refusal_rate"] <= 1
    assert reading["image_dependence"] > 1e-4
    assert len(reading["attention_entropy"]) == model.cfg.text.n_layers
    assert all(0 < e <= 1 + 1e-6 for e in reading["attention_entropy"])
    assert 0 <= reading["pair_colour_accuracy"] <= 1
    assert len(reading["attention_on_asked_shape"]) == model.cfg.text.n_layers
    assert 0 < reading["attention_on_asked_shape_chance"] < 0.5
    assert 0 <= reading["encoder_shape_accuracy"] <= 1 and 0 <= reading["encoder_colour_accuracy"] <= 1
    with torch.no_grad():
        model.vision.proj_mlp.fc2.weight.zero_()      # every image token becomes the same vector
    blind = probe(model, tok)
    assert blind["image_dependence"] < 1e-6
    # all image tokens alike: attention over them is exactly even
    assert all(abs(e - 1) < 1e-4 for e in blind["attention_entropy"])
    # ... so the asked shape gets its patches' share of the image's attention (to within what RoPE's positions
    # change in the keys of a deeper layer)
    chance = blind["attention_on_asked_shape_chance"]
    assert all(abs(s - chance) < 5e-3 for s in blind["attention_on_asked_shape"])


def test_readout_finds_the_colour_in_the_encoder_and_loses_it_after_a_blind_projection():
    torch.manual_seed(0)
    model = LunetteModel(tiny()).eval()
    tok = _tok()
    seeing = readout(model, tok, 160)
    assert seeing["readout_pictures"] == 160 and 0 <= seeing["readout_answer_accuracy"] <= 1
    assert len(seeing["readout_heads"]) == len(seeing["readout_residual"]) == model.cfg.text.n_layers
    # even a random encoder keeps the colour of a big plain shape linearly readable, and its heads pass it on
    assert seeing["readout_encoder"] > 0.6 and seeing["readout_image_tokens"] > 0.6
    assert min(seeing["readout_residual"]) > 0.4
    with torch.no_grad():
        model.vision.proj_mlp.fc2.weight.zero_()      # every image token becomes the same vector
    blind = readout(model, tok, 160)
    assert blind["readout_encoder"] == seeing["readout_encoder"]
    # nothing about the picture reaches the decoder: the probes fall to guessing (8 colours)
    assert blind["readout_image_tokens"] < 0.25 and max(blind["readout_residual"]) < 0.25


def test_refusal_rate_counts_the_greedy_answers_that_refuse(monkeypatch):
    import probe_vision
    torch.manual_seed(0)
    model, tok = LunetteModel(tiny()).eval(), _tok()
    calls = []

    def answering(refuse_every):
        def query(self, state, question, max_tokens=None):
            calls.append(question)
            return {"text": "There is no circle in the image." if len(calls) % refuse_every == 0 else " Red"}
        return query

    monkeypatch.setattr(probe_vision.Generator, "query", answering(1))
    assert probe(model, tok)["refusal_rate"] == 1.0
    assert calls[0] == "What colour is the circle?"
    calls.clear()
    monkeypatch.setattr(probe_vision.Generator, "query", answering(4))
    assert probe(model, tok)["refusal_rate"] == 9 / 36
