// Starts the engine child and the local server on first need (never at activation), and stops both on dispose.
// The token lives in SecretStorage. No OCR logic here: everything goes through the engine and server doors.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Emitter, type EventListen } from '../common/lifecycle';
import { errorMessage } from '../common/assert';
import { EngineClient } from '../engine/index';
import { startServer, type ServerHandle } from '../server/index';
import type { Log } from './log';
import { stateKeys } from './ids';
import { engineSettings, readSettings } from './settings';
import type { KnownBatchFolders } from '../batch-folder/index';

export interface RunningBackend { readonly engine: EngineClient; readonly server: ServerHandle }

export class Backend implements vscode.Disposable {
  private starting: Promise<RunningBackend> | undefined;
  private current: RunningBackend | undefined;
  private readonly extraRoots = new Set<string>();
  private readonly startEmitter = new Emitter<RunningBackend>();
  /** Fired once each time the engine and server have started. */
  readonly onDidStart: EventListen<RunningBackend> = this.startEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log, private readonly knownBatches?: KnownBatchFolders) {}

  get running(): RunningBackend | undefined { return this.current; }

  /** The engine and server, started now if they are not yet; concurrent callers share one start. */
  ensure(): Promise<RunningBackend> {
    this.starting ??= this.start().catch(error => { this.starting = undefined; throw error; });
    return this.starting;
  }

  /** Lets the dashboard start batches in a folder outside the workspace folders (picked by the user). */
  allowRoot(folder: string): void {
    this.extraRoots.add(folder);
    this.current?.server.setRoots(this.roots());
  }

  /** Workspace folders changed: the server may read only inside them (and folders the user picked). */
  updateRoots(): void { this.current?.server.setRoots(this.roots()); }

  private roots(): string[] {
    return [...(vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath), ...this.extraRoots];
  }

  private async start(): Promise<RunningBackend> {
    const settings = readSettings();
    const defaultDataDir = this.context.globalStorageUri.fsPath;
    await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
    const onLog = (level: string, message: string): void => this.log.line(level, message);
    const engineSettingsValue = engineSettings(settings, defaultDataDir);
    this.log.line('info', `starting the engine (data folder ${engineSettingsValue.dataDir}, ${engineSettingsValue.workers} workers)`);
    const engine = await EngineClient.start({ settings: { ...engineSettingsValue, owner: 'VS Code' }, onLog });
    let server: ServerHandle;
    try {
      server = await startServer({
        engine, dataDir: engineSettingsValue.dataDir, ...(this.knownBatches ? { knownBatches: this.knownBatches } : {}), roots: this.roots(), port: settings.serverPort,
        token: await this.token(), staticDir: vscode.Uri.joinPath(this.context.extensionUri, 'dist').fsPath, onLog,
      });
    } catch (error) {
      await engine.close();
      throw error;
    }
    if (server.portFellBack) { this.log.line('warn', `port ${settings.serverPort} was taken; the server uses ${server.port}`); }
    this.log.line('info', `server listening on ${server.url}`);
    this.current = { engine, server };
    this.startEmitter.fire(this.current);
    return this.current;
  }

  private async token(): Promise<string> {
    const stored = await this.context.secrets.get(stateKeys.apiToken);
    if (stored) { return stored; }
    const token = randomBytes(32).toString('base64url');
    await this.context.secrets.store(stateKeys.apiToken, token);
    return token;
  }

  /** Stops the server, then the engine (in-flight cards finish and the checkpoint is flushed). */
  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    const running = this.current ?? await starting?.catch(() => undefined);
    this.current = undefined;
    if (!running) { return; }
    await running.server.close().catch(error => this.log.line('error', `server close: ${errorMessage(error)}`));
    await running.engine.close().catch(error => this.log.line('error', `engine close: ${errorMessage(error)}`));
  }

  dispose(): void { void this.close(); this.startEmitter.dispose(); }
}
