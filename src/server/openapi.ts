// The OpenAPI 3.1 document of /api/v1, generated from the route declarations in protocol/routes.ts and the
// shared zod schemas (z.toJSONSchema), so the document cannot drift from what the routes parse and answer.
import { z } from 'zod';
import {
  BatchAnswer, BatchList, BatchSummary, CardResult, CardsPage, CreateBatchBody, ErrorBody, ErrorEntry, ErrorList,
  FieldSpec, FolderCards, Health, LearnReport, PathParams, pathParamsOf, PreviewBody, Problem, QualityReport, ReviewBody, routes, UploadResponse, WsFrame,
  type RouteSpec,
} from '../protocol/index';

/** The API's own version: bumped on incompatible changes, independent of the package version. */
export const apiVersion = '1.0.0';

/** The schemas the document names as components; a route's body or reply must be one of them. */
const named: Record<string, z.ZodType> = {
  Problem, ErrorBody, Health, FieldSpec, BatchSummary, CardResult, ErrorEntry, UploadResponse, CreateBatchBody,
  BatchAnswer, BatchList, CardsPage, ErrorList, WsFrame, ReviewBody, PreviewBody, QualityReport, FolderCards, LearnReport,
};
const nameOf = new Map<z.ZodType, string>(Object.entries(named).map(([id, schema]) => [schema, id]));

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) { registry.add(schema, { id }); }
  const { schemas } = z.toJSONSchema(registry, { uri: id => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' });
  // Each schema is embedded in the document, so its own $schema/$id would only confuse validators.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
}

function json(schema: z.ZodType): Record<string, unknown> {
  const id = nameOf.get(schema);
  if (id === undefined) { throw new Error('openapi: a route answers or takes a schema that is not named in openapi.ts'); }
  return { content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` } } } };
}

/** What the image route sends: what browsers show (a TIFF goes as PNG). */
const browserImageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

function replyContent(reply: RouteSpec['reply']): Record<string, unknown> {
  if ('schema' in reply) { return json(reply.schema); }
  switch (reply.content) {
    case 'any-json': return { content: { 'application/json': {} } };
    case 'text/csv': return { content: { 'text/csv': { schema: { type: 'string' } } } };
    case 'browser-image': return { content: Object.fromEntries(browserImageTypes.map(type => [type, { schema: { type: 'string', format: 'binary' } }])) };
  }
}

function requestBody(body: RouteSpec['body']): Record<string, unknown> | undefined {
  if (body === undefined) { return undefined; }
  if (body === 'multipart-files') {
    return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } }, required: ['files'] } } } };
  }
  return { required: true, ...json(body) };
}

function parameters(route: RouteSpec): Record<string, unknown>[] {
  const inPath = pathParamsOf(route.path).map(name => {
    const { schema, description } = PathParams[name];
    return { name, in: 'path', required: true, schema: stripMeta(z.toJSONSchema(schema, { io: 'input' })), ...(description ? { description } : {}) };
  });
  const inQuery = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => {
    const description = (schema as z.ZodType).description;
    const { description: _d, ...jsonSchema } = stripMeta(z.toJSONSchema(schema as z.ZodType, { io: 'input' }));
    // A query parameter is required when its schema takes no `undefined` (no optional, no default).
    return { name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: jsonSchema, ...(description ? { description } : {}) };
  });
  return [...inPath, ...inQuery];
}

function operation(route: RouteSpec): Record<string, unknown> {
  const params = parameters(route);
  const body = requestBody(route.body);
  const errors = Object.fromEntries(Object.entries(route.errors).map(([status, description]) => [status, { description, ...json(ErrorBody) }]));
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: { [route.reply.status]: { description: route.reply.description, ...replyContent(route.reply) }, ...errors },
  };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(routes) as RouteSpec[]) {
    (paths[route.path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Card OCR local API', version: apiVersion, description: 'Served on 127.0.0.1 only. Every request needs the token from server.json.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: componentSchemas() },
  };
}

function stripMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, ...rest } = schema;
  return rest;
}
