// The embedded backend: tesseract.js (WASM in a worker thread). Needs nothing installed; `eng` is bundled.
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { errorMessage } from '../../common/assert';
import type { OcrPage } from '../ocr-page';
import { recognizeOutput, toOcrPage } from '../tesseract-page';
import sharp from 'sharp';
import { pageSegmentationMode, type ImageRect, type OcrBackend, type OcrImage, type OcrWorker, type ReadOptions } from './backend';

export interface TesseractJsOptions {
  /** One folder holding (links to) every language's `<code>.traineddata`; see language-data.ts. */
  langPath: string;
  /** tesseract.js' cache folder, in the data folder; with cacheMethod 'none' nothing is written there. */
  cachePath: string;
  onLog: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

interface Params { psm: string; whitelist: string }

class TesseractJsWorker implements OcrWorker {
  readonly backend = 'tesseract.js' as const;
  /** Parameters last set, so each read sets only what changed; `unset` at first, because a new tesseract.js
   *  worker starts in single-block mode (6), not in the auto mode (3) it reads pages in. */
  private params: Params = { psm: 'unset', whitelist: 'unset' };
  private current: string;

  constructor(private readonly worker: Worker, readonly language: string) { this.current = language; }

  async read(image: OcrImage, options: ReadOptions, rect?: ImageRect): Promise<OcrPage> {
    const language = options.language ?? this.language;
    if (language !== this.current) {
      await this.worker.reinitialize(language);
      this.current = language;
    }
    await this.setParams({ psm: String(pageSegmentationMode[options.pageSegmentation]), whitelist: options.whitelist ?? '' });
    // tesseract.js decodes images itself; raw pixels (never asked of it by the pool) are encoded here.
    const encoded = image.channels ? await sharp(image.image, { raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 | 4 } }).png({ compressionLevel: 1 }).toBuffer() : image.image;
    const { data } = await this.worker.recognize(encoded, rect ? { rectangle: rect } : {}, recognizeOutput);
    return toOcrPage(data, image.width, image.height);
  }

  async terminate(): Promise<void> { await this.worker.terminate(); }

  private async setParams(params: Params): Promise<void> {
    if (this.params.psm === params.psm && this.params.whitelist === params.whitelist) { return; }
    // tesseract.js types the page segmentation mode as an enum of digit strings.
    await this.worker.setParameters({ tessedit_pageseg_mode: params.psm as never, tessedit_char_whitelist: params.whitelist });
    this.params = params;
  }
}

export function tesseractJsBackend(options: TesseractJsOptions): OcrBackend {
  return {
    name: 'tesseract.js',
    takesRawPixels: false,
    // Languages are linked (or reported missing) before a batch starts; see language-data.ts.
    supports: () => Promise.resolve(true),
    start: async language => new TesseractJsWorker(await createWorker(language, OEM.LSTM_ONLY, {
      langPath: options.langPath, gzip: false, cachePath: options.cachePath, cacheMethod: 'none',
      // Without an errorHandler a failed job is rethrown inside tesseract.js and kills the process.
      errorHandler: (error: unknown) => options.onLog('warn', `tesseract worker error: ${errorMessage(error)}`),
    }), language),
  };
}
