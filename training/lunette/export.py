"""Export a LunetteModel as a model pack (docs/model-pack.md): four ONNX graphs + manifest.json + tokenizer.json
(+ reference.json / reference.png / other extra files)."""
from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from typing import Dict, List, Optional

import onnx
import torch
import torch.nn as nn

from .generate import MAX_OBJECTS, MAX_TOKENS, NO_REPEAT_NGRAM, TEMPLATES
from .model import LunetteModel
from .tokenizer import Tokenizer

OPSET = 17
FORMAT = 1


# --- graph wrappers: exact input/output signatures of the four graphs ------------------------------------
class VisionGraph(nn.Module):
    def __init__(self, model: LunetteModel):
        super().__init__()
        self.model = model

    def forward(self, pixels):
        return self.model.encode_image(pixels)


class EmbedGraph(nn.Module):
    def __init__(self, model: LunetteModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids):
        return self.model.embed(input_ids)


class DecoderGraph(nn.Module):
    def __init__(self, model: LunetteModel):
        super().__init__()
        self.model = model

    def forward(self, inputs_embeds, position_ids, *rest):
        n = 2 * self.model.cfg.text.n_layers
        past = [(rest[i], rest[i + 1]) for i in range(0, n, 2)]
        copy_ids = None
        if self.model.copy is not None:   # then: copy_ids, past_copy.keys, past_copy.ids[, past_copy.prev]
            copy_ids = rest[n]
            past.append(tuple(rest[n + 1:]))
        logits, hidden, presents = self.model.step(inputs_embeds, position_ids, past, copy_ids)
        return (logits, hidden) + tuple(t for kv in presents for t in kv)


class RegionGraph(nn.Module):
    def __init__(self, model: LunetteModel):
        super().__init__()
        self.model = model

    def forward(self, hidden, coord, size):
        m = self.model
        return (m.decode_coord(hidden), m.decode_size(hidden),
                m.encode_coord(coord).unsqueeze(1), m.encode_size(size).unsqueeze(1))


COPY_INPUTS = ["copy_ids", "past_copy.keys", "past_copy.ids"]
COPY_OUTPUTS = ["present_copy.keys", "present_copy.ids"]
COPY_PREV_INPUT, COPY_PREV_OUTPUT = "past_copy.prev", "present_copy.prev"


def decoder_io_names(n_layers: int, copy: bool = False, copy_prev: bool = False):
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layers) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layers) for kv in ("key", "value")]
    copy_in = (COPY_INPUTS + ([COPY_PREV_INPUT] if copy_prev else [])) if copy else []
    copy_out = (COPY_OUTPUTS + ([COPY_PREV_OUTPUT] if copy_prev else [])) if copy else []
    return ["inputs_embeds", "position_ids"] + past + copy_in, ["logits", "hidden"] + present + copy_out


def graph_specs(model: LunetteModel) -> Dict[str, dict]:
    """file name -> wrapper module, example args for tracing, and the exact I/O signature of docs/model-pack.md
    (names in order, and shapes: ints, or the names of the dynamic axes T, P, P+T)."""
    cfg = model.cfg
    tc = cfg.text
    s, n, d, h, dh, v = cfg.vision.image_size, cfg.vision.n_patches, tc.dim, tc.n_heads, tc.head_dim, tc.vocab_size
    bc, bs = cfg.region.coord_bins, cfg.region.size_bins
    t_ex, p_ex = 3, 5  # example sizes for tracing; both axes are dynamic in the graph
    copy = model.copy is not None
    dec_in, dec_out = decoder_io_names(tc.n_layers, copy, tc.copy_prev)
    past = tuple(torch.randn(1, h, p_ex, dh) for _ in range(2 * tc.n_layers))
    kv_in = {k: [1, h, "P", dh] for k in dec_in[2:2 + 2 * tc.n_layers]}
    kv_out = {k: [1, h, "P+T", dh] for k in dec_out[2:2 + 2 * tc.n_layers]}
    copy_in, copy_out = {}, {}
    if copy:
        kd = tc.copy_dim
        past += (torch.tensor([[7, -1, 9]]), torch.randn(1, p_ex, kd), torch.tensor([[-1, 5, 6, -1, 8]]))
        copy_in = {"copy_ids": [1, "T"], "past_copy.keys": [1, "P", kd], "past_copy.ids": [1, "P"]}
        copy_out = {"present_copy.keys": [1, "P+T", kd], "present_copy.ids": [1, "P+T"]}
        if tc.copy_prev:
            past += (torch.randn(1, 1, kd),)
            copy_in[COPY_PREV_INPUT] = [1, 1, kd]
            copy_out[COPY_PREV_OUTPUT] = [1, 1, kd]
    return {
        "vision.onnx": dict(
            module=VisionGraph(model), args=(torch.randn(1, 3, s, s),),
            inputs={"pixels": [1, 3, s, s]}, outputs={"image_embeds": [1, n, d]}),
        "embed.onnx": dict(
            module=EmbedGraph(model), args=(torch.tensor([[0, 5, 7]], dtype=torch.long),),
            inputs={"input_ids": [1, "T"]}, outputs={"inputs_embeds": [1, "T", d]}),
        "decoder.onnx": dict(
            module=DecoderGraph(model),
            args=(torch.randn(1, t_ex, d), torch.arange(p_ex, p_ex + t_ex).unsqueeze(0)) + past,
            inputs={"inputs_embeds": [1, "T", d], "position_ids": [1, "T"], **kv_in, **copy_in},
            outputs={"logits": [1, v], "hidden": [1, d], **kv_out, **copy_out}),
        "region.onnx": dict(
            module=RegionGraph(model), args=(torch.randn(1, d), torch.rand(1, 1), torch.rand(1, 2)),
            inputs={"hidden": [1, d], "coord": [1, 1], "size": [1, 2]},
            outputs={"coord_logits": [1, bc], "size_logits": [1, 2, bs], "coord_embeds": [1, 1, d],
                     "size_embeds": [1, 1, d]}),
    }


def _set_shape(value: onnx.ValueInfoProto, dims: list) -> None:
    shape = value.type.tensor_type.shape
    del shape.dim[:]
    for dim in dims:
        if isinstance(dim, str):
            shape.dim.add().dim_param = dim
        else:
            shape.dim.add().dim_value = dim


def export_graph(spec: dict, path: str) -> None:
    """Trace + export one graph, declare its exact I/O shapes, check it with onnx.checker, write it."""
    axes = {}
    for name, dims in {**spec["inputs"], **spec["outputs"]}.items():
        dyn = {i: dim for i, dim in enumerate(dims) if isinstance(dim, str)}
        if dyn:
            axes[name] = dyn
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        torch.onnx.export(
            spec["module"].eval(), spec["args"], buf,
            input_names=list(spec["inputs"]), output_names=list(spec["outputs"]), dynamic_axes=axes or None,
            opset_version=OPSET, do_constant_folding=True,
        )
    proto = onnx.load_from_string(buf.getvalue())
    got_in = [i.name for i in proto.graph.input]
    got_out = [o.name for o in proto.graph.output]
    assert got_in == list(spec["inputs"]), f"{path}: inputs {got_in} != {list(spec['inputs'])}"
    assert got_out == list(spec["outputs"]), f"{path}: outputs {got_out} != {list(spec['outputs'])}"
    # The tracer leaves B symbolic on some outputs (e.g. "MatMullogits_dim_0"); B is always 1 in the contract.
    for value in list(proto.graph.input) + list(proto.graph.output):
        _set_shape(value, {**spec["inputs"], **spec["outputs"]}[value.name])
    onnx.checker.check_model(proto, full_check=True)
    with open(path, "wb") as f:
        f.write(proto.SerializeToString())


def graph_signature(path: str) -> Dict[str, List[tuple]]:
    """{'inputs': [(name, dtype, dims)], 'outputs': [...]} with dims as ints or dim_param strings."""
    proto = onnx.load(path)

    def sig(values):
        out = []
        for v in values:
            tt = v.type.tensor_type
            dims = [d.dim_param if d.dim_param else d.dim_value for d in tt.shape.dim]
            out.append((v.name, onnx.TensorProto.DataType.Name(tt.elem_type), dims))
        return out

    return {"inputs": sig(proto.graph.input), "outputs": sig(proto.graph.output)}


def dumps(obj, indent: int = 2, level: int = 0) -> str:
    """JSON with nested containers indented, but lists of scalars (ids, logits, bins) kept on one line."""
    pad, inner = " " * (indent * level), " " * (indent * (level + 1))
    if isinstance(obj, dict) and obj:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent, level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)) and obj and any(isinstance(v, (dict, list, tuple)) for v in obj):
        if all(isinstance(v, (list, tuple)) and not any(isinstance(x, (dict, list)) for x in v) for v in obj):
            return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in obj) + "]"
        return "[\n" + ",\n".join(inner + dumps(v, indent, level + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


def write_json(path: str, obj) -> bytes:
    data = (dumps(obj) + "\n").encode("utf-8")
    if path:
        with open(path, "wb") as f:
            f.write(data)
    return data


def file_entry(path: str) -> dict:
    """A file's manifest entry: its SHA-256 and size (also the shard index's, lunette/shards.py)."""
    with open(path, "rb") as f:
        data = f.read()
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def export_pack(
    model: LunetteModel,
    tok: Tokenizer,
    out_dir: str,
    name: str,
    description: str = "",
    version: str = "0.1.0",
    templates: Optional[dict] = None,
    reference: Optional[dict] = None,
    reference_image=None,
    extra_files: Optional[Dict[str, bytes]] = None,
    no_repeat_ngram: int = NO_REPEAT_NGRAM,
    answer_candidates: Optional[str] = None,
    quotes: Optional[str] = None,
    snap_boxes: Optional[str] = None,
    region_proposals: Optional[str] = None,
    colours: Optional[str] = None,
    shapes: Optional[str] = None,
    counts: Optional[str] = None,
    button_labels: Optional[str] = None,
    chart_extremes: Optional[str] = None,
    thing_colours: Optional[str] = None,
    thing_regions: Optional[str] = None,
    absent_shapes: Optional[str] = None,
    chart_kinds: Optional[str] = None,
    diagram_order: Optional[str] = None,
    titles: Optional[str] = None,
    positions: Optional[str] = None,
    what_shape: Optional[str] = None,
    emoji: Optional[str] = None,
    terminal: Optional[str] = None,
    file_names: Optional[str] = None,
    errors: Optional[str] = None,
    selected_items: Optional[str] = None,
    single_line: bool = False,
) -> dict:
    """Write the pack into out_dir and return the manifest (also written as manifest.json)."""
    cfg = model.cfg
    assert len(tok) <= cfg.text.vocab_size, "tokenizer larger than the embedding table"
    for t, i in (("<|endoftext|>", cfg.bos_id), ("<|endoftext|>", cfg.eos_id), ("<|coord|>", cfg.coord_id),
                 ("<|size|>", cfg.size_id), ("<|pad|>", cfg.pad_id)):
        assert tok.vocab.get(t) == i, f"token {t} must have id {i}"
    os.makedirs(out_dir, exist_ok=True)
    model = model.eval()
    files: List[str] = []
    for fname, spec in graph_specs(model).items():
        export_graph(spec, os.path.join(out_dir, fname))
        files.append(fname)
    tok.save(os.path.join(out_dir, "tokenizer.json"))
    files.append("tokenizer.json")
    if reference is not None:
        if reference_image is not None:
            reference_image.save(os.path.join(out_dir, reference["image"]), format="PNG")
            files.append(reference["image"])
        write_json(os.path.join(out_dir, "reference.json"), reference)
        files.append("reference.json")
    for fname, data in (extra_files or {}).items():
        with open(os.path.join(out_dir, fname), "wb") as f:
            f.write(data)
        files.append(fname)

    v, t, r = cfg.vision, cfg.text, cfg.region
    manifest = {
        "format": FORMAT,
        "name": name,
        "version": version,
        "family": "lunette",
        "description": description,
        "image": {
            "size": v.image_size, "patch_size": v.patch_size, "mean": list(v.mean), "std": list(v.std),
            "resize": "fill", "kernel": "linear", "background": [255, 255, 255],
        },
        "text": {"dim": t.dim, "n_layers": t.n_layers, "n_heads": t.n_heads, "head_dim": t.head_dim,
                 "vocab_size": t.vocab_size, "max_context": t.max_context,
                 **({"copy_dim": t.copy_dim} if t.copy_dim else {}),
                 **({"copy_prev": True} if t.copy_dim and t.copy_prev else {})},
        "region": {"coord_bins": r.coord_bins, "size_bins": r.size_bins, "size_scale": "log2",
                   "size_log2_min": int(r.size_log2_min) if float(r.size_log2_min).is_integer() else r.size_log2_min},
        "tokens": {"bos": cfg.bos_id, "eos": cfg.eos_id, "coord": cfg.coord_id, "size": cfg.size_id, "pad": cfg.pad_id},
        "templates": templates or TEMPLATES,
        "generation": {"max_tokens": dict(MAX_TOKENS), "max_objects": MAX_OBJECTS, "no_repeat_ngram": no_repeat_ngram,
                       **({"answer_candidates": answer_candidates} if answer_candidates else {}),
                       **({"quotes": quotes} if quotes else {}),
                       **({"snap_boxes": snap_boxes} if snap_boxes else {}),
                       **({"region_proposals": region_proposals} if region_proposals else {}),
                       **({"colours": colours} if colours else {}),
                       **({"shapes": shapes} if shapes else {}),
                       **({"counts": counts} if counts else {}),
                       **({"button_labels": button_labels} if button_labels else {}),
                       **({"chart_extremes": chart_extremes} if chart_extremes else {}),
                       **({"thing_colours": thing_colours} if thing_colours else {}),
                       **({"thing_regions": thing_regions} if thing_regions else {}),
                       **({"absent_shapes": absent_shapes} if absent_shapes else {}),
                       **({"chart_kinds": chart_kinds} if chart_kinds else {}),
                       **({"diagram_order": diagram_order} if diagram_order else {}),
                       **({"titles": titles} if titles else {}),
                       **({"positions": positions} if positions else {}),
                       **({"what_shape": what_shape} if what_shape else {}),
                       **({"emoji": emoji} if emoji else {}),
                       **({"terminal": terminal} if terminal else {}),
                       **({"file_names": file_names} if file_names else {}),
                       **({"errors": errors} if errors else {}),
                       **({"selected_items": selected_items} if selected_items else {}),
                       **({"single_line": True} if single_line else {})},
        "files": {f: file_entry(os.path.join(out_dir, f)) for f in files},
    }
    write_json(os.path.join(out_dir, "manifest.json"), manifest)
    return manifest
