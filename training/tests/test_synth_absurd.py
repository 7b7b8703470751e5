import random
import re

from test_synth_common import KINDS, scenes

from training.synth import absurd
from training.synth.scene import Canvas
from training.synth.scenes import objects as objscene


def _noun(answer):
    m = re.match(r'There (?:is no|are no) (.+?) in the image\.', answer)
    return m.group(1) if m else None


def test_refusals_only_for_absent_things():
    for kind in KINDS:
        for sc in scenes(kind, 8, seed=5):
            text = sc.all_text().lower()
            for p in absurd.generate(sc, random.Random(0), n=5):
                if not p.refusal:
                    continue
                noun = _noun(p.answer)
                assert noun, p.answer
                noun = noun.strip('"')
                if noun == "people":
                    assert "person" not in sc.categories
                    continue
                if noun.startswith(tuple('"')) or " button" in p.answer or " menu item" in p.answer:
                    continue
                assert not any(o.name == noun or noun in o.aliases for o in sc.objects), (kind, noun)
                if noun in absurd.POOL:
                    assert absurd.POOL[noun][0] not in sc.categories, (kind, noun, sc.categories)
                    assert not re.search(r"\b" + re.escape(noun) + r"s?\b", text), (kind, noun)


def test_never_refuses_a_present_object():
    c = Canvas(400, 400)
    from training.synth import assets
    idx = {e["name"]: e for e in assets.emoji_index()}
    e = idx["dog face"]
    objscene._paste(c, assets.emoji_image(e["char"]), 100, 100, 150, "emoji", e, random.Random(0))
    sc = c.scene("objects")
    assert "dog" not in absurd.absent_nouns(sc)
    assert "cat" not in absurd.absent_nouns(sc)          # same category: animals
    for s in range(30):
        for p in absurd.generate(sc, random.Random(s)):
            assert "dog" not in p.answer


def test_text_mentioning_a_noun_blocks_its_refusal():
    from training.synth import fonts
    c = Canvas(400, 200)
    c.text((10, 10), "Walk the dog at 5pm", fonts.font("DejaVu Sans", 18), (0, 0, 0))
    assert "dog" not in absurd.absent_nouns(c.scene("document"))


def test_closed_world_shapes():
    for sc in scenes("shapes", 10):
        names = {o.name for o in sc.objects}
        for p in absurd.generate(sc, random.Random(3)):
            for shape in ("circle", "square", "triangle", "star", "hexagon", "oval", "ring", "cross"):
                if p.refusal and f"no {shape} " in p.answer:
                    assert shape not in names


def test_refusal_form():
    for sc in scenes("ui", 5):
        for p in absurd.generate(sc, random.Random(0)):
            if p.refusal:
                assert p.answer.startswith("There ") and p.answer.endswith(" in the image.")
                assert p.key == "refusal"


def test_counting_an_absent_thing_is_refused_in_the_plural():
    """ "How many cats are there?" about a screenshot is refused ("There are no cats in the image."), not
    answered with a number."""
    counted = []
    for sc in scenes("ui", 8):
        for i in range(6):
            for p in absurd.generate(sc, random.Random(i)):
                if p.refusal and p.question.startswith(("How many", "Count the")) and " does " not in p.question:
                    counted.append(p)
    assert counted
    for p in counted:
        assert p.answer.startswith("There are no ") and p.answer.endswith(" in the image.")
        noun = p.answer[len("There are no "):-len(" in the image.")]
        assert noun in p.question
