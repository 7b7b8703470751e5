"""Stage: facts -> captions in three lengths.

short  alt text: the most important thing first, concise, <= 125 characters, never "image of"/"picture of".
normal one to three sentences: the subject and the most salient facts.
long   a paragraph: the subject and everything salient that can be seen or read.

Facts whose text the model cannot read (Evidence says the line is not in the OCR block and too small to read)
are either told without quoting the text (their 'alt' form) or left out, so captions never teach the model to
invent text.
"""
from __future__ import annotations

import re
from importlib import import_module

from . import refer as R
from .language import article, cap, join, looks_plural, number, plural, position_name, position_phrase, sentence
from .templates import ATTR, fill

SHORT_MAX = 125
BANNED_STARTS = re.compile(r"^\s*(an? )?(image|picture|photo|photograph) (of|showing)\b", re.I)


def _readable(f, ev):
    return ev is None or ev.text_ok(f.data.get("lines", ()))


def _subject(scene, ev):
    fs = scene.facts_of("subject")
    if not fs:
        raise ValueError(f"{scene.kind} scene without a subject fact")
    f = fs[0]
    if _readable(f, ev):
        return f["phrase"], f.get("short", f["phrase"])
    return f.get("phrase_alt", f["phrase"]), f.get("short_alt", f.get("phrase_alt", f.get("short", f["phrase"])))


def fact_sentences(scene, ev, rng):
    """[(salience, sentence, short_piece_or_None)] for every fact that can be told."""
    out = []
    w, h = scene.image.size
    n_countable = sum(1 for o in scene.objects if o.countable)
    for f in scene.facts:
        t = f.type
        ok = _readable(f, ev)
        if t == "detail":
            if ok:
                out.append((f.salience, f["text"], f.get("short")))
            elif f.get("alt"):
                out.append((f.salience, f["alt"], f.get("short_alt")))
        elif t == "text" and ok and f.get("caption", True):
            of = f" of the {f['of']}" if f.get("of") else ""
            role = f["role"]
            s = rng.choice([f'The {role}{of} reads "{f["text"]}".', f'The {role}{of} says "{f["text"]}".'])
            out.append((f.salience, s, None))
        elif t == "attr":
            if not ok:
                if f.get("alt"):
                    out.append((f.salience, f["alt"], None))
                continue
            if f.get("sentence"):
                out.append((f.salience, f["sentence"], f.get("short")))
            elif f.get("key") in ATTR and ATTR[f["key"]]["s"]:
                s = fill(rng.choice(ATTR[f["key"]]["s"]), v=str(f["value"]), subj=f.get("subj", "image"))
                out.append((f.salience, s, f.get("short")))
        elif t == "object" and n_countable <= 6:
            o = scene.obj(f["obj"])
            r = R.refer(scene, o)
            pos = position_name(o.cx / w, o.cy / h)
            if r is not None and pos:
                ph = R.render(r)
                if o.color and "color" not in r and o.attrs.get("say_colour", True):
                    ph = f"{o.color} {ph}"
                out.append((f.salience * 0.8, f"{cap(article(ph))} {_be(ph)} {position_phrase(pos)}.", None))
        elif t == "superlative":
            o = scene.obj(f["obj"])
            r = R.refer(scene, o)
            if r is not None:
                out.append((f.salience, f"The {f['what']} {f.get('noun', o.name)} is the {R.render(r)}.", None))
        elif t == "relations":
            from .qa import relation_pairs
            pairs = relation_pairs(scene)
            rng.shuffle(pairs)
            for a, rel, b, ra, rb in pairs[:2]:
                rel_s = {"left of": "to the left of", "right of": "to the right of"}.get(rel, rel)
                out.append((f.salience * 0.9, f"The {R.render(ra)} {_be(R.render(ra))} {rel_s} the {R.render(rb)}.",
                            None))
        elif t == "count" and not f.get("total") and f.get("caption", False):
            ph = f"{f['color']} {f['noun']}" if f.get("color") else f["noun"]
            out.append((f.salience, f"There {'is' if f['n'] == 1 else 'are'} {number(f['n'])} "
                                    f"{ph if f['n'] == 1 else plural(ph)}.", None))
        elif t in ("chart", "graph"):
            mod = import_module(f"{__package__}.{t}qa")
            out.extend(mod.sentences(scene, f, ev, rng))
    return out


def _be(noun_phrase: str) -> str:
    return "are" if looks_plural(noun_phrase.split()[-1]) else "is"


def clean_short(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip().rstrip(".")
    s = BANNED_STARTS.sub("", s).strip()
    return cap(s)


def short_caption(scene, ev, rng, facts=None) -> str:
    _, short = _subject(scene, ev)
    s = short
    if rng.random() < 0.5:
        s = re.sub(r"^(a|an) ", "", s)
    s = clean_short(s)
    facts = facts if facts is not None else fact_sentences(scene, ev, rng)
    pieces = sorted([(sal, p) for sal, _, p in facts if p], key=lambda x: -x[0])
    for sal, p in pieces[:2]:
        if sal < 0.55:
            break
        if p.startswith((",", ";", ":")):
            cand = s + p
        elif p.startswith("with ") and " with " not in s:
            cand = s + " " + p
        else:
            cand = s + ", " + p
        if len(cand) <= SHORT_MAX:
            s = cand
    if len(s) > SHORT_MAX:
        s = s[:SHORT_MAX].rsplit(" ", 1)[0].rstrip(",;:")
    return s


def _subject_sentence(scene, ev, rng):
    phrase, _ = _subject(scene, ev)
    opts = [sentence(phrase)]
    if scene.kind in ("ui", "code", "terminal"):
        opts.append(sentence("A screenshot of " + phrase))
    if scene.kind in ("shapes", "objects"):
        opts.append(sentence("There " + ("are " if _plural_phrase(phrase) else "is ") + phrase))
    return rng.choice(opts)


def _plural_phrase(p):
    first = p.split()[0].lower()
    return first in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many") or \
        first.isdigit() and first != "1"


def normal_caption(scene, ev, rng, facts=None) -> str:
    facts = facts if facts is not None else fact_sentences(scene, ev, rng)
    head = _subject_sentence(scene, ev, rng)
    ranked = sorted(facts, key=lambda x: -x[0])
    return " ".join([head] + _pick(head, ranked, 0.5, rng.choice([1, 2, 2, 3])))


def _pick(head, ranked, min_sal, k):
    """Up to k sentences, most salient first, skipping repeats and sentences whose quoted text was already told."""
    body, seen = [], {sentence(head).lower()}
    told = " ".join([head])
    for sal, s, _ in ranked:
        s2 = sentence(s)
        if sal < min_sal or s2.lower() in seen:
            continue
        quotes = re.findall(r'"([^"]+)"', s2)
        if quotes and all(f'"{q}"' in told for q in quotes):
            continue
        seen.add(s2.lower())
        told += " " + s2
        body.append(s2)
        if len(body) >= k:
            break
    return body


def long_caption(scene, ev, rng, facts=None) -> str:
    facts = facts if facts is not None else fact_sentences(scene, ev, rng)
    head = _subject_sentence(scene, ev, rng)
    ranked = sorted(facts, key=lambda x: -x[0])
    return " ".join([head] + _pick(head, ranked, 0.2, 8))


def captions(scene, ev, rng) -> dict:
    facts = fact_sentences(scene, ev, rng)
    return {"short": short_caption(scene, ev, rng, facts), "normal": normal_caption(scene, ev, rng, facts),
            "long": long_caption(scene, ev, rng, facts)}
