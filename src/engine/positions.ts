/**
 * Where a thing is, answered from the model's own box (manifest `generation.positions: "detect"`).
 *
 * Asked "Where is the notification?", the model answered "Bottom left" over a toast at the bottom right and another
 * at the top right, though detect put its box on each toast. The answer is the model's, but from where it locates
 * the thing rather than from the words it writes.
 *
 * So when a question asks where a thing is (`askedWhere`: "Where is the notification?", "Where is the red circle
 * located?", "In which part of the image is the banner?") and the model's own answer is not a refusal (`isRefusal`:
 * a thing that is not there has no place), the thing is detected as the detect task would, and the answer is the
 * place of the first box's middle in a 3 × 3 grid (`positionName`: "Top right", "Left", "Center"), as the training
 * data words places. A middle within MARGIN of a third's line, or no box, leaves the model's answer.
 *
 * training/lunette/positions.py is the PyTorch reference, step for step; test/fixtures/positions.json holds cases
 * both sides must pass.
 */
const WHERE = /^\s*(?:where\s+is|in\s+which\s+part\s+of\s+the\s+(?:image|picture|screen)\s+is)\s+(?:the\s+)?(.+?)(?:\s+located)?\s*[?.!]*\s*$/;
const REFUSAL = /^\s*there\s+(?:is|are)\s+no\b/i;
/** A middle this near a third's line is on no side of it. */
const MARGIN = 0.06;
const ROWS = ['top', '', 'bottom'];
const COLUMNS = ['left', '', 'right'];

/** The thing `question` asks the place of ("notification" for "Where is the notification?"). */
export function askedWhere(question: string): string | undefined {
  return WHERE.exec(question.toLowerCase())?.[1];
}

/** Does the model's answer deny the premise ("There is no dog in the image.")? */
export function isRefusal(answer: string): boolean {
  return REFUSAL.test(answer);
}

/** The 3 × 3 grid's name of a point in 0..1 ("Top right", "Left", "Center"); undefined within MARGIN of a line. */
export function positionName(x: number, y: number): string | undefined {
  const cell = (v: number): number | undefined => {
    if ([1 / 3, 2 / 3].some((edge) => Math.abs(v - edge) < MARGIN)) return undefined;
    return v < 1 / 3 ? 0 : v < 2 / 3 ? 1 : 2;
  };
  const [row, column] = [cell(y), cell(x)];
  if (row === undefined || column === undefined) return undefined;
  const name = [ROWS[row], COLUMNS[column]].filter((w) => w).join(' ') || 'center';
  return name[0]!.toUpperCase() + name.slice(1);
}
