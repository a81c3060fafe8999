// Starts the local API on 127.0.0.1: Express + ws on one http server, the discovery file, and a close()
// that leaves no socket, port or file behind. Knows nothing of vscode or the CLI.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DisposableStore, Emitter, type EventListen } from '../common/lifecycle';
import { ReviewFlags, type EngineClient } from '../engine/index';
import type { ApiContext } from './api-context';
import { createApp } from './app';
import { generateToken, type DoorState } from './auth';
import { BatchRegistry } from './batch-registry';
import { removeDiscoveryFile, writeDiscoveryFile } from './discovery-file';
import type { LogFn } from './http-errors';
import { packageVersion } from './package-version';
import { defaultUploadLimits, type UploadLimits } from './routes/upload';
import { UploadStore } from './upload-store';
import { BatchFeeds } from './ws/batch-feed';
import type { WatchLimits } from './ws/watch-connection';
import { WatchServer, type DroppedWatcher } from './ws/watch-server';
import { KnownBatchFolders } from '../batch-folder/index';

/** Tunables; the defaults suit real use, tests shrink them to reach the limits quickly. */
export interface ServerLimits extends UploadLimits, WatchLimits {
  /** Card/error frames kept per batch for re-attaching clients. @default 1000 */
  ringSize: number;
  /** Ping interval; a watcher that misses one ping is closed. @default 30000 */
  heartbeatMs: number;
}

export const defaultServerLimits: ServerLimits = {
  ...defaultUploadLimits, ringSize: 1000, heartbeatMs: 30_000, progressIntervalMs: 100,
  maxBufferedBytes: 4 * 1024 * 1024, maxQueuedFrames: 10_000, recentCards: 100, maxReadBack: 5000,
};

export interface ServerOptions {
  /** Owned by the caller: the server relays its messages but never closes it. */
  engine: EngineClient;
  /** Holds server.json, batches.json and uploads/. */
  dataDir: string;
  /** Folders a client may start a batch on (real paths are compared, after symlinks). */
  roots: string[];
  /** 0 picks a free port; a taken port falls back to a free one (`portFellBack`). @default 0 */
  port?: number;
  /** @default 32 random bytes, base64url */
  token?: string;
  /** Folder holding webview.js, served at `/` with a generated index.html. */
  staticDir?: string;
  onLog?: LogFn;
  /** The list of known batch folders, when the caller shares it (the extension's tree). @default KnownBatchFolders.in(dataDir) */
  knownBatches?: KnownBatchFolders;
  /** Added after api.md #5, optional: see ServerLimits. */
  limits?: Partial<ServerLimits>;
}

export interface ServerHandle {
  /** `http://127.0.0.1:<port>/` (no token in it). */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** True when `options.port` was taken and another port was chosen. */
  readonly portFellBack: boolean;
  readonly onDidChangeAddress: EventListen<void>;
  /** Added after api.md #5: a watcher was cut off (too slow, or no pong); it may re-attach with `since`. */
  readonly onDidDropWatcher: EventListen<DroppedWatcher>;
  setRoots(roots: string[]): void;
  /**
   * Added after api.md #5: also answer requests that reach us through `url`, a VS Code port forward of this
   * server (`vscode.env.asExternalUri`: remote windows, code-server's /proxy/<port>/), whose Host and Origin
   * name the forwarding side. The token is still required.
   */
  allowForwardedAddress(url: string): void;
  /** Closes watchers (1001), connections and the port, and removes server.json; the engine stays up. */
  close(): Promise<void>;
}

async function listen(server: Server, port: number): Promise<{ port: number; fellBack: boolean }> {
  const attempt = (p: number) => new Promise<number>((resolve, reject) => {
    const onError = (error: Error): void => { server.off('listening', onListening); reject(error); };
    const onListening = (): void => { server.off('error', onError); resolve((server.address() as AddressInfo).port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: p, host: '127.0.0.1' });
  });
  try {
    return { port: await attempt(port), fellBack: false };
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') { throw error; }
    return { port: await attempt(0), fellBack: true };
  }
}

export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const log: LogFn = options.onLog ?? (() => { /* no log wanted */ });
  const limits: ServerLimits = { ...defaultServerLimits, ...options.limits };
  const token = options.token ?? generateToken();
  let port = 0;
  let roots = [...options.roots];
  const forwardedHosts = new Set<string>();
  const door: DoorState = { token, port: () => port, forwardedHosts: () => forwardedHosts };
  const store = new DisposableStore();
  const feeds = store.add(new BatchFeeds(limits.ringSize));
  store.add(options.engine.onDidReceiveMessage(message => feeds.publish(message)));
  const registry = new BatchRegistry(options.knownBatches ?? KnownBatchFolders.in(options.dataDir), options.engine);
  const context: ApiContext = {
    engine: options.engine, registry, uploads: new UploadStore(options.dataDir), reviewFlags: new ReviewFlags(),
    roots: () => roots, version: packageVersion(), log,
  };
  const server = createServer(createApp(context, door, options.staticDir, limits));
  const watch = store.add(new WatchServer(door, registry, feeds, limits, limits.heartbeatMs));
  server.on('upgrade', (req, socket, head) => watch.handleUpgrade(req, socket, head));
  server.on('clientError', (_error, socket) => { socket.destroy(); });
  const addressEmitter = store.add(new Emitter<void>());

  const bound = await listen(server, options.port ?? 0);
  port = bound.port;
  const url = `http://127.0.0.1:${port}/`;
  if (bound.fellBack) { log('warn', `port ${options.port} is taken; listening on ${port} instead`); }
  await writeDiscoveryFile(options.dataDir, { url, port, token, pid: process.pid });
  log('info', `listening on ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url, port, token, portFellBack: bound.fellBack,
    onDidChangeAddress: addressEmitter.event,
    onDidDropWatcher: watch.onDidDropWatcher,
    setRoots: next => { roots = [...next]; },
    allowForwardedAddress: forwarded => {
      const host = new URL(forwarded).host.toLowerCase();
      if (host !== `127.0.0.1:${port}` && !forwardedHosts.has(host)) { forwardedHosts.add(host); log('info', `also answering through ${host} (a port forward)`); }
    },
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>(resolve => server.close(() => resolve()));
        await watch.close();
        server.closeAllConnections();
        await stopped;
        await removeDiscoveryFile(options.dataDir, process.pid, port);
        store.dispose();
        log('info', `closed ${url}`);
      })();
      return closing;
    },
  };
}
