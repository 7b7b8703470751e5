/**
 * A terminal's command and git log read from its OCR lines (manifest `generation.terminal: "ocr_lines"`).
 *
 * Asked "What command was run?", the model cut the command short ("git log" for "git log --oneline") or ran it into
 * the output ("npm test_ASS"); asked how many commits a `git log --oneline` shows, it said 2 of 3; asked the latest
 * commit message, it wrote "9f8d6 Add6 Ad". Yet each is a line of the OCR block: a command follows a shell's prompt
 * ("$ ", "% ", "❯ ", "➜ ", after a user@host:path, or "PS C:\path> "), and each commit of a log starts with its
 * abbreviated hash (7 to 40 hex digits, at least one a digit, after a graph's "* " or "commit ").
 *
 * So when a question asks which command was run (`askedTerminal` "command"), the answer is the text after the prompt
 * of the first line that has one with a command (oh-my-zsh's arrow is followed by a folder and a git branch first;
 * asked the last, latest or most recent command, of the last such line); when it asks how many commits ("commits"), the number of commit
 * lines (none: the model answers); when it asks the latest, last, newest or most recent commit (message), the text
 * after the first commit line's hash, less a ref list ("(HEAD -> main)"). The answer is the model's only candidate
 * (answerRanking.ts `bestAnswer` with `onlyCandidates`).
 *
 * training/lunette/terminal_lines.py is the PyTorch reference, step for step; test/fixtures/terminal.json holds cases
 * both sides must pass.
 */
import type { BlockLine } from './answerRanking';

export type TerminalQuestion = 'command' | 'last command' | 'commits' | 'latest';

const ASKS_COMMAND = /\b(what|which)\b.*\bcommand\b/;
const ASKS_COMMITS = /\bhow many commits\b|\bnumber of commits\b/;
const ASKS_LATEST = /\b(latest|last|newest|most recent|top)\b.*\bcommit\b/;
/**
 * A shell's prompt, then the command (after a virtual environment's "(venv) " and user@host:path, OCR may read a space
 * before its ":", or PowerShell's "PS C:\path>" or cmd's "C:\path>"; a bare ">" is npm's echo of a script, "> vite
 * build", or a REPL's).
 */
const PROMPT = /^(?:\([\w.-]+\)\s+)?(?:PS [^>]*>|[A-Za-z]:\\[^>]*>|[\w.@~-]*(?: ?:[\w.@~:/\\\-[\]]*)?[$%\u276f\u279c])\s+(\S.*)$/;
/** A commit line of a log: its abbreviated hash (at least one digit), then its subject. */
const COMMIT = /^(?:\*\s+)?(?:commit\s+)?(?=[0-9a-f]*[0-9])([0-9a-f]{7,40})\b\s*(.*)$/;
const REFS = /^\([^)]*\)\s*/;
/** Oh-my-zsh's prompt ("➜  app git:(main) ✗ ", OCR may read the arrow "->"): the folder is always there. */
const ZSH_PROMPT = /^(?:\u279c|->)\s+\S+(?:\s+git:\([^)]*\))?(?:\s+\u2717)?\s+(?!git:\()(\S.*)$/;
const ZSH_START = /^(?:\u279c|->)\s/;
const LAST = /\b(last|latest|most recent|final|newest)\b/;

/** Which of the questions this rule answers `question` asks, if any. */
export function askedTerminal(question: string): TerminalQuestion | undefined {
  const text = question.toLowerCase();
  if (ASKS_COMMITS.test(text)) return 'commits';
  if (ASKS_LATEST.test(text)) return 'latest';
  if (ASKS_COMMAND.test(text) && !text.includes('how many')) return LAST.test(text) ? 'last command' : 'command';
  return undefined;
}

/** The answer the OCR block (in reading order) leaves, as `askedTerminal` names the question; none where it has no such line. */
export function terminalAnswers(lines: readonly BlockLine[], asked: TerminalQuestion): string[] {
  if (asked === 'command' || asked === 'last command') {
    const commands = lines.map((line) => prompt(line.text.trim()))
      .filter((found): found is RegExpExecArray => found !== null).map((found) => found[1]!.trim());
    return asked === 'last command' ? commands.slice(-1) : commands.slice(0, 1);
  }
  const commits = lines.map((line) => COMMIT.exec(line.text.trim())).filter((found): found is RegExpExecArray => found !== null);
  if (asked === 'commits') return commits.length ? [String(commits.length)] : [];
  const subject = commits.length ? commits[0]![2]!.replace(REFS, '').trim() : '';
  return subject ? [subject] : [];
}

/** The prompt's match of a line (oh-my-zsh's when it starts with its arrow), or null. */
function prompt(text: string): RegExpExecArray | null {
  return (ZSH_START.test(text) ? ZSH_PROMPT : PROMPT).exec(text);
}
