/**
 * File names and a code file's language read from the OCR lines (manifest `generation.file_names: "ocr_lines"`).
 *
 * Asked "What is the name of the open file?", the model answered "main.go" over an editor whose tab read "main.rs",
 * and "User" for "UserService.java"; asked which file a dialog deletes or an upload sends, it wrote the whole line
 * ("Delete report.pdf?") or cut the name ("design"); asked the code's language, it said Go over Rust. Yet a file name
 * is plain in the OCR lines: a run of letters, digits, "_", "-", "." and "/" ending in a dot and one of EXTENSIONS,
 * not called ("res.json()"; a compiler's "index.ts(12,5)" is a file); and an editor's open file is one of its tabs,
 * the top row of lines holding a file name.
 *
 * So when a question asks which file, or the name of a file (`askedFile`), the answers are the file names of the OCR
 * block in reading order, each once; where it asks the open, current or active file (or the one being edited or
 * shown), those of the top row: the lines holding any whose corner is within ROW of the highest such. When it asks
 * which (programming) language the code is in, the answers are the languages of the top row's names whose extension
 * names one (LANGUAGES), each once; none: the model answers. The model ranks the answers (answerRanking.ts
 * `bestAnswer` with `onlyCandidates`): with one, the pixels answer.
 *
 * training/lunette/file_names.py is the PyTorch reference, step for step; test/fixtures/file-names.json holds cases
 * both sides must pass.
 */
import type { BlockLine } from './answerRanking';

export type FileQuestion = 'open' | 'file' | 'language';

/** A code file's language, by its extension. */
export const LANGUAGES: Readonly<Record<string, string>> = {
  py: 'Python', js: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', jsx: 'JavaScript',
  ts: 'TypeScript', tsx: 'TypeScript', rs: 'Rust', go: 'Go', java: 'Java', kt: 'Kotlin',
  c: 'C', h: 'C', cpp: 'C++', cc: 'C++', hpp: 'C++', cs: 'C#', rb: 'Ruby', php: 'PHP',
  swift: 'Swift', scala: 'Scala', dart: 'Dart', lua: 'Lua', sh: 'Shell', bash: 'Shell',
  ps1: 'PowerShell', sql: 'SQL', html: 'HTML', css: 'CSS', scss: 'SCSS', vue: 'Vue',
  ex: 'Elixir', hs: 'Haskell', r: 'R', jl: 'Julia', zig: 'Zig',
};
/** The extensions a file name ends in: code, configuration, documents, media and archives (longest first, for the pattern). */
export const EXTENSIONS: readonly string[] = [...new Set([...Object.keys(LANGUAGES),
  'json', 'yaml', 'yml', 'toml', 'xml', 'ini', 'cfg', 'conf', 'env', 'lock', 'md', 'txt', 'csv', 'log',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico',
  'fig', 'psd', 'sketch', 'mp4', 'mov', 'mp3', 'wav', 'zip', 'tar', 'gz', 'tgz', 'db', 'ipynb', 'wasm',
])].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
const FILE = new RegExp(String.raw`(?<![\w./-])([\w./-]*[\w-]\.(?:${EXTENSIONS.join('|')}))(?![\w-]|\((?!\d))`, 'gi');
/** A row of tabs: lines whose corner is within this many percent of the highest one's. */
const ROW = 1;
const ASKS_FILE = /\b(which|what)\b.*\bfiles?\b|\bfile ?names?\b|\bname of the\b.*\bfile\b/;
const ASKS_OPEN = /\b(open|opened|current|active|edited|shown|editing|tab)\b/;
const ASKS_LANGUAGE = /\b(which|what)\b.*\blanguage\b/;
/** A page's or an app's language is a human one. */
const HUMAN_LANGUAGE = /\b(page|site|website|app|ui|interface|menu|spoken|human|natural)\b/;

/** Which of the questions this rule answers `question` asks, if any. */
export function askedFile(question: string): FileQuestion | undefined {
  const text = question.toLowerCase();
  if (ASKS_LANGUAGE.test(text)) return HUMAN_LANGUAGE.test(text) ? undefined : 'language';
  if (text.includes('how many') || !ASKS_FILE.test(text)) return undefined;
  return ASKS_OPEN.test(text) ? 'open' : 'file';
}

/** The file names in a line of text, in order. */
export function fileNames(text: string): string[] {
  return [...text.matchAll(FILE)].map((found) => found[1]!);
}

/** The answers the OCR block (in reading order) leaves, as `askedFile` names the question. */
export function fileAnswers(lines: readonly BlockLine[], asked: FileQuestion): string[] {
  if (asked === 'file') return [...new Set(lines.flatMap((line) => fileNames(line.text)))];
  const holding = lines.filter((line) => fileNames(line.text).length > 0);
  const top = Math.min(...holding.map((line) => line.y));
  const names = [...new Set(holding.filter((line) => line.y <= top + ROW).flatMap((line) => fileNames(line.text)))];
  if (asked === 'open') return names;
  const extension = (name: string): string => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return [...new Set(names.filter((name) => Object.hasOwn(LANGUAGES, extension(name))).map((name) => LANGUAGES[extension(name)]!))];
}
