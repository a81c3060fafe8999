// Limited-memory BFGS: minimises a smooth function given its value and gradient. Pure; knows nothing of CRFs.

/** Value and gradient at x; the gradient is written into `gradient` (same length as x). */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** @default 100 */
  maxIterations?: number;
  /** Corrections kept. @default 8 */
  memory?: number;
  /** Stop when the relative improvement over the last 5 iterations is below this. @default 1e-5 */
  tolerance?: number;
}

export interface LbfgsResult { x: Float64Array; value: number; iterations: number }

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) { sum += a[i] * b[i]; }
  return sum;
}

/** Two-loop recursion over the stored corrections, then a backtracking (Armijo) line search. */
export function minimiseLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const n = start.length;
  const memory = options.memory ?? 8;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const history: number[] = [value];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(memory);
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    for (let i = 0; i < n; i++) { direction[i] = -gradient[i]; }
    for (let k = steps.length - 1; k >= 0; k--) {
      alphas[k] = rhos[k] * dot(steps[k], direction);
      const y = changes[k];
      for (let i = 0; i < n; i++) { direction[i] -= alphas[k] * y[i]; }
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const scale = dot(steps[last], changes[last]) / dot(changes[last], changes[last]);
      for (let i = 0; i < n; i++) { direction[i] *= scale; }
    } else {
      // First step: a unit-length move, so the line search starts from a sane size.
      const norm = Math.sqrt(dot(direction, direction)) || 1;
      for (let i = 0; i < n; i++) { direction[i] /= norm; }
    }
    for (let k = 0; k < steps.length; k++) {
      const beta = rhos[k] * dot(changes[k], direction);
      const s = steps[k];
      for (let i = 0; i < n; i++) { direction[i] += (alphas[k] - beta) * s[i]; }
    }
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      // Not a descent direction (curvature went bad): restart from steepest descent.
      steps.length = 0; changes.length = 0; rhos.length = 0;
      for (let i = 0; i < n; i++) { direction[i] = -gradient[i]; }
      slope = dot(direction, gradient);
    }
    let step = 1;
    const next = new Float64Array(n);
    const nextGradient = new Float64Array(n);
    let nextValue = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) { next[i] = x[i] + step * direction[i]; }
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) { break; }
      step *= 0.5;
    }
    if (!(nextValue < value)) { break; }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) { s[i] = next[i] - x[i]; y[i] = nextGradient[i] - gradient[i]; }
    const sy = dot(s, y);
    if (sy > 1e-10) {
      steps.push(s); changes.push(y); rhos.push(1 / sy);
      if (steps.length > memory) { steps.shift(); changes.shift(); rhos.shift(); }
    }
    x = next;
    gradient = nextGradient;
    value = nextValue;
    history.push(value);
    const past = history[Math.max(0, history.length - 6)];
    if (history.length > 5 && (past - value) / Math.max(1, Math.abs(value)) < tolerance) { iteration++; break; }
  }
  return { x, value, iterations: iteration };
}
