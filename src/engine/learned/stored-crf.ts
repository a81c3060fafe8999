// A trained CRF to and from its stored form (sparse, rounded, attribute names instead of ids). Pure.
import type { StoredCrf } from '../../protocol';
import { Crf } from './crf';

/** Weights under this are left out of the file: they change no decision. */
const smallestWeight = 0.002;
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** A CRF with its label and attribute names, ready to label tokens described by attribute strings. */
export class NamedCrf {
  private readonly ids: Map<string, number>;

  constructor(readonly labels: readonly string[], readonly attributes: readonly string[], readonly crf: Crf) {
    this.ids = new Map(attributes.map((name, i) => [name, i]));
  }

  /** Attribute ids of one token; names the model never saw are dropped. */
  encode(names: readonly string[]): Int32Array {
    // Filled in place and cut to length: Int32Array.from(array) walks an iterator, a third of encode's time.
    const ids = new Int32Array(names.length);
    let count = 0;
    for (let i = 0; i < names.length; i++) {
      const id = this.ids.get(names[i]);
      if (id !== undefined) { ids[count++] = id; }
    }
    return count === ids.length ? ids : ids.slice(0, count);
  }

  toStored(): StoredCrf {
    const L = this.labels.length;
    const w = this.crf.weights;
    const kept: number[] = [];
    const state: number[][] = [];
    this.attributes.forEach((_, a) => {
      const pairs: number[] = [];
      for (let y = 0; y < L; y++) {
        const weight = w[a * L + y];
        if (Math.abs(weight) >= smallestWeight) { pairs.push(y, round(weight)); }
      }
      if (pairs.length > 0) { kept.push(a); state.push(pairs); }
    });
    const offset = this.attributes.length * L;
    return {
      labels: [...this.labels],
      attributes: kept.map(a => this.attributes[a]),
      state,
      transitions: Array.from(w.subarray(offset, offset + L * L), round),
      start: Array.from(w.subarray(offset + L * L), round),
    };
  }

  static fromStored(stored: StoredCrf): NamedCrf {
    const L = stored.labels.length;
    const A = stored.attributes.length;
    const weights = new Float64Array(Crf.size(L, A));
    stored.state.forEach((pairs, a) => {
      for (let i = 0; i + 1 < pairs.length; i += 2) { weights[a * L + pairs[i]] = pairs[i + 1]; }
    });
    weights.set(stored.transitions, A * L);
    weights.set(stored.start, A * L + L * L);
    return new NamedCrf(stored.labels, stored.attributes, new Crf(L, A, weights));
  }
}
