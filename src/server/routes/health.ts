// GET /health: the server is up and answers with the token; used by the CLI, the extension and tests.
import type { Router } from 'express';
import { routes } from '../../protocol/index';
import type { ApiContext } from '../api-context';
import { handle, reply } from '../route-handler';

export function registerHealthRoute(router: Router, context: ApiContext): void {
  handle(router, routes.health, (_req, res) => {
    reply(res, routes.health, { status: 'ok', version: context.version });
  });
}
