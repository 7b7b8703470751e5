/** One entry point for the three finders, and the mapping from VS Code language ids. */
import { findHtmlImages } from './html';
import { findJsxImages } from './jsx';
import { findMarkdownImages } from './markdown';
import type { FindOptions, FindResult, ImageLanguage } from './types';

/**
 * The finder language for a VS Code `languageId`, and whether TypeScript syntax is allowed. Plain `typescript`
 * (.ts) is not JSX (`<T>x` is a type assertion there), so it has no finder.
 */
export function languageForId(languageId: string): { language: ImageLanguage; typescript: boolean } | undefined {
  switch (languageId) {
    case 'markdown':
      return { language: 'markdown', typescript: false };
    case 'html':
      return { language: 'html', typescript: false };
    case 'typescriptreact':
      return { language: 'jsx', typescript: true };
    case 'javascriptreact':
    case 'javascript':
      return { language: 'jsx', typescript: false };
    default:
      return undefined;
  }
}

/** Every image reference of a document, in document order. */
export function findImageReferences(source: string, language: ImageLanguage, options: FindOptions = {}): FindResult {
  switch (language) {
    case 'markdown':
      return findMarkdownImages(source);
    case 'html':
      return findHtmlImages(source);
    case 'jsx':
      return findJsxImages(source, options);
  }
}
