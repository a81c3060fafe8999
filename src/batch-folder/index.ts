// The batch folder's door: what other areas may use of the on-disk batch format. Holds no logic.
// (Issue 15 moves the rest of the format — paths, config, checkpoint, outputs — here; so far: the lock.)
export { BatchLock, describeHolder, LockHolder, lockFileName, lockPath, readLockHolder, withBatchLock } from './lock';
export { appendFileInside, appendFlags, createFileInside, firstLinkBelow, LinkRefusedError, mkdirInside, readFileInside, realPathInside, writeFileInside } from './no-follow';
