"""Where a thing is, answered from the model's own box (pack manifest `generation.positions: "detect"`).

The PyTorch reference of `src/engine/positions.ts`, step for step; `test/fixtures/positions.json` holds cases both
sides must pass. Asked "Where is the notification?", the model answered "Bottom left" over a toast at the bottom
right and another at the top right, though detect put its box on each toast. The answer is the model's, but from
where it locates the thing rather than from the words it writes.

So when a question asks where a thing is (`asked_where`: "Where is the notification?", "Where is the red circle
located?", "In which part of the image is the banner?") and the model's own answer is not a refusal ("There is no
… in the image."; a thing that is not there has no place), the thing is detected as the detect task would, and the
answer is the place of the first box's middle in a 3 × 3 grid (`position_name`: "Top right", "Left", "Center"), as
the training data words places. A middle within 0.06 of a third's line, or no box, leaves the model's answer.
"""
from __future__ import annotations

import re
from typing import Optional

_WHERE = re.compile(r"^\s*(?:where\s+is|in\s+which\s+part\s+of\s+the\s+(?:image|picture|screen)\s+is)\s+(?:the\s+)?"
                    r"(.+?)(?:\s+located)?\s*[?.!]*\s*$")
_REFUSAL = re.compile(r"^\s*there\s+(?:is|are)\s+no\b", re.I)
# a middle this near a third's line is on no side of it
MARGIN = 0.06
ROWS = ("top", "", "bottom")
COLUMNS = ("left", "", "right")


def asked_where(question: str) -> Optional[str]:
    """The thing `question` asks the place of ("notification" for "Where is the notification?")."""
    m = _WHERE.match(question.lower())
    return m.group(1) if m else None


def is_refusal(answer: str) -> bool:
    """Does the model's answer deny the premise ("There is no dog in the image.")?"""
    return bool(_REFUSAL.match(answer))


def position_name(x: float, y: float) -> Optional[str]:
    """The 3 × 3 grid's name of a point in 0..1 ("Top right", "Left", "Center"), None within MARGIN of a line."""
    def cell(v: float) -> Optional[int]:
        if any(abs(v - edge) < MARGIN for edge in (1 / 3, 2 / 3)):
            return None
        return 0 if v < 1 / 3 else 1 if v < 2 / 3 else 2
    row, column = cell(y), cell(x)
    if row is None or column is None:
        return None
    name = " ".join(w for w in (ROWS[row], COLUMNS[column]) if w) or "center"
    return name[0].upper() + name[1:]
