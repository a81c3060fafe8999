// Disposal helpers shared by every area; platform-neutral (no node:*, no DOM).

/** Same shape as vscode.Disposable, so ours go straight into context.subscriptions. */
export interface Disposable { dispose(): void }

/** Wraps a function as a Disposable that runs it at most once. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return { dispose() { if (!done) { done = true; fn(); } } };
}

/** Disposes its items newest first; anything added after disposal is disposed at once. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean { return this.disposed; }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) { item.dispose(); } else { this.items.push(item); }
    return item;
  }

  dispose(): void {
    if (this.disposed) { return; }
    this.disposed = true;
    // Every item is disposed even when one throws (a child process left alive keeps node running); the first error is rethrown.
    const errors: unknown[] = [];
    for (const item of this.items.reverse()) {
      try { item.dispose(); } catch (error) { errors.push(error); }
    }
    this.items = [];
    if (errors.length > 0) { throw errors[0]; }
  }
}

/** A listener registry: `event(listener)` subscribes and returns the Disposable that unsubscribes. */
export type EventListen<T> = (listener: (value: T) => void) => Disposable;

/** A tiny typed emitter in the shape of vscode.EventEmitter; listeners must not throw. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  readonly event: EventListen<T> = listener => {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) { listener(value); }
  }

  dispose(): void { this.listeners.clear(); }
}
