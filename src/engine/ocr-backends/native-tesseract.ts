// The native backend: the system's tesseract 5 (libtesseract, as the `tesseract` CLI runs it), one host process
// per worker kept alive across cards (native-host.ts), so start-up (~0.3 s a process) is paid once per worker,
// not per image, and results come back per read. Used where `tesseract --version` says 5.x and every language
// of the card has an uncompressed `<code>.traineddata` in the searched folders, or ships with Card OCR.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { errorMessage } from '../../common/assert';
import type { OcrPage } from '../ocr-page';
import { languageCodes, linkNativeLanguage, searchedDirs } from '../language-data';
import { OcrWorkerCrashed, pageSegmentationMode, type ImageRect, type OcrBackend, type OcrImage, type OcrWorker, type ReadOptions } from './backend';
import type { NativeHostMessage, NativeReadRequest } from './native-messages';

export interface NativeTesseractOptions {
  /** Folders searched for `<code>.traineddata` before the system's; see language-data.ts. */
  tessdataDirs: readonly string[];
  /** The system's tessdata folders. @default systemTessdataDirs */
  systemDirs?: readonly string[];
  /** A folder of links to each language's file, so one tessdata path serves languages from several folders. */
  linkDir: string;
  onLog: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** @default dist/native-ocr-host.js beside the running bundle, or native-host.ts through tsx from source */
  hostPath?: string;
}

let version: string | null | undefined;

/** The system tesseract's version when it is 5.x or later, else undefined; asked once per process. */
export function nativeTesseractVersion(): string | undefined {
  if (version === undefined) {
    const run = spawnSync('tesseract', ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const found = /tesseract v?(\d+)\.(\d+)\.?(\d*)/i.exec(`${run.stdout ?? ''}${run.stderr ?? ''}`);
    version = run.status === 0 && found && Number(found[1]) >= 5 ? `${found[1]}.${found[2]}.${found[3] || '0'}` : null;
  }
  return version ?? undefined;
}

function defaultHostPath(): string {
  // Bundled, this code sits in dist/engine.js beside native-ocr-host.js; under tsx it is this folder's .ts.
  return __filename.endsWith('.ts') ? join(__dirname, 'native-host.ts') : join(__dirname, 'native-ocr-host.js');
}

/** Images a host keeps for the reads after the first: a card's page, its raw fallback and a zone's own preparation.
 *  Sending the pixels once per card, not once per zone, saves a copy of several MB for each zone read. */
const keptImages = 3;

class NativeWorker implements OcrWorker {
  readonly backend = 'native' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (page: OcrPage) => void; reject: (error: Error) => void }>();
  private exited = false;
  /** The images the host holds, oldest first (by identity: a card's zones reuse the buffer its page was read from),
   *  and the ids it knows them by. Never more than `keptImages`. */
  private readonly held: Buffer[] = [];
  private readonly heldIds: number[] = [];
  private nextImageId = 1;

  constructor(private readonly child: ChildProcess, readonly language: string) {
    child.on('message', (message: NativeHostMessage) => {
      if (message.type !== 'read') { return; }
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) { waiting?.resolve(message.page); } else { waiting?.reject(new Error(message.message)); }
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiting of this.pending.values()) {
        waiting.reject(new OcrWorkerCrashed(`the native tesseract process stopped (${signal ?? `exit ${code}`})`));
      }
      this.pending.clear();
    });
  }

  /** The host's process id (crash tests kill it). */
  get pid(): number | undefined { return this.child.pid; }

  read(image: OcrImage, options: ReadOptions, rect?: ImageRect): Promise<OcrPage> {
    if (this.exited) { return Promise.reject(new OcrWorkerCrashed('the native tesseract process is not running')); }
    const id = this.nextId++;
    const held = this.held.indexOf(image.image);
    const imageId = held >= 0 ? this.heldIds[held] : this.nextImageId++;
    let forget: number[] = [];
    if (held < 0) {
      this.held.push(image.image);
      this.heldIds.push(imageId);
      forget = this.heldIds.splice(0, Math.max(0, this.heldIds.length - keptImages));
      this.held.splice(0, forget.length);
    }
    const request: NativeReadRequest = {
      id, imageId, forget, ...(held >= 0 ? {} : { image: {
        image: image.image, width: image.width, height: image.height, ...(image.channels ? { channels: image.channels } : {}),
        ...(image.density ? { density: image.density } : {}) } }),
      language: options.language ?? this.language,
      psm: pageSegmentationMode[options.pageSegmentation], whitelist: options.whitelist ?? '', ...(rect ? { rect } : {}),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send(request);
    });
  }

  async terminate(): Promise<void> {
    if (this.exited) { return; }
    const gone = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await gone;
  }
}

export function nativeTesseractBackend(options: NativeTesseractOptions): OcrBackend {
  const supported = new Map<string, Promise<boolean>>();
  const hostPath = options.hostPath ?? defaultHostPath();
  return {
    name: 'native',
    takesRawPixels: true,
    supports(language) {
      let answer = supported.get(language);
      if (!answer) {
        answer = (async () => {
          if (!nativeTesseractVersion()) { return false; }
          await mkdir(options.linkDir, { recursive: true });
          const dirs = searchedDirs(options.tessdataDirs, options.systemDirs);
          for (const code of languageCodes(language)) {
            if (!(await linkNativeLanguage(code, dirs, options.linkDir))) { return false; }
          }
          return true;
        })();
        supported.set(language, answer);
      }
      return answer;
    },
    start: language => new Promise((resolve, reject) => {
      const child = fork(hostPath, [options.linkDir, language], {
        execArgv: hostPath.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [],
        // Essential on few cores: without it each process starts an OpenMP thread per core and they fight (5× slower).
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      createInterface({ input: child.stderr! }).on('line', line => options.onLog('debug', `native tesseract: ${line}`));
      const fail = (message: string): void => { child.kill('SIGKILL'); reject(new Error(message)); };
      const onStartMessage = (message: NativeHostMessage): void => {
        if (message.type === 'ready') {
          child.off('message', onStartMessage);
          child.off('exit', onStartExit);
          resolve(new NativeWorker(child, language));
        } else if (message.type === 'fatal') {
          fail(message.message);
        }
      };
      const onStartExit = (code: number | null, signal: string | null): void => reject(new Error(`the native tesseract process stopped while starting (${signal ?? `exit ${code}`})`));
      child.on('message', onStartMessage);
      child.on('exit', onStartExit);
      child.on('error', error => fail(`could not start native tesseract: ${errorMessage(error)}`));
    }),
  };
}
