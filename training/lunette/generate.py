"""Reference decoding in PyTorch, mirroring docs/model-pack.md step by step (greedy).

Each decoder call here corresponds to one decoder.onnx run, each region call to one region.onnx run, so the
TypeScript engine can reproduce the ids / objects / points exactly. Besides the outputs, every greedy decision
records its margin (best minus runner-up), so a reference can be checked to be free of near-ties.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image

from .config import ModelConfig
from .held_back import spellings
from .model import LunetteModel
from .region import bin_to_coord, bin_to_size, coord_to_bin, size_to_bin
from .snap import iou, snap_box, snap_boxes
from .text import KVCache
from .tokenizer import Tokenizer

TEMPLATES = {
    "caption": {"short": "\n\nShort caption:", "normal": "\n\nCaption:", "long": "\n\nLong caption:"},
    "query": "\n\nQuestion: {question}\n\nAnswer:",
    "detect": "\n\nDetect: {object}\n\n",
    "point": "\n\nPoint: {object}\n\n",
}
MAX_TOKENS = {"short": 40, "normal": 96, "long": 200, "answer": 96}
MAX_OBJECTS = 20
# generation.region_proposals = "pixels" (locate_ranked): how regions of the image are ranked by the model.
MIDDLE = 0.15          # a region's centre counts within this share of its extent either side
RANK_X, RANK_XY = 12, 4  # regions kept after scoring x, then after x and y
SIZE_WINDOW = 3        # size bins either side of a region's own
GREEDY_HANDICAP = 8.0  # nats: the model's own box wins only where no region comes near its liking
TAKEN_IOU = 0.5        # a region overlapping a box already given this much is that thing again
MASS_FLOOR = 1e-9
# The shipped packs' generation.no_repeat_ngram: a small model can loop ("The message reads X. The message
# reads X."); no n-gram of this many tokens is generated twice. 0 turns it off (the test pack's references).
NO_REPEAT_NGRAM = 4
# generation.answer_candidates: an OCR line competes with the greedy answer only when the model rates starting with
# it at least this much as probable as the greedy first token (measured: 0.2 and 0.5 both keep descriptions
# whole; 0.2 also lets "Changes saved" beat a wandering toast answer).
CANDIDATE_FIRST_TOKEN_RATIO = 0.2
BACKGROUND = (255, 255, 255)


# --- image ---------------------------------------------------------------------------------------------
def preprocess(image: Image.Image, cfg: ModelConfig) -> torch.Tensor:
    """PIL image -> normalized pixels [1,3,S,S]: alpha flattened onto white, "fill" resize (Pillow BILINEAR,
    reducing_gap None) when the size differs, x = (rgb/255 - mean) / std computed in float64, then float32."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, BACKGROUND + (255,))
        flat.alpha_composite(rgba)
        image = flat
    image = image.convert("RGB")
    s = cfg.vision.image_size
    if image.size != (s, s):
        image = image.resize((s, s), Image.BILINEAR, reducing_gap=None)
    x = np.asarray(image, dtype=np.float64) / 255.0
    x = (x - np.asarray(cfg.vision.mean)) / np.asarray(cfg.vision.std)
    return torch.from_numpy(x.astype(np.float32).transpose(2, 0, 1).copy()).unsqueeze(0)


def make_reference_image(size: int) -> Image.Image:
    """Deterministic RGB test image: a colour gradient, a red square and a blue disc."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64) / max(size - 1, 1)
    img = np.stack([200 * xx + 30, 180 * yy + 40, 120 * (1 - xx) + 60], axis=-1)
    a, b = size // 8, size // 2
    img[a:b, a:b] = (220, 30, 40)
    cy = cx = 0.7 * size
    r = size / 5
    disc = (np.mgrid[0:size, 0:size][0] - cy) ** 2 + (np.mgrid[0:size, 0:size][1] - cx) ** 2 <= r * r
    img[disc] = (30, 60, 210)
    return Image.fromarray(np.clip(np.round(img), 0, 255).astype(np.uint8), "RGB")


# --- decoding ------------------------------------------------------------------------------------------
def _top2_margin(x: torch.Tensor) -> Tuple[int, float]:
    top = torch.topk(x, 2)
    return int(top.indices[0]), float(top.values[0] - top.values[1])


@dataclass
class Prefix:
    """KV cache after [BOS][image] (or any prompt), and the next free position."""
    past: KVCache
    pos: int


def repeated_ngram_tokens(ids: List[int], n: int) -> List[int]:
    """Tokens that would complete an n-gram already in `ids` (Hugging Face's no_repeat_ngram_size)."""
    if n <= 0 or len(ids) < n:
        return []
    tail = ids[len(ids) - n + 1:]
    return sorted({ids[i + n - 1] for i in range(len(ids) - n + 1) if ids[i:i + n - 1] == tail})


QUOTE = '"'


def quote_candidates(lines: Sequence[str]) -> List[str]:
    """What a quote may hold (docs/model-pack.md, "Quotes taken whole from the OCR lines"): each OCR line and each two
    consecutive lines joined by a space, each also in sentence case; lines with a double quote are left out."""
    usable = [ln.strip() for ln in lines if ln.strip() and QUOTE not in ln]
    joined = [f"{a} {b}" for a, b in zip(usable, usable[1:])]
    return list(dict.fromkeys(t for text in usable + joined for t in (text, sentence_case(text))))


def sentence_case(text: str) -> str:
    return text[:1] + text[1:].lower()


def opening_quote_end(inside_quote: bool, piece: str) -> int:
    """Index in `piece` just after the double quote it opens, or -1 when it opens none."""
    open_ = inside_quote
    for i, ch in enumerate(piece):
        if ch != QUOTE:
            continue
        if not open_:
            return i + 1
        open_ = False
    return -1


def quote_open_after(inside_quote: bool, piece: str) -> bool:
    return (piece.count(QUOTE) % 2 == 1) != inside_quote


class Generator:
    def __init__(self, model: LunetteModel, tokenizer: Tokenizer, templates: Optional[dict] = None,
                 no_repeat_ngram: int = 0, single_line: bool = False):
        """`single_line`: captions and answers never hold a line break (the manifest's generation.single_line)."""
        self.model = model.eval()
        self.tok = tokenizer
        self.cfg = model.cfg
        self.templates = templates or TEMPLATES
        self.no_repeat_ngram = no_repeat_ngram
        self.single_line = single_line
        self._piece_cache: Optional[List[str]] = None
        self._closer_cache: Optional[List[int]] = None
        self._line_break_cache: Optional[List[int]] = None
        self._spelling_cache: Dict[str, List[List[int]]] = {}

    # one decoder.onnx run
    @torch.no_grad()
    def _step(self, embeds: torch.Tensor, state: Prefix, copy_ids: Optional[List[int]] = None
              ) -> Tuple[torch.Tensor, torch.Tensor, Prefix]:
        """copy_ids: the token ids of these positions when they are copy sources (prompt and OCR text)."""
        t = embeds.shape[1]
        position_ids = torch.arange(state.pos, state.pos + t).unsqueeze(0)
        ids = None if copy_ids is None else torch.tensor([copy_ids], dtype=torch.long)
        logits, hidden, presents = self.model.step(embeds, position_ids, state.past, ids)
        return logits[0], hidden[0], Prefix(presents, state.pos + t)

    def _empty(self) -> Prefix:
        tc = self.cfg.text
        z = torch.zeros(1, tc.n_heads, 0, tc.head_dim)
        past = [(z, z) for _ in range(tc.n_layers)]
        if tc.copy_dim:
            past.append((torch.zeros(1, 0, tc.copy_dim), torch.zeros(1, 0, dtype=torch.long))
                        + ((torch.zeros(1, 1, tc.copy_dim),) if tc.copy_prev else ()))
        return Prefix(past, 0)

    @torch.no_grad()
    def encode_image(self, pixels: torch.Tensor) -> Prefix:
        """[BOS][image] at positions 0..N through the decoder with a zero-length past."""
        _, _, state = self._step(self.model.prefix_embeds(pixels), self._empty())
        return state

    @torch.no_grad()
    def _prefill(self, prompt: str, state: Prefix):
        ids = self.tok.encode(prompt)
        logits, hidden, state = self._step(self.model.embed(torch.tensor([ids])), state, copy_ids=ids)
        return ids, logits, hidden, state

    @torch.no_grad()
    def _continue_text(self, prompt_ids: List[int], logits: torch.Tensor, state: Prefix, max_tokens: int,
                       quote_lines: Sequence[str] = (), held_back: Sequence[str] = ()
                       ) -> Tuple[dict, Optional[float]]:
        """(output, log p(ids, then EOS)); the score is None when the text was cut at max_tokens. With
        `quote_lines` (the OCR lines in the prompt), a quote the model opens is filled by `best_quote`, never with
        a text already quoted in this output. Outside quotes, no word of `held_back` is written
        (`names_held_back_word`; lunette/held_back.py)."""
        cfg = self.cfg
        first = torch.topk(logits, 5)
        ids, margins = [], []
        logprob = 0.0   # the unmasked scores of the chosen tokens, as best_answer scores any answer
        candidates = quote_candidates(quote_lines)
        closers = self._closers() if candidates else []
        inside_quote = must_close = False
        quoted = set()   # lower-cased texts of this output's quotes
        while len(ids) < max_tokens:
            masked = logits.clone()
            masked[[cfg.coord_id, cfg.size_id]] = float("-inf")
            if self.single_line:
                masked[self._line_breaks()] = float("-inf")
            for banned in repeated_ngram_tokens(ids, self.no_repeat_ngram):
                masked[banned] = float("-inf")
            if must_close and closers:
                allowed = [c for c in closers if masked[c] != float("-inf")] or closers
                tok = max(allowed, key=lambda c: float(logits[c]))
            else:
                tok, margin = _top2_margin(masked)
                previous = self._pieces()[ids[-1]] if ids and held_back else None
                while not inside_quote and self.names_held_back_word(tok, logits, state, held_back, previous):
                    masked[tok] = float("-inf")
                    tok, margin = _top2_margin(masked)
                margins.append(margin)
            must_close = False
            if closers and tok != cfg.eos_id:
                piece = self._pieces()[tok]
                at = opening_quote_end(inside_quote, piece)
                quote = None
                if at >= 0:
                    unused = [c for c in candidates if c.lower() not in quoted]
                    quote = self.best_quote(logits, state, piece[:at], unused, max_tokens - len(ids))
                if quote is not None:
                    q_ids, q_logprob, logits, state, q_text = quote
                    quoted.add(q_text.lower())
                    ids += q_ids
                    logprob += q_logprob
                    inside_quote = must_close = True
                    continue
                inside_quote = quote_open_after(inside_quote, piece)
            logprob += float(torch.log_softmax(logits.float(), -1)[tok])
            if tok == cfg.eos_id:
                break
            ids.append(tok)
            if len(ids) == max_tokens:
                logprob = None
                break
            logits, _, state = self._step(self.model.embed(torch.tensor([[tok]])), state)
        return {
            "prompt_ids": prompt_ids,
            "ids": ids,
            "text": self.tok.decode(ids, skip_special_tokens=True),
            "first_logits_top": [[int(i), float(v)] for i, v in zip(first.indices, first.values)],
            "min_margin": min(margins) if margins else math.inf,
        }, logprob

    def names_held_back_word(self, tok: int, scores: torch.Tensor, state: Prefix, held_back: Sequence[str],
                             previous: Optional[str] = None) -> bool:
        """Does choosing `tok` here start a word of `held_back` (any of its `held_back.spellings`)? The spelling's
        next tokens and then a word's end must be what the model would go on to choose (greedy, looked ahead):
        " red" followed by "is" is not the colour. A spelling without a leading space starts a word only at the
        output's start or after `previous` (the text of the token before) ends in neither a letter nor a digit: the
        "2" of "1" "2" is not the number 2."""
        mid_word = previous is not None and previous[-1:].isalnum()
        for word in held_back:
            for ids in self._spelled(word):
                if ids[0] != tok or (mid_word and not self._pieces()[tok].startswith(" ")):
                    continue
                after, ahead = scores, state
                followed = True
                for i, expected in enumerate(ids):
                    if i > 0 and int(torch.argmax(after)) != expected:
                        followed = False
                        break
                    after, _, ahead = self._step(self.model.embed(torch.tensor([[expected]])), ahead)
                if followed:
                    nxt = int(torch.argmax(after))
                    if nxt == self.cfg.eos_id or not self._pieces()[nxt][:1].isalnum():
                        return True
        return False

    def _spelled(self, word: str) -> List[List[int]]:
        """The token ids of each spelling of `word`, encoded once."""
        if word not in self._spelling_cache:
            self._spelling_cache[word] = [self.tok.encode(s) for s in spellings(word)]
        return self._spelling_cache[word]

    def _pieces(self) -> List[str]:
        """Each token's own text, decoded once."""
        if self._piece_cache is None:
            self._piece_cache = [self.tok.decode([i], skip_special_tokens=True) for i in range(len(self.tok))]
        return self._piece_cache

    def _line_breaks(self) -> List[int]:
        """Tokens whose text holds a line break, found once."""
        if self._line_break_cache is None:
            self._line_break_cache = [i for i, piece in enumerate(self._pieces()) if "\n" in piece or "\r" in piece]
        return self._line_break_cache

    def _closers(self) -> List[int]:
        """Tokens whose text starts with a double quote, found once."""
        if self._closer_cache is None:
            self._closer_cache = [i for i, piece in enumerate(self._pieces()) if piece.startswith(QUOTE)]
        return self._closer_cache

    def best_quote(self, scores: torch.Tensor, state: Prefix, lead: str, candidates: Sequence[str], max_tokens: int
                   ) -> Optional[Tuple[List[int], float, torch.Tensor, Prefix, str]]:
        """The candidate the model rates most probable as a whole quote from here: log p(tokens of `lead` + text)
        plus log p(closing it next: any token starting with a double quote). Tried in order of the first token's
        score, dropped once below the best. -> (ids, log p(ids), scores and state after them, the text), or None
        when no candidate fits in `max_tokens` (docs/model-pack.md, "Quotes taken whole from the OCR lines")."""
        closers = self._closers()
        if not closers:
            return None

        def closing(s: torch.Tensor) -> float:
            return float(torch.logsumexp(torch.log_softmax(s.float(), -1)[closers], 0))

        encoded = [(ids, text) for ids, text in ((self.tok.encode(lead + text), text) for text in candidates)
                   if 0 < len(ids) < max_tokens]
        encoded.sort(key=lambda e: -float(scores[e[0][0]]))
        best, best_score = None, -math.inf
        for ids, text in encoded:
            scored = self._score_sequence(scores, state, ids, closing, floor=best_score)
            if scored is not None and scored[0] > best_score:
                best_score = scored[0]
                best = (ids, scored[0] - scored[1], scored[2], scored[3], text)
        return best

    def caption(self, state: Prefix, length: str = "normal", max_tokens: Optional[int] = None,
                quote_lines: Sequence[str] = (), held_back: Sequence[str] = (), start: str = "") -> dict:
        """Greedy caption; with `start`, the caption begins so (prefilled after the template, as part of the
        prompt) and the model ends its sentence: what it writes is cut after its first full stop, and a `start`
        that ends with one is the whole caption."""
        if start.endswith("."):
            return {"ids": [], "text": start}
        prompt_ids, logits, _, after = self._prefill(self.templates["caption"][length] + start, state)
        out = self._continue_text(prompt_ids, logits, after, max_tokens or MAX_TOKENS[length], quote_lines,
                                  held_back)[0]
        if start:
            rest = out["text"].lstrip()
            stop = re.search(r"\.(\s|$)", rest)
            rest = rest[:stop.start() + 1] if stop else rest
            # punctuation that closes goes straight on, anything else after a space (the engine's text starts trimmed)
            out["text"] = start + (" " if rest and rest[0] not in ".,:;!?)" else "") + rest
        return out

    def query(self, state: Prefix, question: str, max_tokens: Optional[int] = None,
              candidates: Sequence[str] = (), quote_lines: Sequence[str] = (),
              held_back: Sequence[str] = (), only_candidates: bool = False) -> dict:
        """Greedy answer; with `candidates` (the OCR lines in the prompt), the answer is whichever of the greedy
        one and the candidates the model gives the highest probability (docs/model-pack.md, "Answers ranked against
        the OCR lines"), or with `only_candidates`, of the candidates alone; with `quote_lines`, quotes in it are
        taken whole from them."""
        prompt = self.templates["query"].replace("{question}", question.strip())
        prompt_ids, logits, _, after = self._prefill(prompt, state)
        out, logprob = self._continue_text(prompt_ids, logits, after, max_tokens or MAX_TOKENS["answer"], quote_lines,
                                           held_back)
        if candidates:
            out.update(self.best_answer(logits, after, out["ids"], candidates, logprob, only_candidates))
        return out

    def sequence_logprob(self, scores: torch.Tensor, state: Prefix, ids: List[int], floor: float = -math.inf
                         ) -> Optional[float]:
        """log p(ids, then EOS) from the prefilled answer position (`scores` are its step's scores), or None as
        soon as the running sum drops below `floor`: such a candidate cannot beat the one that set the floor."""
        eos = self.cfg.eos_id
        scored = self._score_sequence(scores, state, ids, lambda s: float(torch.log_softmax(s.float(), -1)[eos]), floor)
        return None if scored is None else scored[0]

    @torch.no_grad()
    def _score_sequence(self, scores: torch.Tensor, state: Prefix, ids: List[int], end, floor: float = -math.inf
                        ) -> Optional[Tuple[float, float, torch.Tensor, Prefix]]:
        """log p(ids) + end(scores after them), the end term alone, and the scores and state after `ids`; None as
        soon as the running sum drops below `floor` (src/engine/scoring.ts sequenceLogprob)."""
        total = 0.0
        for tok in ids:
            total += float(torch.log_softmax(scores.float(), -1)[tok])
            if total < floor:
                return None
            scores, _, state = self._step(self.model.embed(torch.tensor([[tok]])), state)
        end_lp = end(scores)
        total += end_lp
        return None if total < floor else (total, end_lp, scores, state)

    def best_answer(self, scores: torch.Tensor, state: Prefix, greedy_ids: List[int], candidates: Sequence[str],
                    greedy_logprob: Optional[float] = None, only_candidates: bool = False) -> dict:
        """Greedy decoding can start well and wander ("npm run build@box:~/lunette$ npm run build…"); a line the
        model rates higher as a whole wins. Only lines the model nearly started with compete (first token at least
        CANDIDATE_FIRST_TOKEN_RATIO as probable as the greedy one): a whole description is less probable than
        any short line, yet "What is shown?" is not answered by one. Candidates are tried in order of their first
        token's score, so the floor rises fast and most are dropped after a step or two. `greedy_logprob` is the
        greedy answer's score from its own decoding (None: scored here). With `only_candidates` (a button's label:
        lunette/buttons.py), the answer is the most probable candidate, every one competing, the greedy one not."""
        if only_candidates:
            best_ids, best = None, -math.inf
        else:
            best_ids, best = greedy_ids, (greedy_logprob if greedy_logprob is not None
                                          else self.sequence_logprob(scores, state, greedy_ids))
        first = torch.log_softmax(scores.float(), -1)
        seen = set() if only_candidates else {tuple(greedy_ids)}
        encoded = []
        for text in candidates:
            ids = self.tok.encode(" " + text.strip())
            if ids and tuple(ids) not in seen:
                seen.add(tuple(ids))
                encoded.append(ids)
        lead = float(first[greedy_ids[0] if greedy_ids else self.cfg.eos_id])
        if not only_candidates:
            encoded = [ids for ids in encoded if float(first[ids[0]]) >= lead + math.log(CANDIDATE_FIRST_TOKEN_RATIO)]
        encoded.sort(key=lambda ids: -float(first[ids[0]]))
        for ids in encoded:
            lp = self.sequence_logprob(scores, state, ids, floor=best)
            if lp is not None and lp > best:
                best_ids, best = ids, lp
        if best_ids is None:   # only candidates, and none scored: the greedy answer stands
            return {"ids": greedy_ids, "text": self.tok.decode(greedy_ids, skip_special_tokens=True),
                    "logprob": greedy_logprob, "from_candidate": False}
        return {"ids": best_ids, "text": self.tok.decode(best_ids, skip_special_tokens=True), "logprob": best,
                "from_candidate": best_ids is not greedy_ids}

    @torch.no_grad()
    def _locate(self, task: str, obj: str, state: Prefix, max_objects: int) -> dict:
        cfg, m = self.cfg, self.model
        rc = cfg.region
        prompt_ids, logits, hidden, state = self._prefill(self.templates[task].replace("{object}", obj), state)
        out, bins, margins = [], [], []

        def coord(h):
            b, margin = _top2_margin(m.decode_coord(h))
            margins.append(margin)
            return b, bin_to_coord(b, rc.coord_bins)

        while len(out) < max_objects:
            margins.append(abs(float(logits[cfg.eos_id] - logits[cfg.coord_id])))
            if logits[cfg.eos_id] >= logits[cfg.coord_id]:
                break
            xb, x = coord(hidden)
            _, hidden, state = self._step(m.encode_coord(torch.tensor([[x]])).unsqueeze(1), state)
            yb, y = coord(hidden)
            logits, hidden, state = self._step(m.encode_coord(torch.tensor([[y]])).unsqueeze(1), state)
            if task == "point":
                out.append({"x": x, "y": y})
                bins.append([xb, yb])
                continue
            size_logits = m.decode_size(hidden)  # [2, size_bins]
            (wb, wm), (hb, hm) = _top2_margin(size_logits[0]), _top2_margin(size_logits[1])
            margins += [wm, hm]
            w, h = bin_to_size(wb, rc.size_bins, rc.size_log2_min), bin_to_size(hb, rc.size_bins, rc.size_log2_min)
            logits, hidden, state = self._step(m.encode_size(torch.tensor([[w, h]])).unsqueeze(1), state)
            clip = lambda v: min(max(v, 0.0), 1.0)  # noqa: E731
            out.append({"x_min": clip(x - w / 2), "y_min": clip(y - h / 2), "x_max": clip(x + w / 2), "y_max": clip(y + h / 2)})
            bins.append([xb, yb, wb, hb])
        return {"prompt_ids": prompt_ids, "objects" if task == "detect" else "points": out, "bins": bins,
                "min_margin": min(margins)}

    @torch.no_grad()
    def locate_ranked(self, task: str, obj: str, state: Prefix, proposals: Sequence[Sequence[float]],
                      snap_img: Optional[np.ndarray] = None, max_objects: int = MAX_OBJECTS,
                      every_region: bool = False) -> dict:
        """Detect or point choosing among the image's regions (`proposals.region_proposals`) by the model's own
        distributions (docs/model-pack.md "Regions ranked by the model"; engine: src/engine/rankedRegions.ts).

        The model still decides whether another object follows. For each, every region not yet taken is scored by
        the log of the probability mass the x distribution puts on its middle (MIDDLE either side); the RANK_X best are fed back
        as x and scored on y likewise, the RANK_XY best of those on width and height (mass within SIZE_WINDOW
        bins of the region's, detect only). The model's greedy box (snapped when `snap_img` is given) competes as
        one more region with a handicap of GREEDY_HANDICAP nats, so a thing no region outlines is still found.
        The winner is fed back and given out; boxes snapped (`snap_img`) as `snap.snap_boxes` does.

        With `every_region` (the proposals are the asked thing's own regions, lunette/located_things.py), every
        region is given and the model only orders them: no greedy box competes, and the model's end is not heeded
        until none is left."""
        cfg, m = self.cfg, self.model
        rc = cfg.region
        prompt_ids, logits, hidden, state = self._prefill(self.templates[task].replace("{object}", obj), state)
        probs = lambda h: torch.softmax(h, dim=-1).numpy().astype(np.float64)  # noqa: E731
        step_coord = lambda v, st: self._step(m.encode_coord(torch.tensor([[v]])).unsqueeze(1), st)  # noqa: E731
        taken: List[List[float]] = []
        while len(taken) < max_objects and (every_region or logits[cfg.eos_id] < logits[cfg.coord_id]):
            px = probs(m.decode_coord(hidden))
            if every_region:
                free = [p for p in proposals if p not in taken]
                if not free:
                    break
                regions = free
            else:
                if task == "detect":
                    free = [p for p in proposals if all(iou(p, t) < TAKEN_IOU for t in taken)]
                else:
                    free = [p for p in proposals if not any(_holds(p, t) for t in taken)]
                regions = free + [self._greedy_region(task, px, state, snap_img)]
            handicap = [0.0] * len(free) + [GREEDY_HANDICAP]

            scores = [_mass_score(px, (r[0] + r[2]) / 2, r[2] - r[0], rc.coord_bins) for r in regions]
            best_x = sorted(range(len(regions)), key=lambda i: -scores[i])[:RANK_X]
            if not every_region and len(regions) - 1 not in best_x:
                best_x.append(len(regions) - 1)  # the greedy box always competes
            after_x = {}
            for i in best_x:
                r = regions[i]
                _, hy, sy = step_coord((r[0] + r[2]) / 2, state)
                scores[i] += _mass_score(probs(m.decode_coord(hy)), (r[1] + r[3]) / 2, r[3] - r[1], rc.coord_bins)
                after_x[i] = sy
            best_xy = sorted(best_x, key=lambda i: -scores[i])[:RANK_XY]
            chosen = None
            for i in best_xy:
                r = regions[i]
                lg, hs, ss = step_coord((r[1] + r[3]) / 2, after_x[i])
                score = scores[i] - handicap[i]
                if task == "detect":
                    size = m.decode_size(hs)
                    for axis, extent in ((0, r[2] - r[0]), (1, r[3] - r[1])):
                        b = size_to_bin(extent, rc.size_bins, rc.size_log2_min)
                        p = probs(size[axis])
                        score += math.log(float(p[max(0, b - SIZE_WINDOW):b + SIZE_WINDOW + 1].sum()) + MASS_FLOOR)
                if chosen is None or score > chosen[0]:
                    chosen = (score, r, lg, hs, ss)
            _, r, logits, hidden, state = chosen
            if task == "detect":
                logits, hidden, state = self._step(
                    m.encode_size(torch.tensor([[r[2] - r[0], r[3] - r[1]]])).unsqueeze(1), state)
            taken.append(list(r))
        if task == "point":
            return {"prompt_ids": prompt_ids, "points": [{"x": (t[0] + t[2]) / 2, "y": (t[1] + t[3]) / 2} for t in taken]}
        boxes = snap_boxes(snap_img, taken) if snap_img is not None else taken
        return {"prompt_ids": prompt_ids, "objects": [dict(zip(("x_min", "y_min", "x_max", "y_max"), b)) for b in boxes]}

    def _greedy_region(self, task: str, px: np.ndarray, state, snap_img: Optional[np.ndarray]) -> List[float]:
        """The box (a point as a box of no size) the model gives alone from x's distribution `px`, snapped when
        `snap_img` is given (detect)."""
        m, rc = self.model, self.cfg.region
        step_coord = lambda v, st: self._step(m.encode_coord(torch.tensor([[v]])).unsqueeze(1), st)  # noqa: E731
        gx = bin_to_coord(int(px.argmax()), rc.coord_bins)
        _, hy, sy = step_coord(gx, state)
        gy = bin_to_coord(int(m.decode_coord(hy).argmax()), rc.coord_bins)
        if task != "detect":
            return [gx, gy, gx, gy]
        _, hs, _ = step_coord(gy, sy)
        size = m.decode_size(hs)
        gw, gh = (bin_to_size(int(size[i].argmax()), rc.size_bins, rc.size_log2_min) for i in (0, 1))
        greedy = [max(0.0, gx - gw / 2), max(0.0, gy - gh / 2), min(1.0, gx + gw / 2), min(1.0, gy + gh / 2)]
        return snap_box(snap_img, greedy) if snap_img is not None else greedy

    def detect(self, state: Prefix, obj: str, max_objects: int = MAX_OBJECTS) -> dict:
        return self._locate("detect", obj, state, max_objects)

    def point(self, state: Prefix, obj: str, max_objects: int = MAX_OBJECTS) -> dict:
        return self._locate("point", obj, state, max_objects)


def _holds(region, other) -> bool:
    """Whether `region` holds the centre of `other` (a point given before is that thing again)."""
    x, y = (other[0] + other[2]) / 2, (other[1] + other[3]) / 2
    return region[0] <= x <= region[2] and region[1] <= y <= region[3]


def _mass_score(p: np.ndarray, centre: float, extent: float, bins: int) -> float:
    """log of the mass `p` puts on the bins of centre ± MIDDLE·extent (at least the centre's)."""
    lo = coord_to_bin(centre - extent * MIDDLE, bins)
    hi = max(lo, coord_to_bin(centre + extent * MIDDLE, bins))
    return math.log(float(p[lo:hi + 1].sum()) + MASS_FLOOR)


# --- reference.json ------------------------------------------------------------------------------------
def reference_cases(model: LunetteModel, tok: Tokenizer, image: Image.Image, image_name: str = "reference.png") -> Dict:
    """The parity cases of docs/model-pack.md ("reference.json")."""
    gen = Generator(model, tok)
    prefix = gen.encode_image(preprocess(image, model.cfg))
    cases: List[dict] = [
        {"task": "caption", "length": "short", "max_tokens": 12, **gen.caption(prefix, "short", 12)},
        {"task": "query", "question": "What colour is it?", "max_tokens": 12,
         **gen.query(prefix, "What colour is it?", 12)},
        {"task": "detect", "object": "box", "max_objects": 3, **gen.detect(prefix, "box", 3)},
        {"task": "point", "object": "box", "max_objects": 3, **gen.point(prefix, "box", 3)},
    ]
    return {
        "image": image_name,
        "cases": cases,
        "tolerance": {"logits": 1e-3, "coords": 1e-6},
        "min_margin": min(c["min_margin"] for c in cases),
    }
