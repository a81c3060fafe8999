// A small pool of OCR workers, created lazily, reused, recycled, and replaced when a card times out or its
// worker dies. Knows nothing of batches, files or outputs: it OCRs prepared images and regions of them, through
// a backend (ocr-backends/: the embedded tesseract.js, or the system's native tesseract) chosen per language.
//
// Why not tesseract.js' createScheduler: a tesseract job cannot be cancelled, so a card that runs over its
// time must cost its worker (terminated and replaced), and a card's field regions must run on the worker
// that read the card. A scheduler hands jobs to any worker and cannot do either.
import { errorMessage } from '../common/assert';
import type { Disposable } from '../common/lifecycle';
import { failure, type Outcome, type PixelBox } from '../protocol';
import { OcrWorkerCrashed, type OcrBackend, type OcrBackendName, type OcrWorker, type PageSegmentation } from './ocr-backends/backend';
import type { OcrPage, RegionReader } from './ocr-page';
import type { PreparedImage } from './preprocess';

export interface OcrPoolOptions {
  size: number;
  /** A worker is recreated after this many cards: WASM memory only grows. */
  recycleAfterCards: number;
  /** In order of preference: a card's language goes to the first that supports it. */
  backends: readonly OcrBackend[];
  onLog: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface PageReadOptions {
  /** How tesseract segments the whole card; @default 'auto' */
  pageSegmentation?: PageSegmentation;
}

/** What a card's code may do while it holds a worker. */
export interface OcrSession {
  readPage(image: PreparedImage, options?: PageReadOptions): Promise<OcrPage>;
  /** Reads a rectangle (card pixels) of the image last given to readPage. */
  readRegion: RegionReader;
  /** Reads a rectangle (card pixels) of another preparation of the same card (a zone's own preprocessing). */
  readRegionOf(image: PreparedImage, ...args: Parameters<RegionReader>): ReturnType<RegionReader>;
  /** Which backend reads this card. */
  readonly backend: OcrBackendName;
}

interface Slot {
  worker?: OcrWorker;
  backend?: OcrBackend;
  cards: number;
  busy: boolean;
}

/** Boxes from the prepared (maybe scaled) image back to card pixels. */
function toCardPixels(page: OcrPage, image: PreparedImage): OcrPage {
  const { scale, frame } = image;
  // The usual card (not scaled, not cropped): its boxes are card pixels already, and every word need not be copied.
  if (scale === 1 && frame.x0 === 0 && frame.y0 === 0) { return { ...page, width: image.cardWidth, height: image.cardHeight, frame }; }
  const back = (box: PixelBox): PixelBox => ({ x0: box.x0 / scale + frame.x0, y0: box.y0 / scale + frame.y0, x1: box.x1 / scale + frame.x0, y1: box.y1 / scale + frame.y0 });
  return {
    ...page, width: image.cardWidth, height: image.cardHeight, frame,
    lines: page.lines.map(line => ({ ...line, box: back(line.box), words: line.words.map(word => ({ ...word, box: back(word.box) })) })),
  };
}

/** A card's rectangle (card pixels) as a rectangle of its prepared image. */
function imageRect(image: PreparedImage, box: PixelBox) {
  const left = Math.max(0, Math.round((box.x0 - image.frame.x0) * image.scale));
  const top = Math.max(0, Math.round((box.y0 - image.frame.y0) * image.scale));
  return { left, top, width: Math.max(1, Math.min(image.width - left, Math.round((box.x1 - box.x0) * image.scale))),
    height: Math.max(1, Math.min(image.height - top, Math.round((box.y1 - box.y0) * image.scale))) };
}

/**
 * Invariants: 1. a worker serves one card at a time (the card holds its slot);
 * 2. a worker that failed or ran over time is terminated and never used again; its slot starts a new one;
 * 3. a card whose worker died under it (a native process crashed or was killed) is read once more on a new one;
 * 4. after `close()` no worker is left running.
 */
export class OcrPool implements Disposable {
  private readonly slots: Slot[];
  private readonly waiting: Array<() => void> = [];
  private readonly chosen = new Map<string, Promise<OcrBackend | undefined>>();
  /** Backends that could not start a worker here; auto mode falls back past them. */
  private readonly broken = new Set<OcrBackend>();
  private closed = false;

  constructor(private readonly options: OcrPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => ({ cards: 0, busy: false }));
  }

  /** The backend cards in `language` go to (undefined: none can read it). */
  backendFor(language: string): Promise<OcrBackend | undefined> {
    let choice = this.chosen.get(language);
    if (!choice) {
      choice = (async () => {
        for (const backend of this.options.backends) {
          if (!this.broken.has(backend) && await backend.supports(language).catch(() => false)) { return backend; }
        }
        return undefined;
      })();
      this.chosen.set(language, choice);
    }
    return choice;
  }

  /** What preprocessing should hand this language's backend: raw pixels where it takes them. */
  async imageOutputFor(language: string): Promise<'png' | 'raw'> {
    return (await this.backendFor(language))?.takesRawPixels ? 'raw' : 'png';
  }

  /** Process ids of running native workers (crash tests kill them). */
  workerPids(): number[] {
    return this.slots.flatMap(slot => { const pid = (slot.worker as { pid?: number } | undefined)?.pid; return pid ? [pid] : []; });
  }

  /**
   * Runs `read` on a worker set to `language`. Past `timeoutMs` the worker is terminated and the card gets
   * `card/timeout`; a tesseract failure is `card/ocr-failed`. Anything else `read` throws is rethrown (a bug).
   */
  async withWorker<T>(language: string, timeoutMs: number, read: (session: OcrSession) => Promise<T>): Promise<Outcome<T>> {
    const slot = await this.acquire(language);
    try {
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.attempt(slot, language, timeoutMs, read);
        if (outcome !== 'crashed') { return outcome; }
        if (attempt >= 2) { return failure('card/ocr-failed', 'The OCR process stopped twice while reading this card'); }
        this.options.onLog('warn', 'an OCR process stopped while reading a card; reading it again on a new one');
      }
    } finally {
      this.release(slot);
    }
  }

  private async attempt<T>(slot: Slot, language: string, timeoutMs: number, read: (session: OcrSession) => Promise<T>): Promise<Outcome<T> | 'crashed'> {
    let timer: NodeJS.Timeout | undefined;
    let broken = false;
    try {
      const worker = await this.prepare(slot, language);
      if (!worker.ok) { broken = true; return worker; }
      const timedOut = new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      const work = read(this.session(worker.value, language)).then(value => ({ value }), (error: unknown) => ({ error }));
      const settled = await Promise.race([work, timedOut]);
      if (settled === 'timeout') {
        broken = true;
        return failure('card/timeout', `OCR took longer than ${timeoutMs} ms; the worker was stopped`, { timeoutMs });
      }
      if ('error' in settled) {
        if (settled.error instanceof Error && settled.error.name === 'BugError') { throw settled.error; }
        broken = true;
        if (settled.error instanceof OcrWorkerCrashed) { return 'crashed'; }
        return failure('card/ocr-failed', `Tesseract failed: ${errorMessage(settled.error)}`);
      }
      slot.cards++;
      return { ok: true, value: settled.value };
    } finally {
      clearTimeout(timer);
      if (broken || slot.cards >= this.options.recycleAfterCards) { this.retire(slot); }
    }
  }

  /** Terminates every worker; cards still holding one get `card/ocr-failed` or hang until their timeout. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(slot => slot.worker?.terminate().catch(() => undefined)));
    for (const slot of this.slots) { slot.worker = undefined; }
  }

  dispose(): void { void this.close(); }

  private session(worker: OcrWorker, language: string): OcrSession {
    let current: PreparedImage | undefined;
    const session: OcrSession = {
      backend: worker.backend,
      readPage: async (image, options = {}) => {
        current = image;
        const page = await worker.read(image, { pageSegmentation: options.pageSegmentation ?? 'auto', language });
        return toCardPixels(page, image);
      },
      readRegion: async (box, ocr) => {
        if (!current) { throw new Error('readRegion before readPage'); }
        return session.readRegionOf(current, box, ocr);
      },
      readRegionOf: async (image, box, ocr) => {
        // A zone (or another reading of the card) in a language of its own: its data is linked on first use.
        if (ocr.language && ocr.language !== language) { await this.ensureLanguage(worker, ocr.language); }
        const page = await worker.read(image, {
          pageSegmentation: ocr.pageSegmentation ?? 'single-block', whitelist: ocr.whitelist ?? '', language: ocr.language ?? language,
        }, imageRect(image, box));
        return toCardPixels(page, image);
      },
    };
    return session;
  }

  private async ensureLanguage(worker: OcrWorker, language: string): Promise<void> {
    const backend = this.options.backends.find(b => b.name === worker.backend);
    if (backend && !(await backend.supports(language))) {
      throw new Error(`the ${backend.name} OCR backend cannot read "${language}" (is its language data installed?)`);
    }
  }

  /** Starts the slot's worker if it has none or one of another backend. */
  private async prepare(slot: Slot, language: string): Promise<Outcome<OcrWorker>> {
    for (;;) {
      // A card whose worker died as the pool closed must not start another one.
      if (this.closed) { return failure('card/ocr-failed', 'The OCR pool was closed while this card was read'); }
      const backend = await this.backendFor(language);
      if (!backend) {
        return failure('card/ocr-failed', `No OCR backend here can read "${language}" (the native tesseract backend was asked for: is tesseract 5 with this language installed?)`, { language });
      }
      if (slot.worker && slot.backend === backend) { return { ok: true, value: slot.worker }; }
      if (slot.worker) { this.retire(slot); }
      try {
        slot.worker = await backend.start(language);
        slot.backend = backend;
        slot.cards = 0;
        return { ok: true, value: slot.worker };
      } catch (error) {
        const fallback = this.options.backends.length > 1 && backend !== this.options.backends[this.options.backends.length - 1];
        if (!fallback) {
          return failure('card/ocr-failed', `Could not start tesseract for "${language}": ${errorMessage(error)}`, { language });
        }
        // Auto mode: a native tesseract that cannot start here (no libtesseract.so.5…) is not used again.
        this.options.onLog('warn', `the ${backend.name} OCR backend could not start (${errorMessage(error)}); using the next one`);
        this.broken.add(backend);
        this.chosen.clear();
      }
    }
  }

  private retire(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.backend = undefined;
    slot.cards = 0;
    // Not awaited: stopping a worker needs no answer from it, and the slot is free for a new one now.
    void worker?.terminate().catch(error => this.options.onLog('warn', `could not stop an OCR worker: ${errorMessage(error)}`));
  }

  private async acquire(language: string): Promise<Slot> {
    for (;;) {
      if (this.closed) { throw new Error('OCR pool is closed'); }
      const free = this.slots.filter(slot => !slot.busy);
      const slot = free.find(s => s.worker?.language === language) ?? free.find(s => !s.worker) ?? free[0];
      if (slot) { slot.busy = true; return slot; }
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }
}
