// A disk that fills up mid-batch (issue 12), on a real small tmpfs: the CLI ends with a clear error and exit code
// instead of hanging, and once space is freed `resume` completes with each card once. Needs root (mount); skips
// with a message where tmpfs cannot be mounted.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readCsv } from '../support/batch-watch';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir, type TmpDir } from '../support/tmp-dir';
import { batchPaths } from '../../src/batch-folder/index';

const run = promisify(execFile);

describe('disk full mid-batch (real tmpfs, real CLI)', function () {
  this.timeout(120_000);
  let mountPoint: TmpDir;
  let dataDir: TmpDir;
  let fieldsDir: TmpDir;
  let mounted = false;

  before(async function () {
    mountPoint = makeTmpDir('disk-full');
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint.dir]);
      mounted = true;
    } catch (error) {
      console.log(`    skipped: cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`);
      this.skip();
    }
    dataDir = makeTmpDir('disk-full-data');
    fieldsDir = makeTmpDir('disk-full-fields');
  });
  after(async () => {
    if (mounted) { await run('umount', [mountPoint.dir]); }
    mountPoint?.dispose();
    dataDir?.dispose();
    fieldsDir?.dispose();
  });

  it('ends with a clear error and exit 3 when the disk fills, and resume completes once space is freed', async () => {
    const dir = join(mountPoint.dir, 'cards');
    await mkdir(dir);
    await writeTestCards(dir);
    const fields = join(fieldsDir.dir, 'fields.json');
    await writeFile(fields, JSON.stringify({ fields: testFields }));
    // Leave room for config, checkpoint and CSV header, not for the cards' results.
    const free = await statfs(mountPoint.dir);
    const filler = join(mountPoint.dir, 'filler');
    await writeFile(filler, Buffer.alloc(Math.max(0, free.bavail * free.bsize - 16 * 1024)));

    const full = await runCli(['run', dir, '--fields', fields, '--data-dir', dataDir.dir]);
    assert.equal(full.code, 3, full.stdout + full.stderr);
    assert.match(full.stderr, new RegExp(`The batch could not run: Batch stopped: the disk is full \\(ENOSPC\\); free some space, then resume the batch in ${dir}`));

    await rm(filler);
    const resumed = await runCli(['resume', dir, '--data-dir', dataDir.dir]);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(row => row.slice(0, 2)), testCards.map(card => [card.name, card.author]));
    assert.deepEqual((await readdir(batchPaths(dir).jsonDir)).filter(name => name.endsWith('.json')).sort(), testCards.map(card => `${card.name}.json`));
  });
});
