// POST /batches/{id}/cards/{card}/review: a reviewer's values saved by the engine into the card's JSON (the OCR value
// kept beside each), the CSV regenerated; answers the updated result. Refused while the batch runs: its CSV grows then.
import { userInfo } from 'node:os';
import type { Router } from 'express';
import { isActiveStatus, ReviewBody, routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { invalidRequest, problem, sendProblem } from '../http-errors';
import { cardNameOf } from './card-image';
import { handle, reply } from '../route-handler';

export function registerReviewCardRoute(router: Router, context: ApiContext): void {
  handle(router, routes.reviewCard, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const card = cardNameOf(req);
    if (!card.ok) { sendProblem(res, card.error); return; }
    const body = ReviewBody.safeParse(req.body ?? {});
    if (!body.success) { sendProblem(res, invalidRequest('body', body.error)); return; }
    const summary = await context.registry.summary(found.value.id);
    if (!summary.ok) { sendProblem(res, summary.error); return; }
    const status = summary.value.status;
    if (isActiveStatus(status)) {
      sendProblem(res, problem('batch/busy', `Batch ${found.value.id} is ${status}; review its cards once it has stopped`, { status }));
      return;
    }
    const { fields, accept, reviewer, words } = body.data;
    // The engine writes the card JSON and the CSV: it is the batch folder's only writer.
    const reviewed = await context.engine.reviewCard({
      dir: found.value.dir, card: card.value, fields, reviewedAt: new Date().toISOString(),
      ...(accept ? { accept } : {}), ...(words ? { words } : {}), by: reviewer ?? reviewerName(), owner: 'Card OCR server (review)',
    });
    if (!reviewed.ok) { sendProblem(res, reviewed.error); return; }
    const kept = reviewed.value.csvKept;
    if (kept) {
      // The CSV is an export; the hand-edited one is kept, and the answer and the log say where.
      res.setHeader('Card-Ocr-Csv-Kept', encodeURIComponent(kept));
      context.log('warn', `the CSV of batch ${found.value.id} was edited by hand; kept as ${kept} before it was rewritten (correct values in review, not in the CSV)`);
    }
    reply(res, routes.reviewCard, reviewed.value.result);
  });
}

/** The local user the server runs as: the dashboard has no accounts, and only this user holds the token. */
function reviewerName(): string {
  try { return userInfo().username; } catch { return 'unknown'; }
}
