// `npm run bench`: every measurement side by side in one run; prints ratios and writes bench/RESULTS.md.
// Nothing here passes or fails on time: the machine is noisy, so only ratios from the same run mean much.
import { access, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from '../src/protocol';
import { readTemplateFile } from '../src/engine/templates/index';
import { writeBenchCards } from './bench-cards';
import { bookkeepingMsPerCard } from './bookkeeping';
import { reviewQueueTimes } from './review-queue';
import { devSetScore, formatDevSetScore } from './dev-set-score';
import { formatOracleRecall, oracleRecall } from './oracle-recall';
import { formatPreprocessDefaults, preprocessDefaults } from './preprocess-defaults';
import { formatLearnedDevScores, learnedDevScores } from './learned-dev-score';
import { reextractTimes } from './reextract-times';
import type { OcrBackendName } from '../src/engine/ocr-backends/backend';
import { cardStages } from './card-stages';
import { throughputSection } from './throughput-section';
import { engineRun, hasNativeTesseract } from './throughput';

const cardCount = Number(process.env.CARD_OCR_BENCH_CARDS ?? 24);
const rssCards = Number(process.env.CARD_OCR_BENCH_RSS_CARDS ?? 2000);
const libraryCards = Number(process.env.CARD_OCR_BENCH_LIBRARY_CARDS ?? 80);

function line(out: string[], text = ''): void { console.log(text); out.push(text); }
async function exists(path: string): Promise<boolean> { try { await access(path); return true; } catch { return false; } }
function mean(values: number[]): number { return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length); }

async function main(): Promise<void> {
  const out: string[] = [];
  const workers = availableParallelism();
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-bench-cards-'));
  try {
    line(out, `# Card OCR benchmark`);
    line(out);
    line(out, `${new Date().toISOString().slice(0, 10)}, ${workers} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, ${cardCount} generated catalogue cards ~976×580 JPEG, language eng.`);
    line(out, 'On a shared machine cards/s drift with the other load; CPU ms/card (all threads and child processes a run started) barely does, so the CPU ratios are the ones to read there.');
    line(out, 'Reproduce: `npm run bench` (CARD_OCR_BENCH_CARDS=N generated cards, CARD_OCR_BENCH_LIBRARY_CARDS=N real cards, CARD_OCR_BENCH_RSS_CARDS=N for the memory run).');
    line(out);
    const files = await writeBenchCards(join(work, 'cards'), cardCount);
    const template = Template.parse(JSON.parse(await readFile(join(__dirname, '..', 'samples', 'sample-catalogue-card.json'), 'utf8')));

    const raw = { greyscale: false, normalise: false };
    await throughputSection(out, { title: 'Throughput, generated cards (eng; same images, same run)', cardsDir: join(work, 'cards'), files, language: 'eng', template, workers, preprocess: raw, withDefaultPreprocess: true });
    const library = join(__dirname, '..', '..', 'shared', 'cards-dev', 'library_cards', 'images');
    if (await exists(library)) {
      const libraryFiles = (await readdir(library)).filter(name => /\.(jpe?g|png|tiff?)$/i.test(name)).sort().slice(0, libraryCards).map(name => join(library, name));
      // The bundled library template (learned fields, model beside it) on the cards it was made for (issue 14).
      const libraryTemplate = await readTemplateFile(join(__dirname, '..', 'templates', 'library-catalogue-card.json'));
      if (!libraryTemplate.ok) { throw new Error(libraryTemplate.error.message); }
      await throughputSection(out, { title: `Throughput, real library cards (../shared/cards-dev/library_cards, ${libraryFiles.length} cards, deu+eng; same run)`, cardsDir: library, files: libraryFiles, language: 'deu+eng', template: libraryTemplate.value, workers, preprocess: raw, withDefaultPreprocess: false });
      line(out, '## Where the milliseconds of a card go (library cards, one card at a time, ms per card)');
      line(out);
      const stages = await cardStages(libraryFiles.slice(0, 20), 'deu+eng', join(__dirname, '..', 'templates', 'library-catalogue-card.json'));
      line(out, '| stage | ms/card |');
      line(out, '|---|---|');
      for (const [stage, ms] of stages.ms) { line(out, `| ${stage} | ${ms.toFixed(2)} |`); }
      line(out);
    } else {
      line(out, '- ../shared/cards-dev/library_cards not present: the real-card throughput section was skipped');
      line(out);
    }

    line(out, `## Engine memory over a long run (RSS of the engine child and its native tesseract hosts, after each card)`);
    line(out);
    const many = join(work, 'many');
    await mkdir(many, { recursive: true });
    for (let i = 0; i < rssCards; i++) { await copyFile(files[i % files.length], join(many, `card-${String(i).padStart(5, '0')}.jpg`)); }
    for (const backend of (hasNativeTesseract() ? ['native', 'tesseract.js'] : ['tesseract.js']) as OcrBackendName[]) {
      // CARD_OCR_BENCH_RSS_CARDS_JS: tesseract.js is the slower backend; a shorter run of it still shows its slope.
      const count = backend === 'tesseract.js' ? Number(process.env.CARD_OCR_BENCH_RSS_CARDS_JS ?? rssCards) : rssCards;
      const some = join(work, `many-${backend}`);
      await mkdir(some);
      for (const name of (await readdir(many)).sort().slice(0, count)) { await copyFile(join(many, name), join(some, name)); }
      const run = await engineRun(some, { workers, fields: [], language: 'eng', backend, preprocess: raw, label: backend });
      const rss = run.rssMb;
      const tenth = Math.max(1, Math.floor(rss.length / 10));
      const first = mean(rss.slice(tenth, 2 * tenth));
      const last = mean(rss.slice(-tenth));
      line(out, `- ${backend}: ${rss.length} cards at ${run.cardsPerSecond.toFixed(2)} cards/s; mean RSS over cards ${tenth}–${2 * tenth} ${first.toFixed(0)} MB, over the last ${tenth} ${last.toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB; ratio last/early **${(last / first).toFixed(2)}**`);
    }
    line(out);

    line(out, '## Per-card bookkeeping (journal + JSON + CSV row, no OCR)');
    line(out);
    await bookkeepingMsPerCard(100); // warm-up: JIT and the file system cache would otherwise bill the small batch
    const small = await bookkeepingMsPerCard(100);
    const large = await bookkeepingMsPerCard(50_000);
    line(out, `- 100-card batch: ${small.toFixed(3)} ms/card; last 100 cards of a 50,000-card batch: ${large.toFixed(3)} ms/card; ratio **${(large / small).toFixed(2)}** (1.00 = flat)`);
    line(out);

    line(out, '## Review queue (first page of 500, needsReview=true)');
    line(out);
    const queue = await reviewQueueTimes(20_000);
    line(out, `- ${queue.cards.toLocaleString('en')}-card batch, ${queue.queued.toLocaleString('en')} to review: first asked ${queue.firstMs.toFixed(0)} ms (every card JSON read), asked again ${queue.againMs.toFixed(0)} ms (stated only); ratio **${(queue.againMs / queue.firstMs).toFixed(2)}**`);
    line(out);

    line(out, '## Dev-set score');
    line(out);
    for (const backend of (hasNativeTesseract() ? ['native', 'tesseract.js'] : ['tesseract.js']) as OcrBackendName[]) {
      line(out, `- ${formatDevSetScore(await devSetScore({ ocrBackend: backend }), backend)}`);
    }
    line(out);

    line(out, '## OCR oracle on library_cards (whole-card text against the truth values)');
    line(out);
    for (const text of formatOracleRecall(await oracleRecall())) { line(out, text); }
    line(out);

    line(out, '## Preprocessing defaults on the dev sets (raw image against greyscale + normalise, both OCR backends)');
    line(out);
    for (const text of formatPreprocessDefaults(await preprocessDefaults())) { line(out, text); }
    line(out);

    line(out, '## Learned finder: re-extraction from stored OCR, cost per card');
    line(out);
    const reextract = await reextractTimes(20_000);
    line(out, `- \`reextract\` of a ${reextract.cards.toLocaleString('en')}-card batch with the bundled library-catalogue-card model (no OCR): **${reextract.seconds.toFixed(1)} s** (${(reextract.seconds * 1000 / reextract.cards).toFixed(2)} ms/card, files included; ${reextract.threads} labelling threads, ${reextract.cpuSeconds.toFixed(1)} s CPU in all; target < 60 s)`);
    line(out, `- the learned finder alone (features, Viterbi, marginals): **${reextract.labelMsPerCard.toFixed(2)} ms/card** (the whole-card OCR it stands on: see the throughput sections above)`);
    line(out);

    line(out, '## Learned finder on the dev cards (cross-validated)');
    line(out);
    for (const text of formatLearnedDevScores(await learnedDevScores())) { line(out, text); }
    line(out);
    await writeFile(join(__dirname, 'RESULTS.md'), `${out.join('\n')}\n`);
    console.log(`wrote ${join(__dirname, 'RESULTS.md')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

void main().catch(error => { console.error(error); process.exitCode = 1; });
