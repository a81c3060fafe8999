// The learned finder: a trained model labels each OCR token of a card with a field or none; each field's value
// is its tokens in reading order, with their joint box and the model's marginals as confidence. Pure.
import type { LearnedFieldRule, LearnedModel } from '../../protocol';
import type { OcrPage, OcrWord, RawValue } from '../ocr-page';
import { boxAround } from '../fields/page-text';
import { titleCaseCaps } from '../fields/normalise';
import { cardAttributes } from './card-attributes';
import { sequenceFeatures, sequenceTokens, type TokenSegment } from './zone-tokens';
import type { Token } from './features';
import type { CrfSequence } from './crf';
import { NamedCrf } from './stored-crf';
import { applyKnownValues } from './known-values';
import { applyFixedPrefix } from './fixed-prefix';
import { gluedMarksAfter, isMark } from './edge-marks';
import { isNoneLabel } from './none-labels';
import { hasShape } from './value-shapes';
import { joinPieces, rewriteValue, withoutStrays } from './value-rewrites';

function trimWord(word: OcrWord, chars: string, edge: 'start' | 'end'): OcrWord {
  if (chars === '') { return word; }
  let text = word.text;
  if (edge === 'end') { while (text.length > 0 && chars.includes(text.slice(-1))) { text = text.slice(0, -1); } }
  else { while (text.length > 0 && chars.includes(text[0])) { text = text.slice(1); } }
  return text === word.text ? word : { ...word, text };
}

/** The value's pieces joined back into the words OCR read (`23` `.` `11` → `23.11`), so a normaliser that rebuilds a
 *  value from its words' positions (keep-paragraphs, mark-columns) does not space every mark; the least sure piece
 *  gives the word its confidence. */
function wholeWords(pieces: ReadonlyArray<{ word: OcrWord; line: number; glued: boolean }>): OcrWord[] {
  const words: OcrWord[] = [];
  pieces.forEach((piece, i) => {
    const last = words[words.length - 1];
    if (i === 0 || !piece.glued || piece.line !== pieces[i - 1].line) { words.push(piece.word); return; }
    words[words.length - 1] = {
      text: last.text + piece.word.text, confidence: Math.min(last.confidence, piece.word.confidence), box: boxAround([last.box, piece.word.box])!,
    };
  });
  return words;
}

/** Words of one line joined by a space, lines by \n; the first and last words trimmed by the field's rule, stray
 *  marks left out, then title case and the field's learned rewrites. */
function assemble(words: Array<{ word: OcrWord; line: number; glued: boolean }>, rule: LearnedFieldRule | undefined): RawValue | undefined {
  if (words.length === 0) { return undefined; }
  const kept = words.map(w => ({ ...w }));
  kept[0].word = trimWord(kept[0].word, rule?.trimLeading ?? '', 'start');
  kept[kept.length - 1].word = trimWord(kept[kept.length - 1].word, rule?.trimTrailing ?? '', 'end');
  const pieces = kept.filter(w => w.word.text !== '').map((w, i, all) => ({
    ...w, text: w.word.text, newLine: i > 0 && w.line !== all[i - 1].line, glued: i > 0 && w.glued,
  }));
  const nonEmpty = withoutStrays(pieces, rule?.strayMarks);
  if (nonEmpty.length === 0) { return undefined; }
  let text = joinPieces(nonEmpty);
  if (rule?.titleCaseCaps) { text = titleCaseCaps(text); }
  text = rewriteValue(text, rule?.rewrites);
  const box = boxAround(nonEmpty.map(w => w.word.box));
  return { text, words: wholeWords(nonEmpty), ...(box ? { box } : {}) };
}

/** At most this many mark tokens (`.`, `-`, `&`) between two pieces of a field are taken into it. */
const maxBridge = 2;

/** A token whose marginal probability for a field reaches this is taken into it even off the Viterbi path: more
 *  likely than not. With three readings to choose from, 0.35 let doubtful words into values: 5-fold over 5 splits,
 *  library f1_macro 0.7788 → 0.7814 (higher on 4 of 5), blacklist similarity 0.8137 → 0.8166 (higher on all 5). */
const minMarginal = 0.5;

/** A field gets a value only when some run of tokens is this likely to be exactly its value (see Crf.segments):
 *  5-fold over 5 splits, library f1_macro 0.7465 → 0.7505 (higher on all 5), blacklist similarity 0.7853 → 0.7846. */
const minValueProbability = 0.2;

type Piece = { word: OcrWord; line: number; glued: boolean; p: number; t: number };

/** Token `t` as a piece of a field's value; its confidence is the model's marginal `p` (0..100). */
function pieceOf(token: Token, t: number, p: number, glued: boolean): Piece {
  return { word: { ...token.word, confidence: Math.round(p * 1000) / 10 }, line: token.line, glued, p, t };
}

/** How sure the model is of a value: its words' mean marginal (0..100); 0 for no value. */
function sureness(value: RawValue | undefined): number {
  const words = value?.words ?? [];
  return words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
}

/** A model ready to label pages; build once per model file, use for every card. */
export class LearnedLabeller {
  private readonly tokens: NamedCrf;
  private readonly classes: Map<string, NamedCrf>;
  /** The token model of each other reading of the whole card, by its stored key. */
  private readonly readings: Map<string, NamedCrf>;

  constructor(private readonly model: LearnedModel) {
    this.tokens = NamedCrf.fromStored(model.tokens);
    this.readings = new Map((model.readings ?? []).map(reading => [reading.key, NamedCrf.fromStored(reading.tokens)]));
    this.classes = new Map(Object.entries(model.classes).map(([field, stored]) => [field, NamedCrf.fromStored(stored)]));
  }

  /**
   * The field's value: the run chosen from token marginals, when the likeliest whole run reaches
   * `minValueProbability`; that likeliest run when the marginals chose none (and no other field is likelier for its
   * tokens); else nothing. Token marginals alone either leave out a value spread over doubtful words or keep one no
   * run of which is likely.
   */
  private likelyValue(crf: NamedCrf, sequence: CrfSequence, label: number, surest: Piece[], tokens: readonly Token[], marginals: Float64Array): Piece[] {
    const likeliest = crf.crf.segments(sequence, label).reduce<{ start: number; end: number; p: number } | undefined>(
      (best, run) => (!best || run.p > best.p ? run : best), undefined);
    if (!likeliest || likeliest.p < minValueProbability) { return []; }
    if (surest.length > 0) { return surest; }
    // A run the marginals chose for no field is taken only where no other field is likelier for its tokens.
    const L = crf.labels.length;
    const fieldLabels = crf.labels.flatMap((name, id) => (isNoneLabel(name) || id === label ? [] : [id]));
    for (let t = likeliest.start; t <= likeliest.end; t++) {
      if (fieldLabels.some(other => marginals[t * L + other] > marginals[t * L + label])) { return []; }
    }
    return Array.from({ length: likeliest.end - likeliest.start + 1 }, (_, i) => {
      const t = likeliest.start + i;
      return pieceOf(tokens[t], t, marginals[t * L + label], tokens[t].piece > 0 && i > 0);
    });
  }

  /** Fields this model can fill. */
  get fields(): string[] { return [...this.tokens.labels.filter(label => !isNoneLabel(label)), ...this.classes.keys()]; }

  /**
   * Every field's raw value on this page. A word's confidence is the model's marginal probability (0..100) of
   * its field, so a value's confidence says how sure the model was, not how clearly OCR read it. `segments` are the
   * readings the model labels (the page, and zones: see learnedSegments); class fields look at the page alone. When
   * a zone's value has none of its field's learned shapes, or is empty where nearly every checked card had one, the
   * zone's fields are taken from the first of its retry readings whose values pass (the rest of the sequence as it
   * was), else kept as the first reading gave them.
   */
  label(page: OcrPage, segments: readonly TokenSegment[] = [{ page }]): Map<string, RawValue> {
    const values = this.labelTokens(segments);
    segments.forEach((segment, i) => {
      if (!segment.zone || !segment.alternatives) { return; }
      const { own, checked, fits } = this.zoneChecks(segment.zone.index);
      if (checked.length === 0 || fits(values)) { return; }
      // The zone misread: its fields are taken from the first retry reading whose values pass.
      for (const alternative of segment.alternatives) {
        const again = this.labelTokens(segments.map((s, j) => (j === i ? { ...s, page: alternative } : s)));
        if (!fits(again)) { continue; }
        for (const field of own) {
          const value = again.get(field);
          if (value) { values.set(field, value); } else { values.delete(field); }
        }
        return;
      }
    });
    this.surestOverReadings(segments, values);
    for (const [field, crf] of this.classes) {
      const sequence = { attributes: [crf.encode(cardAttributes(page))] };
      const label = crf.crf.decode(sequence)[0];
      const value = crf.labels[label];
      if (value !== '') { values.set(field, { text: value, words: [] }); }
    }
    return values;
  }

  /**
   * Each page field (not read from a zone) takes, over the page's other readings that have a model, the value whose
   * words the model is surest of (mean marginal); an empty value is surer of nothing, and a tie keeps the first
   * reading's. OCR misreads differ between readings, and a misread word is one the model is unsure of: library
   * cards, 5-fold, split 1, f1_macro 0.750 with the first reading, 0.783 over three.
   */
  private surestOverReadings(segments: readonly TokenSegment[], values: Map<string, RawValue>): void {
    const at = segments.findIndex(segment => !segment.zone);
    const readings = at < 0 ? [] : segments[at].readings ?? [];
    const pageFields = Object.entries(this.model.fields).filter(([, rule]) => rule.zone === undefined).map(([field]) => field);
    for (const reading of readings) {
      const crf = this.readings.get(reading.key);
      if (!crf) { continue; }
      const other = this.labelTokens(segments.map((segment, j) => (j === at ? { page: reading.page } : segment)), crf);
      for (const field of pageFields) {
        const value = other.get(field);
        if (value && sureness(value) > sureness(values.get(field))) { values.set(field, value); }
      }
    }
  }

  /** The fields read from a zone, those of them whose value can be checked (by its learned shapes, or, where nearly
   *  every checked card had one, by having one), and whether a labelling's values pass. */
  private zoneChecks(zone: number) {
    const own = Object.entries(this.model.fields).filter(([, rule]) => rule.zone === zone).map(([field]) => field);
    const checked = own.filter(field => this.model.fields[field].shapes || this.model.fields[field].required);
    const fits = (found: ReadonlyMap<string, RawValue>) => checked.every(field => {
      const { shapes } = this.model.fields[field];
      const text = found.get(field)?.text;
      return shapes ? hasShape(text, shapes) : (text ?? '').trim() !== '';
    });
    return { own, checked, fits };
  }

  /** Whether another reading of zone `zone` is worth reading: its checked values fail in the first reading and in
   *  every retry reading the segments hold (see label). False for a zone with nothing to check. */
  wantsRetry(segments: readonly TokenSegment[], zone: number): boolean {
    const i = segments.findIndex(segment => segment.zone?.index === zone);
    const { checked, fits } = this.zoneChecks(zone);
    if (i < 0 || checked.length === 0) { return false; }
    const readings = [segments[i].page, ...(segments[i].alternatives ?? [])];
    return !readings.some(page => fits(this.labelTokens(segments.map((s, j) => (j === i ? { ...s, page } : s)))));
  }

  /** The token fields' values over these readings, labelled by `crf` (@default the first reading's model). */
  private labelTokens(segments: readonly TokenSegment[], crf: NamedCrf = this.tokens): Map<string, RawValue> {
    const values = new Map<string, RawValue>();
    const tokens = sequenceTokens(segments);
    if (tokens.length > 0) {
      const sequence = { attributes: sequenceFeatures(segments).map(names => crf.encode(names)) };
      const path = crf.crf.decode(sequence);
      const marginals = crf.crf.marginals(sequence);
      const L = crf.labels.length;
      crf.labels.forEach((field, label) => {
        if (isNoneLabel(field)) { return; }
        const rule = this.model.fields[field];
        const runs: Piece[][] = [];
        // A token is the field's when Viterbi says so, or when the field is likely enough on its own: the best
        // path often gives a doubtful value to "none", and an empty value costs as much as a wrong one.
        const inField = (t: number) => path[t] === label || marginals[t * L + label] >= minMarginal;
        // Marks between two pieces of the field (`Gebr.` `Jänecke`, `Alphonse-Pierre`, `Duncker & Humblot`) belong to
        // it: the model often calls a lone mark none, which would cut the value in two.
        const bridged = (t: number) => {
          if (!isMark(tokens[t].word.text)) { return false; }
          let before = t - 1;
          while (before >= 0 && t - before <= maxBridge && isMark(tokens[before].word.text) && !inField(before)) { before--; }
          let after = t + 1;
          while (after < tokens.length && after - before <= maxBridge + 1 && isMark(tokens[after].word.text) && !inField(after)) { after++; }
          return before >= 0 && after < tokens.length && after - before <= maxBridge + 1 && inField(before) && inField(after)
            && tokens[before].line === tokens[t].line && tokens[after].line === tokens[t].line;
        };
        const inRun = (t: number) => inField(t) || bridged(t);
        tokens.forEach((token, t) => {
          if (!inRun(t)) { return; }
          const p = marginals[t * L + label];
          // Pieces of one OCR word are joined without a space, as they were typed.
          const glued = token.piece > 0 && t > 0 && inRun(t - 1);
          const item = pieceOf(token, t, p, glued);
          if (t > 0 && inRun(t - 1)) { runs[runs.length - 1].push(item); } else { runs.push([item]); }
        });
        // A value typed twice on a card (a place in the imprint and in the thesis note) is taken once: the run
        // the model is surest of, by its mean marginal (a sum would favour a long doubtful run over a short sure one).
        const sureness = (run: Array<{ p: number }>) => run.reduce((sum, w) => sum + w.p, 0) / Math.max(1, run.length);
        const surest = rule?.allRuns ? runs.flat() : runs.reduce<typeof runs[number]>((best, run) => (sureness(run) > sureness(best) ? run : best), []);
        const chosen = rule?.allRuns ? surest : this.likelyValue(crf, sequence, label, surest, tokens, marginals);
        const value = assemble(chosen, rule);
        // OCR's reading of a mark glued to the value's end, put right as the checked cards had it (`8!` → `8'`).
        const endMark = value && rule?.markMap ? rule.markMap[gluedMarksAfter(tokens, chosen[chosen.length - 1].t)] : undefined;
        if (value && endMark !== undefined) { value.text += endMark; }
        if (value && rule?.fixedPrefix) { value.text = applyFixedPrefix(value.text, rule.fixedPrefix); }
        if (value && rule?.knownValues) { value.text = applyKnownValues(value.text, rule.knownValues); }
        if (value) { values.set(field, value); }
      });
    }
    return values;
  }
}
