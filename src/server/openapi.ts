// The OpenAPI 3.1 document of /api/v1, generated from the shared zod schemas (z.toJSONSchema), so the
// document cannot drift from what the routes parse and answer. Knows paths and schemas, not handlers.
import { z } from 'zod';
import {
  BatchAnswer, BatchList, BatchSummary, CardResult, CardsPage, CreateBatchBody, ErrorBody, ErrorEntry, ErrorList,
  FieldSpec, FolderCards, Health, PreviewBody, Problem, QualityReport, ReviewBody, UploadResponse, WsFrame,
} from '../protocol/index';
import { PageQuery } from './routes/list-cards';

/** The API's own version: bumped on incompatible changes, independent of the package version. */
export const apiVersion = '1.0.0';

const named: Record<string, z.ZodType> = {
  Problem, ErrorBody, Health, FieldSpec, BatchSummary, CardResult, ErrorEntry, UploadResponse, CreateBatchBody,
  BatchAnswer, BatchList, CardsPage, ErrorList, WsFrame, ReviewBody, PreviewBody, QualityReport, FolderCards,
};

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) { registry.add(schema, { id }); }
  const { schemas } = z.toJSONSchema(registry, { uri: id => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' });
  // Each schema is embedded in the document, so its own $schema/$id would only confuse validators.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
}

const ref = (id: keyof typeof named & string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: keyof typeof named & string) => ({ content: { 'application/json': { schema: ref(id) } } });
const error = (description: string) => ({ description, ...json('ErrorBody') });

const commonErrors = {
  400: error('Invalid request: `error.details.issues` names each bad field'),
  401: error('Missing or wrong token'),
  403: error('Host, Origin or folder not allowed'),
};
const batchErrors = { ...commonErrors, 404: error('No such batch') };
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,79}$' } };
const cardParameter = { name: 'card', in: 'path', required: true, schema: { type: 'string' }, description: 'A plain file name, e.g. card-1.jpg' };
/** What the image route sends: what browsers show (a TIFF goes as PNG). */
const browserImageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

function action(summary: string) {
  return { post: { summary, parameters: [idParameter], responses: { 202: { description: 'Accepted', ...json('BatchAnswer') }, ...batchErrors, 409: error('The batch is busy') } } };
}

export function openApiDocument(): Record<string, unknown> {
  const pageParameters = Object.entries(PageQuery.shape).map(([name, schema]) => ({
    name, in: 'query', required: false, schema: stripMeta(z.toJSONSchema(schema, { io: 'input' })),
  }));
  return {
    openapi: '3.1.0',
    info: { title: 'Card OCR local API', version: apiVersion, description: 'Served on 127.0.0.1 only. Every request needs the token from server.json.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/health': { get: { summary: 'The server is up', responses: { 200: { description: 'OK', ...json('Health') }, 401: commonErrors[401] } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } } },
      '/upload': { post: {
        summary: 'Upload card images into a new staging folder (checked by content; names made safe)',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } }, required: ['files'] } } } },
        responses: { 201: { description: 'Created', ...json('UploadResponse') }, ...commonErrors, 413: error('A file too large, or too many files') },
      } },
      '/batches': {
        get: { summary: 'Every batch this server knows', responses: { 200: { description: 'OK', ...json('BatchList') }, ...commonErrors } },
        post: {
          summary: 'Create and start a batch from an upload id or a folder inside an allowed root',
          requestBody: { required: true, ...json('CreateBatchBody') },
          responses: { 201: { description: 'Started', ...json('BatchAnswer') }, ...commonErrors, 404: error('No such upload'), 409: error('The folder already holds a batch') },
        },
      },
      '/batches/{id}': { get: { summary: 'Status and latest progress', parameters: [idParameter], responses: { 200: { description: 'OK', ...json('BatchAnswer') }, ...batchErrors } } },
      '/batches/{id}/cards': { get: { summary: 'Card results in the order they finished', parameters: [idParameter, ...pageParameters], responses: { 200: { description: 'OK', ...json('CardsPage') }, ...batchErrors } } },
      '/batches/{id}/cards/{card}': { get: {
        summary: 'One card result',
        parameters: [idParameter, cardParameter],
        responses: { 200: { description: 'OK', ...json('CardResult') }, ...batchErrors },
      } },
      '/batches/{id}/cards/{card}/image': { get: {
        summary: "The card's image, from the batch folder or _errors/, typed by its content; a TIFF comes as PNG (browsers cannot show TIFF)",
        parameters: [idParameter, cardParameter],
        responses: {
          200: { description: 'The image file, or a TIFF as PNG', content: Object.fromEntries(browserImageTypes.map(type => [type, { schema: { type: 'string', format: 'binary' } }])) },
          ...batchErrors, 404: error('No such batch, or no image of this card'),
          415: error('A TIFF that does not decode at all (card/not-an-image)'),
          422: error('A TIFF that breaks off or is damaged (card/truncated, card/corrupt)'),
        },
      } },
      '/batches/{id}/cards/{card}/review': { post: {
        summary: 'Save reviewed values: each field sent is marked reviewed, its OCR value kept; the CSV is regenerated',
        parameters: [idParameter, cardParameter],
        requestBody: { required: true, ...json('ReviewBody') },
        responses: {
          200: { description: 'The updated card result', ...json('CardResult') },
          ...batchErrors, 404: error('No such batch, or no result for this card'), 409: error('The batch is running'),
        },
      } },
      '/batches/{id}/errors': { get: { summary: 'The files in _errors/ with their reasons', parameters: [idParameter], responses: { 200: { description: 'OK', ...json('ErrorList') }, ...batchErrors } } },
      '/batches/{id}/report': { get: { summary: 'The quality report as it is now: completeness per field, confidence, cards to review and problem cards', parameters: [idParameter], responses: { 200: { description: 'OK', ...json('QualityReport') }, ...batchErrors } } },
      '/folder-cards': { get: {
        summary: 'The card images directly in a folder inside an allowed root (at most 500), before any batch runs there',
        parameters: [{ name: 'folder', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'OK', ...json('FolderCards') }, ...commonErrors },
      } },
      '/folder-cards/image': { get: {
        summary: 'One card image of such a folder, as the batch image route sends it',
        parameters: [{ name: 'folder', in: 'query', required: true, schema: { type: 'string' } }, { name: 'card', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The image file, or a TIFF as PNG', content: Object.fromEntries(browserImageTypes.map(type => [type, { schema: { type: 'string', format: 'binary' } }])) }, ...commonErrors, 404: error('No such image in the folder') },
      } },
      '/batches/{id}/csv': { get: { summary: 'The CSV (UTF-8 with BOM)', parameters: [idParameter], responses: { 200: { description: 'OK', content: { 'text/csv': { schema: { type: 'string' } } } }, ...batchErrors } } },
      '/batches/{id}/retry': action('Re-process only the cards in _errors/'),
      '/batches/{id}/resume': action('Continue from checkpoint.json'),
      '/batches/{id}/cancel': action('Stop cleanly; resumable later'),
      '/preview': { post: {
        summary: "Read one card of a batch with a field list (a template being authored); nothing is written",
        requestBody: { required: true, ...json('PreviewBody') },
        responses: {
          200: { description: "The card's result with these fields, words included", ...json('CardResult') },
          ...batchErrors, 404: error('No such batch, or no image of this card'),
          422: error('The card cannot be read (its problem code says why)'), 503: error('The OCR engine is not running'),
        },
      } },
      '/ws/task/{id}': { get: {
        summary: 'WebSocket: a snapshot, then progress, card, error and status frames with increasing seq',
        description: 'Token as `Authorization: Bearer` or `?token=`. Close codes: 4400 bad id or since, 4401 token, 4404 unknown batch, 1013 too slow (re-attach with since), 1001 shutting down.',
        parameters: [idParameter,
          { name: 'since', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'The last seq seen; the snapshot then holds what came after it' },
          { name: 'token', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { 101: { description: 'Switching protocols; each message is one WsFrame', ...json('WsFrame') }, ...batchErrors },
      } },
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: componentSchemas() },
  };
}

function stripMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, ...rest } = schema;
  return rest;
}
