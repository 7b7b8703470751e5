"""Weights as a few small files, for bringing a training run back from a lent GPU machine.

What comes back from that machine is at most 8 files of at most 16 MiB each (64 MiB in all), so a checkpoint
(weights, optimizer state, RNG states: ~100 MB for nano) cannot. The weights alone can: nano's 8.1M parameters
are 32 MB in float32 (three shards), or half that in float16 for a model too big for float32. They are written as
numpy `.npz` archives of at most `max_bytes` each, with an index (`weights.json`) that records every tensor's
shard, shape and original dtype, each shard's SHA-256, and whatever the caller adds (step, config). numpy's
format reads the same under numpy 1.x here and 2.x there, which a pickled torch file does not promise.
"""
from __future__ import annotations

import json
import os
from typing import Dict, List, Tuple

import numpy as np

from .export import file_entry

INDEX = "weights.json"
MAX_SHARD_BYTES = 15 * 2 ** 20  # under the 16 MiB a returned file may have, with room for the npz headers


def _plan(arrays: Dict[str, np.ndarray], max_bytes: int) -> List[List[str]]:
    """Names grouped into shards of at most max_bytes, in name order (a tensor is never split)."""
    shards: List[List[str]] = [[]]
    size = 0
    for name in sorted(arrays):
        n = arrays[name].nbytes
        if n > max_bytes:
            raise ValueError(f"{name} alone is {n} bytes, more than a shard's {max_bytes}")
        if shards[-1] and size + n > max_bytes:
            shards.append([])
            size = 0
        shards[-1].append(name)
        size += n
    return shards


def save_shards(groups: Dict[str, Dict[str, "object"]], out_dir: str, meta: dict, half: bool = False,
                max_bytes: int = MAX_SHARD_BYTES) -> List[str]:
    """Write `groups` ({"model": state_dict, "aux": state_dict, ...}) as shards plus the index, which also holds
    `meta`. Floating tensors are stored as float32, or float16 with `half` (about 5e-4 relative error); others
    (none today) keep their dtype. Returns the paths written, the index last."""
    arrays: Dict[str, np.ndarray] = {}
    entries: Dict[str, dict] = {}
    for group, state in groups.items():
        for name, tensor in state.items():
            array = tensor.detach().cpu().float().numpy() if tensor.is_floating_point() else tensor.cpu().numpy()
            dtype = str(tensor.dtype).replace("torch.", "")
            key = f"{group}/{name}"
            arrays[key] = array.astype(np.float16 if half else np.float32) if tensor.is_floating_point() else array
            entries[key] = {"group": group, "name": name, "shape": list(array.shape), "dtype": dtype}
    os.makedirs(out_dir, exist_ok=True)
    paths, shard_info = [], []
    for i, names in enumerate(_plan(arrays, max_bytes)):
        file = f"weights-{i}.npz"
        path = os.path.join(out_dir, file)
        # npz member names may not hold "/" portably: index them by position instead
        np.savez(path, **{f"t{j}": arrays[n] for j, n in enumerate(names)})
        for j, n in enumerate(names):
            entries[n].update(shard=file, member=f"t{j}")
        shard_info.append({"file": file, **file_entry(path)})
        paths.append(path)
    index_path = os.path.join(out_dir, INDEX)
    with open(index_path, "w", encoding="utf-8") as f:
        json.dump({"format": 1, "meta": meta, "shards": shard_info, "tensors": entries}, f, indent=1)
    paths.append(index_path)
    return paths


def load_shards(in_dir: str) -> Tuple[Dict[str, Dict[str, "object"]], dict]:
    """({group: state_dict of tensors in their original dtypes}, meta) from a folder save_shards wrote. Raises ValueError when the
    index is missing or unreadable, a shard is missing or damaged (SHA-256), or a tensor is absent or misshapen."""
    import torch

    index_path = os.path.join(in_dir, INDEX)
    try:
        with open(index_path, encoding="utf-8") as f:
            index = json.load(f)
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"cannot read {index_path}: {err}") from err
    if index.get("format") != 1:
        raise ValueError(f"{index_path}: unknown format {index.get('format')!r}")
    archives = {}
    for shard in index["shards"]:
        path = os.path.join(in_dir, shard["file"])
        if not os.path.isfile(path):
            raise ValueError(f"missing shard {path}")
        if file_entry(path)["sha256"] != shard["sha256"]:
            raise ValueError(f"{path} is damaged (its SHA-256 differs from the index's)")
        archives[shard["file"]] = np.load(path)
    groups: Dict[str, Dict[str, object]] = {}
    for key, entry in index["tensors"].items():
        archive = archives.get(entry["shard"])
        if archive is None or entry["member"] not in archive.files:
            raise ValueError(f"{key} is not in {entry['shard']}")
        array = archive[entry["member"]]
        if list(array.shape) != entry["shape"]:
            raise ValueError(f"{key}: shape {list(array.shape)} in the shard, {entry['shape']} in the index")
        tensor = torch.from_numpy(np.ascontiguousarray(array))
        groups.setdefault(entry["group"], {})[entry["name"]] = tensor.to(getattr(torch, entry["dtype"]))
    return groups, index["meta"]
