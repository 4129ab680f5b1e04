import type { FastifyReply } from 'fastify';
import { PAGE_CSS, PAGE_JS } from '../../billing-page/assets';
import { buildPageModel, type PageQuery } from '../../billing-page/buildModel';
import { chartJsSource } from '../../billing-page/chartAsset';
import { renderPage, renderSignIn } from '../../billing-page/render';
import { may } from '../access';
import { SESSION_COOKIE, type KeyLookup } from '../auth';
import type { AppContext } from '../context';
import { deleteSession, postSession } from '../contract/system';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { errorBody } from '../errors';
import { hashApiKey } from '../keys';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function secureHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store');
}

/** What a meter key is told when it tries the page: the page has nothing for it, and says what to use instead. */
export const METER_REFUSAL = 'A meter key only records usage and cannot sign in to the billing page: sign in with a member or admin key.';

/** The key lookup the API's auth uses (the same cache, revoked keys refused), for the page's own key checks. */
function keyLookup(ctx: AppContext): KeyLookup {
  if (!ctx.keyCache) throw new Error('the billing page needs the app\'s key cache');
  return ctx.keyCache.find;
}

/** The billing page at `/`, its assets, and sign-in/out (`POST`/`DELETE /session`). */
export function pageRoutes(app: LedgerApp, ctx: AppContext): void {
  const hidden = { hide: true };

  app.get<{ Querystring: PageQuery & { workspaceId?: string } }>('/', {
    schema: {
      ...hidden,
      querystring: {
        type: 'object',
        properties: { workflow: { type: 'string', maxLength: 512 }, nodeType: { type: 'string', maxLength: 512 }, execution: { type: 'string', maxLength: 200 }, workspaceId: { type: 'string', maxLength: 200 } },
      },
    },
  }, async (request, reply) => {
    secureHeaders(reply).type('text/html; charset=utf-8');
    const sessionId = request.cookies[SESSION_COOKIE];
    const session = ctx.sessions.get(sessionId);
    // Looked up as the API looks keys up: a key revoked since sign-in ends the session here too.
    const key = session ? await keyLookup(ctx)(session.keyHash) : null;
    if (!session || !key) return reply.send(renderSignIn());
    // A session can outlive a change of the access table: the role is checked on every view, not only at sign-in.
    if (!may(key.role, 'page:sign-in')) return reply.status(403).send(renderSignIn(METER_REFUSAL));
    const wsId = key.workspaceId ?? request.query.workspaceId ?? (await ctx.store.listWorkspaces())[0]?.id;
    const ws = wsId ? await ctx.store.getWorkspace(wsId) : null;
    if (!ws) return reply.status(404).send(renderSignIn('This key has no workspace to show.'));
    const model = await buildPageModel(ctx.store, ws, { role: key.role, keyName: key.keyName, memberId: key.memberId, csrf: session.csrf, checkout: ctx.payments !== null }, request.query);
    return reply.send(renderPage(model));
  });

  app.get('/assets/page.css', { schema: hidden }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(PAGE_CSS));
  app.get('/assets/page.js', { schema: hidden }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PAGE_JS));
  // 200 kB that change only with an upgrade: cached for an hour rather than sent again with every page view.
  app.get('/assets/chart.umd.js', { config: { public: true }, schema: hidden }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(chartJsSource()));

  app.post(postSession.url, contractRoute(postSession), async (request, reply) => {
    const hash = hashApiKey(request.body.key.trim());
    const record = await keyLookup(ctx)(hash);
    if (!record) {
      await ctx.authFailed(request, reply);
      return reply.status(401).send(errorBody('unauthorized', 'that key is not valid', 'key'));
    }
    if (!may(record.role, 'page:sign-in')) return reply.status(403).send(errorBody('forbidden', METER_REFUSAL, 'key'));
    const { id } = ctx.sessions.create(hash);
    reply.setCookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', maxAge: 12 * 60 * 60 });
    return reply.send({ role: record.role, name: record.keyName });
  });

  app.delete(deleteSession.url, contractRoute(deleteSession), async (request, reply) => {
    ctx.sessions.delete(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.send({ signedOut: true });
  });
}
