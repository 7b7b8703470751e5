import random
import re

import numpy as np
import pytest

from test_synth_common import KINDS, scenes

from training.synth.scenes import generate_scene


@pytest.mark.parametrize("kind", KINDS)
def test_scene_is_consistent(kind):
    for sc in scenes(kind, 6):
        assert sc.kind == kind
        assert sc.image.mode == "RGB"
        w, h = sc.image.size
        subj = sc.facts_of("subject")
        assert len(subj) == 1 and subj[0]["phrase"]
        ids = {ln.id for ln in sc.lines}
        for ln in sc.lines:
            x0, y0, x1, y1 = ln.box
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (kind, ln)
            assert ln.text.strip()
        for o in sc.objects:
            x0, y0, x1, y1 = o.box
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, (kind, o.name, o.box)
            m = o.full_mask()
            assert m.shape == (y1 - y0, x1 - x0)
            assert m.any()
            if o.mask is not None:   # the box is the tight box of the object's pixels
                ys, xs = np.nonzero(m)
                assert xs.min() == 0 and ys.min() == 0 and xs.max() == m.shape[1] - 1 and ys.max() == m.shape[0] - 1
        for f in sc.facts:
            for lid in f.data.get("lines", ()):
                assert lid == -1 or lid in ids, (kind, f.type, lid)
            if "obj" in f.data:
                sc.obj(f["obj"])
        # detect names are complete by construction; a name may have zero instances (no error panel this time)
        assert all(isinstance(n, str) and n for n in sc.detect_names)


@pytest.mark.parametrize("kind", KINDS)
def test_scene_is_deterministic(kind):
    a = generate_scene(random.Random(f"det:{kind}"), kind)
    b = generate_scene(random.Random(f"det:{kind}"), kind)
    assert a.image.tobytes() == b.image.tobytes()
    assert [(f.type, repr(sorted(f.data.items(), key=lambda kv: kv[0]))) for f in a.facts] == \
        [(f.type, repr(sorted(f.data.items(), key=lambda kv: kv[0]))) for f in b.facts]


def test_shapes_counts_match_objects():
    for sc in scenes("shapes", 20, seed=3):
        for f in sc.facts_of("count"):
            objs = [o for o in sc.objects if (o.name == f["noun"] or f["noun"] in o.aliases)
                    and (f.get("color") is None or o.color == f["color"])]
            assert len(objs) == f["n"], f.data


def test_shape_colours_are_what_they_say():
    from training.synth.colors import classify
    for sc in scenes("shapes", 20, seed=4):
        arr = np.asarray(sc.image)
        for o in sc.objects:
            x0, y0, x1, y1 = o.box
            px = arr[y0:y1, x0:x1][o.full_mask()]
            med = tuple(int(v) for v in np.median(px, axis=0))
            got = classify(med)
            assert got in (o.color, None) or {got, o.color} <= {"black", "gray"} or \
                {got, o.color} <= {"red", "pink"} and o.color == "pink", (o.color, got, med)


def test_colours_cover_each_name_not_a_few_palette_points():
    """Real images use any red (pure CSS red, crimson); a model trained on four reds calls pure red blue."""
    import random
    from training.synth import colors
    rng = random.Random(5)
    for name in colors.BANDS:
        samples = [colors.rgb(rng, name) for _ in range(400)]
        palette_only = [colors.rgb(rng, name, broad=0.0) for _ in range(400)]
        assert all(colors.classify(c) == name for c in samples), name
        spread = lambda cs: np.ptp(np.asarray(cs, dtype=float), axis=0).sum()
        assert spread(samples) > 1.3 * spread(palette_only), name


def test_some_shapes_are_big():
    big = [o for sc in scenes("shapes", 60, seed=6) for o in sc.objects
           if (o.box[2] - o.box[0]) >= 0.25 * min(sc.image.size)]
    assert len(big) >= 10


def test_text_to_read_is_not_a_small_pool():
    """Names a model must read off the screen (missing modules, files, apps) are often made up, so answers cannot
    be recalled from training: they have to be copied from the OCR lines."""
    import random
    import re
    from training.synth import lexicon as L
    rng = random.Random(5)
    words = [L.made_up_name(rng) for _ in range(300)]
    assert len(set(words)) > 250
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+|[0-9]+)?", w) for w in words)
    files = {L.file_name(rng, "py") for _ in range(200)}
    assert len(files) > 60 and any(f.split(".")[0] in L.FILE_STEMS for f in files)


def test_terminal_errors_are_read_not_recalled():
    """npm failures vary (registry 404s, failing scripts, dependency conflicts) and often name made-up packages
    and modules, so the error line a question asks about has to be copied from the screen, not recalled."""
    from training.synth.scenes import terminal as T
    rng = random.Random(3)
    ctx = {"user": "dev", "proj": "webapp"}
    failed = [b.error for b in (T._npm_install(rng, ctx) for _ in range(300)) if b.error]
    assert len(failed) > 100
    # npm prints the ERESOLVE line verbatim; it is now one failure of three, and the others are mostly unique
    eresolve = [e for e in failed if "ERESOLVE" in e]
    others = [e for e in failed if "ERESOLVE" not in e]
    assert len(eresolve) < len(failed) / 2
    assert len(set(others)) > 0.7 * len(others)
    for _ in range(50):
        b = T._npm_script_failure(rng, ctx)
        shown = [ln if isinstance(ln, str) else ln[0] for ln in b.output]
        # the program's own error is the error; npm's trailing lines are not
        assert b.error in shown and not b.error.startswith("npm ERR!")
        for _, _, answer, needed in b.facts:   # evidence must be in the output lines (what the fact checker sees)
            assert all(any(n in ln for ln in shown) for n in needed), (answer, needed)


def test_ui_messages_are_read_not_recalled():
    """Toasts and dialogs mostly say composed things with made-up names in them, so their text has to be copied
    from the screen; the composed texts fit a toast and use the dialog types the captions know."""
    from training.synth import messages as M
    from training.synth.scenes import ui
    rng = random.Random(4)
    toasts = [M.toast_message(rng) for _ in range(300)]
    assert len({m for _, m in toasts}) > 0.9 * len(toasts)
    assert all(k in ("success", "error", "warning", "info") and len(m) <= 60 for k, m in toasts)
    dialogs = [M.dialog_message(rng) for _ in range(300)]
    assert len({(t, m) for _, _, t, m, _, _ in dialogs}) > 0.9 * len(dialogs)
    known = {d[0] for d in ui._dialog_templates(rng)}
    assert all(d[0] in known and d[1] in ("info", "warning", "error", "success") and d[4] for d in dialogs)
    # the scenes use them: most toast messages drawn by the scene are not in the fixed list
    fixed = [re.compile(re.sub(r"\\{\w+\\}", ".+", re.escape(m)) + "$") for _, m in ui.TOASTS]
    shown = []
    for seed in range(40):
        s = ui.toast(random.Random(seed), ui.make_theme(random.Random(seed)))
        if s:
            shown += [f["text"] for f in s.facts_of("text") if f["role"] == "notification"]
    assert shown and sum(not any(p.match(t) for p in fixed) for t in shown) > len(shown) / 3


def test_chart_titles_are_read_not_recalled():
    """Chart titles are topics with a year, quarter or project added more often than not, so a title has to be
    read; the short caption keeps the added name's case."""
    from training.synth.scenes import charts
    rng = random.Random(5)
    titles = [charts._title(rng, "Monthly revenue") for _ in range(200)]
    assert 0.5 < sum(t != "Monthly revenue" for t in titles) / len(titles) < 0.8
    assert len(set(titles)) > 80
    assert charts._lower_title("Monthly revenue for Nimbus") == "monthly revenue for Nimbus"
    assert charts._lower_title("GitHub stars") == "GitHub stars"
    assert charts._lower_title("API latency") == "API latency"


def test_diagram_labels_are_read_not_recalled():
    """Half the flowcharts, architectures and trees have composed labels with made-up names; a tree's canvas
    has room for every leaf."""
    from training.synth.scenes import diagrams as D
    rng = random.Random(6)
    archs = [D.composed_architecture(rng) for _ in range(100)]
    assert all(len(set(labels)) == len(labels) for labels, _, _ in archs)
    assert len({tuple(labels) for labels, _, _ in archs}) > 90
    flows = [D.composed_flow(rng) for _ in range(100)]
    assert len({(tuple(st), q) for _, st, q, _, _ in flows}) > 90
    for _ in range(30):
        kind, root, children, _ = D.composed_tree(rng)
        names = [root] + [n for ch in children.values() for n in ch]
        assert len(set(names)) == len(names)
    for seed in range(20):
        c, g = D.tree(random.Random(seed))
        # boxes are clipped to the canvas, so a node drawn partly off it is narrower than the others
        widths = [c.objects[n["obj"]].box[2] - c.objects[n["obj"]].box[0] for n in g["nodes"]]
        assert max(widths) - min(widths) <= 2, (seed, widths)


def test_banner_scene_reads_its_message():
    """An alert banner's text is a fact asked about with the wording its kind calls for, and "Is there an
    error?" is answered Yes only for error banners."""
    from training.synth.scenes import ui
    seen = set()
    for seed in range(30):
        sc = ui.banner(random.Random(seed), ui.make_theme(random.Random(seed)))
        if sc is None:
            continue
        [text] = [f for f in sc.facts_of("text") if f["role"] == "banner"]
        assert text["text"] in [ln.text for ln in sc.lines]
        kind = sc.facts_of("subject")[0]["short"].split()[0].lower()
        seen.add(kind)
        [err] = [f for f in sc.facts_of("qa") if "Is there an error?" in f["q"]]
        assert err["a"] == ("Yes" if kind == "error" else "No")
        assert any(o.name == "alert" for o in sc.objects)
    assert {"error", "warning"} <= seen


def test_kind_variants_are_parsed_checked_and_drawn():
    """train.py --kinds shapes:one-kind=...: a kind's variant is its module's hint; unknown variants are refused."""
    from training.synth.scenes import parse_kind_weights
    weights = parse_kind_weights("ui=2,shapes:one-kind=1,objects:single=1")
    assert weights == {"ui": 2.0, "shapes:one-kind": 1.0, "objects:single": 1.0}
    with pytest.raises(ValueError, match="unknown variant 'two' of scene kind 'shapes'"):
        parse_kind_weights("shapes:two")
    with pytest.raises(ValueError, match="variants: none"):
        parse_kind_weights("ui:dark")
    rng = random.Random(5)
    one_kind = [generate_scene(rng, weights={"shapes:one-kind": 1.0}) for _ in range(12)]
    assert all(s.kind == "shapes" and len({(o.name, o.color) for o in s.objects}) == 1 for s in one_kind)
    singles = [generate_scene(rng, weights={"objects:single": 1.0}) for _ in range(6)]
    assert all(s.kind == "objects" and s.meta.get("layout") == "single" for s in singles)
    mixed = [generate_scene(random.Random(i), kind="shapes") for i in range(40)]
    assert any(len({(o.name, o.color) for o in s.objects}) > 1 for s in mixed), "without the hint kinds still mix"
