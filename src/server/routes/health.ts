// GET /health: the server is up and answers with the token; used by the CLI, the extension and tests.
import type { Router } from 'express';
import type { z } from 'zod';
import type { Health } from '../../protocol/index';
import type { ApiContext } from '../api-context';

export function registerHealthRoute(router: Router, context: ApiContext): void {
  router.get('/health', (_req, res) => {
    const body: z.infer<typeof Health> = { status: 'ok', version: context.version };
    res.json(body);
  });
}
