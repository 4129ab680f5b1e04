import { createServer, type Server } from 'node:http';
import type { ApiExecution } from '../../../ledger/src/sync/n8nApi';

/**
 * A stand-in for n8n's public API executions routes, paging like n8n 2.0.3 does: newest first, `nextCursor` a
 * base64 JSON `{lastId, limit}`, running executions left out unless `status=running`, 401 without the key.
 */
export class FakeN8n {
  readonly executions = new Map<string, ApiExecution>();
  requests: string[] = [];
  private server: Server | null = null;
  port = 0;
  constructor(readonly apiKey = 'n8n-key') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  add(e: ApiExecution): void {
    this.executions.set(String(e.id), e);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.requests.push(url.pathname + url.search);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-n8n-api-key'] !== this.apiKey) return send(401, { message: 'unauthorized' });
      const includeData = url.searchParams.get('includeData') === 'true';
      const shape = (e: ApiExecution): ApiExecution => (includeData ? e : { ...e, data: undefined, workflowData: undefined });
      const one = /^\/api\/v1\/executions\/([^/]+)$/.exec(url.pathname);
      if (one) {
        const e = this.executions.get(decodeURIComponent(one[1]!));
        return e ? send(200, shape(e)) : send(404, { message: 'Not Found' });
      }
      if (url.pathname !== '/api/v1/executions') return send(404, { message: 'Not Found' });
      let limit = Number(url.searchParams.get('limit') ?? 100);
      let lastId: number | null = null;
      const cursor = url.searchParams.get('cursor');
      if (cursor) {
        const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { lastId: string; limit: number };
        lastId = Number(decoded.lastId);
        limit = decoded.limit;
      }
      const status = url.searchParams.get('status');
      const all = [...this.executions.values()]
        .filter((e) => (status ? e.status === status : e.status !== 'running'))
        .filter((e) => lastId === null || Number(e.id) < lastId)
        .sort((a, b) => Number(b.id) - Number(a.id));
      const page = all.slice(0, limit);
      const rest = all.length - page.length;
      const nextCursor = rest > 0 ? Buffer.from(JSON.stringify({ lastId: String(page[page.length - 1]!.id), limit })).toString('base64') : null;
      send(200, { data: page.map(shape), nextCursor });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
