"""The grounding loss (losses.grounding_loss): its targets are the patches of the objects a task is about, and the
attention it scores is the decoder's real attention at the task's first prediction."""
from types import SimpleNamespace

import numpy as np
import torch
from PIL import Image

import lunette.text as text_module
from lunette.config import tiny
from lunette.data import collate, ground_patches, ocr_line_tokens
from lunette.layers import attention_weights
from lunette.losses import captured_attention, forward_losses, forward_packed, ground_heads, grounding_loss
from lunette.model import LunetteModel
from test_train_forward import _example, _tok


def _scene(*objs):
    def obj(oid):                                                   # as synth.scene.Scene.obj
        for o in objs:
            if o.id == oid:
                return o
        raise KeyError(oid)
    return SimpleNamespace(image=Image.new("RGB", (200, 200)), objects=list(objs), obj=obj)


def test_ground_patches_cover_the_objects_asked_about():
    mask = np.zeros((50, 50), dtype=bool)
    mask[:, :25] = True                                             # left half of its box
    circle = SimpleNamespace(id=1, box=(0, 0, 100, 100), mask=mask)
    square = SimpleNamespace(id=2, box=(150, 150, 200, 200), mask=None)
    dot = SimpleNamespace(id=3, box=(110, 10, 114, 14), mask=None)  # a twentieth of a patch
    scene = _scene(circle, square, dot)
    g = ground_patches(scene, [1], 8).reshape(8, 8)
    assert g[:4, :2].all() and not g[:4, 2:].any() and not g[4:].any()
    both = ground_patches(scene, [1, 2], 8).reshape(8, 8)
    assert both[6:, 6:].all() and both[:4, :2].all() and both.sum() == 8 + 4
    tiny_dot = ground_patches(scene, [3], 8).reshape(8, 8)
    assert tiny_dot.sum() == 1 and tiny_dot[0, 4]
    assert ground_patches(scene, [], 8) is None and ground_patches(scene, [99], 8) is None


def test_ocr_line_tokens_mark_the_lines_an_answer_comes_from():
    tok = _tok()
    lines = "4,3 File Edit\n10,20 Error: boom\n7,80 Edit"
    block = "\n\nText:\n" + lines
    ids = tok.encode(block)
    marked = ocr_line_tokens(tok, ids, block, lines, [1])
    assert tok.decode([i for i, m in zip(ids, marked) if m]).strip() == "10,20 Error: boom"
    both = ocr_line_tokens(tok, ids, block, lines, [0, 2])
    assert tok.decode([i for i, m in zip(ids, both) if m]) == "4,3 File Edit" + "7,80 Edit"
    cut = ids[:4]                                                   # the block was cut before line 2
    assert ocr_line_tokens(tok, cut, block, lines, [2]) is None
    assert ocr_line_tokens(tok, ids, block, lines, []) is None


def _batch_with_ground(tok, cfg):
    exs = [_example(tok, cfg, 0), _example(tok, cfg, 1, ocr=False)]
    n = cfg.vision.n_patches
    for ex in exs:
        for i, t in enumerate(ex["tasks"]):
            t["ground"] = t["ground_text"] = None
            if t["task"] in ("query", "point"):
                m = np.zeros(n, dtype=bool)
                m[[i % n, (3 * i + 5) % n]] = True
                t["ground"] = m
            if t["task"] == "query" and ex["ocr_ids"]:
                t["ground_text"] = np.arange(len(ex["ocr_ids"])) % 3 == 1
    return exs, collate(exs, cfg)


def test_grounding_scores_the_real_attention_at_the_first_prediction():
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    model = LunetteModel(cfg).eval()
    model.init_weights(0.5)
    exs, batch = _batch_with_ground(tok, cfg)
    sel = batch["ground"].any(-1)
    assert int(sel.sum()) == sum(t["ground"] is not None for ex in exs for t in ex["tasks"])
    # each grounded position is a prompt's last token: the first answer token (or coord-vs-eos) is predicted there
    for b, pos in sel.nonzero().tolist():
        assert int(batch["offs"][b, pos + 1]) == int(batch["offs"][b, pos]) + 1 or pos + 1 == sel.shape[1]
    heads = ground_heads(cfg.text.n_layers)
    assert heads == ((1, 0),)
    # record the attention weights the decoder really uses in the task pass
    recorded = []
    original = text_module.attention

    def recording(q, k, v, masked=None):
        recorded.append(attention_weights(q, k, masked))
        return original(q, k, v, masked)

    text_module.attention = recording
    try:
        with torch.no_grad(), captured_attention(model, [1]) as captured:
            feats, _, _ = forward_packed(model, batch)
    finally:
        text_module.attention = original
    n_layers = cfg.text.n_layers
    task_pass = recorded[n_layers:]                                 # the prefix pass comes first
    weights = task_pass[1][:, 0]                                    # layer 1, head 0: [B,T,P+T]
    n_image = feats.shape[1]
    image = weights[..., 1:1 + n_image]
    share = (image * batch["ground"]).sum(-1) / image.sum(-1)
    loss, mean_share = grounding_loss(captured, batch["ground"], 1, heads)
    assert torch.allclose(mean_share, share[sel].mean(), atol=1e-5)
    assert torch.allclose(loss, -torch.log(share[sel]).mean(), atol=1e-4)
    # the OCR block's tokens follow the image; keys past an image's OCR length are padding
    lo = batch["ocr"].shape[1]
    text_sel = batch["ground_text"].any(-1)
    assert int(text_sel.sum()) == 1                                 # the query of the image that has OCR
    valid = torch.arange(lo).view(1, lo) < batch["ocr_len"].view(-1, 1)
    text = task_pass[1][:, 1, :, 1 + n_image:1 + n_image + lo]     # layer 1, head 1
    text_share = (text * batch["ground_text"]).sum(-1) / (text * valid.unsqueeze(1)).sum(-1)
    _, mean_text_share = grounding_loss(captured, batch["ground_text"], 1 + n_image, ground_heads(2, 1), valid)
    assert torch.allclose(mean_text_share, text_share[text_sel].mean(), atol=1e-5)


def test_grounding_loss_teaches_the_head_where_to_look():
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    model = LunetteModel(cfg)
    model.init_weights(0.02)                                        # attention starts out nearly even
    _, batch = _batch_with_ground(tok, cfg)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    shares = []
    for _ in range(30):
        out = forward_losses(model, None, batch, aux_weight=0.0, ground_weight=1.0, ground_text_weight=1.0)
        shares.append((float(out["ground_share"]), float(out["ground_text_share"])))
        opt.zero_grad()
        (out["ground"] + out["ground_text"]).backward()
        opt.step()
    assert shares[-1][0] > 0.8 > shares[0][0] and shares[-1][1] > 0.8 > shares[0][1]
    # without targets, or with the weight at 0, there is no grounding term and nothing is captured
    plain = forward_losses(model, None, batch, aux_weight=0.0)
    assert "ground" not in plain and all(b.attn.capture is None for b in model.text.blocks)
    batch["ground"] = torch.zeros_like(batch["ground"])
    assert "ground" not in forward_losses(model, None, batch, aux_weight=0.0, ground_weight=1.0)
