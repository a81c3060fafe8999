// `server.json` in the data folder, so local tools can find a running server (as Jupyter does).
// Owner-only (0600) because it holds the token; removed on shutdown unless another server replaced it.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DiscoveryFile } from '../protocol/index';

export function discoveryFilePath(dataDir: string): string {
  return join(dataDir, 'server.json');
}

export async function writeDiscoveryFile(dataDir: string, value: DiscoveryFile): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = discoveryFilePath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  // Written beside and renamed, so a reader never sees half a file; mode set before the token is in it.
  await writeFile(temporary, '', { mode: 0o600 });
  await chmod(temporary, 0o600);
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temporary, file);
}

/** Removes the file only if it is still ours: a second server in the same folder may have replaced it. */
export async function removeDiscoveryFile(dataDir: string, pid: number, port: number): Promise<void> {
  const file = discoveryFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;   // already gone: nothing to clean up
  }
  const parsed = DiscoveryFile.safeParse(safeJson(text));
  if (parsed.success && (parsed.data.pid !== pid || parsed.data.port !== port)) { return; }
  await rm(file, { force: true });
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
