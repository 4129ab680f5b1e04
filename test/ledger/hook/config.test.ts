import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readHookConfig } from '../../../ledger/src/hook/config';

describe('readHookConfig', () => {
  const base = { N8N_CREDITS_URL: 'http://127.0.0.1:5680/', N8N_CREDITS_API_KEY: 'n8c_x', N8N_USER_FOLDER: '/srv/n8n' };

  it('reads the URL without its trailing slash, the key and the defaults', () => {
    const r = readHookConfig(base);
    assert.ok(r.ok);
    assert.deepEqual(r.config, {
      url: 'http://127.0.0.1:5680', apiKey: 'n8c_x', workspace: null, spoolDir: join('/srv/n8n', '.n8n', 'n8n-credits-spool'),
      gateCacheMs: 1000, gateTimeoutMs: 1500, sendTimeoutMs: 10000, retryInitialMs: 500, retryMaxMs: 60000, maxAttempts: 10, gate: true,
    });
  });

  it('says every missing setting at once', () => {
    assert.deepEqual(readHookConfig({}), { ok: false, reason: 'N8N_CREDITS_URL is not set (the ledger address, e.g. http://127.0.0.1:5680); N8N_CREDITS_API_KEY is not set (a ledger API key with the meter role)' });
  });

  it('refuses a URL that is not http(s)', () => {
    assert.deepEqual(readHookConfig({ ...base, N8N_CREDITS_URL: 'ftp://ledger' }), { ok: false, reason: 'N8N_CREDITS_URL="ftp://ledger" is not an http(s) URL' });
  });

  it('refuses a number setting that is not a whole number', () => {
    assert.deepEqual(readHookConfig({ ...base, N8N_CREDITS_RETRY_MS: '1.5s' }), { ok: false, reason: 'N8N_CREDITS_RETRY_MS="1.5s" is not a whole number of milliseconds' });
  });

  it('takes the attempt limit from N8N_CREDITS_MAX_ATTEMPTS and refuses 0, which would bury every record unsent', () => {
    const r = readHookConfig({ ...base, N8N_CREDITS_MAX_ATTEMPTS: '4' });
    assert.deepEqual([r.ok && r.config.maxAttempts, readHookConfig({ ...base, N8N_CREDITS_MAX_ATTEMPTS: '0' })],
      [4, { ok: false, reason: 'N8N_CREDITS_MAX_ATTEMPTS="0" is not a whole number of attempts ≥ 1' }]);
  });

  it('takes the workspace, spool folder and gate switch from the environment', () => {
    const r = readHookConfig({ ...base, N8N_CREDITS_WORKSPACE: 'acme', N8N_CREDITS_SPOOL_DIR: '/var/spool/credits', N8N_CREDITS_GATE: 'off' });
    assert.ok(r.ok);
    assert.deepEqual([r.config.workspace, r.config.spoolDir, r.config.gate], ['acme', '/var/spool/credits', false]);
  });
});
