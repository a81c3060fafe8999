// A linear-chain conditional random field over binary token attributes: training (L2-regularised
// likelihood, L-BFGS), Viterbi decoding and per-token marginals. Pure; knows nothing of OCR or cards.
import { minimiseLbfgs } from './lbfgs';

/** One sequence as the CRF sees it: each token's attribute ids, and (for training) its label ids. `allowed`
 *  (T × L, 1 = allowed) makes the labels partial: training then sums over every labelling the mask allows, so a token
 *  whose label is not known (a checked value the OCR garbled past finding) is not taught as `labels` says. */
export interface CrfSequence { attributes: Int32Array[]; labels?: Int32Array; allowed?: Uint8Array }

export interface CrfTrainOptions {
  /** L2 penalty on the weights. @default 0.1 */
  l2?: number;
  /** @default 150 */
  maxIterations?: number;
}

/**
 * Weights laid out as: state weights (attribute × label), then transitions (previous label × label), then
 * start weights (label). Invariants: 1. `weights.length === attributeCount * labelCount + labelCount² + labelCount`.
 */
export class Crf {
  constructor(readonly labelCount: number, readonly attributeCount: number, readonly weights: Float64Array) {
    if (weights.length !== Crf.size(labelCount, attributeCount)) { throw new Error('CRF weights do not fit its labels and attributes'); }
  }

  static size(labelCount: number, attributeCount: number): number {
    return attributeCount * labelCount + labelCount * labelCount + labelCount;
  }

  /** Fits a CRF to labelled sequences; labels and attribute ids must lie below the counts. */
  static train(sequences: readonly CrfSequence[], labelCount: number, attributeCount: number, options: CrfTrainOptions = {}): Crf {
    const l2 = options.l2 ?? 0.1;
    const size = Crf.size(labelCount, attributeCount);
    const objective = (x: Float64Array, gradient: Float64Array): number => {
      gradient.fill(0);
      const crf = new Crf(labelCount, attributeCount, x);
      let loss = 0;
      for (const sequence of sequences) { loss += crf.addGradient(sequence, gradient); }
      for (let i = 0; i < size; i++) { loss += 0.5 * l2 * x[i] * x[i]; gradient[i] += l2 * x[i]; }
      return loss;
    };
    const result = minimiseLbfgs(objective, new Float64Array(size), { maxIterations: options.maxIterations ?? 150 });
    return new Crf(labelCount, attributeCount, result.x);
  }

  private get transitionOffset(): number { return this.attributeCount * this.labelCount; }
  private get startOffset(): number { return this.transitionOffset + this.labelCount * this.labelCount; }

  /** The last decoded sequence's state scores: the learned finder asks for `marginals` of the same sequence next. */
  private decoded?: { attributes: readonly Int32Array[]; scores: Float64Array };
  /** The last `marginals` sequence's forward-backward: `segments` of the same tokens reuse it. */
  private posterior?: { attributes: readonly Int32Array[]; fb: ReturnType<Crf['forwardBackward']> };

  /** Per token, the summed state weights of its attributes, per label (row-major, T × L). */
  private stateScores(sequence: CrfSequence): Float64Array {
    const L = this.labelCount;
    const A = this.attributeCount;
    const weights = this.weights;
    const rows = sequence.attributes;
    const scores = new Float64Array(rows.length * L);
    for (let t = 0; t < rows.length; t++) {
      const attributes = rows[t];
      const row = t * L;
      for (let i = 0; i < attributes.length; i++) {
        const a = attributes[i];
        if (a < 0 || a >= A) { continue; }
        const base = a * L;
        for (let y = 0; y < L; y++) { scores[row + y] += weights[base + y]; }
      }
    }
    return scores;
  }

  /** State scores of a sequence `decode` has just scored (same token arrays), else computed afresh. */
  private stateScoresOnce(sequence: CrfSequence): Float64Array {
    const decoded = this.decoded;
    this.decoded = undefined;
    if (decoded && decoded.attributes.length === sequence.attributes.length && decoded.attributes.every((row, t) => row === sequence.attributes[t])) {
      return decoded.scores;
    }
    return this.stateScores(sequence);
  }

  /** Scaled forward-backward: alpha, beta (per token, normalised) and the log partition function. */
  private forwardBackward(sequence: CrfSequence, state = this.stateScores(sequence), allowed?: Uint8Array) {
    const L = this.labelCount;
    const T = sequence.attributes.length;
    const expState = new Float64Array(T * L);
    let logZ = 0;
    for (let t = 0; t < T; t++) {
      let max = -Infinity;
      for (let y = 0; y < L; y++) {
        if (!allowed || allowed[t * L + y]) { max = Math.max(max, state[t * L + y] + (t === 0 ? this.weights[this.startOffset + y] : 0)); }
      }
      for (let y = 0; y < L; y++) {
        expState[t * L + y] = allowed && !allowed[t * L + y] ? 0 : Math.exp(state[t * L + y] + (t === 0 ? this.weights[this.startOffset + y] : 0) - max);
      }
      logZ += max;
    }
    const transitions = new Float64Array(L * L);
    for (let i = 0; i < L * L; i++) { transitions[i] = Math.exp(this.weights[this.transitionOffset + i]); }
    const alpha = new Float64Array(T * L);
    const beta = new Float64Array(T * L);
    const scale = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let y = 0; y < L; y++) {
        let into = 1;
        if (t > 0) {
          into = 0;
          for (let p = 0; p < L; p++) { into += alpha[(t - 1) * L + p] * transitions[p * L + y]; }
        }
        const a = into * expState[t * L + y];
        alpha[t * L + y] = a;
        sum += a;
      }
      scale[t] = sum;
      for (let y = 0; y < L; y++) { alpha[t * L + y] /= sum; }
      logZ += Math.log(sum);
    }
    for (let y = 0; y < L; y++) { beta[(T - 1) * L + y] = 1; }
    for (let t = T - 2; t >= 0; t--) {
      for (let p = 0; p < L; p++) {
        let sum = 0;
        for (let y = 0; y < L; y++) { sum += transitions[p * L + y] * expState[(t + 1) * L + y] * beta[(t + 1) * L + y]; }
        beta[t * L + p] = sum / scale[t + 1];
      }
    }
    return { state, expState, transitions, alpha, beta, scale, logZ };
  }

  /** Adds this sequence's gradient of the negative log-likelihood into `gradient`; returns its loss. */
  addGradient(sequence: CrfSequence, gradient: Float64Array): number {
    const labels = sequence.labels;
    if (!labels) { throw new Error('training needs labels'); }
    const L = this.labelCount;
    const T = sequence.attributes.length;
    if (T === 0) { return 0; }
    if (sequence.allowed) { return this.addPartialGradient(sequence, sequence.allowed, gradient); }
    const { state, expState, transitions, alpha, beta, scale, logZ } = this.forwardBackward(sequence);
    let gold = this.weights[this.startOffset + labels[0]];
    for (let t = 0; t < T; t++) {
      gold += state[t * L + labels[t]];
      if (t > 0) { gold += this.weights[this.transitionOffset + labels[t - 1] * L + labels[t]]; }
      for (const a of sequence.attributes[t]) {
        if (a < 0 || a >= this.attributeCount) { continue; }
        const base = a * L;
        for (let y = 0; y < L; y++) { gradient[base + y] += alpha[t * L + y] * beta[t * L + y]; }
        gradient[base + labels[t]] -= 1;
      }
      if (t > 0) {
        for (let p = 0; p < L; p++) {
          for (let y = 0; y < L; y++) {
            gradient[this.transitionOffset + p * L + y] += alpha[(t - 1) * L + p] * transitions[p * L + y] * expState[t * L + y] * beta[t * L + y] / scale[t];
          }
        }
        gradient[this.transitionOffset + labels[t - 1] * L + labels[t]] -= 1;
      }
    }
    for (let y = 0; y < L; y++) { gradient[this.startOffset + y] += alpha[y] * beta[y]; }
    gradient[this.startOffset + labels[0]] -= 1;
    return logZ - gold;
  }

  /** Expected counts under the model (sign +1) or under the labellings the mask allows (sign -1), added in. */
  private addExpectations(sequence: CrfSequence, fb: ReturnType<Crf['forwardBackward']>, sign: number, gradient: Float64Array): void {
    const L = this.labelCount;
    const { expState, transitions, alpha, beta, scale } = fb;
    for (let t = 0; t < sequence.attributes.length; t++) {
      for (const a of sequence.attributes[t]) {
        if (a < 0 || a >= this.attributeCount) { continue; }
        const base = a * L;
        for (let y = 0; y < L; y++) { gradient[base + y] += sign * alpha[t * L + y] * beta[t * L + y]; }
      }
      if (t > 0) {
        for (let p = 0; p < L; p++) {
          for (let y = 0; y < L; y++) {
            gradient[this.transitionOffset + p * L + y] += sign * alpha[(t - 1) * L + p] * transitions[p * L + y] * expState[t * L + y] * beta[t * L + y] / scale[t];
          }
        }
      }
    }
    for (let y = 0; y < L; y++) { gradient[this.startOffset + y] += sign * alpha[y] * beta[y]; }
  }

  /** Negative log of the probability mass of the allowed labellings, and its gradient. */
  private addPartialGradient(sequence: CrfSequence, allowed: Uint8Array, gradient: Float64Array): number {
    const state = this.stateScores(sequence);
    const free = this.forwardBackward(sequence, state);
    const held = this.forwardBackward(sequence, state, allowed);
    this.addExpectations(sequence, free, 1, gradient);
    this.addExpectations(sequence, held, -1, gradient);
    return free.logZ - held.logZ;
  }

  /** Each token's probability of each label (T × L, row-major). */
  marginals(sequence: CrfSequence): Float64Array {
    const L = this.labelCount;
    const T = sequence.attributes.length;
    if (T === 0) { return new Float64Array(0); }
    const fb = this.forwardBackward(sequence, this.stateScoresOnce(sequence));
    // Kept for `segments` of the same tokens (one per field of the card), compared by identity like `decoded`.
    this.posterior = { attributes: [...sequence.attributes], fb };
    const { alpha, beta } = fb;
    const out = new Float64Array(T * L);
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let y = 0; y < L; y++) { out[t * L + y] = alpha[t * L + y] * beta[t * L + y]; sum += out[t * L + y]; }
      for (let y = 0; y < L; y++) { out[t * L + y] /= sum; }
    }
    return out;
  }

  /**
   * For one label, every run of tokens `start..end` (each with marginal ≥ `floor`) with the probability that the
   * label covers exactly that run: the tokens before and after it carry another label. A field's value is such a
   * run, so this scores whole values where marginals score tokens one by one. O(T·L² + runs).
   */
  segments(sequence: CrfSequence, label: number, floor = 0.02): Array<{ start: number; end: number; p: number }> {
    const L = this.labelCount;
    const T = sequence.attributes.length;
    if (T === 0) { return []; }
    const kept = this.posterior;
    const same = kept && kept.attributes.length === T && kept.attributes.every((row, t) => row === sequence.attributes[t]);
    const { expState, transitions, alpha, beta, scale } = same ? kept.fb : this.forwardBackward(sequence);
    const stay = transitions[label * L + label];
    const marginal = (t: number) => alpha[t * L + label] * beta[t * L + label];
    // Scaled forward-backward: alpha_t·beta_t is the marginal; entering takes the mass not already in the label at
    // t-1, leaving the mass not staying in it at t+1.
    const enter = (t: number) => alpha[t * L + label] - (t === 0 ? 0 : alpha[(t - 1) * L + label] * stay * expState[t * L + label] / scale[t]);
    const leave = (t: number) => beta[t * L + label] - (t === T - 1 ? 0 : stay * expState[(t + 1) * L + label] * beta[(t + 1) * L + label] / scale[t + 1]);
    const out: Array<{ start: number; end: number; p: number }> = [];
    for (let start = 0; start < T; start++) {
      if (marginal(start) < floor) { continue; }
      let inside = enter(start);
      for (let end = start; end < T && marginal(end) >= floor; end++) {
        if (end > start) { inside *= stay * expState[end * L + label] / scale[end]; }
        out.push({ start, end, p: inside * leave(end) });
      }
    }
    return out;
  }

  /** The most likely label sequence (Viterbi). */
  decode(sequence: CrfSequence): Int32Array {
    const L = this.labelCount;
    const T = sequence.attributes.length;
    const path = new Int32Array(T);
    if (T === 0) { return path; }
    const state = this.stateScores(sequence);
    // Kept for `marginals` of the same tokens; the arrays are compared by identity, so nothing stale is used.
    this.decoded = { attributes: [...sequence.attributes], scores: state };
    const best = new Float64Array(T * L);
    const back = new Int32Array(T * L);
    const transitions = this.weights.subarray(this.transitionOffset, this.transitionOffset + L * L);
    for (let y = 0; y < L; y++) { best[y] = this.weights[this.startOffset + y] + state[y]; }
    for (let t = 1; t < T; t++) {
      const previous = (t - 1) * L;
      for (let y = 0; y < L; y++) {
        let top = -Infinity;
        let from = 0;
        for (let p = 0; p < L; p++) {
          const score = best[previous + p] + transitions[p * L + y];
          if (score > top) { top = score; from = p; }
        }
        best[t * L + y] = top + state[t * L + y];
        back[t * L + y] = from;
      }
    }
    let last = 0;
    for (let y = 1; y < L; y++) { if (best[(T - 1) * L + y] > best[(T - 1) * L + last]) { last = y; } }
    path[T - 1] = last;
    for (let t = T - 1; t > 0; t--) { path[t - 1] = back[t * L + path[t]]; }
    return path;
  }
}
