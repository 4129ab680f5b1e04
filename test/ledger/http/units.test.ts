import { strict as assert } from 'node:assert';
import { describeValidation } from '../../../ledger/src/http/errors';
import { generateApiKey, hashApiKey } from '../../../ledger/src/http/keys';
import { operationId } from '../../../ledger/src/http/openapi';
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

describe('operationId', () => {
  it('names an operation after its method and path, a parameter as `by`', () => {
    assert.deepEqual([operationId('DELETE', '/v1/keys/:id'), operationId('GET', '/v1/executions/:executionId/entries'), operationId('GET', '/healthz')], ['deleteKeysById', 'getExecutionsByExecutionIdEntries', 'getHealthz']);
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
