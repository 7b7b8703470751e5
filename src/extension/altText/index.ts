/**
 * The alt-text core of Lunette: find image references in Markdown, HTML and JSX/TSX with real parsers, check their
 * alt text against the W3C/WAI guidance, build edits that set alt text, mark images decorative or add a long
 * description, and turn a model caption into alt text. Pure: no `vscode` import; offsets are UTF-16 code units.
 *
 * User-facing strings (findings, refusals, notes) go through an optional `t` with `vscode.l10n.t`'s signature; the
 * call sites are written `l10n.t('…')` so that `@vscode/l10n-dev export` finds them.
 */
export * from './types';
export { findImageReferences, languageForId } from './find';
export { findMarkdownImages } from './markdown';
export { findHtmlImages } from './html';
export { findJsxImages } from './jsx';
export { classifySrc, srcPath, srcFileName, parseSrcset, bestCandidate } from './src';
export { checkImage, checkImages, isDefaultName, isFileNameAlt, redundantPrefix, RULE_IDS, WAI, type AltTextRuleOptions } from './rules';
export { setAltText, markDecorative, addLongDescription, applyEdits, describeSkipReason, type EditOptions, type LongDescriptionOptions } from './edits';
export { escapeMarkdownAlt, escapeMarkdownParagraph, htmlAttributeValue, htmlText, jsxAttribute, jsxText, singleLine } from './escape';
export { captionToAltText, type CaptionToAltOptions } from './caption';
