import { strict as assert } from 'node:assert';
import { ConfigError, redactUrl, resolveConfig } from '../../../ledger/src/service/config';

describe('resolveConfig', () => {
  it('binds 127.0.0.1 with SQLite in ./.n8n-credits-data by default', () => {
    const c = resolveConfig({}, {}, '/srv/app');
    assert.deepEqual([c.host, c.port, c.dataDir, c.databaseUrl], ['127.0.0.1', 5680, '/srv/app/.n8n-credits-data', null]);
  });

  it('takes PostgreSQL from N8N_CREDITS_DATABASE_URL', () => {
    assert.equal(resolveConfig({}, { N8N_CREDITS_DATABASE_URL: 'postgres://u@h/db' }, '/').databaseUrl, 'postgres://u@h/db');
  });

  it('prefers flags over the environment', () => {
    const c = resolveConfig({ port: '7000', database: 'postgresql://a@b/c', dataDir: 'd' }, { N8N_CREDITS_PORT: '6000', N8N_CREDITS_DATABASE_URL: 'postgres://x@y/z' }, '/w');
    assert.deepEqual([c.port, c.databaseUrl, c.dataDir], [7000, 'postgresql://a@b/c', '/w/d']);
  });

  it('names the flag of a bad port', () => {
    assert.throws(() => resolveConfig({ port: '80a' }, {}, '/'), (e: unknown) => e instanceof ConfigError && e.message === '--port: expected an integer from 0 to 65535, got "80a"');
  });

  it('keeps /metrics behind a key unless --public-metrics or N8N_CREDITS_PUBLIC_METRICS=true says otherwise', () => {
    const cases = [resolveConfig({}, {}, '/'), resolveConfig({ publicMetrics: true }, {}, '/'), resolveConfig({}, { N8N_CREDITS_PUBLIC_METRICS: 'true' }, '/'), resolveConfig({}, { N8N_CREDITS_PUBLIC_METRICS: '0' }, '/')];
    assert.deepEqual(cases.map((c) => c.publicMetrics), [false, true, true, false]);
  });

  it('names N8N_CREDITS_PUBLIC_METRICS when it is neither true nor false', () => {
    assert.throws(() => resolveConfig({}, { N8N_CREDITS_PUBLIC_METRICS: 'yes please' }, '/'), (e: unknown) => e instanceof ConfigError && e.message === 'N8N_CREDITS_PUBLIC_METRICS: expected true or false, got "yes please"');
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    assert.throws(() => resolveConfig({}, { N8N_CREDITS_DATABASE_URL: 'mysql://x' }, '/'), (e: unknown) => e instanceof ConfigError && e.setting === 'N8N_CREDITS_DATABASE_URL');
  });
  it('takes the SMTP server and From address from flags or N8N_CREDITS_SMTP_URL / N8N_CREDITS_SMTP_FROM', () => {
    const fromEnv = resolveConfig({}, { N8N_CREDITS_SMTP_URL: 'smtp://127.0.0.1:2525', N8N_CREDITS_SMTP_FROM: 'alerts@example.com' }, '/');
    const fromFlags = resolveConfig({ smtpUrl: 'smtps://u:p@mail.example.com', smtpFrom: 'Billing <billing@example.com>' }, { N8N_CREDITS_SMTP_URL: 'smtp://x:1' }, '/');
    const none = resolveConfig({}, {}, '/');
    assert.deepEqual(
      [fromEnv.smtpUrl, fromEnv.smtpFrom, fromFlags.smtpUrl, fromFlags.smtpFrom, none.smtpUrl, none.smtpFrom],
      ['smtp://127.0.0.1:2525', 'alerts@example.com', 'smtps://u:p@mail.example.com', 'Billing <billing@example.com>', null, 'n8n Credits <n8n-credits@localhost>'],
    );
  });

  it('names the flag of an SMTP URL that is not smtp:// and of a From that is no address', () => {
    assert.throws(() => resolveConfig({ smtpUrl: 'http://mail:25' }, {}, '/'), (e: unknown) => e instanceof ConfigError && e.setting === '--smtp-url');
    assert.throws(() => resolveConfig({}, { N8N_CREDITS_SMTP_URL: 'mail:25' }, '/'), (e: unknown) => e instanceof ConfigError && e.setting === 'N8N_CREDITS_SMTP_URL');
    assert.throws(() => resolveConfig({ smtpFrom: 'nobody' }, {}, '/'), (e: unknown) => e instanceof ConfigError && e.setting === '--smtp-from');
  });
});

describe('redactUrl', () => {
  it('hides the password of a database URL', () => {
    assert.equal(redactUrl('postgres://user:secret@host:5432/db'), 'postgres://user:***@host:5432/db');
  });
});

describe('resolveConfig: limits', () => {
  it('defaults to no trusted proxy, 60 s per request, 6000 requests per minute per key, meter keys unlimited, 30 failed authentications', () => {
    const { http } = resolveConfig({}, {}, '/');
    assert.deepEqual(
      [http.trustProxy, http.timeouts, http.rateLimits, http.analysis],
      [false, { requestMs: 60_000, headersMs: 10_000, idleMs: 120_000 }, { perKey: 6000, perMeterKey: 0, authFailures: 30 }, { maxNodes: 1000, maxConnections: 5000, maxBytes: 2_097_152, timeBudgetMs: 3000, workers: 1 }],
    );
  });

  it('takes each limit from its flag, else its N8N_CREDITS_ variable', () => {
    const { http } = resolveConfig(
      { trustProxy: 'loopback, 10.0.0.0/8', requestTimeout: '5000', rateLimit: '0', analysisWorkers: '2' },
      { N8N_CREDITS_REQUEST_TIMEOUT: '9000', N8N_CREDITS_AUTH_FAILURE_LIMIT: '7', N8N_CREDITS_ANALYSIS_MAX_NODES: '300' },
      '/',
    );
    // headers-timeout (default 10 s) is capped by the 5 s request timeout: Node refuses a longer one.
    assert.deepEqual(
      [http.trustProxy, http.timeouts.requestMs, http.timeouts.headersMs, http.rateLimits.perKey, http.rateLimits.authFailures, http.analysis.workers, http.analysis.maxNodes],
      ['loopback,10.0.0.0/8', 5000, 5000, 0, 7, 2, 300],
    );
  });

  it('names the flag or variable of a limit it cannot use', () => {
    assert.throws(() => resolveConfig({ trustProxy: '10.0.0.0/40' }, {}, '/'), (e: unknown) => e instanceof ConfigError && e.setting === '--trust-proxy');
    assert.throws(() => resolveConfig({}, { N8N_CREDITS_ANALYSIS_MAX_NODES: '6000' }, '/'), (e: unknown) => e instanceof ConfigError && e.message === 'N8N_CREDITS_ANALYSIS_MAX_NODES: expected an integer from 1 to 5000, got "6000"');
    assert.throws(() => resolveConfig({ rateLimit: '-1' }, {}, '/'), (e: unknown) => e instanceof ConfigError && e.setting === '--rate-limit');
  });
});
