/**
 * From a model caption to alt text, after the WAI tips (https://www.w3.org/WAI/tutorials/images/tips/): one line;
 * no "image of"/"this image shows" (screen readers already say "image"); no file name; a capital first letter
 * and end punctuation; at most `maxLength` characters, cut at a sentence, else a clause, else a word boundary.
 */

export interface CaptionToAltOptions {
  /** Longest alt text (characters, including the final period). Default 125. */
  maxLength?: number;
  /** File names to remove (the image's own name, e.g. `hero.png`). Any `name.png`-like token is removed anyway. */
  fileNames?: readonly string[];
}

const MEDIUM = '(?:image|picture|photo(?:graph)?|graphic|pic)';
const END = '(?:\\s+|$)';
const LEAD_INS: Array<[RegExp, string]> = [
  [/^(?:alt(?:ernative)?[ -]?text|caption|description)\s*:\s*/i, ''],
  [new RegExp(`^(?:in\\s+)?(?:this|the)\\s+${MEDIUM}\\s*,\\s*`, 'i'), ''],
  [new RegExp(`^(?:this|the)\\s+${MEDIUM}\\s+(?:shows|depicts|displays|contains|features|presents|illustrates|captures|is\\s+of|is\\s+showing)\\s*:?${END}`, 'i'), ''],
  [new RegExp(`^(?:here\\s+is|here's|this\\s+is|there\\s+is|it\\s+is|it's)\\s+(?:an?|the)\\s+${MEDIUM}\\s+(?:of|showing|depicting|that\\s+shows|with)${END}`, 'i'), ''],
  [new RegExp(`^(?:an?\\s+|the\\s+)?${MEDIUM}\\s+(?:of|showing|depicting|that\\s+shows|which\\s+shows)${END}`, 'i'), ''],
  // The medium matters for a screenshot (WAI tips), but "This screenshot shows" is wordy.
  [/^(?:this|the)\s+screenshot\s+(?:shows|depicts|displays|is\s+of)\s+/i, 'Screenshot of '],
];

const FILE_TOKEN = /(?:[\w~@%+-]+[/\\])*[\w~@%+-][\w~@%+.-]*\.(?:png|jpe?g|jpe|jfif|gif|webp|avif|svg|bmp|tiff?|ico|heic|heif|jxl)\b/gi;

/** Words that should not end a cut-off alt text. */
const DANGLING = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'with', 'without', 'to', 'in', 'on', 'at', 'by', 'for', 'from',
  'into', 'onto', 'over', 'under', 'as', 'is', 'are', 'was', 'were', 'be', 'that', 'which', 'who', 'whose', 'where',
  'while', 'showing', 'including', 'its', 'their', 'his', 'her', 'this', 'these', 'those', 'some', 'each', 'very',
]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function removeFileNames(text: string, names: readonly string[]): string {
  let s = text;
  const tokens = [...names.filter(Boolean).map(escapeRe), FILE_TOKEN.source];
  const q = `["'\`“‘]`;
  const qe = `["'\`”’]`;
  for (const token of tokens) {
    const name = `(?:${token})`;
    s = s
      // "a dialog named "x.png"", "(x.png)": the name goes, the sentence stays whole.
      .replace(new RegExp(`\\s*\\b(?:named|called|titled)\\s+${q}?${name}${qe}?`, 'gi'), '')
      .replace(new RegExp(`\\s*\\(\\s*${q}?${name}${qe}?\\s*\\)`, 'gi'), '')
      // "x.png: a mountain…" at the start.
      .replace(new RegExp(`^${q}?${name}${qe}?\\s*(?:[:–—-]\\s*|$)`, 'i'), '')
      // Elsewhere the name is a noun of the sentence: "with hero.png open" → "with a file open".
      .replace(new RegExp(`(?:\\b(?:the|an?)\\s+)?(?:\\b(?:file|image)\\s+)?${q}?${name}${qe}?(?=$|[\\s.,;:!?)])`, 'gi'), 'a file');
  }
  return s
    .replace(/\(\s*\)|""|''|“”/g, '')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?=[,.;:!?])/g, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;:.-]+/, '')
    .trim();
}

function endsSentence(s: string): boolean {
  return /[.!?…]["'”’)]?$/.test(s);
}

function finish(s: string): string {
  let out = s.trim().replace(/[\s,;:–—-]+$/, '');
  if (out === '') return '';
  if (!endsSentence(out)) out += '.';
  return out;
}

function dropDangling(s: string): string {
  const words = s.replace(/[\s,;:–—-]+$/, '').split(' ');
  while (words.length > 1 && DANGLING.has(words[words.length - 1]!.toLowerCase().replace(/[^\p{L}']/gu, ''))) words.pop();
  return words.join(' ');
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // 1. Whole sentences.
  const sentences = text.match(/[^.!?…]+(?:[.!?…]+["'”’)]?|$)\s*/g)?.map((x) => x.trim()).filter(Boolean) ?? [text];
  let acc = '';
  for (const sentence of sentences) {
    const next = acc ? `${acc} ${sentence}` : sentence;
    if (finish(next).length > max) break;
    acc = next;
  }
  if (acc) return finish(acc);
  // 2. The first sentence up to a clause boundary, if that keeps at least half of the room.
  const first = sentences[0]!;
  const room = max - 1; // for the final period
  const boundaries = /[,;:]\s|\s[–—-]\s|\s\((?=\S)|\s(?:with|and|showing|including|where|which|while)\s/g;
  let best = -1;
  for (let m = boundaries.exec(first); m; m = boundaries.exec(first)) {
    if (m.index <= room && m.index >= max * 0.5) best = m.index;
  }
  if (best > 0) return finish(dropDangling(first.slice(0, best)));
  // 3. A word boundary.
  const cut = first.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  const words = space > 0 ? cut.slice(0, space) : cut.slice(0, room);
  return finish(dropDangling(words)).slice(0, max);
}

/** Alt text from a model caption (see the module comment). '' when nothing is left. */
export function captionToAltText(caption: string, options: CaptionToAltOptions = {}): string {
  const max = Math.max(10, options.maxLength ?? 125);
  // Control characters and replacement characters never belong in alt text.
  let s = caption.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, '').replace(/\s+/g, ' ').trim();
  // Quotes around the whole caption.
  const quoted = /^["'“‘`](.*)["'”’`]$/.exec(s);
  if (quoted) s = quoted[1]!.trim();
  for (let pass = 0; pass < 4; pass++) {
    const before = s;
    for (const [re, by] of LEAD_INS) s = s.replace(re, by);
    if (s === before) break;
  }
  s = removeFileNames(s, options.fileNames ?? []);
  if (s === '' || !/[\p{L}\p{N}]/u.test(s)) return '';
  s = s.replace(/^(["'“‘(]*)(\p{Ll})/u, (_m, pre: string, c: string) => pre + c.toUpperCase());
  return truncate(finish(s), max);
}
