/**
 * An error's presence, its code and the package it misses read from the OCR lines (manifest
 * `generation.errors: "ocr_lines"`).
 *
 * Asked "Is there an error?" over a banner reading "Error: Payment failed.", the model said "No"; asked "What error
 * code is shown?" over a 404 page, "Go home"; asked which package pip could not find, "pip install". Yet each is
 * plain in the OCR lines: an error line starts with "error", "fatal", "failed", "failure", "exception", "traceback"
 * or "uncaught" and goes on (a diagram's state "Failed" is no error), or starts with an exception's name and ":"
 * ("ModuleNotFoundError:"; not "except Exception:" in code), or holds "error", "err" or "fatal" before ":" or "!", or
 * "error" before a code ("error TS2304"), or a count of errors ("1 error", not "0 errors"), or a word before "failed"
 * ("Payment failed", not "0 failed"); an error code is an HTTP status (4xx, 5xx) standing alone, a compiler's code
 * ("TS2304", "E0308", "CS1002") or a system's (ERRNO: "ENOENT"); a missing package is named after "No matching
 * distribution found for", "No module named", "Cannot find module" or "Could not resolve", or before "is not in the
 * npm registry" (less a version range: "left-pad@*").
 *
 * So when a question asks whether there is an error (not in the code: a squiggle is not in the lines), the answer is
 * "Yes" where a line is an error line (else the model answers); when it asks the error (or status) code, the first
 * code in reading order; when it asks which package (module, dependency, library) is missing or not found, the first
 * missing package. The answer is the model's only candidate (answerRanking.ts `bestAnswer` with `onlyCandidates`).
 *
 * training/lunette/error_lines.py is the PyTorch reference, step for step; test/fixtures/errors.json holds cases both
 * sides must pass.
 */
import type { BlockLine } from './answerRanking';

export type ErrorQuestion = 'error' | 'code' | 'package';

const ASKS_ERROR = /^(is|are) there (an? |any )?(errors?|problems?|failures?)\b/;
const ASKS_CODE = /\b(error|status|exit) code\b/;
const ASKS_PACKAGE = /\b(which|what)\b.*\b(package|module|dependency|library)\b.*\b(missing|not found|be found|not installed|not be installed|failed|unresolved|resolved?)\b/;
const ERROR_LINE = /^\W*(error|fatal|failed|failure|exception|traceback|uncaught)\b\W*\w|^\W*[\w.$]*(error|exception)\s*:|\b(error|err|fatal)\s*[:!]|\berror\s*\[?[A-Z]+\d+|\b[1-9]\d* errors?\b|\b(?!0 )\w+ failed\b/i;
/** System error names (Node's and libc's errno, npm's). */
export const ERRNO = ['EACCES', 'EADDRINUSE', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'EEXIST', 'EISDIR', 'ELIFECYCLE',
  'EMFILE', 'ENOENT', 'ENOSPC', 'ENOTDIR', 'ENOTEMPTY', 'ENOTFOUND', 'EPERM', 'EPIPE', 'ERESOLVE', 'ETIMEDOUT'] as const;
const CODES = [/(?<![\w.:/-])([45]\d\d)(?![\w.:/-])/, new RegExp(String.raw`\b((?:TS|CS|E)\d{3,5}|${ERRNO.join('|')})\b`)];
const MISSING = /(?:no matching distribution found for|no module named|cannot find module|could not resolve)\s+['"`]?([\w@./-]*\w)|['"`]?([\w@./-]*\w)(?:@[^\s'"`]*)?['"`]? is not in the npm registry/i;

/** Which of the questions this rule answers `question` asks, if any. */
export function askedError(question: string): ErrorQuestion | undefined {
  const text = question.toLowerCase().trim();
  if (ASKS_ERROR.test(text) && !text.includes('code')) return 'error';
  if (ASKS_CODE.test(text)) return 'code';
  if (ASKS_PACKAGE.test(text)) return 'package';
  return undefined;
}

/** The answer the OCR block (in reading order) leaves, as `askedError` names the question; none where it has no such line. */
export function errorAnswers(lines: readonly BlockLine[], asked: ErrorQuestion): string[] {
  if (asked === 'error') return lines.some((line) => ERROR_LINE.test(line.text)) ? ['Yes'] : [];
  if (asked === 'code') {
    for (const pattern of CODES) {
      for (const line of lines) {
        const found = pattern.exec(line.text);
        if (found) return [found[1]!];
      }
    }
    return [];
  }
  for (const line of lines) {
    const found = MISSING.exec(line.text);
    if (found) return [(found[1] ?? found[2])!];
  }
  return [];
}
