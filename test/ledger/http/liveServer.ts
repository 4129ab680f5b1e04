import type { AddressInfo } from 'node:net';
import { hashApiKey, type Role } from '../../../ledger/src/http/keys';
import { makeKey, makeTestApp, type TestApp } from './helpers';

/** Everyone the security tests call as: keys of each role, broken credentials, and the page's sessions. */
export const CALLERS = [
  'no key', 'wrong key', 'revoked key', 'unknown session', 'revoked session',
  'meter', 'member', 'admin', 'instance admin', 'meter session', 'member session', 'admin session',
] as const;
export type CallerName = (typeof CALLERS)[number];

export interface Caller {
  /** The role the ledger should see; null when it should see nobody. */
  role: Role | null;
  /** Headers for a request with `method` (a session's writes carry its CSRF token). */
  headers(method: string): Record<string, string>;
  /** Appended to every URL (an instance-wide key names its workspace). */
  query: string;
}

export interface LiveServer {
  t: TestApp;
  /** `http://127.0.0.1:<random port>` */
  base: string;
  callers: Record<CallerName, Caller>;
  /** A real fetch to the server. */
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: unknown }): Promise<{ status: number; text: string; json(): ReturnType<typeof JSON.parse>; setCookie: string | null }>;
  close(): Promise<void>;
}

const bearer = (role: Role | null, key: string, query = ''): Caller => ({ role, headers: () => ({ authorization: `Bearer ${key}` }), query });
const session = (role: Role | null, id: string, csrf: string): Caller => ({
  role,
  headers: (method) => ({ cookie: `n8c_session=${id}`, ...(method === 'GET' || method === 'HEAD' ? {} : { 'x-csrf-token': csrf }) }),
  query: '',
});

/**
 * The ledger listening on a random port of 127.0.0.1, with a key of each role (the member key names member
 * `alice`), an instance-wide admin key, a revoked key, and sessions signed in through `POST /session` as a browser
 * does. A meter key cannot sign in, so its session is made in the session store, as one made before that rule
 * (or by a bug) would be: the page and the API must refuse it all the same.
 */
export async function startLiveServer(): Promise<LiveServer> {
  const t = await makeTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const request: LiveServer['request'] = async (method, path, init = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text), setCookie: res.headers.get('set-cookie') };
  };
  const signIn = async (key: string): Promise<{ id: string; csrf: string }> => {
    const res = await request('POST', '/session', { body: { key } });
    const id = /n8c_session=([^;]+)/.exec(res.setCookie ?? '')?.[1];
    if (res.status !== 200 || !id) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    const page = await request('GET', '/', { headers: { cookie: `n8c_session=${id}` } });
    const csrf = /<meta name="csrf-token" content="([^"]*)">/.exec(page.text)?.[1] ?? '';
    return { id, csrf };
  };
  const instanceAdmin = await makeKey(t.store, null, 'admin');
  const carol = await makeKey(t.store, t.ws.id, 'member', 'carol');
  const carolSession = await signIn(carol);
  const carolId = (await t.store.listApiKeys(t.ws.id)).find((k) => k.memberId === 'carol')!.id;
  await t.store.revokeApiKey(carolId);
  t.ctx.keyCache?.clear();
  const memberSession = await signIn(t.keys.member);
  const adminSession = await signIn(t.keys.admin);
  const meterSession = t.ctx.sessions.create(hashApiKey(t.keys.meter));
  const callers: Record<CallerName, Caller> = {
    'no key': { role: null, headers: () => ({}), query: '' },
    'wrong key': bearer(null, 'n8c_not-a-key-of-this-ledger'),
    'revoked key': bearer(null, carol),
    'unknown session': session(null, 'not-a-session', 'x'),
    'revoked session': session(null, carolSession.id, carolSession.csrf),
    meter: bearer('meter', t.keys.meter),
    member: bearer('member', t.keys.member),
    admin: bearer('admin', t.keys.admin),
    'instance admin': bearer('admin', instanceAdmin, `workspaceId=${t.ws.id}`),
    'meter session': session('meter', meterSession.id, meterSession.session.csrf),
    'member session': session('member', memberSession.id, memberSession.csrf),
    'admin session': session('admin', adminSession.id, adminSession.csrf),
  };
  return { t, base, callers, request, close: () => t.close() };
}
