/**
 * Real receivers for alert tests, on 127.0.0.1 and free ports: an SMTP server (`smtp-server`, messages parsed by
 * `mailparser`) and an HTTP server that checks each webhook's signature itself, with node:crypto, as the docs tell a
 * receiver to — not with the ledger's code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../support/freePort';

export interface SmtpReceiver {
  url: string;
  messages: ParsedMail[];
  /** While true, every recipient is refused with 550. */
  refuse: boolean;
  stop(): Promise<void>;
}

export async function startSmtp(): Promise<SmtpReceiver> {
  const port = await freePort();
  const receiver: SmtpReceiver = { url: `smtp://127.0.0.1:${port}`, messages: [], refuse: false, stop: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!receiver.refuse) return callback();
      const err = Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: 550 });
      return callback(err);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        receiver.messages.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** How the receiver answers the next request: a status, or `hang` (never answers). */
export type Answer = number | 'hang';

export interface WebhookCall {
  body: string;
  event: string | undefined;
  /** The signature matched the secret and the body (computed here, independently). */
  verified: boolean;
  status: Answer;
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  calls: WebhookCall[];
  /** Answers for the next requests, in order; after them, 200. */
  script: Answer[];
  /** Calls answered 2xx with a valid signature. */
  accepted(): WebhookCall[];
  stop(): Promise<void>;
}

/** Checks `X-Credits-Signature: t=<unix>,v1=<hex>` the way docs/alerts.md tells receivers to. */
export function verifySignature(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.split('=', 2) as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const port = await freePort();
  const hanging: ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hook`, secret, calls: [], script: [],
    accepted: () => receiver.calls.filter((c) => c.verified && typeof c.status === 'number' && c.status < 300),
    stop: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = receiver.script.shift() ?? 200;
      const verified = verifySignature(receiver.secret, req.headers['x-credits-signature'] as string | undefined, body);
      receiver.calls.push({ body, event: req.headers['x-credits-event'] as string | undefined, verified, status });
      if (status === 'hang') return void hanging.push(res);
      res.writeHead(verified ? status : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.stop = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
