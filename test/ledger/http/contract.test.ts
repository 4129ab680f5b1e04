import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LedgerOk } from '../../../ledger/src/http/contract';
import { ledgerContract } from '../../../ledger/src/http/contract';
import { LEDGER_CLIENT_ROUTES } from '../../../ledger/src/hook/client';
import { LEDGER_ROUTES as EXTENSION_ROUTES } from '../../../vscode-extension/src/providers/ledger';
import { makeTestApp, type TestApp } from './helpers';

const ROOT = join(__dirname, '../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** `GET /v1/keys/:id` as a pattern a called path (`/v1/keys/k-1`, `/v1/keys/${id}`) must match whole. */
function routePattern(key: string): RegExp {
  const [method, path] = key.split(' ') as [string, string];
  return new RegExp(`^${method} ${path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`);
}

/** Whether `METHOD /path` is a route of the contract. */
function inContract(call: string): boolean {
  return Object.keys(ledgerContract).some((key) => routePattern(key).test(call));
}

/** The nodes' calls, read from their source: `ledgerRequest(this, 'POST', '/v1/…'` (a template's `${…}` as one segment). */
function nodeCalls(): string[] {
  const calls: string[] = [];
  for (const file of filesUnder(join(ROOT, 'nodes'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/ledgerRequest\(\s*(?:this|ctx),\s*'([A-Z]+)',\s*[`'"]([^`'"]+)[`'"]/g)) {
      calls.push(`${m[1]} ${m[2]!.replace(/\$\{[^}]*\}/g, 'x')}  (${relative(ROOT, file)})`);
    }
  }
  return calls;
}

/** Every `/v1/…` path written in a client's code (comments left out), whatever calls it. */
function pathLiterals(dir: string): string[] {
  const found: string[] = [];
  for (const file of filesUnder(join(ROOT, dir))) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/['"`](\/v1\/[^'"`?\s]*)/g)) found.push(`${m[1]!.replace(/\$\{[^}]*\}/g, 'x')}  (${relative(ROOT, file)})`);
  }
  return found;
}

/** The runtime imports of a file (type-only imports are erased from the build). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('the ledger API contract', () => {
  describe('against the server', function () {
    this.timeout(60_000);
    let t: TestApp;
    before(async () => {
      t = await makeTestApp();
    });
    after(async () => t.close());

    it('is the exact list of routes the server documents', () => {
      const served = t.ctx.routes.map((r) => `${r.method.toUpperCase()} ${r.url}`).sort();
      assert.deepEqual(served, Object.keys(ledgerContract).sort());
    });

    it('does not send a field the contract lacks', async () => {
      const balance = t.store.balance.bind(t.store);
      t.store.balance = async (id) => ({ ...(await balance(id)), apiSecret: 'never sent' });
      try {
        const body = (await t.call('meter', { url: '/v1/balance' })).json();
        assert.deepEqual([body.apiSecret, typeof body.totalAvailable], [undefined, 'number']);
      } finally {
        t.store.balance = balance;
      }
    });

    it('describes every success answer of every route in the OpenAPI document with a real schema', async () => {
      const doc = (await t.call('meter', { url: '/v1/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { type?: unknown; properties?: object } }> }> }>> };
      const bare: string[] = [];
      let operations = 0;
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          operations++;
          for (const [status, answer] of Object.entries(op.responses)) {
            if (!/^2/.test(status)) continue;
            const media = Object.entries(answer.content ?? {});
            if (media.length === 0) bare.push(`${method} ${path} ${status}: no content`);
            for (const [type, { schema }] of media) {
              const isObject = schema?.type === 'object' || (Array.isArray(schema?.type) && schema.type.includes('object'));
              if (!schema || !schema.type || (isObject && Object.keys(schema.properties ?? {}).length === 0)) bare.push(`${method} ${path} ${status} ${type}`);
            }
          }
        }
      }
      assert.deepEqual([doc.openapi, operations, bare], ['3.1.0', Object.keys(ledgerContract).length, []]);
    });

    it('names every operation once and declares every path parameter, as OpenAPI requires', async () => {
      const doc = (await t.call('meter', { url: '/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>> };
      const ids: string[] = [];
      const undeclared: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          ids.push(op.operationId);
          for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
            if (!op.parameters?.some((p) => p.in === 'path' && p.name === name)) undeclared.push(`${method} ${path} {${name}}`);
          }
        }
      }
      assert.deepEqual([new Set(ids).size, undeclared], [ids.length, []]);
    });
  });

  describe('against its clients', () => {
    it('has every route the hook and sync call', () => {
      assert.deepEqual(Object.values(LEDGER_CLIENT_ROUTES).filter((r) => !inContract(r)), []);
    });

    it('has every route the VS Code extension calls', () => {
      assert.deepEqual(Object.values(EXTENSION_ROUTES).filter((r) => !inContract(r)), []);
    });

    it('has every route the n8n nodes call', () => {
      const calls = nodeCalls();
      // Every call was read: as many as the places that call `ledgerRequest(` at all (17 today).
      const callSites = filesUnder(join(ROOT, 'nodes')).reduce((n, f) => n + (readFileSync(f, 'utf8').match(/ledgerRequest\(/g)?.length ?? 0), 0);
      assert.deepEqual([calls.length, calls.filter((c) => !inContract(c.split('  ')[0]!))], [callSites, []]);
    });

    it('has a route for every /v1/ path written in a client', () => {
      const paths = Object.keys(ledgerContract).map((k) => new RegExp(routePattern(k).source.replace(/^\^[A-Z]+ /, '^')));
      const unknown = ['ledger/src/hook', 'ledger/src/sync', 'nodes', 'vscode-extension/src']
        .flatMap(pathLiterals)
        .filter((p) => !paths.some((re) => re.test(p.split('  ')[0]!)));
      assert.deepEqual(unknown, []);
    });

    it('is imported by the hook and sync instead of any route module', () => {
      const offenders = [...filesUnder(join(ROOT, 'ledger/src/hook')), ...filesUnder(join(ROOT, 'ledger/src/sync'))]
        .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from\s+'([^']*http\/routes[^']*)'/g)].map((m) => `${relative(ROOT, f)}: ${m[1]}`));
      assert.deepEqual(offenders, []);
    });

    it('needs nothing but its own files at run time, so the community nodes can take its types', () => {
      const outside = filesUnder(join(ROOT, 'ledger/src/http/contract')).flatMap((f) => runtimeImports(f).filter((i) => !i.startsWith('./')).map((i) => `${relative(ROOT, f)}: ${i}`));
      assert.deepEqual(outside, []);
    });

    it('makes a read of a field it lacks fail to compile (checked by `npm run typecheck`)', () => {
      const card = { totalAvailable: 5 } as LedgerOk<'GET /v1/balance'>;
      // @ts-expect-error the balance card has no `credits`: a client reading it does not compile
      const read = card.credits;
      assert.equal(read, undefined);
    });
  });
});
