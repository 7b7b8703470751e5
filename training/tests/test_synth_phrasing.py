import random

from training.synth import phrasing
from training.synth.qa import QA


def test_answer_and_protected_words_survive():
    qa = QA('What does the "Export data" button say?', "Export data", "text",
            paraphrases=['What is written on the "Export data" button?'], terse=["button text?"],
            protect=["red circle"])
    outs = set()
    for s in range(300):
        q = phrasing.phrase(qa, random.Random(s))
        outs.add(q)
        assert qa.answer == "Export data"
        if "Export" in q or "EXPORT" in q:
            assert '"Export data"' in q or '"EXPORT DATA"' in q.upper()
    assert len(outs) > 30


def test_styles():
    qa = QA("How many red circles are there?", "3", "count", paraphrases=["Count the red circles."],
            terse=["# of red circles?"], protect=["red circles"])
    rng = random.Random(0)
    assert phrasing.phrase(qa, rng, "terse") in ("# of red circles?", "# of red circles")
    chatty = [phrasing.phrase(qa, random.Random(s), "chatty") for s in range(40)]
    assert any(c.startswith(tuple(o.strip() for o in phrasing.OPENERS)) for c in chatty)
    sloppy = [phrasing.phrase(qa, random.Random(s), "sloppy") for s in range(60)]
    assert all("red circles" in s.lower() for s in sloppy)        # protected slot never misspelt
    assert any(s != s.lower() or not s.endswith("?") for s in sloppy)
    assert any(s.lower().replace("?", "") not in ("how many red circles are there", "count the red circles.")
               for s in sloppy)                                   # typos happen


def test_typos_leave_quotes_alone():
    for s in range(100):
        q = phrasing.add_typos('Where is the "Settings" menu located?', random.Random(s), n=3)
        assert '"Settings"' in q
