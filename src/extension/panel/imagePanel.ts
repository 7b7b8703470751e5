/**
 * The image panel, VS Code side: creates and restores panels (one per image), renders the page with a fresh
 * CSP nonce, checks every message from the webview, runs its requests on the model host with a cancellation
 * token per request id, and streams partial results back. It keeps a snapshot of each panel's recent
 * requests, so a webview that was re-created meanwhile (a hidden tab, a reload) catches up.
 */
import * as vscode from 'vscode';
import type { ClientStatus } from '../../host/client';
import { ErrorCode, LunetteError, describeError } from '../../protocol/errors';
import type { TaskRequest, TaskResultMap } from '../../protocol/tasks';
import {
  type ExtensionToWebview,
  type PanelHostStatus,
  type PanelImage,
  type PanelImageRef,
  type PanelResult,
  type TranscriptEntry,
  type WebviewToExtension,
  LIMITS,
  parseWebviewMessage,
  persistedImage,
} from '../../protocol/webviewMessages';
import { applyCancel, applyFailure, applyPartial, applyResult, newEntry } from '../../webview/state';
import type { HostService } from '../hostService';
import { isImageUri } from '../imageTarget';
import { makeNonce, renderPanelHtml } from './html';
import { decodePastedImage } from './imageBytes';
import { PasteStore } from './pasteStore';
import { panelStrings } from './strings';

export const IMAGE_PANEL_VIEW_TYPE = 'lunette.imagePanel';

/** What the panel needs of the host service. */
export type PanelHost = Pick<HostService, 'run' | 'captionLength' | 'status' | 'onDidChangeStatus'>;

export interface OpenImagePanelOptions {
  viewColumn?: vscode.ViewColumn;
  preserveFocus?: boolean;
  /** A request to start as soon as the panel is ready (e.g. a caption when opened from "Describe Image"). */
  run?: TaskRequest;
}

/** Requests one panel may have in flight at once; more are refused (the host runs one at a time anyway). */
const MAX_RUNNING = 4;
/** Finished requests whose snapshots are kept for a re-created webview. */
const MAX_RECENT = 20;

interface PanelImageState {
  kind: PanelImageRef['kind'];
  uri: vscode.Uri;
  label: string;
}

const managers = new WeakMap<vscode.ExtensionContext, ImagePanelManager>();

/**
 * Registers the panel serializer (call once from `activate`, so panels come back after a reload) and returns
 * the manager. `openImagePanel` registers on first use if this was not called.
 */
export function registerImagePanel(context: vscode.ExtensionContext, host: PanelHost, log?: vscode.LogOutputChannel): ImagePanelManager {
  const existing = managers.get(context);
  if (existing) return existing;
  const manager = new ImagePanelManager(context, host, log);
  managers.set(context, manager);
  context.subscriptions.push(manager, vscode.window.registerWebviewPanelSerializer(IMAGE_PANEL_VIEW_TYPE, manager));
  return manager;
}

/**
 * The image a command means: a Uri argument (explorer and editor menus), else the image in the active tab (the
 * built-in image preview; its webview context menu passes no Uri), else none (an empty panel to paste into).
 */
export function imagePanelTarget(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return isImageUri(arg) ? arg : undefined;
  return activeTabImage();
}

function activeTabImage(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if ((input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && isImageUri(input.uri)) return input.uri;
  return undefined;
}

/**
 * Opens `uri` in its panel (revealing the panel when one already shows it); without a Uri, an empty panel to
 * paste into. By default the panel opens beside the image when the active tab shows it, else in the active group.
 */
export function openImagePanel(context: vscode.ExtensionContext, host: PanelHost, uri?: vscode.Uri, options: OpenImagePanelOptions = {}): vscode.WebviewPanel {
  return registerImagePanel(context, host).open(uri, options);
}

export class ImagePanelManager implements vscode.WebviewPanelSerializer<unknown>, vscode.Disposable {
  private readonly panels = new Set<ImagePanel>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly store: PasteStore;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly host: PanelHost,
    readonly log: vscode.LogOutputChannel | undefined,
  ) {
    this.store = new PasteStore(context.globalStorageUri);
    this.disposables.push(host.onDidChangeStatus((status) => this.panels.forEach((p) => p.post({ type: 'host', host: panelHostStatus(status) }))));
    // Old pastes go a while after start-up, once restored panels have said which images they still show.
    const timer = setTimeout(() => void this.prune(), 120_000);
    timer.unref?.();
    this.disposables.push({ dispose: () => clearTimeout(timer) });
  }

  open(uri: vscode.Uri | undefined, options: OpenImagePanelOptions = {}): vscode.WebviewPanel {
    const key = uri?.toString();
    const existing = key ? [...this.panels].find((p) => p.imageUri === key) : undefined;
    if (existing) {
      existing.panel.reveal(options.viewColumn, options.preserveFocus);
      if (options.run) existing.start(options.run);
      return existing.panel;
    }
    const image = uri ? { kind: 'file' as const, uri, label: vscode.workspace.asRelativePath(uri, false) } : undefined;
    const viewColumn = options.viewColumn ?? (key && activeTabImage()?.toString() === key ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
    const panel = vscode.window.createWebviewPanel(IMAGE_PANEL_VIEW_TYPE, panelTitle(image), { viewColumn, preserveFocus: options.preserveFocus ?? false }, this.webviewOptions(image));
    const created = this.adopt(panel, image);
    if (options.run) created.start(options.run);
    return panel;
  }

  /** Restores a panel after a reload; `state` is what the webview saved, so it is checked like a message. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const image = await this.restoredImage(persistedImage(state));
    panel.webview.options = this.webviewOptions(image);
    panel.title = panelTitle(image);
    this.adopt(panel, image);
  }

  webviewOptions(image: PanelImageState | undefined): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const extensionUri = this.context.extensionUri;
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media'), this.store.dir];
    if (image?.kind === 'file') roots.push(vscode.Uri.joinPath(image.uri, '..'));
    return { enableScripts: true, enableCommandUris: false, enableFindWidget: true, localResourceRoots: roots };
  }

  async prune(): Promise<void> {
    const keep = new Set([...this.panels].map((p) => p.imageUri).filter((u): u is string => u !== undefined));
    await this.store.prune(keep).catch((error: unknown) => this.log?.warn(`Pruning pasted images failed: ${describeError(error)}`));
  }

  private adopt(panel: vscode.WebviewPanel, image: PanelImageState | undefined): ImagePanel {
    const created = new ImagePanel(this, panel, image);
    this.panels.add(created);
    panel.onDidDispose(() => {
      created.dispose();
      this.panels.delete(created);
    });
    return created;
  }

  private async restoredImage(ref: PanelImageRef | null): Promise<PanelImageState | undefined> {
    if (!ref) return undefined;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(ref.uri, true);
    } catch {
      return undefined;
    }
    if (ref.kind === 'pasted') {
      if (!this.store.contains(uri) || !(await this.store.exists(uri))) return undefined;
      return { kind: 'pasted', uri, label: ref.label };
    }
    if (!isImageUri(uri)) return undefined;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.File) return undefined;
    } catch {
      return undefined;
    }
    return { kind: 'file', uri, label: vscode.workspace.asRelativePath(uri, false) };
  }

  /** On deactivation: stops the panels' requests and listeners, but leaves the panels open for the serializer. */
  dispose(): void {
    for (const panel of this.panels) panel.dispose();
    this.panels.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}

interface Running {
  source: vscode.CancellationTokenSource;
  entry: TranscriptEntry;
}

class ImagePanel {
  private image: PanelImageState | undefined;
  private readonly running = new Map<string, Running>();
  private recent: TranscriptEntry[] = [];
  /** Whether the webview's script is listening (it says `ready`; hiding the panel unloads it). */
  private ready = false;
  private readonly queued: TaskRequest[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly manager: ImagePanelManager,
    readonly panel: vscode.WebviewPanel,
    image: PanelImageState | undefined,
  ) {
    this.image = image;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    this.render();
  }

  get imageUri(): string | undefined {
    return this.image?.uri.toString();
  }

  post(message: ExtensionToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Starts a request as if the user had; the webview picks its id so it owns the transcript entry. */
  start(request: TaskRequest): void {
    if (this.ready) this.post({ type: 'start', request });
    else this.queued.push(request);
  }

  private render(): void {
    const webview = this.panel.webview;
    const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.manager.context.extensionUri, 'dist', 'webview', ...path)).toString();
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset('panel.js'),
      styleUri: asset('panel.css'),
      codiconUri: asset('codicons', 'codicon.css'),
      strings: panelStrings(),
      lang: vscode.env.language,
    });
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.manager.log?.warn(`Image panel: ignored a malformed message (${parsed.error})`);
      return;
    }
    void this.handle(parsed.value).catch((error: unknown) => {
      this.manager.log?.error(`Image panel: ${describeError(error)}`);
      this.post({ type: 'notice', level: 'error', message: describeError(error) });
    });
  }

  private async handle(message: WebviewToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({
          type: 'init',
          image: this.panelImage(),
          captionLength: this.manager.host.captionLength,
          requests: [...this.recent, ...[...this.running.values()].map((r) => r.entry)],
          host: panelHostStatus(this.manager.host.status),
        });
        for (const request of this.queued.splice(0)) this.post({ type: 'start', request });
        return;
      case 'run':
        return this.run(message.requestId, message.request);
      case 'cancel':
        this.running.get(message.requestId)?.source.cancel();
        return;
      case 'paste':
        return this.paste(message.base64, message.name);
      case 'openUri':
        return this.openDropped(message.uri);
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'notice', level: 'info', message: vscode.l10n.t('Copied to the clipboard.') });
        return;
      case 'showLogs':
        await vscode.commands.executeCommand('lunette.showLogs');
        return;
    }
  }

  private async run(id: string, request: TaskRequest): Promise<void> {
    const image = this.image;
    const refuse = (text: string): void => this.post({ type: 'failed', requestId: id, message: text, code: ErrorCode.InvalidRequest });
    if (!image) return refuse(vscode.l10n.t('Open or paste an image first.'));
    if (this.running.has(id) || this.recent.some((e) => e.id === id)) return; // a repeated id: the first one stands
    if (this.running.size >= MAX_RUNNING) return refuse(vscode.l10n.t('{0} requests are already running; wait for one or stop it.', MAX_RUNNING));

    const running: Running = { source: new vscode.CancellationTokenSource(), entry: newEntry(id, request) };
    this.running.set(id, running);
    const options = {
      token: running.source.token,
      onPartial: (partial: Parameters<typeof applyPartial>[1]) => {
        running.entry = applyPartial(running.entry, partial);
        this.post({ type: 'partial', requestId: id, partial });
      },
    };
    try {
      const result = toPanelResult(request, await runTask(this.manager.host, image.uri, request, options));
      running.entry = applyResult(running.entry, result);
      this.post({ type: 'result', requestId: id, result });
    } catch (error) {
      if (running.source.token.isCancellationRequested || (error instanceof LunetteError && error.code === ErrorCode.Cancelled)) {
        running.entry = applyCancel(running.entry);
        this.post({ type: 'cancelled', requestId: id });
      } else {
        const code = error instanceof LunetteError ? error.code : ErrorCode.Internal;
        // Messages name the file by its path; the panel's label reads better (a pasted image's path is a hash in storage).
        const text = describeError(error).split(image.uri.fsPath).join(image.label).slice(0, LIMITS.message);
        running.entry = applyFailure(running.entry, text, code);
        this.manager.log?.warn(`Image panel: ${request.task} on ${image.label} failed: ${text}`);
        this.post({ type: 'failed', requestId: id, message: text, code });
      }
    } finally {
      running.source.dispose();
      // The image may have changed meanwhile (its requests were cancelled): keep snapshots of the current one only.
      if (this.running.get(id) === running) {
        this.running.delete(id);
        this.recent = [...this.recent, running.entry].slice(-MAX_RECENT);
      }
    }
  }

  private async paste(base64: string, name: string): Promise<void> {
    const decoded = decodePastedImage(base64);
    if (!decoded.ok) {
      const reason =
        decoded.reason === 'too-large'
          ? vscode.l10n.t('The image is larger than {0} MiB.', Math.round(LIMITS.pasteBytes / 1048576))
          : vscode.l10n.t('That is not a PNG, JPEG, GIF, WebP or BMP image.');
      this.post({ type: 'notice', level: 'error', message: reason });
      return;
    }
    const uri = await this.manager.store.save(decoded.bytes, decoded.extension);
    const label = name.trim() && !/^image\.(png|jpe?g|gif|webp|bmp)$/i.test(name.trim()) ? name.trim() : vscode.l10n.t('Pasted image');
    this.setImage({ kind: 'pasted', uri, label });
    void this.manager.prune();
  }

  private async openDropped(text: string): Promise<void> {
    let uri: vscode.Uri | undefined;
    try {
      uri = vscode.Uri.parse(text, true);
    } catch {
      uri = undefined;
    }
    // Only images inside the workspace: the webview must not be able to point the extension anywhere else.
    if (!uri || !isImageUri(uri) || !vscode.workspace.getWorkspaceFolder(uri)) {
      this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('Only image files from this workspace can be dropped here.') });
      return;
    }
    this.manager.open(uri, { viewColumn: this.panel.viewColumn ?? vscode.ViewColumn.Active });
  }

  private setImage(image: PanelImageState): void {
    for (const running of this.running.values()) running.source.cancel();
    this.running.clear();
    this.recent = [];
    this.image = image;
    this.panel.title = panelTitle(image);
    const panelImage = this.panelImage();
    if (panelImage) this.post({ type: 'image', image: panelImage });
  }

  private panelImage(): PanelImage | null {
    if (!this.image) return null;
    return {
      kind: this.image.kind,
      uri: this.image.uri.toString(),
      label: this.image.label.slice(0, LIMITS.label),
      src: this.panel.webview.asWebviewUri(this.image.uri).toString(),
    };
  }

  dispose(): void {
    for (const running of this.running.values()) running.source.cancel();
    this.running.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** HostService.run's type ties the request to its result; this keeps that for a request of any task. */
function runTask(host: PanelHost, uri: vscode.Uri, request: TaskRequest, options: Parameters<PanelHost['run']>[2]): Promise<TaskResultMap[keyof TaskResultMap]> {
  switch (request.task) {
    case 'caption':
      return host.run(uri, request, options);
    case 'ask':
      return host.run(uri, request, options);
    case 'detect':
      return host.run(uri, request, options);
    case 'point':
      return host.run(uri, request, options);
    case 'ocr':
      return host.run(uri, request, options);
  }
}

/** The host's result in the panel's terms, trimmed to the message limits. */
export function toPanelResult(request: TaskRequest, result: TaskResultMap[keyof TaskResultMap]): PanelResult {
  const ms = Math.max(0, result.timings.total_ms);
  if ('caption' in result) return { task: 'caption', text: result.caption.slice(0, LIMITS.text), ms };
  if ('answer' in result) return { task: 'ask', text: result.answer.slice(0, LIMITS.text), ms };
  if ('objects' in result) return { task: 'detect', boxes: result.objects.slice(0, LIMITS.objects), ms };
  if ('points' in result) return { task: 'point', points: result.points.slice(0, LIMITS.objects), ms };
  if ('lines' in result) return { task: 'ocr', lines: result.lines.slice(0, LIMITS.objects).map((l) => ({ ...l, text: l.text.slice(0, LIMITS.line) })), ms };
  throw new LunetteError(ErrorCode.Internal, `The host returned no result for ${request.task}.`);
}

function panelHostStatus(status: ClientStatus): PanelHostStatus {
  return status.error ? { state: status.state, error: status.error.slice(0, LIMITS.message) } : { state: status.state };
}

function panelTitle(image: PanelImageState | undefined): string {
  if (!image) return 'Lunette';
  const name = image.kind === 'file' ? (image.uri.path.split('/').pop() ?? image.label) : image.label;
  return vscode.l10n.t('Lunette: {0}', name);
}
