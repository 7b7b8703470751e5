import random

from test_synth_common import KINDS, scenes

from training.synth import filters, qa
from training.synth import refer as R
from training.synth.evidence import AllVisible
from training.synth.language import plural
from training.synth.scenes.common import relation


def test_every_kind_gives_questions_of_several_types():
    for kind in KINDS:
        types = set()
        for sc in scenes(kind, 4):
            kept = filters.apply(qa.generate(sc, random.Random(0)), sc, AllVisible(sc, None))
            assert kept, kind
            types |= {p.qtype for p in kept}
        assert len(types) >= 3, (kind, types)


def test_shapes_cover_colour_count_position_relation_yesno():
    types = set()
    for sc in scenes("shapes", 12):
        types |= {p.qtype for p in filters.apply(qa.generate(sc, random.Random(1)), sc, AllVisible(sc, None))}
    assert {"colour", "count", "position", "relation", "yesno"} <= types


def test_answers_are_true():
    for sc in scenes("shapes", 15, seed=7):
        for p in filters.apply(qa.generate(sc, random.Random(2)), sc, AllVisible(sc, None)):
            if p.qtype == "colour" and p.refs:
                o = R.matching(sc, p.refs[0])[0]
                assert p.answer.lower() == o.color
            if p.qtype == "count" and p.question.startswith("How many") and p.source == "count":
                n = int(p.answer)
                assert n == len(p.objs)
            if p.qtype == "relation" and p.answer in ("Left", "Right", "Above", "Below") and len(p.refs) == 2:
                a, b = (R.matching(sc, r)[0] for r in p.refs)
                rel = {"Left": "left of", "Right": "right of", "Above": "above", "Below": "below"}[p.answer]
                assert rel in relation(a, b)


def test_short_answers():
    for kind in KINDS:
        for sc in scenes(kind, 3):
            for p in qa.generate(sc, random.Random(0)):
                assert 0 < len(p.answer) <= 300
                assert not p.answer.lower().startswith(("the image shows", "in the image"))


def test_group_colour_questions_are_asked_only_when_every_object_of_the_name_shares_the_colour():
    asked = 0
    for sc in scenes("shapes", 30, seed=11):
        kept = filters.apply(qa.generate(sc, random.Random(3)), sc, AllVisible(sc, None))
        for p in kept:
            if p.qtype == "colour" and p.question.startswith("What colour are the "):
                asked += 1
                named = [o for o in sc.objects if o.id in p.objs]
                assert len(named) >= 2 and {o.color for o in named} == {p.answer.lower()}
                assert named == [o for o in sc.objects if o.name == named[0].name], "every object of the name"
        for name in {o.name for o in sc.objects}:
            if len({o.color for o in sc.objects if o.name == name}) > 1:
                assert not any(p.question == f"What colour are the {plural(name)}?" for p in kept)
    assert asked >= 3
