import random
import re

from test_synth_common import KINDS, scenes

from training.synth import captions, ocr
from training.synth.evidence import Evidence


def test_short_caption_is_alt_text():
    for kind in KINDS:
        for sc in scenes(kind, 6):
            ev = Evidence(sc, ocr.simulate(sc, random.Random(0)))
            for s in range(3):
                caps = captions.captions(sc, ev, random.Random(s))
                short = caps["short"]
                assert 0 < len(short) <= 125, short
                assert not re.match(r"^\s*(an? )?(image|picture|photo) of", short, re.I), short
                assert short[0].isupper() or short[0].isdigit() or short[0] in "\"'", short
                assert len(caps["long"]) >= len(caps["normal"]) * 0.6
                assert caps["normal"].endswith((".", '"', "?", "!"))


def test_captions_lead_with_the_subject():
    for sc in scenes("chart", 5):
        caps = captions.captions(sc, None, random.Random(0))
        assert "chart" in caps["short"].lower() or "plot" in caps["short"].lower()


def test_captions_do_not_quote_unreadable_text():
    for kind in ("ui", "code", "terminal", "document", "chart"):
        for sc in scenes(kind, 6):
            ev = Evidence(sc, ocr.OcrResult(lines=[], text=None, quality={ln.id: 0.0 for ln in sc.lines}))
            caps = captions.captions(sc, ev, random.Random(0))
            for c in caps.values():
                for q in re.findall(r'"([^"]+)"', c):
                    big = [ln for ln in sc.lines if ln.text == q and ev.legible(ln.id)]
                    assert big, (kind, q, c)
