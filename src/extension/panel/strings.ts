/** The panel's user-visible strings, localized with `vscode.l10n` (literal calls, so `@vscode/l10n-dev` finds them). */
import * as vscode from 'vscode';
import type { PanelStrings } from '../../protocol/webviewMessages';

/** Placeholders the webview fills in; passed through l10n.t unchanged. */
const P0 = '{0}';
const P1 = '{1}';
const P2 = '{2}';
const P3 = '{3}';
const P4 = '{4}';

export function panelStrings(): PanelStrings {
  return {
    imageRegion: vscode.l10n.t('Image'),
    dropHint: vscode.l10n.t('Paste a screenshot (Ctrl+V) or drop an image file here (hold Shift while dropping).'),
    imageUnavailable: vscode.l10n.t('The image is no longer available. Paste it or open it again.'),
    imageLoadFailed: vscode.l10n.t('The image cannot be shown here; questions about it still work.'),
    controls: vscode.l10n.t('Actions'),
    captionLength: vscode.l10n.t('Caption length'),
    lengthShort: vscode.l10n.t('Short'),
    lengthNormal: vscode.l10n.t('Normal'),
    lengthLong: vscode.l10n.t('Long'),
    caption: vscode.l10n.t('Caption'),
    question: vscode.l10n.t('Question'),
    questionPlaceholder: vscode.l10n.t('Ask about the image and press Enter'),
    ask: vscode.l10n.t('Ask'),
    object: vscode.l10n.t('Object'),
    objectPlaceholder: vscode.l10n.t('e.g. button, then Enter to detect'),
    detect: vscode.l10n.t('Detect'),
    point: vscode.l10n.t('Point'),
    readText: vscode.l10n.t('Read Text'),
    transcript: vscode.l10n.t('Results'),
    emptyTranscript: vscode.l10n.t('Captions, answers and found objects appear here.'),
    clear: vscode.l10n.t('Clear'),
    stop: vscode.l10n.t('Stop'),
    copy: vscode.l10n.t('Copy'),
    copyJson: vscode.l10n.t('Copy JSON'),
    retry: vscode.l10n.t('Retry'),
    showLogs: vscode.l10n.t('Show Logs'),
    showOnImage: vscode.l10n.t('Show on Image'),
    working: vscode.l10n.t('Working…'),
    stopped: vscode.l10n.t('Stopped.'),
    interrupted: vscode.l10n.t('Interrupted when the window reloaded.'),
    captionHeading: vscode.l10n.t('Caption ({0})', P0),
    detectHeading: vscode.l10n.t('Detect “{0}”', P0),
    pointHeading: vscode.l10n.t('Point at “{0}”', P0),
    ocrHeading: vscode.l10n.t('Text in the image'),
    noneFound: vscode.l10n.t('No “{0}” found.', P0),
    boxesOne: vscode.l10n.t('1 object found.'),
    boxesMany: vscode.l10n.t('{0} objects found.', P0),
    pointsOne: vscode.l10n.t('1 point found.'),
    pointsMany: vscode.l10n.t('{0} points found.', P0),
    noText: vscode.l10n.t('No text found.'),
    linesOne: vscode.l10n.t('1 line of text.'),
    linesMany: vscode.l10n.t('{0} lines of text.', P0),
    boxItem: vscode.l10n.t('Box {0}: left {1}%, top {2}%, right {3}%, bottom {4}%', P0, P1, P2, P3, P4),
    pointItem: vscode.l10n.t('Point {0}: {1}% from the left, {2}% from the top', P0, P1, P2),
    failed: vscode.l10n.t('Failed: {0}', P0),
    seconds: vscode.l10n.t('{0} s', P0),
    hostStarting: vscode.l10n.t('Starting the model host…'),
    hostLoading: vscode.l10n.t('Loading the model…'),
    hostRestarting: vscode.l10n.t('The model host is restarting…'),
    hostFailed: vscode.l10n.t('The model host is not available: {0}', P0),
    pasteTooLarge: vscode.l10n.t('The image is larger than {0} MiB.', P0),
    pasteWrongType: vscode.l10n.t('Only PNG, JPEG, GIF, WebP and BMP images can be pasted or dropped.'),
    pasteReading: vscode.l10n.t('Reading the image…'),
    escapeHint: vscode.l10n.t('Stop (Escape)'),
  };
}
