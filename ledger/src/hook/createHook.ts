import { LedgerClient } from './client';
import { readHookConfig, type HookConfig } from './config';
import { Deliverer } from './deliverer';
import { prepareExecution } from './executionBody';
import { ExecutionRefusedError, Gate, type GateWorkflow } from './gate';
import { Spool } from './spool';

type PreExecute = (this: unknown, workflow: unknown, mode: unknown) => Promise<void>;
type PostExecute = (this: unknown, fullRunData: unknown, workflowData: unknown, executionId: unknown) => Promise<void>;

/** What n8n's `EXTERNAL_HOOK_FILES` loader reads, plus handles for tests and the benchmark. */
export interface CreditsHook {
  hooks: { workflow: { preExecute: PreExecute[]; postExecute: PostExecute[] } };
  /** Null when metering is off; `offReason` says why. */
  deliverer: Deliverer | null;
  offReason: string | null;
  /** Settles when the background work started so far is done (tests, benchmark). */
  idle(): Promise<void>;
  /** Spools what is in memory and stops timers. */
  stop(): void;
}

export interface CreateHookOptions {
  log?: (line: string) => void;
  /** Registers the process `exit` handler that spools undelivered records (off in tests). */
  handleExit?: boolean;
  /** How long a `cli` execution (`n8n execute`, which exits right after) waits for its delivery; default 15 s. */
  cliWaitMs?: number;
}

/** Modes whose process exits right after the execution: the delivery is awaited there (bounded), else spooled. */
const EXITING_MODES = ['cli'];

/**
 * Builds the n8n external hook from environment variables. Never throws: with missing or wrong settings the
 * hooks do nothing and the log says once why metering is off.
 */
export function createHook(env: NodeJS.ProcessEnv, options: CreateHookOptions = {}): CreditsHook {
  const log = options.log ?? ((line: string) => console.log(line));
  const off = (reason: string): CreditsHook => {
    log(`n8n Credits hook: metering is OFF — ${reason}. n8n runs workflows as usual; nothing is charged.`);
    return { hooks: { workflow: { preExecute: [], postExecute: [] } }, deliverer: null, offReason: reason, idle: async () => {}, stop: () => {} };
  };
  const read = readHookConfig(env);
  if (!read.ok) return off(read.reason);
  const config: HookConfig = read.config;
  const spool = new Spool(config.spoolDir);
  try {
    spool.open();
  } catch (err) {
    return off(`the spool folder ${config.spoolDir} cannot be written (${(err as Error).message}); set N8N_CREDITS_SPOOL_DIR`);
  }
  const client = new LedgerClient(config);
  const deliverer = new Deliverer({ send: (body) => client.sendExecution(body), spool, log, retryInitialMs: config.retryInitialMs, retryMaxMs: config.retryMaxMs, maxAttempts: config.maxAttempts });
  const gate = new Gate({
    admission: (id, versionId, mode) => client.admission(id, versionId, mode),
    admitWorkflow: (workflow, mode) => client.admitWorkflow(workflow, mode),
    cacheMs: config.gateCacheMs,
    log,
  });
  let enabled = true;
  const background = new Set<Promise<unknown>>();
  // Background work never rejects into n8n (an unhandled rejection could end its process): failures are logged.
  const track = (p: Promise<unknown>): void => {
    const settled: Promise<unknown> = p.catch((err) => log(`n8n Credits hook: ${String(err)}`)).finally(() => background.delete(settled));
    background.add(settled);
  };

  // Check the key once at start: a refused key turns metering off with one clear line; an unreachable ledger does not.
  track(client.verify().then((v) => {
    if (v.status === 'fatal') {
      enabled = false;
      log(`n8n Credits hook: metering is OFF — ${v.reason}. n8n runs workflows as usual; nothing is charged.`);
    } else {
      // The hook has no metrics endpoint of its own (it lives in n8n's process): its spool counts are in the log.
      const { waiting, dead } = spool.counts();
      const counts = `spool ${config.spoolDir}: ${waiting} waiting, ${dead} dead${dead > 0 ? ' (n8n-credits spool list)' : ''}`;
      if (v.status === 'unreachable') log(`n8n Credits hook: ${v.reason}; executions will be spooled until it answers; ${counts}`);
      else log(`n8n Credits hook: metering on, ledger ${config.url}${config.workspace ? ` workspace ${config.workspace}` : ''}; ${counts}`);
      // Delivers what an earlier start left, and starts the spool's periodic look for replayed records.
      deliverer.drainSoon(0);
    }
  }));
  if (options.handleExit) process.once('exit', () => deliverer.stop());

  const preExecute: PreExecute = async function (workflow, mode) {
    if (!enabled || !config.gate) return;
    const asked = gateWorkflow(workflow);
    try {
      await gate.check(asked, typeof mode === 'string' ? mode : undefined);
    } catch (err) {
      if (err instanceof ExecutionRefusedError) {
        log(`n8n Credits hook: refused a ${String(mode)} execution of workflow ${asked.id ?? '(unsaved)'}: ${err.message}`);
        throw err;
      }
      log(`n8n Credits hook: the admission check failed (${String(err)}); the execution runs`);
    }
  };

  const record = (fullRunData: unknown, workflowData: unknown, executionId: unknown): Promise<void> => {
    let prepared;
    try {
      prepared = prepareExecution(fullRunData, workflowData, executionId);
    } catch (err) {
      log(`n8n Credits hook: could not read the run data of execution ${String(executionId)} (${String(err)}); not metered`);
      return Promise.resolve();
    }
    if (!prepared) {
      log('n8n Credits hook: an execution without an id was not metered');
      return Promise.resolve();
    }
    if (prepared.dropped.length > 0) log(`n8n Credits hook: execution ${prepared.executionId}: priced what could be read; skipped ${prepared.dropped.join('; ')}`);
    // A run refused by the admission check ran nothing: sending it would count as a failure of the workflow.
    if (prepared.refusedByCredits) return Promise.resolve();
    return deliverer.submit({ executionId: prepared.executionId, body: prepared.body });
  };

  const postExecute: PostExecute = async function (fullRunData, workflowData, executionId) {
    if (!enabled) return;
    const mode = (fullRunData as { mode?: unknown } | null)?.mode;
    if (typeof mode === 'string' && EXITING_MODES.includes(mode)) {
      // `n8n execute` exits when this returns: wait (bounded) so the charge is not left for the next start.
      const done = record(fullRunData, workflowData, executionId);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((resolve) => { timer = setTimeout(resolve, options.cliWaitMs ?? 15000); })]);
      clearTimeout(timer);
      return;
    }
    // Everything else happens after n8n has moved on: reading the run data, sending, retrying, spooling.
    track(new Promise<void>((resolve) => setImmediate(resolve)).then(() => record(fullRunData, workflowData, executionId)));
  };

  return {
    hooks: { workflow: { preExecute: [preExecute], postExecute: [postExecute] } },
    deliverer,
    offReason: null,
    idle: async () => {
      while (background.size > 0) await Promise.all([...background]);
      await deliverer.idle();
    },
    stop: () => deliverer.stop(),
  };
}

/**
 * The id, version and pricing body of the workflow `preExecute` got. n8n passes its `Workflow` class there: nodes
 * keyed by name, connections as `connectionsBySourceNode`, and no `versionId` (so the body is sent and the ledger
 * names the version by its hash). A plain `IWorkflowBase` (arrays, `connections`, `versionId`) is read too.
 */
function gateWorkflow(workflow: unknown): GateWorkflow {
  const wf = (workflow && typeof workflow === 'object' ? workflow : {}) as {
    id?: unknown; versionId?: unknown; name?: unknown; nodes?: unknown; connections?: unknown; connectionsBySourceNode?: unknown;
  };
  const id = typeof wf.id === 'string' || typeof wf.id === 'number' ? String(wf.id) : undefined;
  const versionId = typeof wf.versionId === 'string' && wf.versionId !== '' ? wf.versionId : undefined;
  const nodes = Array.isArray(wf.nodes) ? wf.nodes : wf.nodes && typeof wf.nodes === 'object' ? Object.values(wf.nodes) : null;
  const connections = wf.connections ?? wf.connectionsBySourceNode;
  return {
    id,
    versionId,
    // Only what the estimate reads: nodes and connections, never pinned data or settings.
    body: () => (nodes && connections && typeof connections === 'object'
      ? { id: id ?? null, versionId: versionId ?? null, name: typeof wf.name === 'string' ? wf.name : null, nodes, connections: connections as Record<string, unknown> }
      : null),
  };
}
