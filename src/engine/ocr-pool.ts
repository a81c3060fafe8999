// A small pool of tesseract.js workers, created lazily, reused, recycled, and replaced when a card times out.
// Knows nothing of batches, files or outputs: it OCRs prepared images and regions of them.
//
// Why not tesseract.js' createScheduler: a tesseract job cannot be cancelled, so a card that runs over its
// time must cost its worker (terminated and replaced), and a card's field regions must run on the worker
// that read the card. A scheduler hands jobs to any worker and cannot do either.
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { errorMessage } from '../common/assert';
import type { Disposable } from '../common/lifecycle';
import { failure, type Outcome, type PageSegmentation, type PixelBox, type RegionOcrOptions } from '../protocol';
import type { OcrPage, RegionReader } from './ocr-page';
import type { PreparedImage } from './preprocess';
import { recognizeOutput, toOcrPage } from './tesseract-page';

export interface OcrPoolOptions {
  size: number;
  /** A worker is recreated after this many cards: WASM memory only grows. */
  recycleAfterCards: number;
  /** One folder holding (links to) every language's `<code>.traineddata`; see language-data.ts. */
  langPath: string;
  /** tesseract.js' cache folder, in the data folder; with cacheMethod 'none' nothing is written there. */
  cachePath: string;
  onLog: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

/** What a card's code may do while it holds a worker. */
export interface OcrSession {
  /** Reads the whole image in this page segmentation (@default auto), set on the worker for this page. */
  readPage(image: PreparedImage, pageSegmentation?: PageSegmentation): Promise<OcrPage>;
  /** Reads a rectangle (card pixels) of the image last given to readPage. */
  readRegion: RegionReader;
  /** Reads a rectangle (card pixels) of another preparation of the same card (a zone's own preprocessing). */
  readRegionOf(image: PreparedImage, ...args: Parameters<RegionReader>): ReturnType<RegionReader>;
}

const pageSegmentation: Record<NonNullable<RegionOcrOptions['pageSegmentation']>, string> = {
  auto: '3', 'single-block': '6', 'single-line': '7', 'single-word': '8', sparse: '11',
};

interface Slot {
  worker?: Worker;
  language?: string;
  cards: number;
  busy: boolean;
  /** Parameters last set on this worker, so each card sets only what changed; `unset` until the first set,
   *  because a new tesseract.js worker starts in single-block mode (6), not in the auto mode (3) it reads pages in. */
  params: { psm: string; whitelist: string };
}

/** Matches no real mode, so the first card on a worker always sets its parameters. */
function unsetParams(): Slot['params'] { return { psm: 'unset', whitelist: 'unset' }; }

/** Boxes from the prepared (maybe scaled) image back to card pixels. */
function toCardPixels(page: OcrPage, image: PreparedImage): OcrPage {
  const { scale, frame } = image;
  const back = (box: PixelBox): PixelBox => scale === 1 && frame.x0 === 0 && frame.y0 === 0 ? box
    : { x0: box.x0 / scale + frame.x0, y0: box.y0 / scale + frame.y0, x1: box.x1 / scale + frame.x0, y1: box.y1 / scale + frame.y0 };
  return {
    ...page, width: image.cardWidth, height: image.cardHeight, frame,
    lines: page.lines.map(line => ({ ...line, box: back(line.box), words: line.words.map(word => ({ ...word, box: back(word.box) })) })),
  };
}

/**
 * Invariants: 1. a worker serves one card at a time (the card holds its slot);
 * 2. a worker that failed or ran over time is terminated and never used again; its slot starts a new one;
 * 3. after `close()` no worker is left running.
 */
export class OcrPool implements Disposable {
  private readonly slots: Slot[];
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: OcrPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => ({ cards: 0, busy: false, params: unsetParams() }));
  }

  /**
   * Runs `read` on a worker set to `language`. Past `timeoutMs` the worker is terminated and the card gets
   * `card/timeout`; a tesseract failure is `card/ocr-failed`. Anything else `read` throws is rethrown (a bug).
   */
  async withWorker<T>(language: string, timeoutMs: number, read: (session: OcrSession) => Promise<T>): Promise<Outcome<T>> {
    const slot = await this.acquire(language);
    let timer: NodeJS.Timeout | undefined;
    let broken = false;
    try {
      const worker = await this.prepare(slot, language);
      if (!worker.ok) { broken = true; return worker; }
      const timedOut = new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      const work = read(this.session(slot, worker.value, language)).then(value => ({ value }), (error: unknown) => ({ error }));
      const settled = await Promise.race([work, timedOut]);
      if (settled === 'timeout') {
        broken = true;
        return failure('card/timeout', `OCR took longer than ${timeoutMs} ms; the worker was stopped`, { timeoutMs });
      }
      if ('error' in settled) {
        if (settled.error instanceof Error && settled.error.name === 'BugError') { throw settled.error; }
        broken = true;
        return failure('card/ocr-failed', `Tesseract failed: ${errorMessage(settled.error)}`);
      }
      slot.cards++;
      return { ok: true, value: settled.value };
    } finally {
      clearTimeout(timer);
      if (broken || slot.cards >= this.options.recycleAfterCards) { this.retire(slot); }
      this.release(slot);
    }
  }

  /** Terminates every worker; cards still holding one get `card/ocr-failed` or hang until their timeout. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(slot => slot.worker?.terminate()));
    for (const slot of this.slots) { slot.worker = undefined; }
  }

  dispose(): void { void this.close(); }

  private session(slot: Slot, worker: Worker, language: string): OcrSession {
    let current: PreparedImage | undefined;
    const session: OcrSession = {
      readPage: async (image, segmentation = 'auto') => {
        current = image;
        await this.setParams(slot, worker, { psm: pageSegmentation[segmentation], whitelist: '' });
        const { data } = await worker.recognize(image.image, {}, recognizeOutput);
        return toCardPixels(toOcrPage(data, image.width, image.height), image);
      },
      readRegion: async (box, ocr) => {
        if (!current) { throw new Error('readRegion before readPage'); }
        return session.readRegionOf(current, box, ocr);
      },
      readRegionOf: async (image, box, ocr) => {
        const regionLanguage = ocr.language ?? language;
        if (slot.language !== regionLanguage) {
          await worker.reinitialize(regionLanguage);
          slot.language = regionLanguage;
        }
        await this.setParams(slot, worker, { psm: pageSegmentation[ocr.pageSegmentation ?? 'single-block'], whitelist: ocr.whitelist ?? '' });
        const left = Math.max(0, Math.round((box.x0 - image.frame.x0) * image.scale));
        const top = Math.max(0, Math.round((box.y0 - image.frame.y0) * image.scale));
        const rectangle = { left, top, width: Math.max(1, Math.min(image.width - left, Math.round((box.x1 - box.x0) * image.scale))),
          height: Math.max(1, Math.min(image.height - top, Math.round((box.y1 - box.y0) * image.scale))) };
        const { data } = await worker.recognize(image.image, { rectangle }, recognizeOutput);
        return toCardPixels(toOcrPage(data, image.width, image.height), image);
      },
    };
    return session;
  }

  private async setParams(slot: Slot, worker: Worker, params: Slot['params']): Promise<void> {
    if (slot.params.psm === params.psm && slot.params.whitelist === params.whitelist) { return; }
    // tesseract.js types the page segmentation mode as an enum of digit strings.
    await worker.setParameters({ tessedit_pageseg_mode: params.psm as never, tessedit_char_whitelist: params.whitelist });
    slot.params = params;
  }

  /** Starts the slot's worker if it has none, or switches its language. */
  private async prepare(slot: Slot, language: string): Promise<Outcome<Worker>> {
    try {
      if (!slot.worker) {
        slot.worker = await createWorker(language, OEM.LSTM_ONLY, {
          langPath: this.options.langPath, gzip: false,
          cachePath: this.options.cachePath, cacheMethod: 'none',
          // Without an errorHandler a failed job is rethrown inside tesseract.js and kills the process.
          errorHandler: (error: unknown) => this.options.onLog('warn', `tesseract worker error: ${errorMessage(error)}`),
        });
        slot.language = language;
        slot.cards = 0;
        slot.params = unsetParams();
      } else if (slot.language !== language) {
        await slot.worker.reinitialize(language);
        slot.language = language;
      }
      return { ok: true, value: slot.worker };
    } catch (error) {
      return failure('card/ocr-failed', `Could not start tesseract for "${language}": ${errorMessage(error)}`, { language });
    }
  }

  private retire(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.language = undefined;
    slot.cards = 0;
    // Not awaited: terminating a worker thread needs no answer from it, and the slot is free for a new one now.
    void worker?.terminate().catch(error => this.options.onLog('warn', `could not stop a tesseract worker: ${errorMessage(error)}`));
  }

  private async acquire(language: string): Promise<Slot> {
    for (;;) {
      if (this.closed) { throw new Error('OCR pool is closed'); }
      const free = this.slots.filter(slot => !slot.busy);
      const slot = free.find(s => s.language === language) ?? free.find(s => !s.worker) ?? free[0];
      if (slot) { slot.busy = true; return slot; }
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }
}
