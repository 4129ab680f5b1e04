/**
 * A local HTTP receiver standing in for Stripe's API: the SDK is pointed at it with its `host`/`port`/`protocol`
 * settings. It records each request (path, headers, form fields) and answers with what the test gives it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
}

export interface FakeStripe {
  api: { host: string; port: number; protocol: 'http' };
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** `answer` gets each request and returns [status, JSON body]. */
export async function startFakeStripe(answer: (request: RecordedRequest) => [number, unknown]): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, form: Object.fromEntries(new URLSearchParams(body)) };
      requests.push(request);
      const [status, json] = answer(request);
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    api: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' },
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const WEBHOOK_SECRET = 'whsec_test_secret';
const signer = new Stripe('sk_test_signer');

/** An event body and its Stripe-Signature header, made by the SDK's own test helper. */
export function signedEvent(event: { id: string; type: string; data: { object: Record<string, unknown> } }, secret = WEBHOOK_SECRET): { payload: string; signature: string } {
  const payload = JSON.stringify({ object: 'event', api_version: '2025-01-01', created: 1_767_000_000, livemode: false, ...event });
  return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret }) };
}
