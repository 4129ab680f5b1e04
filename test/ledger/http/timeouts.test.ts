import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { limitServer, type LimitServer } from './limitServer';

/**
 * Sends a POST's headers promising `length` bytes of body, then one body byte every `everyMs` until the server answers
 * or closes. Returns what the server answered and how many body bytes it had been sent by then.
 */
function slowBody(s: LimitServer, length: number, everyMs: number): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect(s.port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(`POST /v1/usage HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.meterKey}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`);
      const body = JSON.stringify({ key: 'slow', millicredits: 1 }).padEnd(length, ' ');
      timer = setInterval(() => {
        if (sent < length && !socket.destroyed) socket.write(body[sent++]!);
      }, everyMs);
    });
    socket.on('data', (d: Buffer) => {
      answer += d.toString();
      // An answer's headers are all this needs; a kept-alive connection would otherwise stay open.
      if (answer.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, sent });
    });
  });
}

describe('request timeout', function () {
  this.timeout(60_000);

  it('cuts off a body sent a byte at a time with 408 before it is complete, and records nothing', async () => {
    // 200 bytes at one per 50 ms would take 10 s; the request timeout is 1 s.
    const s = await limitServer({ timeouts: { requestMs: 1000, headersMs: 1000, idleMs: 0 } });
    try {
      const { answer, sent } = await slowBody(s, 200, 50);
      const entries = await s.store.listEntries({ workspaceId: 'default', limit: 10 });
      console.log(`      cut off after ${sent} of 200 body bytes: ${answer.split('\r\n')[0]}`);
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.ok(sent < 200, `the whole body was sent (${sent} bytes)`);
      assert.equal(entries.length, 0);
    } finally {
      await s.close();
    }
  });

  it('lets the same body through when it is sent within the timeout', async () => {
    const s = await limitServer({ timeouts: { requestMs: 10_000, headersMs: 10_000, idleMs: 0 } });
    try {
      // 40 bytes at one per 10 ms: 0.4 s of a 10 s timeout.
      const { answer } = await slowBody(s, 40, 10);
      assert.match(answer, /^HTTP\/1\.1 201 /);
    } finally {
      await s.close();
    }
  });
});
