// Hosts the dashboard page in a webview: strict CSP with a nonce, only dist/ loadable, and one `connect`
// message with the server's address as the page can reach it (asExternalUri: remote windows, code-server).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { assertNever } from '../common/assert';
import { DisposableStore } from '../common/lifecycle';
import { saveTemplate } from '../engine/index';
import { PageToHost, type HostToPage } from '../protocol/index';
import type { RunningBackend } from './backend';
import { dashboardViewType } from './ids';
import type { KnownBatches } from './known-batches';
import type { Log } from './log';
import { batchPaths } from '../batch-folder/index';

/** What the page needs from the host: the server, and the batch folders for opening card images. */
export interface DashboardDeps { extensionUri: vscode.Uri; backend: RunningBackend; known: KnownBatches; log: Log }

function webviewOptions(deps: DashboardDeps): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist')] };
}

export class DashboardPanel implements vscode.Disposable {
  private readonly store = new DisposableStore();
  /** A batch (or folder to define fields for) to show when the page says it is ready. */
  private pending: HostToPage | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: DashboardDeps, private readonly onClosed: () => void) {
    this.store.add(panel.onDidDispose(() => { this.store.dispose(); this.onClosed(); }));
    this.store.add(panel.webview.onDidReceiveMessage(raw => void this.onPageMessage(raw)));
    this.store.add(deps.backend.server.onDidChangeAddress(() => void this.sendConnect()));
  }

  static create(deps: DashboardDeps, onClosed: () => void): DashboardPanel {
    const panel = vscode.window.createWebviewPanel(dashboardViewType, vscode.l10n.t('Card OCR Dashboard'), vscode.ViewColumn.Active, webviewOptions(deps));
    return DashboardPanel.adopt(panel, deps, onClosed);
  }

  /** Takes over a panel VS Code restored after a reload (the page keeps its batch in its own state). */
  static adopt(panel: vscode.WebviewPanel, deps: DashboardDeps, onClosed: () => void): DashboardPanel {
    panel.webview.options = webviewOptions(deps);
    const dashboard = new DashboardPanel(panel, deps, onClosed);
    void dashboard.render();
    return dashboard;
  }

  get backend(): RunningBackend { return this.deps.backend; }

  /** Brings the panel forward on a batch; the page switches at once if loaded, else once it is ready. */
  show(message?: HostToPage): void {
    this.panel.reveal(undefined, false);
    if (!message) { return; }
    this.pending = message;
    void this.panel.webview.postMessage(message);
  }

  private async render(): Promise<void> {
    const webview = this.panel.webview;
    const origin = await this.serverOrigin();
    const nonce = randomBytes(16).toString('base64');
    const wsOrigin = origin.replace(/^http/, 'ws');
    // blob: for card images, fetched with the token and shown through object URLs (an <img> sends no header).
    const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data: blob:`, `script-src 'nonce-${nonce}'`, `connect-src ${origin} ${wsOrigin}`].join('; ');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview.js'));
    // The page speaks VS Code's display language (`de`, `en`, `zh-cn`); it reads it from data-locale.
    const locale = vscode.env.language.replace(/[^A-Za-z0-9-]/g, '');
    webview.html = `<!DOCTYPE html>
<html lang="${locale}" data-locale="${locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${vscode.l10n.t('Card OCR Dashboard')}</title></head>
<body><main id="app"></main><script nonce="${nonce}" src="${script.toString()}"></script></body></html>`;
  }

  /** The server as the page can reach it; in a remote window or code-server this is a forwarded address. */
  private async externalUrl(): Promise<string> {
    const external = (await vscode.env.asExternalUri(vscode.Uri.parse(this.deps.backend.server.url))).toString(true);
    // Requests through a forward carry the forwarding side's Host and Origin; let exactly this one in.
    this.deps.backend.server.allowForwardedAddress(external);
    return external;
  }

  private async serverOrigin(): Promise<string> {
    return new URL(await this.externalUrl()).origin;
  }

  private async sendConnect(): Promise<void> {
    const pending = this.pending;
    const batchId = pending?.type === 'showBatch' ? pending.batchId : undefined;
    const message: HostToPage = { type: 'connect', serverUrl: await this.externalUrl(), token: this.deps.backend.server.token, ...(batchId ? { batchId } : {}) };
    await this.panel.webview.postMessage(message);
    if (pending?.type === 'defineFields' || (pending?.type === 'showBatch' && pending.focus)) { await this.panel.webview.postMessage(pending); }
    this.pending = undefined;
  }

  private async onPageMessage(raw: unknown): Promise<void> {
    const parsed = PageToHost.safeParse(raw);
    if (!parsed.success) { this.deps.log.line('warn', 'ignored a malformed message from the dashboard page'); return; }
    const message = parsed.data;
    switch (message.type) {
      case 'ready': await this.sendConnect(); break;
      case 'batchStarted': await this.deps.known.add(message.dir); break;
      case 'openCard': {
        const batch = await this.deps.known.find(message.batchId);
        // A failed card's image was moved into _errors/; a good one stays where it was.
        const candidates = batch ? [join(batch.dir, message.card), join(batchPaths(batch.dir).errorsDir, message.card)] : [];
        const file = candidates.find(candidate => existsSync(candidate));
        if (file) { await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file)); }
        break;
      }
      case 'saveTemplate': await this.saveTemplate(message.template); break;
      default: assertNever(message);
    }
  }

  /** Writes the page's template into the first workspace folder's `.card-ocr/templates/`; the picker lists it next time. */
  private async saveTemplate(template: unknown): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const answer = (ok: boolean, text: string): Thenable<boolean> => this.panel.webview.postMessage({ type: 'templateSaved', ok, message: text } satisfies HostToPage);
    if (!folder) { await answer(false, vscode.l10n.t('Open a workspace folder first: templates are saved in it')); return; }
    const saved = await saveTemplate(folder.uri.fsPath, template);
    if (!saved.ok) { await answer(false, saved.error.message); return; }
    this.deps.log.line('info', `saved the template ${saved.value.template.id} as ${saved.value.file}`);
    await answer(true, vscode.l10n.t('Saved as {0}; OCR Folder… offers it now', saved.value.file));
  }

  dispose(): void { this.panel.dispose(); }
}
