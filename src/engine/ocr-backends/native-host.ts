// A native tesseract host: one child process per pool worker, kept alive across cards, reading each image
// handed to it through libtesseract's C API (the library the `tesseract` CLI runs on). Bundled to
// dist/native-ocr-host.js. Why a process and not a thread: a stuck or crashing native call can only be stopped
// by killing its process, and that must cost one card, never the engine.
// argv: <tessdata folder> <language>. OMP_THREAD_LIMIT=1 is set by the parent: on few cores OpenMP threads fight.
import koffi from 'koffi';
import { errorMessage } from '../../common/assert';
import type { NativeHostMessage, NativeImage, NativeReadRequest } from './native-messages';
import { tsvToOcrPage } from './native-tsv';

function send(message: NativeHostMessage): void { if (process.connected) { process.send?.(message); } }

function loadTesseract() {
  const tess = koffi.load('libtesseract.so.5');
  const lept = koffi.load('liblept.so.5');
  const deleteText = tess.func('void TessDeleteText(void *text)');
  koffi.disposable('TessText', 'str', (text: unknown) => deleteText(text));
  return {
    create: tess.func('void *TessBaseAPICreate()'),
    init: tess.func('int TessBaseAPIInit3(void *api, const char *datapath, const char *language)'),
    setVariable: tess.func('int TessBaseAPISetVariable(void *api, const char *name, const char *value)'),
    setPageSegMode: tess.func('void TessBaseAPISetPageSegMode(void *api, int mode)'),
    setImage: tess.func('void TessBaseAPISetImage2(void *api, void *pix)'),
    setPixels: tess.func('void TessBaseAPISetImage(void *api, const uint8_t *data, int width, int height, int bytes_per_pixel, int bytes_per_line)'),
    setResolution: tess.func('void TessBaseAPISetSourceResolution(void *api, int ppi)'),
    setRectangle: tess.func('void TessBaseAPISetRectangle(void *api, int left, int top, int width, int height)'),
    recognize: tess.func('int TessBaseAPIRecognize(void *api, void *monitor)'),
    tsv: tess.func('TessText TessBaseAPIGetTsvText(void *api, int page)'),
    clear: tess.func('void TessBaseAPIClear(void *api)'),
    pixReadMem: lept.func('void *pixReadMem(const uint8_t *data, size_t size)'),
    pixDestroy: lept.func('void pixDestroy(_Inout_ void **pix)'),
    setMsgSeverity: lept.func('int setMsgSeverity(int severity)'),
  };
}

function main(): void {
  const [datapath, firstLanguage] = process.argv.slice(2);
  let lib: ReturnType<typeof loadTesseract>;
  try { lib = loadTesseract(); } catch (error) {
    send({ type: 'fatal', message: `libtesseract.so.5 could not be loaded: ${errorMessage(error)}` });
    process.exit(3);
  }
  // Leptonica's own complaints ("Error in boxClipToRectangle…", two a card) would flood the engine log; 6 = none.
  lib.setMsgSeverity(6);
  /** One initialised API per language: a zone in another language does not reload the card's. */
  const apis = new Map<string, unknown>();
  const api = (language: string): unknown => {
    let handle = apis.get(language);
    if (!handle) {
      handle = lib.create();
      if (lib.init(handle, datapath, language) !== 0) { throw new Error(`tesseract could not load "${language}" from ${datapath}`); }
      // tesseract's own chatter ("Estimating resolution…") would flood the engine log.
      lib.setVariable(handle, 'debug_file', '/dev/null');
      apis.set(language, handle);
    }
    return handle;
  };
  try { api(firstLanguage); } catch (error) {
    send({ type: 'fatal', message: errorMessage(error) });
    process.exit(3);
  }
  /** Images kept for the reads that follow (a card's zones are read from the image its page was read from). */
  const images = new Map<number, NativeImage>();
  process.on('message', (request: NativeReadRequest) => {
    try {
      for (const id of request.forget) { images.delete(id); }
      if (request.image) { images.set(request.imageId, request.image); }
      const image = images.get(request.imageId);
      if (!image) { throw new Error(`image ${request.imageId} was not sent`); }
      const handle = api(request.language);
      // Raw pixels are copied in by tesseract as they are; an encoded image is decoded by leptonica first.
      const pix = image.channels ? undefined : lib.pixReadMem(image.image, image.image.byteLength);
      if (!image.channels && !pix) { throw new Error('the image could not be decoded'); }
      try {
        lib.setPageSegMode(handle, request.psm);
        lib.setVariable(handle, 'tessedit_char_whitelist', request.whitelist);
        if (pix) { lib.setImage(handle, pix); } else {
          lib.setPixels(handle, image.image, image.width, image.height, image.channels, image.width * image.channels!);
          if (image.density) { lib.setResolution(handle, Math.round(image.density)); }
        }
        if (request.rect) { lib.setRectangle(handle, request.rect.left, request.rect.top, request.rect.width, request.rect.height); }
        if (lib.recognize(handle, null) !== 0) { throw new Error('tesseract could not recognise the image'); }
        const tsv = lib.tsv(handle, 0) as string;
        send({ type: 'read', id: request.id, ok: true, page: tsvToOcrPage(tsv, image.width, image.height) });
      } finally {
        lib.clear(handle);
        if (pix) { lib.pixDestroy([pix]); }
      }
    } catch (error) {
      send({ type: 'read', id: request.id, ok: false, message: errorMessage(error) });
    }
  });
  // The engine went away: nothing is left to read for.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

main();
