import { LedgerError } from '../errors';
import { checkId } from '../validate';
import { ChargeDecider } from './chargeDecider';

/** Per-workspace settings documents (alerts). */
export class Settings {
  constructor(private readonly core: ChargeDecider) {}

  async getAlertSettings(workspaceId: string): Promise<unknown | null> {
    checkId(workspaceId, 'workspaceId');
    const row = await this.core.db.get('SELECT alert_settings FROM workspaces WHERE id = ?', [workspaceId]);
    if (!row) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    return row.alert_settings === null ? null : JSON.parse(String(row.alert_settings));
  }

  async setAlertSettings(workspaceId: string, settings: unknown): Promise<void> {
    checkId(workspaceId, 'workspaceId');
    let json: string;
    try {
      json = JSON.stringify(settings);
    } catch (error) {
      throw new LedgerError('invalid-input', `alert settings must be JSON: ${(error as Error).message}`, { field: 'settings' });
    }
    if (json === undefined) throw new LedgerError('invalid-input', 'alert settings must be a JSON value', { field: 'settings' });
    const changed = await this.core.db.run('UPDATE workspaces SET alert_settings = ? WHERE id = ?', [json, workspaceId]);
    if (changed === 0) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
  }
}
