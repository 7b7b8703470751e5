"""Rebuilding a training checkpoint from a model pack (lunette/unpack.py, checkpoint_from_pack.py)."""
import os

import onnx
import pytest
import torch

from checkpoint_from_pack import main as checkpoint_from_pack
from conftest import REPO
from lunette.config import ModelConfig, tiny
from lunette.export import export_pack
from lunette.losses import AuxHead
from lunette.model import LunetteModel
from lunette.tokenizer import train_bpe
from lunette.unpack import load_pack_weights
from make_test_pack import tiny_corpus

PACK = os.path.join(REPO, "models", "test-tiny")


def test_every_parameter_comes_back_including_merged_and_transposed_ones(tmp_path):
    torch.manual_seed(3)
    source = LunetteModel(tiny())
    with torch.no_grad():
        for p in source.parameters():
            p.normal_()
        # equal values are stored once by the exporter (an Identity reads the other): as after training, where a
        # parallel block's two output biases get identical gradients
        for block in source.text.blocks:
            block.mlp.fc2.bias.copy_(block.attn.proj.bias)
    export_pack(source, train_bpe(tiny_corpus(), source.cfg.text.vocab_size), str(tmp_path), name="t")
    identities = [n for n in onnx.load(str(tmp_path / "decoder.onnx")).graph.node if n.op_type == "Identity"]
    assert identities, "the exporter should have merged the equal biases"

    torch.manual_seed(4)
    rebuilt = LunetteModel(tiny())
    assert load_pack_weights(rebuilt, str(tmp_path)) == []
    want, got = source.state_dict(), rebuilt.state_dict()
    assert set(want) == set(got)
    for name in want:
        assert torch.equal(want[name], got[name]), name


def test_the_committed_pack_becomes_a_checkpoint_that_train_and_export_read(tmp_path):
    checkpoint_from_pack(["--pack", PACK, "--out", str(tmp_path), "--preset", "tiny", "--next-index", "77"])
    ckpt = torch.load(str(tmp_path / "ckpt-final.pt"), map_location="cpu")
    assert ckpt["next_index"] == 77 and ckpt["step"] == 0
    model = LunetteModel(ModelConfig.from_dict(ckpt["config"]))
    model.load_state_dict(ckpt["model"])
    AuxHead(model.cfg.vision.dim).load_state_dict(ckpt["aux"])
    assert (tmp_path / "tokenizer.json").read_bytes() == open(os.path.join(PACK, "tokenizer.json"), "rb").read()


def test_a_pack_of_another_architecture_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(SystemExit, match="does not match preset 'nano'"):
        checkpoint_from_pack(["--pack", PACK, "--out", str(tmp_path / "run"), "--preset", "nano"])
    assert not (tmp_path / "run").exists()


def test_a_damaged_graph_is_refused(tmp_path):
    for name in os.listdir(PACK):
        (tmp_path / name).write_bytes(open(os.path.join(PACK, name), "rb").read())
    (tmp_path / "region.onnx").unlink()
    with pytest.raises(SystemExit, match="region.onnx is missing"):
        checkpoint_from_pack(["--pack", str(tmp_path), "--out", str(tmp_path / "run"), "--preset", "tiny"])
    assert not (tmp_path / "run").exists()
