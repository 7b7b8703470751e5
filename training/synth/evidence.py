"""What the model can know about an image: pixels at the model's input size plus the OCR block.

Stages ask an Evidence object whether a text line can be read (it is in the OCR block with few errors, or it is
large enough to read at the model's resolution) and whether an object is big enough to see.
"""
from __future__ import annotations

from .ocr import OcrResult


class Evidence:
    def __init__(self, scene, ocr: OcrResult | None, model_size: int = 128, text_threshold: float = 0.85,
                 legible_px: float = 11.0, min_obj_px: float = 3.0):
        self.scene = scene
        self.ocr = ocr
        self.model_size = model_size
        self.text_threshold = text_threshold
        self.legible_px = legible_px
        self.min_obj_px = min_obj_px
        self.w, self.h = scene.image.size

    def legible(self, lid: int) -> bool:
        try:
            ln = self.scene.line(lid)
        except KeyError:
            return False
        return (ln.box[3] - ln.box[1]) * self.model_size / self.h >= self.legible_px and \
            len(ln.text) <= 12 and ln.ocr

    def line_ok(self, lid: int) -> bool:
        if lid is None or lid < 0:
            return False
        q = self.ocr.quality.get(lid, 0.0) if self.ocr is not None else 0.0
        return q >= self.text_threshold or self.legible(lid)

    def text_ok(self, lids) -> bool:
        return all(self.line_ok(i) for i in lids)

    def obj_visible(self, oid: int) -> bool:
        o = self.scene.obj(oid)
        return (o.w * self.model_size / self.w >= self.min_obj_px and
                o.h * self.model_size / self.h >= self.min_obj_px)

    def objs_visible(self, oids) -> bool:
        return all(self.obj_visible(i) for i in oids)

    def fact_ok(self, fact) -> bool:
        """A fact is usable when the text lines it depends on are readable and its objects visible."""
        return self.text_ok(fact.data.get("lines", ())) and self.objs_visible(fact.data.get("objs_needed", ()))


class AllVisible(Evidence):
    """Evidence that treats everything as readable (for tests and for captions of the full-size render)."""

    def line_ok(self, lid):
        return True

    def obj_visible(self, oid):
        return True
