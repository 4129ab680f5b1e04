/**
 * The analysis worker thread: prices workflows off the event loop, one job at a time, so a heavy estimate
 * never delays `/healthz` or a charge. The pool (./pool.ts) terminates it when a job overruns its time budget.
 */
import { parentPort } from 'node:worker_threads';
import { runAnalysis, type AnalysisJob } from './job';

// One small analysis first loads the price books and warms the code; then the pool is told, and starts a job's time
// budget only from here on, so a budget measures the workflow and not this thread's start.
runAnalysis({ text: '{"nodes":[{"name":"Start","type":"n8n-nodes-base.manualTrigger","parameters":{}}],"connections":{}}', priceBook: 'default' });
parentPort?.postMessage('ready');

parentPort?.on('message', (job: AnalysisJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: runAnalysis(job) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err), range: err instanceof RangeError });
  }
});
