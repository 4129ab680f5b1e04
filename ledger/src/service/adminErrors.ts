import { isLedgerError } from '../store/errors';
import { ConfigError } from './config';
import { UnknownWorkspaceError } from './admin';

/** Whether an error is bad input to an administration command (shown as a message, exit 2) rather than a bug. */
export function isUsageError(err: unknown): err is Error {
  return err instanceof ConfigError || err instanceof UnknownWorkspaceError || isLedgerError(err);
}
