// GET /folder-cards?folder= and /folder-cards/image?folder=&card=: the card images in a folder inside an allowed
// root, before any batch runs there, so template authoring can draw on the folder the batch will read.
import type { Router } from 'express';
import { FolderImageQuery, FolderQuery, routes } from '../../protocol/index';
import { resolveAllowedFolder } from '../allowed-roots';
import type { ApiContext } from '../api-context';
import { invalidRequest, sendProblem } from '../http-errors';
import { handle, reply } from '../route-handler';
import { findCardImage, sendCardImage } from './card-image';
import { listCardFiles } from '../../batch-folder/index';

/** Listed at most: enough to pick a sample from, bounded for a folder of 50,000 scans. */
const maxListed = 500;

export function registerFolderCardsRoutes(router: Router, context: ApiContext): void {
  handle(router, routes.folderCards, async (req, res) => {
    const query = FolderQuery.safeParse(req.query);
    if (!query.success) { sendProblem(res, invalidRequest('query', query.error)); return; }
    const dir = await resolveAllowedFolder(query.data.folder, context.roots());
    if (!dir.ok) { sendProblem(res, dir.error); return; }
    const cards = await listCardFiles(dir.value);
    reply(res, routes.folderCards, { folder: dir.value, cards: cards.slice(0, maxListed), total: cards.length });
  });
  handle(router, routes.folderCardImage, async (req, res) => {
    const query = FolderImageQuery.safeParse(req.query);
    if (!query.success) { sendProblem(res, invalidRequest('query', query.error)); return; }
    const dir = await resolveAllowedFolder(query.data.folder, context.roots());
    if (!dir.ok) { sendProblem(res, dir.error); return; }
    const image = await findCardImage(dir.value, query.data.card);
    if (!image.ok) { sendProblem(res, image.error); return; }
    await sendCardImage(res, image.value, query.data.card);
  });
}
