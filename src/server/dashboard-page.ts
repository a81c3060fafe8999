// The dashboard at `/` for a plain browser: an index.html around `<staticDir>/webview.js`, the same bundle
// the VS Code webview loads. The token travels in the URL fragment, which never reaches this server.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Router } from 'express';
import { problem, sendProblem } from './http-errors';

/** Only these files of the static folder are served; the rest of dist/ (engine, CLI) stays private. */
const servedFiles = ['webview.js', 'webview.js.map', 'webview.css', 'webview.css.map'];

export function dashboardHtml(hasCss: boolean): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>Card OCR</title>',
    ...(hasCss ? ['<link rel="stylesheet" href="webview.css">'] : []),
    '</head>',
    '<body>',
    '<script src="webview.js"></script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page may talk only to this server: scripts from here, fetch and WebSocket to here. */
function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self' data:", `connect-src 'self' ws://${host}`, "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

async function exists(file: string): Promise<boolean> {
  try { await access(file); return true; } catch { return false; }
}

export function registerDashboardRoutes(router: Router, staticDir: string | undefined): void {
  router.get('/', async (req, res) => {
    if (staticDir === undefined || !(await exists(join(staticDir, 'webview.js')))) {
      sendProblem(res, problem('request/not-found', 'The dashboard is not built here: run `npm run build` (it needs dist/webview.js)'));
      return;
    }
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host ?? '127.0.0.1'));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(dashboardHtml(await exists(join(staticDir, 'webview.css'))));
  });
  for (const name of servedFiles) {
    router.get(`/${name}`, async (_req, res) => {
      const file = staticDir === undefined ? undefined : join(staticDir, name);
      if (file === undefined || !(await exists(file))) { sendProblem(res, problem('request/not-found', `No ${name} in the dashboard build`)); return; }
      res.setHeader('Cache-Control', 'no-cache');
      await new Promise<void>((resolve, reject) => res.sendFile(file, e => (e ? reject(e) : resolve())));
    });
  }
}
