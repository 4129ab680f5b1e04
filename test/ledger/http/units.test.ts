import { strict as assert } from 'node:assert';
import { describeValidation } from '../../../ledger/src/http/errors';
import { generateApiKey, hashApiKey } from '../../../ledger/src/http/keys';
import { Metrics } from '../../../ledger/src/http/metrics';
import { buildOpenApi } from '../../../ledger/src/http/openapi';
import { breakdownCsv, csvField } from '../../../ledger/src/http/routes/reports';
import { SessionStore } from '../../../ledger/src/http/sessions';

describe('generateApiKey', () => {
  it('makes a prefixed key of 32 random bytes in base64url', () => {
    const key = generateApiKey();
    assert.match(key, /^n8c_[A-Za-z0-9_-]{43}$/);
  });

  it('hashes a key to its sha256 hex digest', () => {
    assert.equal(hashApiKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('describeValidation', () => {
  it('names a missing property with its path', () => {
    assert.deepEqual(describeValidation([{ instancePath: '/events/2', keyword: 'required', params: { missingProperty: 'key' }, message: "must have required property 'key'" }], 'body'), { field: 'events.2.key', message: "events.2.key must have required property 'key'" });
  });

  it('names an unknown property', () => {
    assert.deepEqual(describeValidation([{ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'credits' } }], 'body'), { field: 'credits', message: 'unknown field "credits" in body' });
  });
});

describe('Metrics', () => {
  it('renders counters with sorted, escaped labels in the Prometheus text format', () => {
    const m = new Metrics();
    m.inc('n8n_credits_http_requests_total', { status: '200', method: 'GET', route: '/a"b' }, 2);
    assert.ok(m.render().includes('# TYPE n8n_credits_http_requests_total counter\nn8n_credits_http_requests_total{method="GET",route="/a\\"b",status="200"} 2\n'));
  });
});

describe('buildOpenApi', () => {
  it('turns fastify params into OpenAPI path templates and parameters', () => {
    const doc = buildOpenApi([{ method: 'get', url: '/v1/keys/:id', public: false, schema: { params: { type: 'object', properties: { id: { type: 'string' } } } } }], '1.0.0') as { paths: Record<string, { get: { operationId: string; parameters: unknown[] } }> };
    assert.deepEqual(doc.paths['/v1/keys/{id}']!.get.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    assert.equal(doc.paths['/v1/keys/{id}']!.get.operationId, 'getKeysById');
  });
});

describe('csvField', () => {
  it('quotes separators and neutralises a leading formula character', () => {
    assert.deepEqual([csvField('a,b'), csvField('=HYPERLINK("x")'), csvField(-5)], ['"a,b"', `"'=HYPERLINK(""x"")"`, '-5']);
  });

  it('writes negative millicredits as exact negative credits', () => {
    assert.equal(breakdownCsv('day', [{ key: '2026-11-01', label: null, millicredits: -1500, entries: 1 }]), 'day,label,millicredits,credits,entries\r\n2026-11-01,,-1500,-1.500,1\r\n');
  });
});

describe('SessionStore', () => {
  it('forgets a session once it expires', () => {
    let now = 1000;
    const sessions = new SessionStore(500, () => now);
    const { id } = sessions.create('hash');
    const alive = sessions.get(id)?.keyHash;
    now = 1500;
    assert.deepEqual([alive, sessions.get(id)], ['hash', undefined]);
  });
});
