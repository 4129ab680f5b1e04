import { createTransport, type Transporter } from 'nodemailer';
import { httpRequest } from '../hook/httpRequest';
import type { AlertDelivery } from '../store/types';
import type { AlertPayload } from './evaluate';
import { signatureHeader, SIGNATURE_HEADER } from './signature';

/** A delivery that retrying cannot fix (no SMTP server configured): recorded as failed at once. */
export class PermanentDeliveryError extends Error {}

/** Sends one delivery; throws an Error whose message is what the delivery log shows. */
export type Send = (delivery: AlertDelivery) => Promise<void>;

/** Posts the payload signed with the workspace's secret; any answer but 2xx, or none within `timeoutMs`, is an error. */
export function webhookSender(secretOf: (workspaceId: string) => Promise<string | null>, now: () => number, timeoutMs: number): Send {
  return async (d) => {
    const secret = await secretOf(d.workspaceId);
    if (!secret) throw new PermanentDeliveryError('no webhook secret: save the alert settings again to generate one');
    const t = Math.floor(now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'n8n-credits-alerts',
      [SIGNATURE_HEADER]: signatureHeader(secret, t, d.payload),
      'x-credits-event': d.event,
      // The same alert id on every attempt: a receiver that saw it already can ignore a repeat.
      'x-credits-delivery': d.alertId,
    };
    let status: number;
    try {
      ({ status } = await httpRequest(d.target, { method: 'POST', headers, body: d.payload, timeoutMs }));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new Error(e.name === 'TimeoutError' ? `webhook: no answer within ${timeoutMs} ms` : `webhook: ${e.code ?? e.name}: ${e.message}`);
    }
    if (status < 200 || status > 299) throw new Error(`webhook: the receiver answered HTTP ${status}`);
  };
}

/** Sends the alert as a plain-text e-mail through `smtpUrl` (`smtp://host:port`); null sends nothing and says why. */
export function emailSender(smtpUrl: string | null, from: string, timeoutMs: number): { send: Send; close(): void } {
  if (!smtpUrl) {
    return {
      send: async () => {
        throw new PermanentDeliveryError('e-mail: no SMTP server configured (n8n-credits serve --smtp-url or N8N_CREDITS_SMTP_URL)');
      },
      close: () => undefined,
    };
  }
  const transport: Transporter = createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    send: async (d) => {
      const p = JSON.parse(d.payload) as AlertPayload;
      try {
        await transport.sendMail({
          from, to: d.target, subject: `[n8n Credits] ${p.workspaceName}: ${p.message}`,
          text: `${p.message}\n\nWorkspace: ${p.workspaceName} (${p.workspaceId})\nEvent: ${p.event}\nAt: ${p.occurredAt}\n\n${JSON.stringify(p, null, 2)}\n`,
          headers: { 'X-Credits-Event': p.event, 'X-Credits-Delivery': p.id },
        });
      } catch (error) {
        const e = error as Error & { code?: string; response?: string };
        throw new Error(`e-mail: ${e.code ? `${e.code}: ` : ''}${e.response ?? e.message}`);
      }
    },
    close: () => transport.close(),
  };
}
