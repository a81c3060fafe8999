// One throughput table: the engine through each backend beside its floor (bare tesseract.js scheduler; native
// tesseract alone), on the same images in the same run, with the ratios the targets are stated in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languageCodes, linkLanguages } from '../src/engine/language-data';
import type { PreprocessOptions, Template } from '../src/protocol';
import { pageReadings } from '../src/engine/learned/learned-zones';
import { bareScheduler, engineRun, hasNativeTesseract, nativeCliLists, nativeCliPerImage, nativeHosts, type Measured } from './throughput';

/** The template's learned fields may read the whole card more than once (see page-readings): its OCR then costs
 *  that many times the CLI's single reading, so the ratio is read against that count. */
function readingsNote(template: Template): string {
  const readings = 1 + pageReadings(template.fields).length;
  return readings === 1 ? 'the template reads each card once' : `the template reads each card ${readings} times`;
}

export interface SectionOptions {
  title: string;
  cardsDir: string;
  files: string[];
  language: string;
  template: Template;
  workers: number;
  /** What the engine runs use (the bare floors read the files as they are). */
  preprocess: PreprocessOptions;
  /** Also run the engine with greyscale + normalise (the defaults before issue 10), to show what they cost. */
  withDefaultPreprocess: boolean;
}

function line(out: string[], text = ''): void { console.log(text); out.push(text); }
/** a's speed over b's: in cards/s, and in CPU per card (b's over a's) where both were measured. */
function ratio(a: Measured, b: Measured): string {
  const wall = (a.cardsPerSecond / b.cardsPerSecond).toFixed(2);
  return a.cpuMsPerCard && b.cpuMsPerCard ? `${wall} (CPU: ${(b.cpuMsPerCard / a.cpuMsPerCard).toFixed(2)})` : wall;
}

/** The engine process's own CPU per card as a share of the floor's whole CPU per card. */
function share(engine: Measured, floor: Measured): string {
  return engine.engineCpuMsPerCard !== undefined && floor.cpuMsPerCard ? `**${(100 * engine.engineCpuMsPerCard / floor.cpuMsPerCard).toFixed(1)} %**` : '–';
}

export async function throughputSection(out: string[], o: SectionOptions): Promise<void> {
  const { workers, language } = o;
  const lang = await mkdtemp(join(tmpdir(), 'card-ocr-bench-lang-'));
  const rows: Measured[] = [];
  const engine = (backend: 'native' | 'tesseract.js', n: number, withTemplate: boolean, preprocess = o.preprocess, what = 'raw image') =>
    engineRun(o.cardsDir, { workers: n, fields: withTemplate ? o.template.fields : [], language, backend, preprocess,
      label: `engine, ${backend}, ${n} worker${n > 1 ? 's' : ''}, ${withTemplate ? `${o.template.id} template (${o.template.fields.length} fields)` : 'full text only'}, ${what}` });
  try {
    const linked = await linkLanguages(languageCodes(language), [], lang);
    if (!linked.ok) { throw new Error(linked.error.message); }
    // Each engine run beside its floor, so the machine's load drifts as little as possible between the two.
    const bare = await bareScheduler(o.files, workers, language, lang);
    const jsN = await engine('tesseract.js', workers, false);
    const js1 = await engine('tesseract.js', 1, false);
    const jsTemplate = await engine('tesseract.js', workers, true);
    rows.push(bare, jsN, js1, jsTemplate);
    const jsDefault = o.withDefaultPreprocess ? await engine('tesseract.js', workers, false, { greyscale: true, normalise: true }, 'greyscale + normalise (the defaults before issue 10)') : undefined;
    if (jsDefault) { rows.push(jsDefault); }
    let native: { cli: Measured; cliOne: Measured; hosts: Measured; perImage: Measured; n: Measured; one: Measured; template: Measured } | undefined;
    if (hasNativeTesseract()) {
      const cli = await nativeCliLists(o.files, workers, language);
      const n = await engine('native', workers, false);
      const hosts = await nativeHosts(o.files, workers, language);
      const one = await engine('native', 1, false);
      // The CLI alone on 1 process: how far the machine itself scales, the ceiling for the engine's 2 / 1.
      const cliOne = await nativeCliLists(o.files, 1, language);
      const template = await engine('native', workers, true);
      const perImage = await nativeCliPerImage(o.files.slice(0, 16), workers, language);
      native = { cli, cliOne, hosts, perImage, n, one, template };
      rows.push(cli, cliOne, hosts, perImage, n, one, template);
    }
    line(out, `## ${o.title}`);
    line(out);
    line(out, '| what | cards/s | CPU ms/card | engine process alone, CPU ms/card |');
    line(out, '|---|---|---|---|');
    for (const m of rows) { line(out, `| ${m.label}${m.note ? ` (${m.note})` : ''} | ${m.cardsPerSecond.toFixed(2)} | ${m.cpuMsPerCard?.toFixed(0) ?? '–'} | ${m.engineCpuMsPerCard?.toFixed(1) ?? '–'} |`); }
    line(out);
    line(out, `- engine (tesseract.js) / bare tesseract.js scheduler: **${ratio(jsN, bare)}** (target ≥ 0.95); with the template: ${ratio(jsTemplate, bare)}`);
    line(out, `- engine (tesseract.js) ${workers} workers / 1 worker: **${ratio(jsN, js1)}**`);
    if (jsDefault) { line(out, `- engine (tesseract.js) with greyscale + normalise / raw image: ${ratio(jsDefault, jsN)}`); }
    if (native) {
      line(out, `- engine (native) / native tesseract CLI over file lists: **${ratio(native.n, native.cli)}** (target ≥ 1.0); with the template: **${ratio(native.template, native.cli)}** (target ≥ 0.95 for one reading; ${readingsNote(o.template)})`);
      line(out, `- engine (native) / the native hosts alone: **${ratio(native.n, native.hosts)}** (the engine's own overhead on this backend)`);
      // The engine process's own CPU against the CLI's is the overhead the targets are about, and it is measured
      // in the same run as the OCR it wraps, so the machine's load moves both alike (the ratios between runs above do not).
      line(out, `- engine process's own CPU (native hosts excluded) / native CLI CPU: full text ${share(native.n, native.cli)}, ${o.template.id} template ${share(native.template, native.cli)}; `
        + `${workers} workers ${native.n.engineCpuMsPerCard?.toFixed(1)} ms/card, 1 worker ${native.one.engineCpuMsPerCard?.toFixed(1)} ms/card`);
      line(out, `- engine (native) ${workers} workers / 1 worker: **${ratio(native.n, native.one)}**; native CLI ${workers} processes / 1 (the machine's own scaling): ${ratio(native.cli, native.cliOne)}`);
      line(out, `- engine (native) / bare tesseract.js scheduler: **${ratio(native.n, bare)}**; engine (tesseract.js) / native CLI: ${ratio(jsN, native.cli)}`);
      line(out, `- mechanisms: persistent hosts / CLI over lists ${ratio(native.hosts, native.cli)}; CLI per image / CLI over lists ${ratio(native.perImage, native.cli)}`);
    } else {
      line(out, '- native tesseract 5: not installed, its rows were skipped');
    }
    line(out);
  } finally {
    await rm(lang, { recursive: true, force: true });
  }
}
