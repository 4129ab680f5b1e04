import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The counters the ledger keeps, by their Prometheus names (counters end in `_total`, units are in the name). */
export type CounterName = 'n8n_credits_http_requests_total' | 'n8n_credits_charges_total' | 'n8n_credits_charged_millicredits_total';

/**
 * Upper bounds (seconds) of the request-latency histogram: a charge answers in about a millisecond, a report
 * over a large workspace in about a second.
 */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The ledger's Prometheus metrics, kept by prom-client: its own counters and request-latency histogram in one
 * registry per app, plus the process's (`process_*`, `nodejs_*`: CPU, memory, event-loop lag, start time), which
 * are collected once per process whichever app renders them.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly counters: Record<CounterName, Counter<string>>;
  private readonly latency: Histogram<'method' | 'route'>;

  constructor() {
    const registers = [this.registry];
    this.counters = {
      n8n_credits_http_requests_total: new Counter({ name: 'n8n_credits_http_requests_total', help: 'HTTP requests answered, by method, route and status.', labelNames: ['method', 'route', 'status'], registers }),
      n8n_credits_charges_total: new Counter({ name: 'n8n_credits_charges_total', help: 'Charges handled, by outcome (recorded, duplicate, conflict, refused).', labelNames: ['outcome'], registers }),
      n8n_credits_charged_millicredits_total: new Counter({ name: 'n8n_credits_charged_millicredits_total', help: 'Millicredits debited by recorded charges.', registers }),
    };
    this.latency = new Histogram({ name: 'n8n_credits_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route.', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers });
  }

  /** Adds `by` (default 1) to the counter `name` with the given labels. */
  inc(name: CounterName, labels: Record<string, string> = {}, by = 1): void {
    this.counters[name].inc(sortedLabels(labels), by);
  }

  /** Counts one answered request (`n8n_credits_http_requests_total`) and observes how long it took. */
  observeRequest(labels: { method: string; route: string; status: string }, seconds: number): void {
    this.inc('n8n_credits_http_requests_total', labels);
    this.latency.observe({ method: labels.method, route: labels.route }, seconds);
  }

  /** The content type of `render()`'s text (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: this app's metrics, then the process's. */
  async render(): Promise<string> {
    return Registry.merge([this.registry, processRegistry()]).metrics();
  }
}

let processMetrics: Registry | undefined;

/** The process's default metrics, registered once: their collectors (GC observer, event-loop monitor) are per process. */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** Labels in name order, so a series prints the same whichever order its labels were given in. */
function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(labels).sort().map((k) => [k, labels[k]!]));
}
