import { Agent as HttpAgent, request as httpRequestFn } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequestFn } from 'node:https';

// Keep-alive connections: one TCP connection serves many deliveries. Own agents, so n8n's global HTTP settings
// (proxies on the global dispatcher, custom agents) neither change nor are changed by the hook.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8 });

export interface HttpResponse {
  status: number;
  text: string;
}

/** One HTTP request with a deadline; rejects on network errors and on the timeout (an Error named `TimeoutError`). */
export function httpRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number }): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = (secure ? httpsRequestFn : httpRequestFn)(target, { method: options.method ?? 'GET', headers, agent: secure ? httpsAgent : httpAgent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    const timer = setTimeout(() => {
      const err = new Error(`no answer within ${options.timeoutMs} ms`);
      err.name = 'TimeoutError';
      req.destroy(err);
    }, options.timeoutMs);
    timer.unref();
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(options.body);
  });
}
