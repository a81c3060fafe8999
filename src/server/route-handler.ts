// Handlers are registered through their route's declaration (protocol/routes.ts): the path and method come from
// it, the answer is typed by it, and the app checks at start-up that every declared route has a handler.
import type { RequestHandler, Response, Router } from 'express';
import { expressPath, routes, type ReplyOf, type RouteSpec } from '../protocol/index';

const registered = new WeakMap<Router, Set<RouteSpec>>();

/** Registers `handlers` (middleware first, the handler last) for the declared `route`. */
export function handle(router: Router, route: RouteSpec, ...handlers: RequestHandler[]): void {
  router[route.method](expressPath(route.path), ...handlers);
  const seen = registered.get(router) ?? new Set();
  seen.add(route);
  registered.set(router, seen);
}

/** Answers the route's success status with a body of its declared reply type. */
export function reply<R extends RouteSpec>(res: Response, route: R, body: ReplyOf<R>): void {
  res.status(route.reply.status).json(body);
}

/** Throws naming each declared HTTP route without a handler (the WebSocket route is served by ws/). */
export function assertEveryRouteHandled(router: Router): void {
  const seen = registered.get(router) ?? new Set();
  const missing = Object.entries(routes).filter(([, route]) => route.reply.status !== 101 && !seen.has(route)).map(([name]) => name);
  if (missing.length > 0) { throw new Error(`routes declared in protocol/routes.ts without a handler: ${missing.join(', ')}`); }
}

