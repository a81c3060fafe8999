// The Express application: the door first (Host/Origin, then the token for /api/v1), then one route per
// file, then the one error middleware. Knows nothing of listening, sockets or the discovery file.
import express from 'express';
import type { ApiContext } from './api-context';
import { hostGuard, tokenGuard, type DoorState } from './auth';
import { registerDashboardRoutes } from './dashboard-page';
import { errorMiddleware, problem, sendProblem } from './http-errors';
import { openApiDocument } from './openapi';
import { routes } from '../protocol/index';
import { assertEveryRouteHandled, handle } from './route-handler';
import { registerBatchActionRoutes } from './routes/batch-actions';
import { registerCardImageRoute } from './routes/card-image';
import { registerCreateBatchRoute } from './routes/create-batch';
import { registerDownloadCsvRoute } from './routes/download-csv';
import { registerGetBatchRoute } from './routes/get-batch';
import { registerGetCardRoute } from './routes/get-card';
import { registerGetReportRoute } from './routes/get-report';
import { registerFolderCardsRoutes } from './routes/folder-cards';
import { registerHealthRoute } from './routes/health';
import { registerLearnRoute } from './routes/learn-batch';
import { registerListBatchesRoute } from './routes/list-batches';
import { registerListCardsRoute } from './routes/list-cards';
import { registerListErrorsRoute } from './routes/list-errors';
import { registerPreviewRoute } from './routes/preview';
import { registerReviewCardRoute } from './routes/review-card';
import { registerUploadRoute, type UploadLimits } from './routes/upload';

export function createApp(context: ApiContext, door: DoorState, staticDir: string | undefined, uploadLimits: UploadLimits): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(hostGuard(door));

  const dashboard = express.Router();
  registerDashboardRoutes(dashboard, staticDir);
  app.use(dashboard);

  const api = express.Router();
  api.use(tokenGuard(door));
  api.use(express.json({ limit: '1mb' }));
  registerHealthRoute(api, context);
  const document = openApiDocument();
  handle(api, routes.openApi, (_req, res) => { res.json(document); });
  registerUploadRoute(api, context.uploads, uploadLimits);
  registerCreateBatchRoute(api, context);
  registerListBatchesRoute(api, context);
  registerGetBatchRoute(api, context);
  registerListCardsRoute(api, context);
  registerGetCardRoute(api, context);
  registerCardImageRoute(api, context);
  registerReviewCardRoute(api, context);
  registerLearnRoute(api, context);
  registerListErrorsRoute(api, context);
  registerGetReportRoute(api, context);
  registerFolderCardsRoutes(api, context);
  registerDownloadCsvRoute(api, context);
  registerBatchActionRoutes(api, context);
  registerPreviewRoute(api, context);
  assertEveryRouteHandled(api);
  app.use('/api/v1', api);

  app.use((req, res) => { sendProblem(res, problem('request/not-found', `No route ${req.method} ${req.path}`)); });
  app.use(errorMiddleware(context.log));
  return app;
}
