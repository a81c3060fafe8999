// Runs the card-ocr CLI from source as a real process and collects what it printed and its exit code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../..');
// By file URL: the CLI may run in a folder (a workspace) where `tsx` is not resolvable by name.
const tsxLoader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** `cwd` defaults to the repository root. */
export async function runCli(args: string[], cwd = root): Promise<CliRun> {
  const cli = spawn(process.execPath, ['--import', tsxLoader, join(root, 'src/cli/main.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', chunk => { stdout += chunk; });
  cli.stderr.on('data', chunk => { stderr += chunk; });
  const [code] = await once(cli, 'exit');
  return { code: code as number | null, stdout, stderr };
}
