// Which backends a pool tries, in order, for the `ocrBackend` setting.
import type { OcrBackend, OcrBackendChoice } from './backend';
import { nativeTesseractBackend, type NativeTesseractOptions } from './native-tesseract';
import { tesseractJsBackend, type TesseractJsOptions } from './tesseract-js';

export type BackendOptions = TesseractJsOptions & Omit<NativeTesseractOptions, 'onLog'>;

/** `auto`: native first (it falls through per language when tesseract 5 or the language data is missing), then
 *  the embedded tesseract.js, which always exists. A forced choice has no fallback: a missing native tesseract
 *  then fails its cards with a message saying so. */
export function chooseBackends(choice: OcrBackendChoice, options: BackendOptions): OcrBackend[] {
  const native = (): OcrBackend => nativeTesseractBackend(options);
  const embedded = (): OcrBackend => tesseractJsBackend(options);
  switch (choice) {
    case 'native': return [native()];
    case 'tesseract.js': return [embedded()];
    case 'auto': return [native(), embedded()];
  }
}
