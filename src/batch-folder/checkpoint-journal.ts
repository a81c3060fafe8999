// A batch's checkpoint: which cards are done, failed or were cut off by a crash. Knows nothing of OCR or outputs.
// Per card it only appends a short line to the journal, so its cost stays flat for batches of 50,000 cards;
// checkpoint.json is rewritten only when the journal is compacted (on open and on close).
import { appendFlags, readFileInside, writeFileInside } from './no-follow';
import { closeSync, openSync, writeSync } from 'node:fs';
import { Checkpoint, JournalEntry, type ProblemCode } from '../protocol';
import { batchPaths } from './paths';

/** What the checkpoint knows about the cards, in one place. */
export interface CheckpointState {
  generation: number;
  done: Set<string>;
  failed: Map<string, ProblemCode>;
  /** Cards whose last event is `started`: count of starts since they last finished. */
  unfinished: Map<string, number>;
  /** Journal lines that could not be read (e.g. a last line cut short by a crash). */
  skippedLines: number;
}

function emptyState(): CheckpointState {
  return { generation: 0, done: new Set(), failed: new Map(), unfinished: new Map(), skippedLines: 0 };
}

function apply(state: CheckpointState, entry: JournalEntry): void {
  switch (entry.event) {
    case 'generation': break;
    case 'started':
      state.done.delete(entry.card);
      state.unfinished.set(entry.card, (state.unfinished.get(entry.card) ?? 0) + 1);
      break;
    case 'done':
      state.unfinished.delete(entry.card);
      state.failed.delete(entry.card);
      state.done.add(entry.card);
      break;
    case 'failed':
      state.unfinished.delete(entry.card);
      state.done.delete(entry.card);
      state.failed.set(entry.card, entry.code);
      break;
  }
}

async function readOptional(dir: string, file: string): Promise<string | undefined> {
  try {
    return await readFileInside(dir, file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') { return undefined; }
    throw error;
  }
}

/**
 * Reads checkpoint.json and replays the journal over it. A missing file is an empty checkpoint; an unreadable
 * journal line is skipped and counted (only the last line can be cut short, by a crash mid-write).
 * Throws when checkpoint.json exists but is not a checkpoint: resuming from a wrong state would lose cards.
 */
export async function readCheckpoint(dir: string): Promise<CheckpointState> {
  const paths = batchPaths(dir);
  const state = emptyState();
  const compacted = await readOptional(dir, paths.checkpoint);
  if (compacted !== undefined) {
    const checkpoint = Checkpoint.parse(JSON.parse(compacted));
    state.generation = checkpoint.generation;
    for (const card of checkpoint.done) { state.done.add(card); }
    for (const [card, code] of Object.entries(checkpoint.failed)) { state.failed.set(card, code); }
    for (const [card, count] of Object.entries(checkpoint.unfinished)) { state.unfinished.set(card, count); }
  }
  const journal = await readOptional(dir, paths.journal);
  if (journal === undefined) { return state; }
  const lines = journal.split('\n').filter(line => line.trim() !== '');
  let journalGeneration = 0;
  for (const [index, line] of lines.entries()) {
    let entry: JournalEntry;
    try {
      entry = JournalEntry.parse(JSON.parse(line));
    } catch {
      state.skippedLines++;
      continue;
    }
    if (entry.event === 'generation') {
      if (index === 0) { journalGeneration = entry.generation; }
      continue;
    }
    // A journal older than checkpoint.json was already folded in before a crash cut the compaction short.
    if (journalGeneration < state.generation) { return state; }
    apply(state, entry);
  }
  return state;
}

function toCheckpoint(state: CheckpointState): Checkpoint {
  return {
    version: 1,
    generation: state.generation,
    done: [...state.done],
    failed: Object.fromEntries(state.failed),
    unfinished: Object.fromEntries(state.unfinished),
    updatedAt: new Date().toISOString(),
  };
}

/**
 * The open checkpoint of one batch, owned by its runner.
 * Invariants: 1. every event is on disk (written synchronously, in order) before the method returns;
 * 2. checkpoint.json plus the journal always describe the state, even if the process dies between any two writes;
 * 3. after `close()` nothing more is written.
 */
export class CheckpointJournal {
  private fd: number | undefined;

  private constructor(private readonly dir: string, private readonly current: CheckpointState) {}

  /** Reads the checkpoint, compacts it (fresh journal, new checkpoint.json) and opens the journal for appending. */
  static async open(dir: string): Promise<CheckpointJournal> {
    const journal = new CheckpointJournal(dir, await readCheckpoint(dir));
    await journal.compact();
    return journal;
  }

  get state(): Readonly<CheckpointState> { return this.current; }

  started(card: string): void { this.append({ event: 'started', card }); }
  done(card: string): void { this.append({ event: 'done', card }); }
  failed(card: string, code: ProblemCode): void { this.append({ event: 'failed', card, code }); }

  /** Writes checkpoint.json first, then swaps in an empty journal of the new generation (see readCheckpoint). */
  async compact(): Promise<void> {
    const paths = batchPaths(this.dir);
    this.closeFile();
    this.current.generation++;
    this.current.skippedLines = 0;
    await writeFileInside(this.dir, paths.checkpoint, JSON.stringify(toCheckpoint(this.current)));
    await writeFileInside(this.dir, paths.journal, `${JSON.stringify({ event: 'generation', generation: this.current.generation })}\n`);
    // O_NOFOLLOW: the journal was just renamed into place, but never append through a link swapped in since.
    this.fd = openSync(paths.journal, appendFlags, 0o644);
  }

  /** Compacts and stops writing; further events are a bug. */
  async close(): Promise<void> {
    if (this.fd === undefined) { return; }
    await this.compact();
    this.closeFile();
  }

  /** Stops writing without compacting, as a crash would leave it; the next `open()` compacts. */
  release(): void { this.closeFile(); }

  private append(entry: JournalEntry): void {
    if (this.fd === undefined) { throw new Error(`Checkpoint journal of ${this.dir} is closed`); }
    apply(this.current, entry);
    // Synchronous and unbuffered: a crash can cut at most this one line short, and order is kept.
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  private closeFile(): void {
    if (this.fd !== undefined) { closeSync(this.fd); this.fd = undefined; }
  }
}
