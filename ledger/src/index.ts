/**
 * The ledger's public API: what other parts of n8n Credits (the `n8n-credits` command in cli/) may use. Route
 * modules (`http/routes/*`) are not part of it; the HTTP contract is reached over HTTP. Importing this file loads
 * the service, its stores and their drivers, so the CLI loads it only when a ledger command runs.
 */
export { formatPrice } from './billing-page/escape';
export { LedgerClient } from './hook/client';
export { spoolDirOf } from './hook/config';
export type { DeadEntry } from './hook/deadLetters';
export { Spool } from './hook/spool';
export { generateApiKey, hashApiKey, ROLES, type Role } from './http/keys';
export { ExportError, type ExportSummary } from './export/exportUsage';
export { runExport, stripeApiOf } from './export/runExport';
export { EXPORT_TARGETS, ExportSettingsError, type ExportSettings, type ExportTarget } from './export/sinkFor';
export { parseCustomers } from './service/billingConfig';
export { breakdownCsv } from './reports/breakdownCsv';
export { withWorkspace, type AdminFlags } from './service/admin';
export { isUsageError } from './service/adminErrors';
export { ConfigError, resolveConfig, type ServiceConfig, type ServiceFlags } from './service/config';
export { describeListenFailure } from './service/listenFailure';
export { describeOpenFailure, openStore } from './service/openStore';
export { readPlanInput, type PlanInput } from './service/planInput';
export { startService, stopOnSignals, type RunningService, type StartOptions } from './service/service';
export type { BreakdownDimension, BreakdownRow, LedgerStore, Workspace } from './store/types';
export { CheckpointError } from './sync/checkpoint';
export { N8nApiClient, N8nApiError } from './sync/n8nApi';
export { SyncError, syncExecutions, type SyncSummary } from './sync/syncExecutions';
export { watchPasses } from './sync/watch';
