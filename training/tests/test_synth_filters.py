import random

from test_synth_common import scenes

from training.synth import filters, ocr
from training.synth.evidence import AllVisible, Evidence
from training.synth.qa import QA
from training.synth.scene import Canvas
from training.synth import fonts


def _scene_two_circles():
    c = Canvas(400, 300)
    import numpy as np
    for x, col in ((40, "red"), (240, "red")):
        c.draw.ellipse([x, 100, x + 80, 180], fill=(220, 30, 30))
        c.add("circle", (x, 100, x + 81, 181), color=col, aliases=("shape",))
    c.draw.rectangle([150, 20, 200, 70], fill=(30, 30, 220))
    c.add("square", (150, 20, 201, 71), color="blue", aliases=("shape",))
    f = fonts.font("DejaVu Sans", 9)
    c.text((10, 280), "tiny footer text", f, (0, 0, 0), role="footer")
    return c.scene("shapes")


def test_drops_answers_that_restate_the_question():
    sc = _scene_two_circles()
    ev = AllVisible(sc, None)
    bad = QA("How many people are in the image?", "There are people in the image", "attr")
    assert filters.why_drop(bad, sc, ev) == "restates"
    bad2 = QA('What does the "Save" button say?', "Save", "text")
    assert filters.why_drop(bad2, sc, ev) == "restates"
    vague = QA("How many circles are there?", "There are several circles", "count")
    assert filters.why_drop(vague, sc, ev) == "vague"
    good = QA("How many circles are there?", "2", "count")
    assert filters.why_drop(good, sc, ev) is None
    yes = QA("Is the square blue?", "Yes", "yesno", refs=[{"name": "square"}])
    assert filters.why_drop(yes, sc, ev) is None
    choice = QA("Is the square above or below the circle?", "Above", "relation", choice=True)
    assert filters.why_drop(choice, sc, ev) is None


def test_drops_ambiguous_references():
    sc = _scene_two_circles()
    ev = AllVisible(sc, None)
    amb = QA("What colour is the circle?", "Red", "colour", refs=[{"name": "circle"}])
    assert filters.why_drop(amb, sc, ev) == "ambiguous"
    none = QA("What colour is the triangle?", "Red", "colour", refs=[{"name": "triangle"}])
    assert filters.why_drop(none, sc, ev) == "ambiguous"
    ok = QA("What colour is the square?", "Blue", "colour", refs=[{"name": "square"}])
    assert filters.why_drop(ok, sc, ev) is None


def test_drops_what_the_pixels_cannot_answer():
    sc = _scene_two_circles()
    tiny = sc.lines[0].id
    q = QA("What does the footer say?", "tiny footer text", "text", lines=[tiny])
    no_ocr = ocr.OcrResult(lines=[], text=None, quality={tiny: 0.0})
    assert filters.why_drop(q, sc, Evidence(sc, no_ocr)) == "unreadable"
    good_ocr = ocr.OcrResult(lines=[], text="1,93 tiny footer text", quality={tiny: 1.0})
    assert filters.why_drop(q, sc, Evidence(sc, good_ocr)) is None
    garbled = ocr.OcrResult(lines=[], text="1,93 t1ny f00ter", quality={tiny: 0.6})
    assert filters.why_drop(q, sc, Evidence(sc, garbled)) == "unreadable"
    # an object too small at the model's resolution
    c = Canvas(2000, 2000)
    c.add("dot", (10, 10, 14, 14), color="red")
    sc2 = c.scene("shapes")
    q2 = QA("What colour is the dot?", "Red", "colour", objs=[0], refs=[{"name": "dot"}])
    assert filters.why_drop(q2, sc2, Evidence(sc2, None)) == "invisible"


def test_drops_duplicates_and_keeps_the_rest():
    sc = _scene_two_circles()
    pairs = [QA("How many circles are there?", "2", "count"), QA("how many circles are there", "2", "count"),
             QA("What colour is the square?", "Blue", "colour", refs=[{"name": "square"}])]
    stats = {}
    kept = filters.apply(pairs, sc, AllVisible(sc, None), stats)
    assert len(kept) == 2 and stats["duplicate"] == 1


def test_generated_pairs_mostly_survive_and_dropped_ones_have_reasons():
    from training.synth import qa
    stats = {}
    for kind in ("shapes", "ui", "chart"):
        for sc in scenes(kind, 5):
            pairs = qa.generate(sc, random.Random(0))
            filters.apply(pairs, sc, AllVisible(sc, None), stats)
    assert stats["kept"] > 5 * sum(v for k, v in stats.items() if k != "kept")
