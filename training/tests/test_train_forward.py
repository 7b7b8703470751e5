"""The packed training forward (losses.forward_packed) equals running each task alone after the shared prefix,
as the engine does (docs/model-pack.md "Tasks and decoding"), and the labels sit where decoding reads them."""
import numpy as np
import pytest
import torch

from lunette.config import tiny
from lunette.data import COORD, IGNORE, SIZE, collate, task_rows
from lunette.losses import AuxHead, forward_losses, forward_packed
from lunette.model import LunetteModel
from lunette.region import coord_to_bin, size_to_bin
from lunette.tokenizer import train_bpe


def _tok():
    return train_bpe(["\n\nShort caption: a red circle", "\n\nDetect: circle\n\n", "\n\nText:\n4,3 File Edit",
                      "\n\nQuestion: What colour?\n\nAnswer: Red"] * 3, 384)


def _tiny_init(folder, step: int, next_index: int):
    """A tiny model's checkpoint (as training writes it) with the test tokenizer beside it: (checkpoint, path)."""
    torch.manual_seed(0)
    cfg = tiny()
    model = LunetteModel(cfg)
    model.init_weights(0.02)
    init = {"config": cfg.to_dict(), "model": model.state_dict(), "aux": AuxHead(cfg.vision.dim).state_dict(),
            "step": step, "next_index": next_index}
    folder.mkdir(exist_ok=True)
    torch.save(init, folder / "init.pt")
    _tok().save(str(folder / "tokenizer.json"))
    return init, folder / "init.pt"


def _example(tok, cfg, seed, ocr=True):
    rng = np.random.default_rng(seed)
    s = cfg.vision.image_size
    g = cfg.vision.image_size // cfg.vision.patch_size
    tasks = [
        {"task": "caption", "prompt_ids": tok.encode("\n\nShort caption:"), "target_ids": tok.encode(" a red circle")},
        {"task": "detect", "prompt_ids": tok.encode("\n\nDetect: circle\n\n"),
         "objects": [(0.3, 0.4, 0.2, 0.1), (0.7, 0.6, 0.05, 0.5)]},
        {"task": "point", "prompt_ids": tok.encode("\n\nPoint: circle\n\n"), "objects": [(0.25, 0.75)]},
        {"task": "detect", "prompt_ids": tok.encode("\n\nDetect: dog\n\n"), "objects": []},
        {"task": "query", "prompt_ids": tok.encode("\n\nQuestion: What colour?\n\nAnswer:"),
         "target_ids": tok.encode(" Red")},
    ]
    return {"pixels": rng.integers(0, 256, (s, s, 3), dtype=np.uint8), "kind": "shapes",
            "ocr_ids": tok.encode("\n\nText:\n4,3 File Edit") if ocr else [], "tasks": tasks[: 5 - seed % 2],
            "aux": {"name": np.zeros(g * g, dtype=np.int64), "color": np.zeros(g * g, dtype=np.int64),
                    "text": np.zeros(g * g, dtype=np.int64)}}


def test_packed_equals_sequential():
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    model = LunetteModel(cfg).eval()
    model.init_weights(0.2)
    exs = [_example(tok, cfg, 0, ocr=True), _example(tok, cfg, 1, ocr=False)]
    batch = collate(exs, cfg)
    with torch.no_grad():
        _, hidden, _ = forward_packed(model, batch)
        for i, ex in enumerate(exs):
            pix = batch["pixels"][i:i + 1]
            prefix = model.prefix_embeds(pix)
            if ex["ocr_ids"]:
                prefix = torch.cat([prefix, model.embed(torch.tensor([ex["ocr_ids"]]))], dim=1)
            for si, row in enumerate(task_rows(ex["tasks"], cfg)):
                parts = []
                for ty, tk, cv, sv in zip(row["types"], row["toks"], row["cval"], row["sval"]):
                    if ty == COORD:
                        parts.append(model.encode_coord(torch.tensor([[cv]])).unsqueeze(1))
                    elif ty == SIZE:
                        parts.append(model.encode_size(torch.tensor([list(sv)])).unsqueeze(1))
                    else:
                        parts.append(model.embed(torch.tensor([[tk]])))
                seq = torch.cat([prefix] + parts, dim=1)
                _, h_ref, _ = model.forward_embeds(seq)
                h_ref = h_ref[0, prefix.shape[1]:]
                sel = batch["seg"][i] == si
                assert torch.allclose(hidden[i][sel], h_ref, atol=1e-5), (i, si)


def test_copy_mixture_loss_equals_decoding_each_task_alone():
    """The training loss under the copy head is -log of exactly what model.step gives when the engine runs a
    task alone: the OCR block and the task's prompt are copy sources, the image and the answer are not."""
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    model = LunetteModel(cfg).eval()
    model.init_weights(0.2)
    torch.nn.init.constant_(model.copy.gate.bias, 0.0)    # a half-open gate, so both sources count
    torch.nn.init.normal_(model.copy.prev_key.weight, 0.0, 0.2)   # the induction term counts too
    exs = [_example(tok, cfg, 0, ocr=True), _example(tok, cfg, 1, ocr=False)]
    batch = collate(exs, cfg)
    with torch.no_grad():
        out = forward_losses(model, None, batch, aux_weight=0.0)
        nll, n = 0.0, 0
        for i, ex in enumerate(exs):
            pix = batch["pixels"][i:i + 1]
            for t in ex["tasks"]:
                if "target_ids" not in t:
                    continue
                past = None
                _, _, past = model.step(model.prefix_embeds(pix), None, past)
                if ex["ocr_ids"]:
                    ids = torch.tensor([ex["ocr_ids"]])
                    _, _, past = model.step(model.embed(ids), None, past, ids)
                ids = torch.tensor([t["prompt_ids"]])
                scores, _, past = model.step(model.embed(ids), None, past, ids)
                for k, label in enumerate(t["target_ids"] + [cfg.eos_id]):
                    nll -= float(scores[0, label])
                    n += 1
                    if k < len(t["target_ids"]):
                        scores, _, past = model.step(model.embed(torch.tensor([[label]])), None, past)
    # the loss also holds the region tasks' coord-vs-eos decisions: compare the text tasks' share
    text_only = _text_task_nll(model, batch)
    assert n > 5 and abs(text_only - nll) < 1e-3 * abs(nll), (text_only, nll)
    assert torch.isfinite(out["lm"])


def _text_task_nll(model, batch):
    """Sum of the mixture NLL over the positions of caption/query tasks (label positions in rows that have text)."""
    from lunette.losses import copy_mixture_nll, forward_packed
    with torch.no_grad():
        feats, hidden, prefix_hidden = forward_packed(model, batch)
        lm = batch["lm"]
        # a text task's label positions: its last prompt token and its answer tokens (not a region slot)
        text_rows = torch.zeros_like(lm, dtype=torch.bool)
        for b in range(lm.shape[0]):
            for s in batch["seg"][b].unique():
                if s < 0:
                    continue
                in_seg = batch["seg"][b] == s
                if bool((in_seg & ~batch["src"][b]).any()) and not bool((in_seg & (batch["types"][b] != 0)).any()):
                    text_rows[b] |= in_seg
        sel = (lm != IGNORE) & text_rows
        normed = model.text.post_ln(hidden)
        nll = copy_mixture_nll(model, model.text.logits(normed[sel]), normed, model.text.post_ln(prefix_hidden),
                               batch, sel, feats.shape[1])
        return float(nll.sum())


def test_region_labels_follow_the_decoding_order():
    cfg = tiny()
    tok = _tok()
    ex = _example(tok, cfg, 0)
    rows = task_rows(ex["tasks"], cfg)
    det = rows[1]
    n = len(ex["tasks"][1]["prompt_ids"])
    rc = cfg.region
    # decision at the last prompt token: coord + x of object 1
    assert det["lm"][n - 1] == cfg.coord_id and det["cl"][n - 1] == coord_to_bin(0.3, rc.coord_bins)
    # x slot -> y; y slot -> size; size slot -> next decision + next x
    assert det["types"][n:n + 3] == [COORD, COORD, SIZE]
    assert det["cl"][n] == coord_to_bin(0.4, rc.coord_bins) and det["lm"][n] == IGNORE
    assert det["sl"][n + 1] == (size_to_bin(0.2, rc.size_bins, rc.size_log2_min),
                                size_to_bin(0.1, rc.size_bins, rc.size_log2_min))
    assert det["lm"][n + 2] == cfg.coord_id and det["cl"][n + 2] == coord_to_bin(0.7, rc.coord_bins)
    assert det["lm"][-1] == cfg.eos_id and det["cl"][-1] == IGNORE
    pt = rows[2]
    m = len(ex["tasks"][2]["prompt_ids"])
    assert pt["types"][m:] == [COORD, COORD] and pt["lm"][m + 1] == cfg.eos_id
    absent = rows[3]
    assert absent["lm"][-1] == cfg.eos_id and len(absent["types"]) == len(ex["tasks"][3]["prompt_ids"])
    cap = rows[0]
    k = len(ex["tasks"][0]["prompt_ids"])
    assert cap["lm"][k - 1:] == ex["tasks"][0]["target_ids"] + [cfg.eos_id]


def test_losses_backward():
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    model = LunetteModel(cfg)
    aux = AuxHead(cfg.vision.dim)
    batch = collate([_example(tok, cfg, 0), _example(tok, cfg, 1, ocr=False)], cfg)
    out = forward_losses(model, aux, batch)
    out["loss"].backward()
    assert all(torch.isfinite(v) for v in out.values())
    assert model.vision.patch_emb.weight.grad.abs().sum() > 0
    assert model.region.coord_encoder.weight.grad.abs().sum() > 0
    assert model.region.size_decoder.fc2.weight.grad.abs().sum() > 0


def test_build_example_from_the_synth_pipeline():
    """One real pipeline image -> example: prompts/targets tokenize back to the records, aux labels in range."""
    import os
    import sys
    from lunette.data import AUX_COLOR_BUCKETS, AUX_NAME_BUCKETS, ExampleConfig, build_example
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if repo not in sys.path:
        sys.path.insert(0, repo)
    tok = _tok()
    cfg = ExampleConfig(seed=3, planned_images=10)
    ex = None
    for i in range(5):
        ex = build_example(i, tok, cfg)
        if ex is not None:
            break
    assert ex is not None and ex["pixels"].shape == (128, 128, 3)
    for t in ex["tasks"]:
        assert tok.decode(t["prompt_ids"]).startswith("\n\n")
        if "target_ids" in t:
            assert tok.decode(t["target_ids"]).startswith(" ")
    if ex["ocr_ids"]:
        assert tok.decode(ex["ocr_ids"]).startswith("\n\nText:\n")
    g = 64
    assert ex["aux"]["name"].shape == (g,) and ex["aux"]["name"].max() < AUX_NAME_BUCKETS
    assert ex["aux"]["color"].max() < AUX_COLOR_BUCKETS and set(ex["aux"]["text"].tolist()) <= {0, 1}
    model_cfg = __import__("lunette.config", fromlist=["nano"]).nano()
    batch = collate([ex], model_cfg)
    assert batch["n_tasks"] == len(ex["tasks"])


def test_aux_labels_follow_object_masks():
    from types import SimpleNamespace
    from lunette.data import aux_labels, aux_class, aux_vocabularies, AUX_NAME_BUCKETS
    from PIL import Image
    mask = np.zeros((50, 50), dtype=bool)
    mask[:, :25] = True                     # left half of the box only
    objs = [SimpleNamespace(name="circle", color="red", box=(0, 0, 100, 100), mask=mask)]
    scene = SimpleNamespace(image=Image.new("RGB", (200, 200)), objects=objs, lines=[])
    lab = aux_labels(scene, 8)["name"].reshape(8, 8)
    b = aux_class("circle", aux_vocabularies()[0], AUX_NAME_BUCKETS)
    assert (lab[:4, :2] == b).all() and (lab[:4, 2:] == 0).all() and (lab[4:] == 0).all()


def test_aux_classes_keep_known_names_and_colours_apart():
    from lunette.data import aux_class, aux_vocabularies, AUX_COLOR_BUCKETS, AUX_NAME_BUCKETS
    names, colours = aux_vocabularies()
    for known, n, words in ((names, AUX_NAME_BUCKETS, ["circle", "square", "star", "dog", "car", "button", "table"]),
                            (colours, AUX_COLOR_BUCKETS, ["red", "blue", "green", "yellow", "purple", "pink"])):
        classes = [aux_class(w, known, n) for w in words]
        assert len(set(classes)) == len(words), dict(zip(words, classes))
        assert all(0 < c < n for c in classes)
        other = aux_class("made-up gizmo", known, n)
        assert len(known) < other < n and other not in classes


def test_stream_order_is_deterministic_with_workers(tmp_path):
    """Workers interleave in index order, so a resumed stream (start = next_index) continues exactly."""
    import os
    import sys
    from lunette.data import ExampleConfig, ExampleStream
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if repo not in sys.path:
        sys.path.insert(0, repo)
    tok = _tok()
    path = str(tmp_path / "tok.json")
    tok.save(path)
    cfg = ExampleConfig(seed=5, planned_images=10)
    s = ExampleStream(path, cfg, start=3, n_workers=2, prefetch=4)
    try:
        got = [e["index"] for e in s.take(4)]
        nxt = s.next_index
    finally:
        s.close()
    inline = ExampleStream(path, cfg, start=3, n_workers=0)
    want = [e["index"] for e in inline.take(4)]
    assert got == want and nxt == inline.next_index
    resumed = ExampleStream(path, cfg, start=nxt, n_workers=0).take(1)[0]
    assert np.array_equal(resumed["pixels"], ExampleStream(path, cfg, start=3, n_workers=0).take(5)[4]["pixels"])


def test_a_stream_whose_images_keep_failing_stops_instead_of_skipping_forever(tmp_path, monkeypatch):
    """A missing asset or a changed library makes every image fail; take() must not loop over them forever."""
    import os
    import sys
    from lunette import data
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    monkeypatch.setattr(sys, "path", [repo] + sys.path)
    tok = _tok()
    path = str(tmp_path / "tok.json")
    tok.save(path)
    calls = []

    def failing(index, tok, cfg):
        calls.append(index)
        if index % 3 == 0 or index >= 20:
            raise OSError("cannot open resource")
        return data_build(index, tok, cfg)

    data_build = data.build_example
    monkeypatch.setattr(data, "build_example", failing)
    stream = data.ExampleStream(path, data.ExampleConfig(seed=5, planned_images=10), start=0, n_workers=0)
    assert len(stream.take(4)) == 4          # a failure now and then is skipped
    assert stream.skipped == 2
    with pytest.raises(RuntimeError, match=f"{data.MAX_FAILURES_IN_A_ROW} images in a row failed"):
        stream.take(10)
    assert len(calls) < 20 + data.MAX_FAILURES_IN_A_ROW + 1


def test_reading_questions_come_first():
    """Up to ExampleConfig.reading_first text-reading questions are always among an image's chosen questions."""
    import random

    from lunette.data import ExampleConfig, choose_tasks

    recs = [{"task": "query", "qtype": "colour", "id": i} for i in range(8)]
    recs += [{"task": "query", "qtype": "text", "id": 100 + i} for i in range(3)]
    cfg = ExampleConfig(queries_per_image=3, reading_first=2)
    for seed in range(20):
        chosen = choose_tasks(recs, random.Random(seed), cfg, p=1.0)
        assert sum(r["qtype"] == "text" for r in chosen) >= 2
        assert len(chosen) == 3
    none = ExampleConfig(queries_per_image=3, reading_first=0)
    counts = [sum(r["qtype"] == "text" for r in choose_tasks(recs, random.Random(s), none, p=1.0)) for s in range(50)]
    assert min(counts) < 2, "without the rule the draw is uniform"


def test_kinds_replace_the_mix_of_scenes():
    """train.py --kinds: only the named kinds, at their relative weights, from the start of the curriculum;
    unknown kinds and an all-zero mix are refused."""
    import os
    import sys
    import pytest
    from lunette.data import Curriculum, ExampleConfig, build_example
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if repo not in sys.path:
        sys.path.insert(0, repo)
    from training.synth.scenes import KINDS, parse_kind_weights as parse_kinds
    assert parse_kinds("") is None
    kinds = parse_kinds("shapes=3, objects")
    assert kinds == {"shapes": 3.0, "objects": 1.0}
    for p in (0.0, 0.5, 1.0):
        assert Curriculum(kinds=kinds).kind_weights(p, set(KINDS)) == {"shapes": 0.75, "objects": 0.25}
    default = Curriculum().kind_weights(1.0, set(KINDS))
    assert set(default) == set(KINDS) and abs(sum(default.values()) - 1) < 1e-9
    with pytest.raises(ValueError, match="unknown scene kind"):
        parse_kinds("shapes,unicorns")
    with pytest.raises(ValueError, match="weight 0"):
        parse_kinds("shapes=0")
    cfg = ExampleConfig(seed=4, planned_images=10, curriculum=Curriculum(kinds={"terminal": 1.0}))
    built = [ex["kind"] for ex in (build_example(i, _tok(), cfg) for i in range(3)) if ex is not None]
    assert built and set(built) == {"terminal"}


def test_kind_variants_keep_their_weight_in_the_curriculum():
    from lunette.data import Curriculum
    from training.synth.scenes import KINDS, parse_kind_weights
    kinds = parse_kind_weights("ui=3,shapes:one-kind=1")
    assert Curriculum(kinds=kinds).kind_weights(0.5, set(KINDS)) == {"ui": 0.75, "shapes:one-kind": 0.25}


def test_task_weights_balance_long_and_short_tasks():
    from lunette.losses import task_weights
    # row 0: a 4-token task (0) and a 1-token task (1); row 1: one 2-token task; -1 is padding
    seg = torch.tensor([[0, 0, 0, 0, 1, -1], [0, 0, -1, -1, -1, -1]])
    sel = seg >= 0
    assert torch.equal(task_weights(seg, sel, 0.0), torch.ones(7))
    w = task_weights(seg, sel, 1.0)
    assert torch.allclose(w, torch.tensor([0.25, 0.25, 0.25, 0.25, 1.0, 0.5, 0.5]))
    # each task's weights sum to 1 at power 1, so each task counts once
    assert torch.isclose(w.sum(), torch.tensor(3.0))


def test_the_task_balanced_loss_is_used_only_when_asked():
    cfg = tiny()
    tok = _tok()
    torch.manual_seed(0)
    model = LunetteModel(cfg)
    batch = collate([_example(tok, cfg, i) for i in range(2)], cfg)
    plain = forward_losses(model, None, batch, aux_weight=0.0)
    balanced = forward_losses(model, None, batch, aux_weight=0.0, lm_task_power=1.0)
    assert "lm_task" not in plain
    assert torch.isclose(balanced["lm"], plain["lm"]), "the logged token mean stays comparable"
    assert not torch.isclose(balanced["lm_task"], balanced["lm"])
    # the weighted mean replaces the token mean in the total; the region losses are the same
    assert torch.isclose(balanced["loss"] - balanced["lm_task"], plain["loss"] - plain["lm"], atol=1e-5)


def test_visual_tokens_are_the_words_only_the_pixels_tell():
    import os
    import sys
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if repo not in sys.path:
        sys.path.insert(0, repo)
    from lunette.data import ExampleConfig, task_of, visual_flags
    from lunette.tokenizer import Tokenizer
    tok = Tokenizer.load(os.path.join(repo, "models", "lunette-nano", "tokenizer.json"))

    def marked(text, whole=False):
        ids = tok.encode(text)
        flags = visual_flags(tok, text, ids, whole)
        assert len(flags) == len(ids)
        at, words = 0, []
        for i, f in zip(ids, flags):
            piece = tok.decode([i])
            if f:
                words.append(piece)
            at += len(piece)
        return "".join(words)

    assert marked(" There are Two blue squares and a red circle.") == " Two blue squares red circle"
    assert marked(" A dog next to grey apples") == " dog grey apples"
    assert marked(" The title reads Deploy, the button says Reddit") == ""   # whole words only
    assert marked(" Bottom left", whole=True) == " Bottom left"

    cfg = ExampleConfig(seed=1)
    colour = task_of({"task": "query", "prompt": "\n\nQuestion: What colour?\n\nAnswer:", "target": "Red",
                      "qtype": "colour"}, tok, cfg, "")
    assert colour["visual"] == [1] * len(colour["target_ids"]) + [1]      # the whole answer and its end
    reading = task_of({"task": "query", "prompt": "\n\nQuestion: What colour?\n\nAnswer:", "target": "red circle",
                       "qtype": "text"}, tok, cfg, "")
    assert reading["visual"][-1] == 0 and 0 < sum(reading["visual"]) < len(reading["visual"])
    refusal = task_of({"task": "query", "prompt": "\n\nQuestion: What colour?\n\nAnswer:",
                       "target": "There is no red circle in the image.", "qtype": "refusal", "refusal": True},
                      tok, cfg, "")
    # the decision to refuse is visual (it competes with a count or a colour); the noun is the question's
    assert refusal["visual"] == [1] + [0] * len(refusal["target_ids"])
    # --lm-visual-refusals none (0.6.0's fine-tune): no token of a refusal is visual
    unweighted = task_of({"task": "query", "prompt": "\n\nQuestion: What colour?\n\nAnswer:",
                          "target": "There is no red circle in the image.", "qtype": "refusal", "refusal": True},
                         tok, ExampleConfig(seed=1, visual_refusals="none"), "")
    assert unweighted["visual"] == [0] * (len(unweighted["target_ids"]) + 1)


def test_the_visual_token_weight_is_used_only_when_asked():
    cfg = tiny()
    tok = _tok()
    torch.manual_seed(0)
    model = LunetteModel(cfg)
    examples = [_example(tok, cfg, i) for i in range(2)]
    for e in examples:   # the colour answer and its end are visual, as task_of marks them
        for t in e["tasks"]:
            if t["task"] == "query":
                t["visual"] = [1] * (len(t["target_ids"]) + 1)
    batch = collate(examples, cfg)
    assert int(batch["lmv"].sum()) == sum(len(t.get("visual", [])) for e in examples for t in e["tasks"]) > 0
    plain = forward_losses(model, None, batch, aux_weight=0.0)
    weighted = forward_losses(model, None, batch, aux_weight=0.0, lm_visual_weight=4.0)
    assert "lm_task" not in plain and "lm_visual" in plain
    assert torch.isclose(weighted["lm"], plain["lm"]) and torch.isclose(weighted["lm_visual"], plain["lm_visual"])
    nll_rest = (plain["lm"] * int((batch["lm"] != IGNORE).sum()) - plain["lm_visual"] * int(batch["lmv"].sum()))
    n_rest = int((batch["lm"] != IGNORE).sum()) - int(batch["lmv"].sum())
    want = (nll_rest + 4.0 * plain["lm_visual"] * int(batch["lmv"].sum())) / (n_rest + 4.0 * int(batch["lmv"].sum()))
    assert torch.isclose(weighted["lm_task"], want, atol=1e-5)
    assert torch.isclose(weighted["loss"] - weighted["lm_task"], plain["loss"] - plain["lm"], atol=1e-5)


def test_distillation_is_zero_against_itself_and_pulls_toward_the_teacher():
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    batch = collate([_example(tok, cfg, 0), _example(tok, cfg, 1)], cfg)
    student = LunetteModel(cfg)
    student.init_weights(0.02)
    same = LunetteModel(cfg)
    same.load_state_dict(student.state_dict())
    out = forward_losses(student, None, batch, aux_weight=0.0, teacher=same, distill_weight=1.0)
    assert float(out["distill"]) < 1e-6
    other = LunetteModel(cfg)
    other.init_weights(0.5)
    out = forward_losses(student, None, batch, aux_weight=0.0, teacher=other, distill_weight=1.0)
    assert float(out["distill"]) > 0.01
    out["loss"].backward()
    assert student.text.wte.weight.grad is not None and all(p.grad is None for p in other.parameters())
    plain = forward_losses(student, None, batch, aux_weight=0.0)
    assert "distill" not in plain
    assert torch.isclose(out["loss"] - out["distill"], plain["loss"], atol=1e-5)
