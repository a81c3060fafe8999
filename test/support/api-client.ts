// A real HTTP client for server tests: node:http so tests can send any Host, Origin or token, and
// multipart bodies serialised by the platform's own FormData. Answers are parsed JSON plus status and headers.
import { request, type IncomingHttpHeaders } from 'node:http';

export interface ServerAddress { port: number; token: string }

export interface Answer<T = any> { status: number; headers: IncomingHttpHeaders; body: T; text: string; bytes: Buffer }

export interface RequestOptions {
  body?: unknown;
  /** Raw body bytes with their content type; wins over `body`. */
  raw?: { data: Buffer; contentType: string };
  headers?: Record<string, string>;
  /** The token to send; `null` sends none. @default the server's token */
  token?: string | null;
  /** @default `127.0.0.1:<port>` */
  host?: string;
}

export function httpRequest(server: ServerAddress, method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { host: options.host ?? `127.0.0.1:${server.port}`, ...options.headers };
  const token = options.token === undefined ? server.token : options.token;
  if (token !== null) { headers.authorization = `Bearer ${token}`; }
  let data: Buffer | undefined;
  if (options.raw) {
    data = options.raw.data;
    headers['content-type'] = options.raw.contentType;
  } else if (options.body !== undefined) {
    data = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] = 'application/json';
  }
  if (data) { headers['content-length'] = String(data.length); }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers, setHost: false }, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let body: unknown = text;
        if ((res.headers['content-type'] ?? '').includes('json')) { body = JSON.parse(text); }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, bytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** A multipart body in the field `files` (or another field), serialised by undici's FormData. */
export async function multipart(files: { name: string; data: Buffer }[], field = 'files'): Promise<{ data: Buffer; contentType: string }> {
  const form = new FormData();
  for (const file of files) { form.append(field, new Blob([file.data]), file.name); }
  const serialised = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { data: Buffer.from(await serialised.arrayBuffer()), contentType: serialised.headers.get('content-type')! };
}

export async function upload(server: ServerAddress, files: { name: string; data: Buffer }[], field = 'files'): Promise<Answer> {
  return httpRequest(server, 'POST', '/api/v1/upload', { raw: await multipart(files, field) });
}
