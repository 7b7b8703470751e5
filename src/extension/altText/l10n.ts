/** Default localizer: substitutes `{0}`, `{1}` … like `vscode.l10n.t` does, without translating. */
import type { Localize } from './types';

export const format: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
