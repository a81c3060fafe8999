// `npm run bench`: every measurement side by side in one run; prints ratios and writes bench/RESULTS.md.
// Nothing here passes or fails on time: the machine is noisy, so only ratios from the same run mean much.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from '../src/protocol';
import { writeBenchCards } from './bench-cards';
import { bookkeepingMsPerCard } from './bookkeeping';
import { reviewQueueTimes } from './review-queue';
import { devSetScore, formatDevSetScore } from './dev-set-score';
import { formatOracleRecall, oracleRecall } from './oracle-recall';
import { formatLearnedDevScores, learnedDevScores } from './learned-dev-score';
import { reextractTimes } from './reextract-times';
import { bareScheduler, engineRun, nativeTesseract, type Measured } from './throughput';

const cardCount = Number(process.env.CARD_OCR_BENCH_CARDS ?? 24);

function line(out: string[], text = ''): void { console.log(text); out.push(text); }
function rate(m: Measured): string { return `${m.cardsPerSecond.toFixed(2)} cards/s`; }
function mean(values: number[]): number { return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length); }

async function main(): Promise<void> {
  const out: string[] = [];
  const workers = availableParallelism();
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-bench-cards-'));
  try {
    line(out, `# Card OCR benchmark`);
    line(out);
    line(out, `${new Date().toISOString().slice(0, 10)}, ${workers} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, ${cardCount} generated catalogue cards ~976×580 JPEG, language eng.`);
    line(out, 'Reproduce: `npm run bench` (CARD_OCR_BENCH_CARDS=N for another card count).');
    line(out);
    const files = await writeBenchCards(join(work, 'cards'), cardCount);
    const template = Template.parse(JSON.parse(await readFile(join(__dirname, '..', 'samples', 'sample-catalogue-card.json'), 'utf8')));

    line(out, '## Throughput (same images, same run)');
    line(out);
    const bare = await bareScheduler(files, workers);
    const engineN = await engineRun(join(work, 'cards'), workers, [], `engine, ${workers} workers, full text only`);
    const engine1 = await engineRun(join(work, 'cards'), 1, [], 'engine, 1 worker, full text only');
    const engineTemplate = await engineRun(join(work, 'cards'), workers, template.fields, `engine, ${workers} workers, sample-catalogue-card template (6 fields, 1 zonal)`);
    const native = await nativeTesseract(files, workers);
    line(out, '| what | cards/s |');
    line(out, '|---|---|');
    for (const m of [bare, engineN, engine1, engineTemplate, ...(native ? [native] : [])]) { line(out, `| ${m.label} | ${m.cardsPerSecond.toFixed(2)} |`); }
    line(out);
    line(out, `- engine / bare scheduler (${workers} workers, full text): **${(engineN.cardsPerSecond / bare.cardsPerSecond).toFixed(2)}** (1.00 = no overhead)`);
    line(out, `- engine ${workers} workers / 1 worker: **${(engineN.cardsPerSecond / engine1.cardsPerSecond).toFixed(2)}**`);
    line(out, `- engine with template / full text only: **${(engineTemplate.cardsPerSecond / engineN.cardsPerSecond).toFixed(2)}**`);
    line(out, native ? `- engine / native tesseract: **${(engineN.cardsPerSecond / native.cardsPerSecond).toFixed(2)}**` : '- native tesseract: not installed, skipped');
    line(out);

    line(out, '## Engine memory (RSS of the engine child after each card)');
    line(out);
    const rss = engineTemplate.rssMb;
    const third = Math.max(1, Math.floor(rss.length / 3));
    line(out, `- first third of the batch: mean ${mean(rss.slice(0, third)).toFixed(0)} MB; last third: mean ${mean(rss.slice(-third)).toFixed(0)} MB; ratio **${(mean(rss.slice(-third)) / mean(rss.slice(0, third))).toFixed(2)}**`);
    line(out);

    line(out, '## Per-card bookkeeping (journal + JSON + CSV row, no OCR)');
    line(out);
    await bookkeepingMsPerCard(100); // warm-up: JIT and the file system cache would otherwise bill the small batch
    const small = await bookkeepingMsPerCard(100);
    const large = await bookkeepingMsPerCard(20_000);
    line(out, `- 100-card batch: ${small.toFixed(3)} ms/card; last 100 cards of a 20,000-card batch: ${large.toFixed(3)} ms/card; ratio **${(large / small).toFixed(2)}** (1.00 = flat)`);
    line(out);

    line(out, '## Review queue (first page of 500, needsReview=true)');
    line(out);
    const queue = await reviewQueueTimes(20_000);
    line(out, `- ${queue.cards.toLocaleString('en')}-card batch, ${queue.queued.toLocaleString('en')} to review: first asked ${queue.firstMs.toFixed(0)} ms (every card JSON read), asked again ${queue.againMs.toFixed(0)} ms (stated only); ratio **${(queue.againMs / queue.firstMs).toFixed(2)}**`);
    line(out);

    line(out, '## Dev-set score');
    line(out);
    line(out, `- ${formatDevSetScore(await devSetScore())}`);
    line(out);

    line(out, '## OCR oracle on library_cards (whole-card text against the truth values)');
    line(out);
    for (const text of formatOracleRecall(await oracleRecall())) { line(out, text); }

    line(out, '## Learned finder: re-extraction from stored OCR, cost per card');
    line(out);
    const reextract = await reextractTimes(20_000);
    line(out, `- \`reextract\` of a ${reextract.cards.toLocaleString('en')}-card batch with the bundled library-catalogue-card model (no OCR): **${reextract.seconds.toFixed(1)} s** (${(reextract.seconds * 1000 / reextract.cards).toFixed(2)} ms/card, files included)`);
    line(out, `- the learned finder alone (features, Viterbi, marginals): **${reextract.labelMsPerCard.toFixed(2)} ms/card**; whole-card OCR: ${(1000 / engineN.cardsPerSecond).toFixed(0)} ms/card through the engine above`);
    line(out);

    line(out, '## Learned finder on the dev cards (cross-validated)');
    line(out);
    for (const text of formatLearnedDevScores(await learnedDevScores())) { line(out, text); }
    line(out);
    await writeFile(join(__dirname, 'RESULTS.md'), `${out.join('\n')}\n`);
    console.log(`wrote ${join(__dirname, 'RESULTS.md')}; ${rate(engineN)} through the engine`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

void main().catch(error => { console.error(error); process.exitCode = 1; });
