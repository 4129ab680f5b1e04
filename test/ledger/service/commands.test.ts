import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../cli/src/io';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { openStore } from '../../../ledger/src/service/openStore';
import { runCommands } from './fixtures/program';

function captureIo(cwd: string): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

/** Whether something accepts connections at the URL's port: a bare TCP connect, so no keep-alive socket holds a stop up. */
function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('ledger administration commands', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'n8c-cli-'));
    const store = await openStore({ dataDir: join(dir, '.n8n-credits-data'), databaseUrl: null });
    await bootstrap(store);
    await store.charge({ workspaceId: 'default', key: 'k1', millicredits: 2500, workflowId: 'w1', workflowName: 'Invoices' });
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a member key and prints the secret once', async () => {
    const io = captureIo(dir);
    const code = await runCommands(['keys', 'create', '--role', 'member', '--name', 'alice', '--member', 'alice'], io);
    assert.equal(code, 0);
    assert.match(io.out, /^member key "alice" for workspace default \(shown once\):\nn8c_[A-Za-z0-9_-]{43}\n$/);
  });

  it('refuses a role that does not exist with exit code 2', async () => {
    const io = captureIo(dir);
    const code = await runCommands(['keys', 'create', '--role', 'owner'], io);
    assert.deepEqual([code, io.err], [2, 'n8n-credits: --role must be admin, member or meter, got "owner"\n']);
  });

  it('sets the plan from a preset', async () => {
    const io = captureIo(dir);
    const code = await runCommands(['plan', 'set', '--preset', 'spojit'], io);
    assert.deepEqual([code, io.out.startsWith('workspace default is on plan "spojit" from ')], [0, true]);
  });

  it('names the JSON problem of a plan file', async () => {
    writeFileSync(join(dir, 'plan.json'), '{"extends": "twenty", "allocation": "lots"}');
    const io = captureIo(dir);
    const code = await runCommands(['plan', 'set', '--file', 'plan.json'], io);
    assert.deepEqual([code, io.err.includes('$.allocation')], [2, true]);
  });

  it('adds a top-up pack and prints the new total', async () => {
    const io = captureIo(dir);
    const code = await runCommands(['topup', '--pack', 'twenty-1m'], io);
    assert.deepEqual([code, /^added [\d,]+ credits; total available [\d,.]+\n$/.test(io.out)], [0, true]);
  });

  it('prints a report as CSV', async () => {
    const io = captureIo(dir);
    const code = await runCommands(['report', '--by', 'workflow', '--format', 'csv'], io);
    assert.deepEqual([code, io.out], [0, 'workflow,label,millicredits,credits,entries\r\nw1,Invoices,2500,2.500,1\r\n']);
  });

  it('prints a report as a table with a total line', async () => {
    const io = captureIo(dir);
    await runCommands(['report'], io);
    assert.equal(io.out, 'workflow  credits  entries\nInvoices      2.5        1\ntotal         2.5        1\n');
  });

  it('names an unknown workspace', async () => {
    const io = captureIo(dir);
    const code = await runCommands(['report', '--workspace', 'nope'], io);
    assert.deepEqual([code, io.err], [2, 'n8n-credits: unknown workspace "nope"\n']);
  });
});

describe('n8n-credits serve', () => {
  it('names a port in use as such, not as a data folder problem, and exits 2 as other start failures do', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'n8c-port-'));
    try {
      const io = captureIo(dir);
      const code = await runCommands(['serve', '--port', String(port), '--data-dir', join(dir, 'data'), '--log-level', 'silent'], io);
      assert.deepEqual([code, io.err.trim().split('\n').pop()], [2, `n8n-credits: cannot listen on 127.0.0.1:${port}: the port is in use by another program; choose another with --port (or N8N_CREDITS_PORT)`]);
      // No admin key was made that nobody saw: the next start, on a free port, creates and prints one.
      const store = await openStore({ dataDir: join(dir, 'data'), databaseUrl: null });
      try {
        assert.deepEqual([(await store.listWorkspaces()).length, (await store.listApiKeys()).length], [0, 0]);
      } finally {
        await store.close();
      }
    } finally {
      busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes --body-limit, as the README says, and names it when it is out of range', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'n8c-limit-'));
    try {
      const io = captureIo(dir);
      const code = await runCommands(['serve', '--body-limit', '10', '--data-dir', join(dir, 'data')], io);
      assert.equal(code, 2);
      assert.match(io.err, /--body-limit: expected an integer from 1024 to 268435456, got "10"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells a later start, which prints no key, how to make a new admin key', async function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'n8c-again-'));
    /** Runs serve until it prints its billing page line; returns what it printed, then stops it. */
    const startOnce = async (): Promise<string> => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/serve-child.ts'), 'serve', '--port', '0', '--data-dir', dir, '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => ((out += d.toString()), /Billing page: .*\n/.test(out) && resolve()));
        child.once('exit', () => reject(new Error(`serve exited early: ${out}`)));
      });
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exit;
      return out;
    };
    try {
      const first = await startOnce();
      const second = await startOnce();
      assert.deepEqual(
        [/Admin key/.test(first), /Admin key/.test(second), second.split('\n').find((l) => l.startsWith('Billing page:'))?.replace(/http:\/\/\S+\//, 'URL/')],
        [true, false, `Billing page: URL/ (sign in with an API key; a new admin key: n8n-credits keys create --role admin --data-dir ${dir})`],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the server when `npm start` itself gets SIGTERM (the script execs node, so nothing is left running)', async function () {
    this.timeout(60000);
    const dir = mkdtempSync(join(tmpdir(), 'n8c-npm-'));
    const child = spawn('npm', ['start', '--silent'], {
      cwd: join(__dirname, '../../..'), env: { ...process.env, N8N_CREDITS_PORT: '0', N8N_CREDITS_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Billing page: (http:\/\/\S+)\//.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`npm start exited early: ${out}`)));
      });
      child.kill('SIGTERM');
      // The server, not only npm, must go: its port stops answering and it says it stopped (within 10 s).
      const stoppedLine = 'SIGTERM: stopped after finishing requests in flight; database closed';
      let answering = true;
      for (let i = 0; i < 100 && (answering || !out.includes(stoppedLine)); i++) {
        answering = await isListening(url);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual([answering, out.includes(stoppedLine)], [false, true]);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM with exit code 0 after printing the admin key once', async function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'n8c-sig-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/serve-child.ts'), 'serve', '--port', '0', '--data-dir', dir, '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /curl -H "Authorization: Bearer (\S+)" (\S+)\/v1\/balance/.exec(out);
          if (m) resolve(m[2]!);
        });
        child.once('exit', () => reject(new Error(`serve exited early: ${err}`)));
      });
      const key = /Bearer (n8c_\S+)"/.exec(out)![1]!;
      const balance = await fetch(`${url}/v1/balance`, { headers: { authorization: `Bearer ${key}` } });
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exit;
      assert.deepEqual([balance.status, code, err.includes('SIGTERM: stopped after finishing requests in flight; database closed'), out.split(key).length - 1], [200, 0, true, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
