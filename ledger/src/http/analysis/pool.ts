import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors';
import { runAnalysis, type AnalysisJob, type AnalysisResult } from './job';

type Answer = { ok: true; result: AnalysisResult } | { ok: false; message: string; range?: boolean };

interface Task {
  job: AnalysisJob;
  resolve: (answer: Answer) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Set when the worker has loaded the pricing code: a job's time budget starts only then. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/** Jobs that may wait for a worker, per worker; past it a request gets 503 with Retry-After rather than a long wait. */
const QUEUE_PER_WORKER = 16;

/**
 * Runs workflow analyses in worker threads so a heavy one never holds the event loop (`/healthz`, charges). Each job
 * has `timeBudgetMs`: a worker still busy past it is terminated (its CPU is given back) and replaced on the next job.
 * Workers start on first use (or `warm`) and are unref'd, so an idle pool keeps no process alive. `size` 0 runs jobs inline.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly timeBudgetMs: number,
  ) {}

  /** The analysis of `job`; rejects with an `ApiError` (422 over the budget or out of range, 503 when the queue is full). */
  async analyze(job: AnalysisJob): Promise<AnalysisResult> {
    if (this.size === 0) return inline(job);
    if (this.closed) throw new ApiError(503, 'analysis_busy', 'the ledger is shutting down');
    if (this.queue.length >= QUEUE_PER_WORKER * this.size) {
      throw new ApiError(503, 'analysis_busy', `${this.queue.length} workflow analyses are already waiting: retry shortly`, undefined, { limit: QUEUE_PER_WORKER * this.size });
    }
    const answer = await new Promise<Answer>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
    if (answer.ok) return answer.result;
    throw answerError(answer);
  }

  /** Starts the workers now rather than on the first job (a worker takes a moment to load the pricing code). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /** Stops every worker; jobs waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new ApiError(503, 'analysis_busy', 'the ledger is shutting down'));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, new ApiError(503, 'analysis_busy', 'the ledger is shutting down'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.task === null);
      if (!slot) {
        const starting = this.slots.filter((s) => !s.ready).length;
        if (this.slots.length < this.size && starting < this.queue.length) this.spawn();
        return;
      }
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => void this.overrun(slot), this.timeBudgetMs);
      slot.worker.postMessage(task.job);
    }
  }

  private spawn(): Slot {
    const file = join(__dirname, `worker${extname(__filename)}`);
    // From TypeScript sources (tests, `npm run cli`) the worker compiles through tsx as this thread does; built JavaScript runs as is.
    const execArgv = file.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];
    const slot: Slot = { worker: new Worker(file, { execArgv }), ready: false, task: null, timer: null };
    slot.worker.unref();
    slot.worker.on('message', (answer: Answer | 'ready') => {
      if (answer !== 'ready') return this.finish(slot, (task) => task.resolve(answer));
      slot.ready = true;
      this.dispatch();
    });
    slot.worker.on('error', (err) => this.died(slot, err));
    slot.worker.on('exit', () => this.died(slot, new Error('the analysis worker exited')));
    this.slots.push(slot);
    return slot;
  }

  /** Settles the slot's task and gives the worker the next one. */
  private finish(slot: Slot, settle: (task: Task) => void): void {
    if (slot.timer) clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = null;
    slot.timer = null;
    if (task) settle(task);
    this.dispatch();
  }

  /**
   * A worker that failed is dropped and replaced on demand. One that failed before it was ready cannot start at all
   * (a broken install): the waiting jobs fail with its error instead of starting workers forever.
   */
  private died(slot: Slot, err: Error): void {
    this.remove(slot);
    slot.worker.removeAllListeners();
    if (!slot.ready) for (const task of this.queue.splice(0)) task.reject(err);
    this.finish(slot, (task) => task.reject(err));
  }

  private async overrun(slot: Slot): Promise<void> {
    await this.stop(slot, new ApiError(422, 'analysis_timeout', `the workflow took longer than ${this.timeBudgetMs} ms to analyse (serve --analysis-timeout)`, 'workflow', { limit: this.timeBudgetMs }));
    this.dispatch();
  }

  private async stop(slot: Slot, reason: Error): Promise<void> {
    const task = slot.task;
    slot.task = null;
    if (slot.timer) clearTimeout(slot.timer);
    this.remove(slot);
    slot.worker.removeAllListeners();
    task?.reject(reason);
    await slot.worker.terminate();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}

function inline(job: AnalysisJob): AnalysisResult {
  try {
    return runAnalysis(job);
  } catch (err) {
    throw answerError({ message: err instanceof Error ? err.message : String(err), range: err instanceof RangeError });
  }
}

/**
 * A workflow whose paths multiply past the largest amount (many branches joined again and again) cannot be priced:
 * that is the request's doing, a 422. Any other failure is ours, a 500.
 */
function answerError(answer: { message: string; range?: boolean }): Error {
  if (answer.range) return new ApiError(422, 'estimate_out_of_range', `the workflow cannot be estimated: ${answer.message}`, 'workflow');
  return new Error(`workflow analysis failed: ${answer.message}`);
}
