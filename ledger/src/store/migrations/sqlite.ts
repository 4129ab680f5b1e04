/** Versioned migrations for SQLite, applied in order and recorded in `schema_migrations`. Append only. */
export const sqliteMigrations: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'init',
    sql: `
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  plan TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  anchor_day INTEGER NOT NULL,
  anchor_month INTEGER NOT NULL,
  daily_limit_set INTEGER NOT NULL DEFAULT 0,
  daily_limit INTEGER,
  created_at INTEGER NOT NULL,
  plan_started_at INTEGER NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  day_start INTEGER NOT NULL,
  day_end INTEGER NOT NULL,
  day_consumed INTEGER NOT NULL DEFAULT 0,
  period_consumed INTEGER NOT NULL DEFAULT 0,
  overdraft INTEGER NOT NULL DEFAULT 0,
  reserved INTEGER NOT NULL DEFAULT 0,
  next_hold_expiry INTEGER,
  helper_runs INTEGER NOT NULL DEFAULT 0,
  alert_settings TEXT
);
CREATE TABLE members (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  member_id TEXT NOT NULL,
  name TEXT,
  allocation INTEGER,
  period_start INTEGER NOT NULL,
  period_consumed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, member_id)
);
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  kind TEXT NOT NULL,
  millicredits INTEGER NOT NULL,
  remaining INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  effective_at INTEGER NOT NULL,
  expires_at INTEGER,
  ends_with_plan INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  grant_key TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, grant_key)
);
CREATE INDEX grants_workspace ON grants (workspace_id, remaining);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  type TEXT NOT NULL,
  entry_key TEXT NOT NULL,
  millicredits INTEGER NOT NULL,
  member_id TEXT,
  workflow_id TEXT,
  workflow_name TEXT,
  execution_id TEXT,
  node_name TEXT,
  node_type TEXT,
  run_index INTEGER,
  mode TEXT,
  kind TEXT,
  model TEXT,
  tokens_in INTEGER,
  tokens_out INTEGER,
  status TEXT,
  debits TEXT NOT NULL,
  overdraft INTEGER NOT NULL DEFAULT 0,
  reverses_key TEXT,
  reservation_id TEXT,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (workspace_id, entry_key)
);
CREATE INDEX entries_occurred ON entries (workspace_id, occurred_at);
-- Entries of an execution are found by their key (executionId:node:run:kind) through the unique index;
-- only entries whose key does not start with their execution id need this partial index.
CREATE INDEX entries_execution ON entries (workspace_id, execution_id)
  WHERE execution_id IS NOT NULL AND substr(entry_key, 1, length(execution_id) + 1) <> (execution_id || ':');
CREATE TABLE reversals (
  workspace_id TEXT NOT NULL,
  reverses_key TEXT NOT NULL,
  entry_key TEXT NOT NULL,
  PRIMARY KEY (workspace_id, reverses_key)
);
CREATE TABLE reservations (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  reservation_key TEXT NOT NULL,
  millicredits INTEGER NOT NULL,
  member_id TEXT,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  settled_key TEXT,
  UNIQUE (workspace_id, reservation_key)
);
CREATE INDEX reservations_held ON reservations (workspace_id, state, expires_at);
CREATE TABLE workflow_failures (
  workspace_id TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  consecutive INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, workflow_id)
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  workspace_id TEXT,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  member_id TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
`,
  },
  {
    version: 2,
    name: 'grants-index-without-remaining',
    // `remaining` changes on every debit: indexing it rewrote the index on each charge (and kept
    // PostgreSQL from updating grant rows in place). Lookups only need the workspace.
    sql: `
DROP INDEX grants_workspace;
CREATE INDEX grants_workspace ON grants (workspace_id);
`,
  },
  {
    version: 3,
    name: 'executions-and-recorded-index',
    // Each execution counted once: its helper runs and whether the breaker counted it, advanced in the
    // charge transaction however often the execution is posted. Reports select by recorded_at (when debited).
    sql: `
CREATE TABLE executions (
  workspace_id TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  workflow_id TEXT,
  status TEXT,
  helper_runs_counted INTEGER NOT NULL DEFAULT 0,
  breaker_counted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, execution_id)
);
CREATE INDEX entries_recorded ON entries (workspace_id, recorded_at);
-- Nothing selects by occurred_at any more: one index per insert fewer.
DROP INDEX entries_occurred;
`,
  },
  {
    version: 4,
    name: 'alert-marks-and-outbox',
    // Alerts fire once per crossing and survive restarts: a mark per alert that fired (its scope is the period or
    // day it fired in; deleted when the condition clears, which re-arms it). Deliveries wait in an outbox that a
    // worker drains after the charge committed, so a charge never waits for an SMTP server or a webhook receiver.
    sql: `
CREATE TABLE alert_marks (
  workspace_id TEXT NOT NULL,
  alert_key TEXT NOT NULL,
  scope TEXT NOT NULL,
  fired_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, alert_key)
);
CREATE TABLE alert_outbox (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  event TEXT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt_at);
CREATE INDEX alert_outbox_workspace ON alert_outbox (workspace_id, created_at);
`,
  },
  {
    version: 5,
    name: 'parked-executions',
    // Executions a Guard parked under `pause`: the resumer calls each one's resume URL once credits cover it.
    // One row per execution (it waits in one place at a time); the status and a lease make a call happen once
    // even with two ledger processes or across a restart.
    sql: `
CREATE TABLE parked_executions (
  workspace_id TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  park_key TEXT NOT NULL,
  resume_url TEXT NOT NULL,
  need_millicredits INTEGER NOT NULL,
  renews_at INTEGER NOT NULL,
  workflow_id TEXT,
  node_name TEXT,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  parked_at INTEGER NOT NULL,
  ended_at INTEGER,
  PRIMARY KEY (workspace_id, execution_id)
);
CREATE INDEX parked_executions_status ON parked_executions (workspace_id, status, parked_at);
`,
  },
  {
    version: 6,
    name: 'purchases-and-export-cursors',
    // A purchase is a Checkout Session we created: paid once it is verified, its grant keyed by the session, so a
    // re-delivered or out-of-order event never grants twice. Payment events are remembered by id (replays are
    // no-ops); a refund or dispute whose payment is not known yet waits in them until it is. Export cursors say
    // how far each sink got, so a restart sends nothing twice and skips nothing.
    sql: `
CREATE TABLE purchases (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  session_id TEXT NOT NULL,
  pack_id TEXT NOT NULL,
  millicredits INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  bought_by TEXT NOT NULL,
  status TEXT NOT NULL,
  payment_id TEXT,
  customer_id TEXT,
  grant_id TEXT,
  money_back INTEGER NOT NULL DEFAULT 0,
  reclaimed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  refunded_at INTEGER
);
CREATE UNIQUE INDEX purchases_session ON purchases (provider, session_id);
CREATE INDEX purchases_workspace ON purchases (workspace_id, created_at);
CREATE INDEX purchases_payment ON purchases (provider, payment_id);
CREATE TABLE payment_events (
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payment_id TEXT,
  money_back INTEGER,
  state TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (provider, event_id)
);
CREATE INDEX payment_events_waiting ON payment_events (provider, payment_id, state);
CREATE TABLE export_cursors (
  sink TEXT PRIMARY KEY,
  last_entry_id INTEGER NOT NULL,
  file_offset INTEGER,
  updated_at INTEGER NOT NULL
);
`,
  },
];
