import random
import re

from test_synth_common import scenes

from training.synth import ocr
from training.synth.scene import Canvas
from training.synth import fonts

LINE = re.compile(r"^(\d{1,2}),(\d{1,2}) (\S.*)$")


def _text_scene(lines):
    c = Canvas(800, 600)
    f = fonts.font("DejaVu Sans", 16)
    for i, t in enumerate(lines):
        c.text((20 + (i % 2) * 400, 20 + (i // 2) * 24), t, f, (0, 0, 0))
    return c.scene("document")


def test_block_format_matches_model_pack():
    for kind in ("ui", "code", "terminal", "document"):
        for sc in scenes(kind, 5):
            r = ocr.simulate(sc, random.Random(1), p_no_block=0.0)
            assert r.text is not None
            assert r.block.startswith("\n\nText:\n")
            rows = r.text.split("\n")
            assert 1 <= len(rows) <= 24
            assert len(r.text) <= 600
            for row in rows:
                m = LINE.match(row)
                assert m, row
                assert 0 <= int(m.group(1)) <= 99 and 0 <= int(m.group(2)) <= 99


def test_cut_at_line_boundary():
    sc = _text_scene([f"line number {i} with some words" for i in range(60)])
    r = ocr.simulate(sc, random.Random(0), profile="clean", p_no_block=0.0)
    assert len(r.text.split("\n")) <= 24 and len(r.text) <= 600
    text, kept = ocr.format_lines(r.lines, 800, 600, max_lines=24, max_chars=600)
    assert text == r.text
    # every kept line is complete (not cut inside)
    for row, ln in zip(r.text.split("\n"), kept):
        assert row.endswith(ln.text)


def test_no_block_without_text():
    for sc in scenes("photo", 4):
        assert ocr.simulate(sc, random.Random(0)).text is None
    c = Canvas(100, 100)
    assert ocr.simulate(c.scene("shapes"), random.Random(0)).block is None


def test_errors_are_realistic():
    sc = _text_scene(["ERROR: connection to 10.0.0.1 lost"] * 2 + ["Module loaded in 100 ms"] * 2)
    seen_change = False
    for s in range(60):
        r = ocr.simulate(sc, random.Random(s), profile="noisy", p_no_block=0.0)
        for ln in r.lines:
            if ln.text not in ("ERROR: connection to 10.0.0.1 lost", "Module loaded in 100 ms"):
                seen_change = True
    assert seen_change
    # look-alike confusions exist in the table
    pairs = set(ocr.CONFUSIONS)
    assert {("O", "0"), ("l", "1"), ("rn", "m")} <= pairs


def test_reading_order_and_positions():
    c = Canvas(1000, 500)
    f = fonts.font("DejaVu Sans", 20)
    c.text((600, 100), "right", f, (0, 0, 0))
    c.text((40, 102), "left", f, (0, 0, 0))
    c.text((40, 300), "below", f, (0, 0, 0))
    r = ocr.simulate(c.scene("document"), random.Random(0), profile="clean", p_no_block=0.0)
    texts = [LINE.match(x).group(3) for x in r.text.split("\n")]
    assert texts[-1] == "below"
    assert texts.index("left") < texts.index("right") if "right" in texts and "left" in texts else True
    first = LINE.match(r.text.split("\n")[0])
    assert int(first.group(1)) in (3, 4, 5) and int(first.group(2)) in (19, 20, 21)


def test_quality_tracks_source_lines():
    sc = _text_scene(["Save changes", "Cancel"])
    r = ocr.simulate(sc, random.Random(0), profile="clean", p_no_block=0.0)
    for ln in sc.lines:
        assert r.quality[ln.id] > 0.9
    r = ocr.simulate(sc, random.Random(0), p_no_block=1.0)
    assert r.text is None and all(v == 0 for v in r.quality.values())
