// The folders a learning test starts from: training cards with a truth file each (card-ocr eval's format), unseen
// cards without, and the template as a file. `write` draws one card; `unseen` says it is one of the unseen ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LearningFolders { train: string; unseen: string; truth: string; templateFile: string }

export async function learningFolders<E>(root: string, template: unknown, training: readonly E[], unseenEntries: readonly E[],
  write: (file: string, entry: E, index: number, unseen: boolean) => Promise<void>): Promise<LearningFolders> {
  const folders = { train: join(root, 'train'), unseen: join(root, 'unseen'), truth: join(root, 'truth'), templateFile: join(root, 'template.json') };
  for (const dir of [folders.train, folders.unseen, folders.truth]) { mkdirSync(dir); }
  writeFileSync(folders.templateFile, JSON.stringify(template));
  for (const [i, entry] of training.entries()) {
    await write(join(folders.train, `t${i}.jpg`), entry, i, false);
    writeFileSync(join(folders.truth, `t${i}.json`), JSON.stringify(entry));
  }
  for (const [i, entry] of unseenEntries.entries()) { await write(join(folders.unseen, `u${i}.jpg`), entry, i, true); }
  return folders;
}
