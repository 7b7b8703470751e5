/** Builds the task prompt text from the pack's templates, with user text made safe to embed. */
import { ErrorCode, LunetteError } from '../protocol/errors';
import type { TaskRequest } from '../protocol/tasks';
import type { Manifest } from './manifest';

export const MAX_USER_TEXT = 1000;

export function promptText(templates: Manifest['templates'], request: TaskRequest): string {
  switch (request.task) {
    case 'caption':
      return templates.caption[request.length];
    case 'ask':
      return templates.query.replace('{question}', userText(request.question, 'question'));
    case 'detect':
    case 'point': {
      const template = templates[request.task];
      if (!template) throw new LunetteError(ErrorCode.InvalidRequest, `This model cannot ${request.task}.`);
      return template.replace('{object}', userText(request.object, 'object'));
    }
    case 'ocr':
      throw new LunetteError(ErrorCode.InvalidRequest, 'OCR has no prompt.');
  }
}

/** Text that names a special token (e.g. `<|endoftext|>`) would become that token: it never reaches the model. */
export function stripSpecialTokens(text: string): string {
  return text.replace(/<\|[^|>]*\|>/g, ' ');
}

/** Trims, collapses line breaks, and removes anything that looks like a special token. */
export function userText(text: string, what: string): string {
  const cleaned = stripSpecialTokens(text)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  if (cleaned.length === 0) throw new LunetteError(ErrorCode.InvalidRequest, `The ${what} is empty.`);
  if (cleaned.length > MAX_USER_TEXT) {
    throw new LunetteError(ErrorCode.InvalidRequest, `The ${what} is too long (${cleaned.length} characters; at most ${MAX_USER_TEXT}).`);
  }
  return cleaned;
}
