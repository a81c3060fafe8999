// `card-ocr serve`: the local API and dashboard without VS Code. Owns the engine child and the server,
// prints the dashboard URL (token in the fragment) and shuts both down cleanly on SIGINT/SIGTERM.
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { EngineClient } from '../engine/index';
import { discoveryFilePath, startServer } from '../server/index';
import { addEngineOptions, type EngineCommandOptions } from './command-options';
import { ExitCode, UsageError } from './exit-codes';
import { t } from './l10n/index';

interface ServeOptions extends EngineCommandOptions { port: number; root: string[] }

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { throw new InvalidArgumentError('a port from 0 to 65535 (0 = any free port)'); }
  return port;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Bundled, dist/cli.js sits beside dist/webview.js; from source (tsx) the bundle is in ../../dist. */
function dashboardDir(): string {
  return __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist') : __dirname;
}

async function checkRoots(roots: string[]): Promise<string[]> {
  const checked: string[] = [];
  for (const root of roots) {
    const dir = resolve(root);
    if (!(await stat(dir).catch(() => undefined))?.isDirectory()) { throw new UsageError(t('serve.rootNotFolder', { root })); }
    checked.push(dir);
  }
  return checked;
}

export function registerServeCommand(program: Command): void {
  addEngineOptions(program.command('serve')
    .description(t('help.serve'))
    .addOption(new Option('--port <n>', t('help.port')).argParser(parsePort).default(0))
    .option('--root <dir>', t('help.root'), collect, []))
    .action(async (options: ServeOptions) => {
      const roots = await checkRoots(options.root);
      const log = (level: string, message: string): void => {
        if (options.verbose || level === 'warn' || level === 'error') { console.error(`[${level}] ${message}`); }
      };
      const engine = await EngineClient.start({ settings: { dataDir: options.dataDir, owner: 'card-ocr serve', ...(options.workers ? { workers: options.workers } : {}), ...(options.ocrBackend ? { ocrBackend: options.ocrBackend } : {}) }, onLog: log });
      let server;
      try {
        server = await startServer({ engine, dataDir: options.dataDir, roots, port: options.port, staticDir: dashboardDir(), onLog: log });
      } catch (error) {
        await engine.close();
        throw error;
      }
      if (server.portFellBack) { console.log(t('serve.portTaken', { port: options.port, used: server.port })); }
      console.log(t('serve.server', { url: server.url }));
      console.log(t('serve.dashboard', { url: `${server.url}#token=${server.token}` }));
      console.log(t('serve.discovery', { file: discoveryFilePath(options.dataDir) }));
      console.log(roots.length > 0 ? t('serve.roots', { roots: roots.join(', ') }) : t('serve.noRoots'));

      const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      // A second signal while the cards in flight finish: stop at once, taking the engine child along.
      const force = (): void => {
        const pid = engine.childPid;
        if (pid !== undefined) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
        process.exit(ExitCode.interrupted);
      };
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      console.log(t('serve.shuttingDown', { signal: String(signal[0] ?? 'signal') }));
      await server.close();
      await engine.close();
      process.exitCode = ExitCode.ok;
    });
}
