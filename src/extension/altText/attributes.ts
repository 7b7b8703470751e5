/** Small helpers shared by the HTML and JSX finders and the edit builders: indentation, element categories. */

/** Start offset of the line that holds `offset`. */
export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace at the start of the line that holds `offset`. */
export function lineIndent(source: string, offset: number): string {
  const start = lineStart(source, offset);
  return /^[ \t]*/.exec(source.slice(start, offset))![0];
}

/** Whether only whitespace precedes `offset` on its line. */
export function startsLine(source: string, offset: number): boolean {
  return /^[ \t]*$/.test(source.slice(lineStart(source, offset), offset));
}

/**
 * Elements whose content model is phrasing only: a `<figure>` cannot go inside them, so a long description in a
 * figure cannot wrap an image placed there.
 */
export const PHRASING_ONLY = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'a', 'button', 'label', 'em', 'strong', 'b', 'i', 'u', 's',
  'small', 'code', 'q', 'cite', 'abbr', 'sub', 'sup', 'mark', 'summary', 'legend', 'pre', 'dfn', 'kbd', 'samp',
  'var', 'time', 'data', 'bdi', 'bdo', 'output', 'ruby', 'picture',
]);

/** HTML `role` values that remove an image from the accessibility tree. */
export function presentationalRole(role: string | undefined): 'role-presentation' | 'role-none' | undefined {
  const first = (role ?? '').trim().toLowerCase().split(/\s+/)[0];
  if (first === 'presentation') return 'role-presentation';
  if (first === 'none') return 'role-none';
  return undefined;
}
