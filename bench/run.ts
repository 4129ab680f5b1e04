/**
 * `npm run bench -- <name> [args]` runs bench/<name>.bench.ts with the given arguments;
 * `npm run bench` alone runs every benchmark in turn (each in its own process, one after the
 * other) and ends with ONE table of their figures, headed by the machine they ran on (cores,
 * memory, Node, load average before and after). A benchmark reports its figures on a last line
 * `BENCH_RESULT {json}` (bench/result.ts); for one that does not, its ratio and target lines are
 * shown as they are. `npm run bench -- --json FILE` also writes the table's data to FILE.
 * Each figure is a ratio or a rate measured in one run; nothing here asserts a time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { RESULT_PREFIX, type Figure } from './result';

const benchDir = __dirname;
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const nodeArgs = (name: string, args: string[]) => ['--import', 'tsx', '--expose-gc', join(benchDir, `${name}.bench.ts`), ...args];

function runOne(name: string, args: string[]): number {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ') || 'none'}`);
    return 2;
  }
  return spawnSync(process.execPath, nodeArgs(name, args), { stdio: 'inherit' }).status ?? 1;
}

interface BenchRun {
  bench: string;
  status: number | null;
  seconds: number;
  loadAfter: number[];
  figures: Figure[];
  notes: string[];
  /** Lines with a ratio or a target, for a benchmark without a BENCH_RESULT line. */
  fallback: string[];
}

/** Runs one benchmark with its output passed through, collecting its BENCH_RESULT line. */
function collect(bench: string): Promise<BenchRun> {
  const start = Date.now();
  const child = spawn(process.execPath, nodeArgs(bench, []), { stdio: ['ignore', 'pipe', 'inherit'] });
  const run: BenchRun = { bench, status: null, seconds: 0, loadAfter: [], figures: [], notes: [], fallback: [] };
  let pending = '';
  const take = (line: string) => {
    if (line.startsWith(RESULT_PREFIX)) {
      try {
        const parsed = JSON.parse(line.slice(RESULT_PREFIX.length)) as { figures?: Figure[]; notes?: string[] };
        run.figures.push(...(parsed.figures ?? []));
        run.notes.push(...(parsed.notes ?? []));
      } catch {
        run.fallback.push(`unreadable result line: ${line.slice(0, 120)}`);
      }
      return;
    }
    process.stdout.write(line + '\n');
    if (/ratio|target/i.test(line)) run.fallback.push(line.trim());
  };
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(take);
  });
  return new Promise((resolve) => {
    child.once('close', (code) => {
      if (pending) take(pending);
      run.status = code;
      run.seconds = (Date.now() - start) / 1000;
      run.loadAfter = loadavg();
      resolve(run);
    });
  });
}

/** One line on the machine: what the figures depend on. */
function describeMachine(): string[] {
  const cpu = cpus();
  const pg = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1'], { encoding: 'utf8' }).stdout.trim();
  return [
    `CPU: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free)`,
    `OS: ${osType()} ${release()}; Node ${process.version}${pg ? `; PostgreSQL ${pg.split('/')[4]}` : ''}`,
  ];
}

/** A ratio keeps at least two decimals (1.00 ×, 1.019 ×); other figures as given, with thousands separated. */
const fmt = (f: Figure) => {
  const decimals = (String(f.value).split('.')[1] ?? '').length;
  const digits = f.unit === '×' ? Math.max(2, decimals) : decimals;
  return `${f.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${f.unit}`;
};
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');

function table(runs: BenchRun[]): string[] {
  const rows = ['| bench | figure | value | target | met |', '|---|---|---:|---|---|'];
  for (const run of runs) {
    const failed = run.status !== 0 ? ` (exit ${run.status})` : '';
    if (run.figures.length === 0) {
      const lines = run.fallback.length ? run.fallback : ['no figures printed'];
      for (const line of lines) rows.push(`| ${run.bench}${failed} | ${line.replace(/\|/g, '/')} | | | |`);
      continue;
    }
    for (const f of run.figures) rows.push(`| ${run.bench}${failed} | ${f.name} | ${fmt(f)} | ${f.target ?? ''} | ${f.ok === undefined ? '' : f.ok ? 'yes' : 'NO'} |`);
  }
  return rows;
}

async function runAll(jsonFile: string | null): Promise<number> {
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();
  const runs: BenchRun[] = [];
  for (const each of available) {
    console.log(`\n=== bench: ${each} ===`);
    runs.push(await collect(each));
  }
  const machine = describeMachine();
  console.log('\n=== all benchmarks ===');
  console.log(`started ${startedAt}; ${machine.join('; ')}`);
  console.log(`load average (1, 5, 15 min): before ${load(loadBefore)}; after ${load(loadavg())}; ${runs.map((r) => `${r.bench} ${r.seconds.toFixed(0)} s`).join(', ')}`);
  console.log(table(runs).join('\n'));
  for (const run of runs) for (const note of run.notes) console.log(`${run.bench}: ${note}`);
  const failed = runs.filter((r) => r.status !== 0).map((r) => r.bench);
  const missed = runs.flatMap((r) => r.figures.filter((f) => f.ok === false).map((f) => `${r.bench}: ${f.name}`));
  console.log(`${runs.length} benchmarks, ${failed.length} exited non-zero${failed.length ? ` (${failed.join(', ')})` : ''}; ${missed.length} targets missed${missed.length ? `: ${missed.join('; ')}` : ''}`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ startedAt, machine, loadBefore, loadAfter: loadavg(), runs }, null, 2));
  return failed.length ? 1 : 0;
}

const argv = process.argv.slice(2);
const jsonAt = argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? argv[jsonAt + 1] ?? null : null;
const [name, ...args] = jsonAt >= 0 ? [...argv.slice(0, jsonAt), ...argv.slice(jsonAt + 2)] : argv;
if (name) process.exit(runOne(name, args));
void runAll(jsonFile).then((code) => process.exit(code));
