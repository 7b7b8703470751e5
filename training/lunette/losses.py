"""Training forward pass and losses (docs/model-pack.md "Training mirrors this").

Two decoder passes per batch:
  1. prefix  [BOS][image][OCR block] for each image (right-padded; causal) -> per-layer KV cache;
  2. tasks   one row per image holding all its tasks packed one after another (segments); each task continues
             from the image's cache on its own, with an explicit mask (keys of the image's real prefix, then
             causal within the task's own segment) and positions prefix_len + offset-in-task — exactly the
             positions and visibility the engine has when it runs that task alone after the shared prefix.
Losses: LM cross-entropy on the target tokens + eos and on the coord-vs-eos decisions; region decoders with a
Gaussian-smoothed cross-entropy over bins (near misses cost less than far ones; decoding stays argmax); an
auxiliary per-patch loss on the vision features (object name / colour / text, known from the scene) — a
training-only head, not exported — and the same head naming each object from its patches' mean feature
(object_aux_loss); optionally grounding losses on where some decoder heads look in the image and
in the OCR block.
"""
from __future__ import annotations

import contextlib
from typing import Dict

import torch
import torch.nn as nn
import torch.nn.functional as F

from .data import AUX_COLOR_BUCKETS, AUX_NAME_BUCKETS, COORD, IGNORE, SIZE


class AuxHead(nn.Module):
    """Per-patch classifiers over the ViT features (after post-LN): name bucket, colour bucket, has-text."""

    def __init__(self, dim: int):
        super().__init__()
        self.name = nn.Linear(dim, AUX_NAME_BUCKETS)
        self.color = nn.Linear(dim, AUX_COLOR_BUCKETS)
        self.text = nn.Linear(dim, 1)

    def forward(self, feats):
        return self.name(feats), self.color(feats), self.text(feats).squeeze(-1)


def soft_ce(logits: torch.Tensor, target: torch.Tensor, sigma: float) -> torch.Tensor:
    """Cross-entropy against a Gaussian over bins centred on target (sigma in bins); plain CE when sigma <= 0."""
    logits = logits.float()
    if sigma <= 0:
        return F.cross_entropy(logits, target)
    bins = torch.arange(logits.shape[-1], device=logits.device, dtype=torch.float32)
    q = torch.exp(-0.5 * ((bins.unsqueeze(0) - target.unsqueeze(1).float()) / sigma) ** 2)
    q = q / q.sum(dim=-1, keepdim=True)
    return -(q * F.log_softmax(logits, dim=-1)).sum(dim=-1).mean()


def to_device(batch: dict, device) -> dict:
    out = {}
    for k, v in batch.items():
        if isinstance(v, torch.Tensor):
            out[k] = v.to(device, non_blocking=True)
        elif isinstance(v, dict):
            out[k] = {kk: vv.to(device, non_blocking=True) for kk, vv in v.items()}
        else:
            out[k] = v
    return out


def forward_packed(model, batch: dict):
    """-> (ViT features [B,N,Dv], hidden [B,T,D] of the packed task rows and hidden [B,P,D] of the prefixes,
    both before the final LayerNorm)."""
    cfg = model.cfg
    dev = batch["pixels"].device
    b = batch["pixels"].shape[0]
    # 1. prefix per image
    feats = model.vision.features(batch["pixels"])                 # [B,N,Dv]
    img = model.vision.proj_mlp(feats)                               # [B,N,D]
    bos = model.embed(torch.full((b, 1), cfg.bos_id, dtype=torch.long, device=dev))
    prefix = torch.cat([bos, img, model.embed(batch["ocr"])], dim=1)
    p = prefix.shape[1]
    plen = 1 + img.shape[1] + batch["ocr_len"]                       # [B]
    prefix_hidden, presents = model.text(prefix)
    # 2. tasks: one row per image, its tasks packed as segments continuing from the image's prefix
    types = batch["types"]
    t = types.shape[1]
    emb = model.embed(batch["toks"])
    cm, sm = types == COORD, types == SIZE
    if bool(cm.any()) or bool(sm.any()):
        emb = emb.clone()
        if bool(cm.any()):
            emb[cm] = model.encode_coord(batch["cval"][cm].unsqueeze(-1)).to(emb.dtype)
        if bool(sm.any()):
            emb[sm] = model.encode_size(batch["sval"][sm]).to(emb.dtype)
    seg, offs = batch["seg"], batch["offs"]
    position_ids = plen.unsqueeze(1) + offs
    past_masked = torch.arange(p, device=dev).view(1, 1, 1, p) >= plen.view(b, 1, 1, 1)
    ar = torch.arange(t, device=dev)
    self_masked = (ar.view(1, 1, 1, t) > ar.view(1, 1, t, 1)) | (seg.view(b, 1, 1, t) != seg.view(b, 1, t, 1))
    mask = torch.cat([past_masked.expand(b, 1, t, p), self_masked], dim=-1)
    hidden, _ = model.text(emb, position_ids, presents, mask)
    return feats, hidden, prefix_hidden


def copy_sources(batch: dict, n_image: int, p: int):
    """Copy ids of the prefix [B,P] (the OCR block's tokens; -1 elsewhere) and, per task position, which
    positions it may copy from: bool [B,T,P] over the prefix and [B,T,T] over the task rows (the prompt tokens
    of its own task up to itself), mirroring what the engine's cache holds when it runs that task alone."""
    b = batch["ocr"].shape[0]
    dev = batch["ocr"].device
    start = 1 + n_image
    ids_p = torch.full((b, p), -1, dtype=torch.long, device=dev)
    lo = batch["ocr"].shape[1]
    in_ocr = torch.arange(lo, device=dev).view(1, lo) < batch["ocr_len"].view(b, 1)
    ids_p[:, start:start + lo] = torch.where(in_ocr, batch["ocr"], torch.full_like(batch["ocr"], -1))
    seg, offs, src = batch["seg"], batch["offs"], batch["src"]
    t = seg.shape[1]
    from_prefix = (ids_p >= 0).view(b, 1, p).expand(b, t, p)
    from_task = (src.view(b, 1, t) & (seg.view(b, 1, t) == seg.view(b, t, 1))
                 & (offs.view(b, 1, t) <= offs.view(b, t, 1)))
    return ids_p, from_prefix, from_task


def copy_keys(head, prefix_normed: torch.Tensor, normed: torch.Tensor, batch: dict, n_image: int):
    """Copy keys of the prefix [B,P,Kd] and of the packed task rows [B,T,Kd]. With the induction term each
    key sees its predecessor: within the prefix the position before (nothing before BOS), within a task the
    task's previous token, and for a task's first token the last real prefix position, as in the engine."""
    if head.prev_key is None:
        return head.keys(prefix_normed), head.keys(normed)
    b = prefix_normed.shape[0]
    succ_p, succ_t = head.successor_term(prefix_normed), head.successor_term(normed)
    zero = torch.zeros_like(succ_p[:, :1])
    plen = 1 + n_image + batch["ocr_len"]
    last_prefix = succ_p[torch.arange(b, device=succ_p.device), plen - 1].unsqueeze(1)      # [B,1,Kd]
    pred_t = torch.where((batch["offs"] == 0).unsqueeze(-1), last_prefix, head.shift(succ_t, zero))
    return head.keys(prefix_normed, head.shift(succ_p, zero)), head.keys(normed, pred_t)


def copy_mixture_nll(model, logits: torch.Tensor, normed: torch.Tensor, prefix_normed: torch.Tensor,
                     batch: dict, sel: torch.Tensor, n_image: int) -> torch.Tensor:
    """-log p(label) under the copy mixture (lunette/copy.py) at each of the positions `sel` [B,T] (labels
    batch["lm"]), as a vector in `sel` order."""
    p = prefix_normed.shape[1]
    ids_p, from_prefix, from_task = copy_sources(batch, n_image, p)
    keys = torch.cat(copy_keys(model.copy, prefix_normed, normed, batch, n_image), dim=1)     # [B,P+T,Kd]
    ids = torch.cat([ids_p, batch["toks"]], dim=1)                                           # [B,P+T]
    is_source = torch.cat([from_prefix, from_task], dim=-1)                                  # [B,T,P+T]
    attn, gate = model.copy.attend(normed, keys, is_source)                                  # [B,T,P+T], [B,T]
    labels = batch["lm"]
    copied = (attn * (ids.unsqueeze(1) == labels.unsqueeze(-1))).sum(-1)                     # [B,T]
    p_label = torch.softmax(logits.float(), dim=-1).gather(1, labels[sel].unsqueeze(1)).squeeze(1)
    g = gate[sel]
    return -torch.log(((1 - g) * p_label + g * copied[sel]).clamp_min(1e-12))


def task_weights(seg: torch.Tensor, sel: torch.Tensor, power: float) -> torch.Tensor:
    """Per labelled position (`sel` order), n^-power where n is the number of labelled positions of its task:
    0 weighs every token alike (a caption's 60 tokens outweigh a colour answer's 2 thirtyfold), 1 every task alike."""
    b = seg.shape[0]
    rows = torch.arange(b, device=seg.device).view(b, 1).expand_as(seg)
    keys = (rows * (int(seg.max()) + 2) + seg + 1)[sel]
    counts = torch.bincount(keys)[keys].float()
    return counts.pow(-power)


def ground_heads(n_layers: int, head: int = 0):
    """(decoder layer, head) pairs whose attention is supervised toward what a task is about: one head of layers 1
    and 2 (head 0 looks in the image, head 1 in the OCR block). The first layer is left free to gather the question
    into the answer position, and the other heads stay free."""
    return tuple((layer, head) for layer in range(1, min(3, n_layers)))


@contextlib.contextmanager
def captured_attention(model, layers):
    """{layer: list of (queries, keys)}, filled by every decoder pass inside the block (the prefix's first, then
    the tasks')."""
    got = {i: [] for i in layers}
    for i in layers:
        model.text.blocks[i].attn.capture = got[i]
    try:
        yield got
    finally:
        for i in layers:
            model.text.blocks[i].attn.capture = None


def grounding_loss(captured, target: torch.Tensor, key_start: int, heads, key_valid: torch.Tensor | None = None):
    """-log of the attention share that lands on the target keys, at the task positions that have targets, for
    each supervised head. target [B,T,K] marks prefix keys key_start .. key_start+K-1 (image patches, or the OCR
    block's tokens with key_valid [B,K] saying which exist); the attention is normalized over those K keys only,
    so the head may still look elsewhere. -> (loss, mean share on the targets), or None without targets.

    Binding a word to its object's patches is what the decoder fails to learn from answers alone (model card,
    "Why answers about pixels fail"), and finding the line a reading answer is on is the step reading fails most;
    both are known from the scene, so this teaches them directly."""
    sel = target.any(-1)
    if not bool(sel.any()):
        return None
    wanted = target[sel]                                            # [n,K]
    rows = sel.nonzero()[:, 0]
    n_keys = target.shape[-1]
    losses, shares = [], []
    for layer, head in heads:
        q, k = captured[layer][-1]                                  # the task pass: q [B,H,T,hd], k [B,H,P+T,hd]
        qs = q[:, head][sel]                                        # [n,hd]
        ks = k[:, head, key_start:key_start + n_keys][rows]         # [n,K,hd]
        scores = torch.einsum("nd,nkd->nk", qs, ks).float() * (qs.shape[-1] ** -0.5)
        if key_valid is not None:
            scores = scores.masked_fill(~key_valid[rows], float("-inf"))
        on_target = torch.logsumexp(torch.log_softmax(scores, -1).masked_fill(~wanted, float("-inf")), -1)
        losses.append(-on_target.mean())
        shares.append(on_target.detach().exp().mean())
    return torch.stack(losses).mean(), torch.stack(shares).mean()


def object_features(feats: torch.Tensor, obj_mask: torch.Tensor):
    """The vision features [B,N,D] averaged over each labelled object's patches (obj_mask [B,K,N], data.aux_objects):
    ([n,D] for the n slots that hold an object, which slots those are [B,K])."""
    mask = obj_mask.to(feats.dtype)
    count = mask.sum(-1)
    valid = count > 0
    return torch.einsum("bkn,bnd->bkd", mask, feats)[valid] / count[valid].unsqueeze(-1), valid


def object_aux_loss(aux_head: AuxHead, feats: torch.Tensor, aux: dict):
    """Cross-entropy of each labelled object's name and colour from the vision features averaged over its patches,
    and the share of names right; None when the batch has no labelled object."""
    pooled, valid = object_features(feats, aux["obj_mask"])
    if not bool(valid.any()):
        return None
    name_logits = aux_head.name(pooled).float()
    names, cols = aux["obj_name"][valid], aux["obj_color"][valid]
    loss = F.cross_entropy(name_logits, names)
    coloured = cols > 0
    if bool(coloured.any()):
        loss = loss + F.cross_entropy(aux_head.color(pooled[coloured]).float(), cols[coloured])
    with torch.no_grad():
        acc = (name_logits.argmax(-1) == names).float().mean()
    return loss, acc


def distill_loss(teacher, batch: dict, sel: torch.Tensor, logits: torch.Tensor) -> torch.Tensor:
    """KL(teacher || student) of the vocabulary distributions at the labelled positions `sel` (the student's
    `logits` there), averaged over positions; the copy head's mixture is left out of both."""
    with torch.no_grad():
        _, t_hidden, _ = forward_packed(teacher, batch)
        t_logits = teacher.text.logits(teacher.text.post_ln(t_hidden)[sel]).float()
    return F.kl_div(F.log_softmax(logits.float(), -1), F.log_softmax(t_logits, -1), log_target=True,
                    reduction="batchmean")


def forward_losses(model, aux_head, batch: dict, sigma_coord: float = 1.5, sigma_size: float = 1.5,
                   aux_weight: float = 0.3, region_weight: float = 1.0,
                   ground_weight: float = 0.0, ground_text_weight: float = 0.0,
                   aux_object_weight: float = 0.0, lm_task_power: float = 0.0, lm_visual_weight: float = 1.0,
                   teacher=None, distill_weight: float = 0.0) -> Dict[str, torch.Tensor]:
    """All training losses of one packed batch. With a `teacher` (a frozen model) and distill_weight > 0, the
    KL divergence from the teacher's next-token distribution to the student's at every labelled text position is
    added, pulling a fine-tune's text toward the teacher's (at weight 1 not enough to keep 0.5.0's captions: nano16
    in the model card)."""
    n_layers = model.cfg.text.n_layers
    image_heads = ground_heads(n_layers, 0) if ground_weight > 0 and "ground" in batch else ()
    text_heads = ground_heads(n_layers, 1) if ground_text_weight > 0 and "ground_text" in batch else ()
    layers = sorted({layer for layer, _ in image_heads + text_heads})
    with captured_attention(model, layers) as captured:
        feats, hidden, prefix_hidden = forward_packed(model, batch)
    out = {}
    lm = batch["lm"]
    sel = lm != IGNORE
    normed = model.text.post_ln(hidden)
    logits = model.text.logits(normed[sel])
    if model.copy is None:
        nll = F.cross_entropy(logits.float(), lm[sel], reduction="none")
    else:
        nll = copy_mixture_nll(model, logits, normed, model.text.post_ln(prefix_hidden), batch, sel, feats.shape[1])
        with torch.no_grad():
            out["lm_vocab_only"] = F.cross_entropy(logits.float(), lm[sel])
    out["lm"] = nll.mean()
    visual = batch["lmv"][sel] if "lmv" in batch else None
    with torch.no_grad():
        out["lm_acc"] = (logits.argmax(-1) == lm[sel]).float().mean()
        if visual is not None and bool(visual.any()):
            out["lm_visual"] = nll[visual].mean()   # the tokens only the pixels tell (data.visual_flags)
    if teacher is not None and distill_weight > 0:
        out["distill"] = distill_loss(teacher, batch, sel, logits)
    weigh_visual = lm_visual_weight != 1.0 and visual is not None
    if lm_task_power > 0 or weigh_visual:
        w = task_weights(batch["seg"], sel, lm_task_power) if lm_task_power > 0 else torch.ones_like(nll)
        if weigh_visual:
            w = torch.where(visual, w * lm_visual_weight, w)
        out["lm_task"] = (w * nll).sum() / w.sum()
        loss = out["lm_task"]
    else:
        loss = out["lm"]
    if "distill" in out:
        loss = loss + distill_weight * out["distill"]
    cl = batch["cl"]
    sel = cl != IGNORE
    if bool(sel.any()):
        cl_logits = model.decode_coord(hidden[sel])
        out["coord"] = soft_ce(cl_logits, cl[sel], sigma_coord)
        with torch.no_grad():
            out["coord_acc2"] = ((cl_logits.argmax(-1) - cl[sel]).abs() <= 2).float().mean()
        loss = loss + region_weight * out["coord"]
    sl = batch["sl"]
    sel = sl[..., 0] != IGNORE
    if bool(sel.any()):
        s_logits = model.decode_size(hidden[sel])                        # [n,2,Bs]
        tg = sl[sel]                                                      # [n,2]
        out["size"] = soft_ce(s_logits.reshape(-1, s_logits.shape[-1]), tg.reshape(-1), sigma_size)
        loss = loss + region_weight * out["size"]
    if aux_head is not None and aux_weight > 0:
        n_l, c_l, t_l = aux_head(feats)
        aux = batch["aux"]
        a_name = F.cross_entropy(n_l.reshape(-1, n_l.shape[-1]).float(), aux["name"].reshape(-1))
        a_col = F.cross_entropy(c_l.reshape(-1, c_l.shape[-1]).float(), aux["color"].reshape(-1))
        a_txt = F.binary_cross_entropy_with_logits(t_l.float(), aux["text"].float())
        out["aux"] = a_name + a_col + a_txt
        loss = loss + aux_weight * out["aux"]
    if aux_head is not None and "obj_mask" in batch.get("aux", {}):
        o = object_aux_loss(aux_head, feats, batch["aux"])
        if o is not None:
            out["aux_object"], out["aux_object_acc"] = o
            if aux_object_weight > 0:
                loss = loss + aux_object_weight * out["aux_object"]
    n_image = feats.shape[1]
    if image_heads:
        g = grounding_loss(captured, batch["ground"], 1, image_heads)
        if g is not None:
            out["ground"], out["ground_share"] = g
            loss = loss + ground_weight * out["ground"]
    if text_heads:
        lo = batch["ground_text"].shape[-1]
        valid = torch.arange(lo, device=feats.device).view(1, lo) < batch["ocr_len"].view(-1, 1)
        g = grounding_loss(captured, batch["ground_text"], 1 + n_image, text_heads, valid)
        if g is not None:
            out["ground_text"], out["ground_text_share"] = g
            loss = loss + ground_text_weight * out["ground_text"]
    out["loss"] = loss
    return out
