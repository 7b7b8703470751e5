"""The object-level aux loss (losses.object_aux_loss): each object is named from the mean of its patches' features."""
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn.functional as F

from lunette.config import tiny
from lunette.data import aux_objects, aux_vocabularies, collate, ground_patches
from lunette.losses import AuxHead, forward_losses, object_aux_loss
from lunette.model import LunetteModel
from test_grounding import _scene
from test_train_forward import _example, _tok


def _objects():
    circle = SimpleNamespace(id=1, name="circle", color="red", box=(0, 0, 100, 100), mask=None)
    gone = SimpleNamespace(id=2, name="square", color="blue", box=(300, 300, 320, 320), mask=None)  # off the image
    button = SimpleNamespace(id=3, name="button", color=None, box=(150, 150, 200, 200), mask=None)
    return circle, gone, button


def test_aux_objects_label_each_visible_object_on_its_patches():
    names, colours = aux_vocabularies()
    scene = _scene(*_objects())
    labels = aux_objects(scene, 8, max_objects=3)
    assert labels["obj_mask"].shape == (3, 64)
    assert (labels["obj_mask"][0] == ground_patches(scene, [1], 8)).all()
    assert (labels["obj_mask"][1] == ground_patches(scene, [3], 8)).all()     # the square off the image is skipped
    assert not labels["obj_mask"][2].any()
    assert labels["obj_name"].tolist() == [names["circle"], names["button"], 0]
    assert labels["obj_color"].tolist() == [colours["red"], 0, 0]
    assert aux_objects(scene, 8, max_objects=1)["obj_name"].tolist() == [names["circle"]]


def test_object_aux_loss_is_the_cross_entropy_of_pooled_features():
    torch.manual_seed(0)
    head = AuxHead(16)
    feats = torch.randn(2, 4, 16)
    mask = torch.zeros(2, 3, 4, dtype=torch.bool)
    mask[0, 0, :2] = True                       # image 0: an object on patches 0-1 with a colour
    mask[1, 0, 3] = True                        # image 1: an object on patch 3 without one; slots left empty
    aux = {"obj_mask": mask, "obj_name": torch.tensor([[5, 0, 0], [7, 0, 0]]),
           "obj_color": torch.tensor([[2, 0, 0], [0, 0, 0]])}
    loss, acc = object_aux_loss(head, feats, aux)
    pooled = torch.stack([feats[0, :2].mean(0), feats[1, 3]])
    expected = F.cross_entropy(head.name(pooled), torch.tensor([5, 7])) + \
        F.cross_entropy(head.color(pooled[:1]), torch.tensor([2]))
    assert torch.allclose(loss, expected, atol=1e-6)
    assert float(acc) == float((head.name(pooled).argmax(-1) == torch.tensor([5, 7])).float().mean())
    aux["obj_mask"] = torch.zeros_like(mask)
    assert object_aux_loss(head, feats, aux) is None


def test_forward_losses_reports_the_object_loss_and_adds_it_only_when_weighted():
    torch.manual_seed(0)
    cfg = tiny()
    tok = _tok()
    model = LunetteModel(cfg)
    model.init_weights(0.2)
    head = AuxHead(cfg.vision.dim)
    n = cfg.vision.n_patches
    exs = [_example(tok, cfg, 0), _example(tok, cfg, 1, ocr=False)]
    for k, ex in enumerate(exs):
        mask = np.zeros((2, n), dtype=bool)
        mask[0, k: k + 3] = True
        ex["aux"].update(obj_mask=mask, obj_name=np.array([4 + k, 0]), obj_color=np.array([1, 0]))
    batch = collate(exs, cfg)
    plain = forward_losses(model, head, batch)
    weighted = forward_losses(model, head, batch, aux_object_weight=0.5)
    assert torch.allclose(plain["aux_object"], weighted["aux_object"])
    assert torch.allclose(weighted["loss"], plain["loss"] + 0.5 * plain["aux_object"], atol=1e-5)
