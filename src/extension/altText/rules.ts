/**
 * Alt-text rules, after the W3C/WAI images tutorial (https://www.w3.org/WAI/tutorials/images/):
 *
 * | rule | what | default severity |
 * |---|---|---|
 * | `missing-alt` | no alt at all (HTML/JSX) | warning |
 * | `empty-alt` | empty alt that is not marked decorative where the language can say so: Markdown `![](x)`, alt made of spaces, an empty alt that leaves a link without a name | warning |
 * | `alt-is-file-name` | alt is a file name, path or URL, or the image's own file name | warning |
 * | `alt-is-default-name` | "Screen Shot 2024-…", "IMG_1234", "image.png", "image", "photo", "untitled"… | warning |
 * | `alt-redundant-prefix` | starts with "image of", "picture of", "photo of", "graphic of" | information |
 * | `alt-too-long` | longer than `maxLength` (125); warning above `longDescriptionLength` (250) | information |
 *
 * Dynamic alt (computed at run time, template placeholders, spreads) is never flagged. An `aria-label` or
 * `aria-labelledby` counts as a name. Messages go through `options.t` (pass `vscode.l10n.t`).
 */
import { format } from './l10n';
import { srcFileName } from './src';
import type { AltFinding, AltRuleId, ImageReference, Localize, OffsetRange, Severity } from './types';

export const WAI = {
  tutorial: 'https://www.w3.org/WAI/tutorials/images/',
  decisionTree: 'https://www.w3.org/WAI/tutorials/images/decision-tree/',
  decorative: 'https://www.w3.org/WAI/tutorials/images/decorative/',
  informative: 'https://www.w3.org/WAI/tutorials/images/informative/',
  functional: 'https://www.w3.org/WAI/tutorials/images/functional/',
  complex: 'https://www.w3.org/WAI/tutorials/images/complex/',
  tips: 'https://www.w3.org/WAI/tutorials/images/tips/',
} as const;

export const RULE_IDS: readonly AltRuleId[] = ['missing-alt', 'empty-alt', 'alt-is-file-name', 'alt-is-default-name', 'alt-redundant-prefix', 'alt-too-long'];

export interface AltTextRuleOptions {
  /** Soft limit: longer alt text is reported (`alt-too-long`, information). Default 125. */
  maxLength?: number;
  /** Above this the finding becomes a warning that asks for a long description. Default 250. */
  longDescriptionLength?: number;
  /**
   * Also report `alt=""` (HTML/JSX) that has no `role="presentation"`/`role="none"`/`aria-hidden="true"`, as
   * GitHub's markdownlint GH003 does (GitHub wraps images in links). Default false: WAI accepts `alt=""` alone.
   */
  requireDecorativeMarker?: boolean;
  /** Rules to skip. */
  disabled?: readonly AltRuleId[];
  /** Severity per rule, overriding every default of that rule. */
  severity?: Partial<Record<AltRuleId, Severity>>;
  /** More alt values that are placeholders, compared case-insensitively (`["pic1", "hero"]`). */
  defaultNames?: readonly string[];
  /** Words that make a redundant "<word> of" prefix. Default: image, picture, photo, photograph, graphic, pic, img. */
  redundantWords?: readonly string[];
  /** Localizer with `vscode.l10n.t`'s signature. Default: substitution only (English). */
  t?: Localize;
}

const IMAGE_EXT = /\.(png|jpe?g|jpe|jfif|gif|webp|avif|svg|bmp|tiff?|ico|heic|heif|jxl)$/i;

const DEFAULT_NAMES = new Set([
  'image', 'img', 'images', 'picture', 'pic', 'photo', 'photograph', 'graphic', 'icon', 'screenshot', 'screen shot',
  'screen capture', 'screencap', 'untitled', 'untitled design', 'alt', 'alt text', 'alttext', 'image alt text',
  'image description', 'description', 'placeholder', 'enter image description here', 'insert image description here',
  'insert alt text', 'add alt text', 'alt text here', 'todo', 'tbd', 'null', 'undefined', 'none', 'blank', 'empty',
]);

const DEFAULT_PATTERNS = [
  // macOS "Screen Shot 2022-06-26 at 7 41 30 PM", "Screenshot 2024-…", GNOME "Screenshot from 2024-…",
  // Android "Screenshot_20240101-101010", Windows "Screenshot (12)".
  /^screen ?shots?(?=$|[\s_-]*(\d|from\b|at\b|\())/i,
  // Cameras, phones and tools: IMG_1234, DSC0001, PXL_20240101_123456789, image1, image (2), CleanShot 2024-…
  /^(img|image|dsc[nf]?|pxl|mvimg|photo|pic|picture|snapshot|capture|cleanshot|shot|vid|whatsapp image)[\s_-]*\(?\d[\w\s.:()-]*$/i,
  /^untitled[\s_-]*\(?\d*\)?$/i,
  // Localized system screenshot names.
  /^(capture d[’']écran|bildschirmfoto|schermafbeelding|captura de pantalla|captura de tela|schermata|zrzut ekranu|снимок экрана|スクリーンショット|屏幕截图|螢幕擷取畫面|스크린샷)/i,
];

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether `alt` is a placeholder rather than a description ("Screen Shot 2024-…", "IMG_1234", "image.png", "photo"). */
export function isDefaultName(alt: string, extra: readonly string[] = []): boolean {
  const a = normalize(alt).replace(/[.!]+$/, '');
  const stem = a.replace(IMAGE_EXT, '');
  const key = stem.toLowerCase().replace(/[_-]+/g, ' ').trim();
  if (DEFAULT_NAMES.has(key) || extra.some((e) => e.toLowerCase() === a.toLowerCase() || e.toLowerCase() === key)) return true;
  return DEFAULT_PATTERNS.some((p) => p.test(stem));
}

/** Whether `alt` is a file name, a path or a URL, or the file name (with or without extension) of `src`. */
export function isFileNameAlt(alt: string, src = ''): boolean {
  const a = normalize(alt);
  if (a === '') return false;
  if (/^(https?:)?\/\//i.test(a) || /^data:/i.test(a)) return true;
  if (IMAGE_EXT.test(a)) return true;
  if (!/\s/.test(a) && /[/\\]/.test(a) && /[\w]/.test(a) && /\.\w{2,5}$|^\.{0,2}\//.test(a)) return true;
  if (src) {
    if (a === src.trim()) return true;
    const file = srcFileName(src);
    if (file && a.toLowerCase() === file.toLowerCase()) return true;
    const stem = file.replace(/\.[^.]+$/, '');
    // hero-banner, diagram_2, fooBar: written like a file name. A plain word ("Logo" for logo.png) is left alone.
    if (stem && a === stem && /[-_.\d]|[a-z][A-Z]/.test(stem)) return true;
  }
  return false;
}

/** The redundant lead-in ("Image of", "A photo of") that `alt` starts with, if any. */
export function redundantPrefix(alt: string, words: readonly string[] = ['image', 'picture', 'photo', 'photograph', 'graphic', 'pic', 'img']): string | undefined {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const m = new RegExp(`^(?:(?:an?|the)\\s+)?(?:${escaped})\\s+of\\b`, 'i').exec(normalize(alt));
  return m?.[0];
}

function short(s: string, n = 40): string {
  const t = normalize(s);
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

/** The range a missing-alt finding points at: the `<img` / `<Image` of the start tag, or the whole Markdown image. */
function tagRange(ref: ImageReference): OffsetRange {
  if (ref.openingRange && ref.tagName) return { start: ref.openingRange.start, end: ref.openingRange.start + 1 + ref.tagName.length };
  return ref.range;
}

/** Findings for one image reference. */
export function checkImage(ref: ImageReference, options: AltTextRuleOptions = {}): AltFinding[] {
  const l10n = { t: options.t ?? format };
  const disabled = new Set(options.disabled ?? []);
  const maxLength = options.maxLength ?? 125;
  const longLength = options.longDescriptionLength ?? 250;
  const out: AltFinding[] = [];
  const add = (ruleId: AltRuleId, severity: Severity, message: string, range: OffsetRange, helpUrl: string) => {
    if (disabled.has(ruleId)) return;
    out.push({ ruleId, severity: options.severity?.[ruleId] ?? severity, message, range, helpUrl, reference: ref });
  };
  const { alt, context } = ref;
  const linkWithoutText = context.inLink && context.linkHasOtherText === false;
  const hiddenBy = ref.decorativeMarker && ref.decorativeMarker.kind !== 'alt-empty' ? ref.decorativeMarker : undefined;

  switch (alt.kind) {
    case 'dynamic':
      return out;
    case 'missing': {
      if (ref.ariaName) return out;
      if (linkWithoutText) {
        add('missing-alt', 'warning', l10n.t('This image is the only content of a link and has no alt text, so the link has no name. Add alt text that says where the link goes.'), tagRange(ref), WAI.functional);
      } else if (hiddenBy) {
        add('missing-alt', 'information', l10n.t('This image is marked decorative but has no alt attribute. Add alt="" so that every screen reader skips it.'), tagRange(ref), WAI.decorative);
      } else {
        add('missing-alt', 'warning', l10n.t('This image has no alt text. Add alt text that conveys what the image means, or alt="" if it is decorative (without alt, screen readers may read out the file name).'), tagRange(ref), WAI.decisionTree);
      }
      return out;
    }
    case 'empty': {
      const range = alt.attributeRange ?? ref.range;
      if (ref.ariaName) return out;
      if (linkWithoutText) {
        add('empty-alt', 'warning', l10n.t('This image is the only content of a link and its alt text is empty, so the link has no name. Add alt text that says where the link goes.'), range, WAI.functional);
      } else if (ref.syntax === 'markdown-image' || ref.syntax === 'markdown-reference') {
        add('empty-alt', 'warning', l10n.t('This image has empty alt text. Describe what it conveys. Markdown cannot mark an image as decorative: if it is decorative, use an HTML <img> with alt="" instead.'), ref.range, WAI.decisionTree);
      } else if ((alt.value ?? '') !== '') {
        add('empty-alt', 'warning', l10n.t('The alt text is only spaces. Use alt="" (with no space) if the image is decorative, or describe it.'), range, WAI.decorative);
      } else if (options.requireDecorativeMarker && !hiddenBy) {
        add('empty-alt', 'information', l10n.t('Empty alt text: if the image is decorative, also add role="presentation"; otherwise describe it.'), range, WAI.decorative);
      }
      return out;
    }
    case 'text': {
      const value = alt.value ?? '';
      const range = alt.range && alt.range.end > alt.range.start ? alt.range : ref.range;
      if (isDefaultName(value, options.defaultNames)) {
        add('alt-is-default-name', 'warning', l10n.t('The alt text "{0}" is a default name, not a description. Describe what the image conveys.', short(value)), range, WAI.informative);
      } else if (isFileNameAlt(value, ref.srcOrigin === 'expression' ? '' : ref.src)) {
        add('alt-is-file-name', 'warning', l10n.t('The alt text "{0}" is a file name. Describe what the image conveys instead.', short(value)), range, WAI.informative);
      }
      const prefix = redundantPrefix(value, options.redundantWords);
      if (prefix) {
        add('alt-redundant-prefix', 'information', l10n.t('The alt text starts with "{0}": screen readers already announce an image. Start with what it shows.', prefix), range, WAI.tips);
      }
      const length = normalize(value).length;
      if (length > longLength) {
        add('alt-too-long', 'warning', l10n.t('The alt text is {0} characters long. This looks like a complex image: keep a short alt text and give the details in a long description next to the image.', length), range, WAI.complex);
      } else if (length > maxLength) {
        add('alt-too-long', 'information', l10n.t('The alt text is {0} characters long (more than {1}). Keep it to a short phrase or sentence; put details in the surrounding text or a long description.', length, maxLength), range, WAI.tips);
      }
      return out;
    }
  }
}

/** Findings for many references (a document), in document order. */
export function checkImages(refs: readonly ImageReference[], options: AltTextRuleOptions = {}): AltFinding[] {
  return refs.flatMap((r) => checkImage(r, options));
}
