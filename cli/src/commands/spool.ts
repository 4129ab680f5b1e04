import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../commander';
import { jsonDocument } from '../format/jsonDocument';
import { CliError, type CliContext } from '../io';
import { ledger, type DeadEntry } from '../ledger';
import { addFormatOption, addJsonAlias, chosenFormat } from './options';

interface SpoolFlags {
  dir?: string;
  format: string;
}
interface PickFlags extends SpoolFlags {
  all?: boolean;
}
type Spool = InstanceType<ReturnType<typeof ledger>['Spool']>;

const DIR_HELP = 'the spool folder (default: the hook\'s own, N8N_CREDITS_SPOOL_DIR else $N8N_USER_FOLDER/.n8n/n8n-credits-spool)';
const ID_HELP = 'an execution id (all its dead records) or a record\'s file name (spool list --format json shows them)';

/** The spool folder the hook of this environment uses (or --dir); it must exist. Older `rejected/` records move to `dead/`. */
function openSpool(o: SpoolFlags, context: CliContext): Spool {
  const dir = o.dir ? resolve(context.io.cwd, o.dir) : ledger().spoolDirOf(process.env);
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // missing: said below
  }
  if (!isFolder) throw new CliError(`no spool folder at ${dir}: give --dir, or set N8N_CREDITS_SPOOL_DIR (or N8N_USER_FOLDER) as for n8n`);
  const spool = new (ledger().Spool)(dir);
  spool.dead.migrateRejected();
  return spool;
}

/** The dead records an id or --all names; an unknown id is an error. */
function pick(spool: Spool, id: string | undefined, o: PickFlags): DeadEntry[] {
  if (id !== undefined && o.all) throw new CliError('give a record id or --all, not both');
  if (id === undefined && !o.all) throw new CliError('give a record id (n8n-credits spool list shows them) or --all');
  if (o.all) return spool.dead.list();
  const found = spool.dead.find(id!);
  if (found.length === 0) throw new CliError(`no dead record "${id}" in ${spool.dead.dir} (n8n-credits spool list shows them)`);
  return found;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A short age: 45s, 12m, 5h, 3d. */
function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function listText(spool: Spool, entries: DeadEntry[], now: number): string {
  const { waiting, dead } = spool.counts();
  const rows = entries.map((e) => [
    e.executionId ?? `(damaged) ${e.name}`,
    [e.workflowId, e.workflowName && `"${e.workflowName}"`].filter(Boolean).join(' ') || '-',
    e.reason ? String(e.reason.attempts) : '-',
    e.spooledAt ? age(now - e.spooledAt.getTime()) : '-',
    e.reason ? e.reason.message.replace(/\s+/g, ' ').slice(0, 120) : 'the file cannot be read: drop it, or repair it by hand',
  ]);
  const head = ['EXECUTION', 'WORKFLOW', 'ATTEMPTS', 'AGE', 'REASON'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd() + '\n';
  const top = `spool ${spool.dir}: ${waiting} waiting, ${dead} dead\n`;
  return rows.length === 0 ? top : top + line(head) + rows.map(line).join('');
}

function listJson(spool: Spool, entries: DeadEntry[], now: number): string {
  const records = entries.map((e) => ({
    file: e.name, executionId: e.executionId, workflowId: e.workflowId, workflowName: e.workflowName,
    status: e.reason?.status ?? null, message: e.reason?.message ?? null, attempts: e.reason?.attempts ?? null, failedAt: e.reason?.at ?? null,
    spooledAt: e.spooledAt?.toISOString() ?? null, ageSeconds: e.spooledAt ? Math.floor((now - e.spooledAt.getTime()) / 1000) : null,
  }));
  return jsonDocument({ dir: spool.dir, ...spool.counts(), records });
}

/**
 * Prometheus text format, for node_exporter's textfile collector: the hook lives in n8n and serves no metrics itself.
 * It is the `text` of `spool stats`; `--format json` gives the same counts with the names `spool list` uses.
 */
function statsText(spool: Spool): string {
  const { waiting, dead } = spool.counts();
  return [
    '# HELP n8n_credits_hook_spool_records Records in the n8n Credits hook\'s spool folder: waiting to be delivered, or dead (given up on).',
    '# TYPE n8n_credits_hook_spool_records gauge',
    `n8n_credits_hook_spool_records{state="waiting"} ${waiting}`,
    `n8n_credits_hook_spool_records{state="dead"} ${dead}`,
    '',
  ].join('\n');
}

/** `n8n-credits spool list|replay|drop|stats`: the hook's dead records (see docs/hook.md), read on this machine's disk. */
export function register(program: Command, context: CliContext): void {
  const spool = program.command('spool').description('Inspect, replay or drop the executions the n8n hook gave up on (its dead records)');
  addJsonAlias(addFormatOption(spool.command('list').description('List dead records: execution, workflow, attempts, age and why'), ['text', 'json']))
    .option('--dir <folder>', DIR_HELP)
    .action((o: SpoolFlags & { json?: boolean }) => {
      const json = chosenFormat(o, context.io, 'spool list') === 'json';
      const s = openSpool(o, context);
      context.io.stdout((json ? listJson : listText)(s, s.dead.list(), Date.now()));
    });
  addFormatOption(spool.command('replay').description('Move dead records back to the spool, attempts reset: the hook delivers them again'), ['text', 'json'])
    .argument('[id]', ID_HELP)
    .option('--all', 'every dead record')
    .option('--dir <folder>', DIR_HELP)
    .action((id: string | undefined, o: PickFlags) => {
      const s = openSpool(o, context);
      const entries = pick(s, id, o);
      const damaged = entries.filter((e) => e.executionId === null);
      if (id !== undefined && damaged.length > 0) throw new CliError(`${damaged[0]!.name} is damaged: it cannot be replayed, only dropped`);
      const replayed = entries.filter((e) => e.executionId !== null);
      for (const e of replayed) s.dead.replay(e);
      if (o.format === 'json') return context.io.stdout(jsonDocument({ dir: s.dir, replayed: replayed.length, damaged: damaged.length }));
      const skipped = damaged.length > 0 ? `; ${plural(damaged.length, 'damaged record')} left in dead/ (drop them)` : '';
      context.io.stdout(`replayed ${plural(replayed.length, 'record')} to ${s.dir}${skipped}; a running hook delivers ${replayed.length === 1 ? 'it' : 'them'} within N8N_CREDITS_RETRY_MAX_MS (60 s by default), or at its next start\n`);
    });
  addFormatOption(spool.command('drop').description('Delete dead records for good'), ['text', 'json'])
    .argument('[id]', ID_HELP)
    .option('--all', 'every dead record')
    .option('--yes', 'confirm: dropped records are not charged, ever')
    .option('--dir <folder>', DIR_HELP)
    .action((id: string | undefined, o: PickFlags & { yes?: boolean }) => {
      const s = openSpool(o, context);
      const entries = pick(s, id, o);
      if (!o.yes && entries.length > 0) throw new CliError(`drop deletes ${plural(entries.length, 'dead record')} for good (those executions are never charged): add --yes to confirm`);
      for (const e of entries) s.dead.drop(e);
      context.io.stdout(o.format === 'json' ? jsonDocument({ dir: s.dead.dir, dropped: entries.length }) : `dropped ${plural(entries.length, 'record')} from ${s.dead.dir}\n`);
    });
  addFormatOption(spool.command('stats').description('Waiting and dead counts in Prometheus text format (for node_exporter\'s textfile collector), or JSON'), ['text', 'json'])
    .option('--dir <folder>', DIR_HELP)
    .action((o: SpoolFlags) => {
      const s = openSpool(o, context);
      context.io.stdout(o.format === 'json' ? jsonDocument({ dir: s.dir, ...s.counts() }) : statsText(s));
    });
}
