// The CRF and its optimiser on small problems whose answers are known: a gradient that matches finite
// differences, marginals that sum to one, labels that need the transitions, and L-BFGS on Rosenbrock.
import * as assert from 'node:assert/strict';
import { Crf, type CrfSequence } from '../../../../src/engine/learned/crf';
import { minimiseLbfgs } from '../../../../src/engine/learned/lbfgs';
import { NamedCrf } from '../../../../src/engine/learned/stored-crf';

const seq = (attributes: number[][], labels?: number[]): CrfSequence =>
  ({ attributes: attributes.map(a => Int32Array.from(a)), ...(labels ? { labels: Int32Array.from(labels) } : {}) });

function seededWeights(size: number): Float64Array {
  let a = 7;
  return Float64Array.from({ length: size }, () => { a = (a * 1103515245 + 12345) % 2147483648; return (a / 2147483648 - 0.5) * 2; });
}

/** Checks the analytic gradient against central finite differences of the loss; returns the loss. */
function assertGradientMatchesLoss(L: number, A: number, weights: Float64Array, sequence: CrfSequence): number {
  const gradient = new Float64Array(weights.length);
  const loss = new Crf(L, A, weights).addGradient(sequence, gradient);
  const lossAt = (w: Float64Array) => new Crf(L, A, w).addGradient(sequence, new Float64Array(weights.length));
  const h = 1e-6;
  for (let i = 0; i < weights.length; i++) {
    const up = Float64Array.from(weights); up[i] += h;
    const down = Float64Array.from(weights); down[i] -= h;
    const numeric = (lossAt(up) - lossAt(down)) / (2 * h);
    assert.ok(Math.abs(numeric - gradient[i]) < 1e-5, `weight ${i}: analytic ${gradient[i]}, numeric ${numeric}`);
  }
  return loss;
}

describe('linear-chain CRF', () => {
  it('has a gradient that matches finite differences of its loss', () => {
    const L = 3; const A = 4;
    const weights = seededWeights(Crf.size(L, A));
    const sequence = seq([[0, 1], [2], [1, 3], [0]], [0, 2, 1, 1]);
    assertGradientMatchesLoss(L, A, weights, sequence);
  });

  it('with partial labels, has a gradient that matches finite differences and a loss of -log P(allowed labellings)', () => {
    const L = 3; const A = 4;
    const weights = seededWeights(Crf.size(L, A));
    // Token 1 may be label 2 or 0, token 2 label 1 or 2; the others are fixed.
    const allowed = Uint8Array.from([1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0]);
    const sequence = { ...seq([[0, 1], [2], [1, 3], [0]], [0, 2, 1, 1]), allowed };
    const loss = assertGradientMatchesLoss(L, A, weights, sequence);
    // The four allowed labellings' probabilities, each from the fully labelled loss, sum to exp(-loss).
    const crf = new Crf(L, A, weights);
    const p = (labels: number[]) => Math.exp(-crf.addGradient(seq([[0, 1], [2], [1, 3], [0]], labels), new Float64Array(weights.length)));
    const mass = p([0, 0, 1, 1]) + p([0, 0, 2, 1]) + p([0, 2, 1, 1]) + p([0, 2, 2, 1]);
    assert.ok(Math.abs(Math.exp(-loss) - mass) < 1e-12, `${Math.exp(-loss)} vs ${mass}`);
  });

  it('does not learn an open label as the one written: a token whose label is unknown is not taught as none', () => {
    // Attribute 1 marks label 1 on most sequences; on the rest the token is written 0 but left open (0 or 1).
    const training: CrfSequence[] = [];
    for (let n = 0; n < 10; n++) {
      const open = n % 2 === 0;
      training.push({ ...seq([[0], [1], [0]], [0, open ? 0 : 1, 0]), ...(open ? { allowed: Uint8Array.from([1, 0, 1, 1, 1, 0]) } : {}) });
    }
    const probability = (crf: Crf) => crf.marginals(seq([[0], [1], [0]]))[1 * 2 + 1];
    const partial = probability(Crf.train(training, 2, 2, { l2: 0.1 }));
    const asWritten = probability(Crf.train(training.map(({ allowed: _, ...rest }) => rest), 2, 2, { l2: 0.1 }));
    assert.ok(partial > 0.8, `open labels: P(label 1) ${partial}`);
    assert.ok(asWritten < 0.6, `taught as written: P(label 1) ${asWritten}`);
  });

  it('gives marginals that sum to one per token and agree with brute-force enumeration', () => {
    const L = 2; const A = 3;
    const crf = new Crf(L, A, seededWeights(Crf.size(L, A)));
    const sequence = seq([[0], [1, 2], [2]]);
    const marginals = crf.marginals(sequence);
    // Brute force: score every one of the 2³ label paths.
    const scores: number[] = []; const paths: number[][] = [];
    for (let code = 0; code < 8; code++) {
      const path = [code & 1, (code >> 1) & 1, (code >> 2) & 1];
      const labelled = seq([[0], [1, 2], [2]], path);
      scores.push(-crf.addGradient(labelled, new Float64Array(crf.weights.length)));
      paths.push(path);
    }
    const z = scores.reduce((sum, s) => sum + Math.exp(s), 0);
    for (let t = 0; t < 3; t++) {
      const expected = paths.reduce((sum, path, i) => sum + (path[t] === 1 ? Math.exp(scores[i]) / z : 0), 0);
      assert.ok(Math.abs(marginals[t * 2 + 1] - expected) < 1e-9, `token ${t}`);
      assert.ok(Math.abs(marginals[t * 2] + marginals[t * 2 + 1] - 1) < 1e-12);
    }
    const best = paths[scores.indexOf(Math.max(...scores))];
    assert.deepEqual([...crf.decode(sequence)], best);
  });

  it('learns labels that only the previous label decides (the transitions carry them)', () => {
    // Attribute 0 is "x" everywhere; the label is 1 on the token after a token with attribute 1 ("start"), else 0.
    // Without transitions a token with only "x" cannot tell; with them it can.
    const training: CrfSequence[] = [];
    for (let n = 0; n < 12; n++) {
      const attributes: number[][] = []; const labels: number[] = [];
      for (let t = 0; t < 6; t++) {
        const isStart = (t + n) % 3 === 0;
        attributes.push(isStart ? [0, 1] : [0]);
        labels.push(isStart ? 2 : attributes.length > 1 && attributes[attributes.length - 2].includes(1) ? 1 : 0);
      }
      training.push(seq(attributes, labels));
    }
    const crf = Crf.train(training, 3, 2, { l2: 0.01 });
    const unseen = seq([[0], [0, 1], [0], [0], [0, 1], [0], [0]]);
    assert.deepEqual([...crf.decode(unseen)], [0, 2, 1, 0, 2, 1, 0]);
  });

  it('gives the same marginals after decoding the same tokens, other tokens, or nothing (decode shares its scores)', () => {
    const L = 3; const A = 4;
    const weights = seededWeights(Crf.size(L, A));
    const tokens = [[0, 1], [2], [1, 3], [0]];
    const alone = new Crf(L, A, weights).marginals(seq(tokens));
    const crf = new Crf(L, A, weights);
    const sequence = seq(tokens);
    crf.decode(sequence);
    assert.deepEqual([...crf.marginals(sequence)], [...alone]);
    crf.decode(seq([[3], [3], [3], [3]]));
    assert.deepEqual([...crf.marginals(sequence)], [...alone]);
    // Same tokens in new arrays after a decode: scored afresh, same answer.
    crf.decode(sequence);
    assert.deepEqual([...crf.marginals(seq(tokens))], [...alone]);
    assert.notDeepEqual([...crf.marginals(seq([[3], [3], [3], [3]]))], [...alone]);
  });

  it('gives each run of tokens the probability that one label covers exactly it, as summing every labelling does', () => {
    const L = 3; const A = 4; const T = 5;
    const weights = seededWeights(Crf.size(L, A));
    const sequence = seq([[0, 1], [2], [1, 3], [0], [3, 2]]);
    const crf = new Crf(L, A, weights);
    const score = (y: number[]) => y.reduce((sum, label, t) => sum + [...sequence.attributes[t]].reduce((s, a) => s + weights[a * L + label], 0)
      + (t === 0 ? weights[A * L + L * L + label] : weights[A * L + y[t - 1] * L + label]), 0);
    const labellings: number[][] = [];
    const grow = (prefix: number[]) => { if (prefix.length === T) { labellings.push(prefix); return; } for (let y = 0; y < L; y++) { grow([...prefix, y]); } };
    grow([]);
    const z = labellings.reduce((sum, y) => sum + Math.exp(score(y)), 0);
    for (const label of [0, 1, 2]) {
      const runs = crf.segments(sequence, label, 0);
      assert.equal(runs.length, (T * (T + 1)) / 2);
      for (const run of runs) {
        const covers = (y: number[]) => y.every((v, t) => (t >= run.start && t <= run.end ? v === label : t === run.start - 1 || t === run.end + 1 ? v !== label : true));
        const exact = labellings.filter(covers).reduce((sum, y) => sum + Math.exp(score(y)), 0) / z;
        assert.ok(Math.abs(exact - run.p) < 1e-9, `label ${label}, ${run.start}..${run.end}: ${run.p} against ${exact}`);
      }
    }
    // The floor leaves out runs through a token the label hardly fits.
    const marginals = crf.marginals(sequence);
    const floored = crf.segments(sequence, 1, 0.3);
    assert.ok(floored.every(run => Array.from({ length: run.end - run.start + 1 }, (_, i) => marginals[(run.start + i) * L + 1]).every(p => p >= 0.3)));
  });

  it('survives storing: the stored form labels the same way', () => {
    const training = [seq([[0], [1], [2]], [0, 1, 2]), seq([[2], [1], [0]], [2, 1, 0])];
    const crf = Crf.train(training, 3, 3, { l2: 0.1 });
    const named = new NamedCrf(['', 'a', 'b'], ['f0', 'f1', 'f2'], crf);
    const back = NamedCrf.fromStored(JSON.parse(JSON.stringify(named.toStored())));
    const input = { attributes: [back.encode(['f1']), back.encode(['f0', 'unknown']), back.encode(['f2'])] };
    assert.deepEqual([...back.crf.decode(input)], [...crf.decode(seq([[1], [0], [2]]))]);
    assert.deepEqual([...back.crf.decode(input)], [1, 0, 2]);
  });
});

describe('L-BFGS', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const result = minimiseLbfgs((x, g) => {
      const [a, b] = [x[0], x[1]];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, Float64Array.from([-1.2, 1]), { maxIterations: 500, tolerance: 1e-12 });
    assert.ok(Math.abs(result.x[0] - 1) < 1e-3 && Math.abs(result.x[1] - 1) < 1e-3, `ended at ${result.x[0]}, ${result.x[1]}`);
  });
});
