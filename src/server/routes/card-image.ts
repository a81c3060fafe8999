// GET /batches/{id}/cards/{card}/image: the card's image file, from the batch folder or from `_errors/`, typed by
// its first bytes; a TIFF is sent as PNG, which browsers can show. The name is a plain file name (CardName), so
// nothing outside those two folders is reachable.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, Response, Router } from 'express';
import { browserFormats, classifyImageError, defaultMaxInputPixels, toBrowserPng } from '../../engine/index';
import { CardName, routes, type Outcome } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { problem, sendProblem } from '../http-errors';
import { sniffImage, sniffLength, type ImageKind } from '../image-sniff';
import { handle } from '../route-handler';
import { batchPaths, realPathInside } from '../../batch-folder/index';

const contentTypes: Record<ImageKind, string> = {
  jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff', webp: 'image/webp', gif: 'image/gif',
};

export interface CardImage { file: string; kind: ImageKind; contentType: string }

/** The `:card` path parameter checked against CardName: 400 when it is not a plain file name. */
export function cardNameOf(req: Request): Outcome<string> {
  const card = String(req.params.card);
  if (CardName.safeParse(card).success) { return { ok: true, value: card }; }
  return { ok: false, error: problem('request/invalid', `Invalid path: card: "${card}" is not a plain file name`, { field: 'card' }) };
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(s => s.isFile(), () => false);
}

async function imageKindOf(file: string): Promise<ImageKind | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(sniffLength);
    const { bytesRead } = await handle.read(head, 0, sniffLength, 0);
    return sniffImage(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Where a card's image lies now: beside the batch's other cards, or in `_errors/` after it failed. */
export async function findCardImage(dir: string, card: string): Promise<Outcome<CardImage>> {
  for (const candidate of [join(dir, card), join(batchPaths(dir).errorsDir, card)]) {
    if (!(await isFile(candidate))) { continue; }
    // Never serve (or preview) a file outside the batch folder through a link planted in it.
    const file = await realPathInside(dir, candidate);
    if (file === undefined) {
      return { ok: false, error: problem('request/forbidden', `Card "${card}" is a symbolic link out of its batch folder; it is not served`, { card }) };
    }
    const kind = await imageKindOf(file).catch(() => undefined);
    // Only images: config.json or errors.jsonl share the folders but are not cards.
    if (kind) { return { ok: true, value: { file, kind, contentType: contentTypes[kind] } }; }
  }
  return { ok: false, error: problem('request/not-found', `No image of card "${card}" in ${dir} or its _errors/`, { card }) };
}

export function registerCardImageRoute(router: Router, context: ApiContext): void {
  handle(router, routes.cardImage, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const card = cardNameOf(req);
    if (!card.ok) { sendProblem(res, card.error); return; }
    const image = await findCardImage(found.value.dir, card.value);
    if (!image.ok) { sendProblem(res, image.error); return; }
    await sendCardImage(res, image.value, card.value);
  });
}

/** Sends a card's image as browsers can show it: the file itself, or a TIFF as PNG. */
export async function sendCardImage(res: Response, image: CardImage, card: string): Promise<void> {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (!browserFormats.has(image.kind)) {
    let png: Buffer;
    try {
      png = await toBrowserPng(image.file, defaultMaxInputPixels);
    } catch (error) {
      // A card in _errors/ may be an image that does not decode: name what is wrong with it, as the engine does.
      const message = error instanceof Error ? error.message : String(error);
      sendProblem(res, problem(classifyImageError(message), `Card "${card}" cannot be shown: ${message}`, { card }));
      return;
    }
    res.type('image/png').send(png);
    return;
  }
  res.type(image.contentType);
  await new Promise<void>((resolve, reject) => res.sendFile(image.file, { dotfiles: 'allow' }, e => (e ? reject(e) : resolve())));
}
