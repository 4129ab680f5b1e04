/** A few Prometheus counters, written by hand in the text exposition format (version 0.0.4). */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly startedAt = Date.now();

  constructor() {
    this.define('n8n_credits_http_requests_total', 'HTTP requests answered, by method, route and status.');
    this.define('n8n_credits_charges_total', 'Charges handled, by outcome (recorded, duplicate, conflict, refused).');
    this.define('n8n_credits_charged_millicredits_total', 'Millicredits debited by recorded charges.');
    this.define('n8n_credits_request_duration_seconds_sum', 'Total seconds spent answering requests.');
  }

  private define(name: string, help: string): void {
    this.counters.set(name, { help, values: new Map() });
  }

  /** Adds `by` (default 1) to the counter `name` with the given labels. */
  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const counter = this.counters.get(name);
    if (!counter) throw new Error(`unknown metric ${name}`);
    const key = formatLabels(labels);
    counter.values.set(key, (counter.values.get(key) ?? 0) + by);
  }

  /** The current value of one counter series (0 when never incremented). */
  get(name: string, labels: Record<string, string> = {}): number {
    return this.counters.get(name)?.values.get(formatLabels(labels)) ?? 0;
  }

  /** The exposition text. */
  render(): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of values) lines.push(`${name}${labels} ${value}`);
    }
    lines.push('# HELP n8n_credits_uptime_seconds Seconds since this process started.', '# TYPE n8n_credits_uptime_seconds gauge');
    lines.push(`n8n_credits_uptime_seconds ${Math.floor((Date.now() - this.startedAt) / 1000)}`);
    return lines.join('\n') + '\n';
  }
}

function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return '{' + keys.map((k) => `${k}="${escape(labels[k]!)}"`).join(',') + '}';
}
