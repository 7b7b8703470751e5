"""Read a model pack's ONNX weights back into a LunetteModel: the inverse of lunette/export.py.

Training runs live outside git, so the shipped pack is the one copy of a model's weights that outlives a machine.
The exporter renames most weights (a Linear's weight is stored transposed as `onnx::MatMul_<n>`) and merges
initializers whose values are equal (a parallel block's attention and MLP output biases get identical gradients,
so they stay equal, and the second becomes an Identity of the first). So weights are not matched by name: a probe
model of the same config, with every parameter set to distinct random values, is exported first; each of its
graph's weight slots (node name, input index) is traced to the parameter whose values it holds (as is or
transposed), and the pack's graph is read through the same slots.
"""
from __future__ import annotations

import os
import tempfile
from typing import Dict, List, Tuple

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .export import export_graph, graph_specs
from .model import LunetteModel

Slot = Tuple[str, int]  # (node name, input index) where a graph reads a weight


def _weights_by_slot(path: str) -> Dict[Slot, np.ndarray]:
    """Every node input of the graph that is an initializer (directly or through Identity nodes)."""
    graph = onnx.load(path).graph
    values = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    for _ in range(len(graph.node)):  # Identity chains: resolve until nothing changes
        added = False
        for node in graph.node:
            if node.op_type == "Identity" and node.input[0] in values and node.output[0] not in values:
                values[node.output[0]] = values[node.input[0]]
                added = True
        if not added:
            break
    return {(node.name, i): values[name] for node in graph.node if node.op_type != "Identity"
            for i, name in enumerate(node.input) if name in values}


def _probe_slots(model: LunetteModel, workdir: str) -> Dict[str, Dict[Slot, Tuple[str, bool]]]:
    """graph file -> slot -> (parameter name, stored transposed), from an export of `model` whose parameters
    have been set to distinct random values (overwrites them)."""
    gen = torch.Generator().manual_seed(0)
    by_bytes: Dict[bytes, Tuple[str, bool]] = {}
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(torch.randn(p.shape, generator=gen))
            a = p.detach().numpy().astype(np.float32)
            by_bytes[a.tobytes() + str(a.shape).encode()] = (name, False)
            if a.ndim == 2:
                at = np.ascontiguousarray(a.T)
                by_bytes[at.tobytes() + str(at.shape).encode()] = (name, True)
    out: Dict[str, Dict[Slot, Tuple[str, bool]]] = {}
    for fname, spec in graph_specs(model).items():
        path = os.path.join(workdir, fname)
        export_graph(spec, path)
        out[fname] = {}
        for slot, value in _weights_by_slot(path).items():
            v = np.ascontiguousarray(value.astype(np.float32))
            hit = by_bytes.get(v.tobytes() + str(v.shape).encode())
            if hit is not None:
                out[fname][slot] = hit
    return out


def load_pack_weights(model: LunetteModel, pack_dir: str) -> List[str]:
    """Load the pack's weights into `model` (same config as the pack's). Returns the names of the parameters
    that no graph holds (training-only parts); raises ValueError when a graph does not match the model."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = LunetteModel(model.cfg)
        slots = _probe_slots(probe, tmp)
    params = dict(model.named_parameters())
    found: Dict[str, np.ndarray] = {}
    for fname, slot_map in slots.items():
        path = os.path.join(pack_dir, fname)
        if not os.path.exists(path):
            raise ValueError(f"{path} is missing")
        pack = _weights_by_slot(path)
        for slot, (name, transposed) in slot_map.items():
            if slot not in pack:
                raise ValueError(f"{fname}: no weight at {slot[0]} input {slot[1]}; the pack was exported from "
                                 f"another architecture or exporter")
            value = pack[slot].T if transposed else pack[slot]
            if tuple(value.shape) != tuple(params[name].shape):
                raise ValueError(f"{fname}: {name} has shape {list(value.shape)} in the pack, "
                                 f"{list(params[name].shape)} in the model")
            if name in found and not np.array_equal(found[name], value):
                raise ValueError(f"{fname}: two graphs disagree on {name}")
            found[name] = value
    with torch.no_grad():
        for name, value in found.items():
            params[name].copy_(torch.from_numpy(np.array(value, dtype=np.float32)))
    return [name for name in params if name not in found]
