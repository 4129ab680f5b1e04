import { entryDraft, entryOut, iso } from '../rows';
import { LedgerError } from '../errors';
import type { ExportCursor, LedgerEntry, UsageEntriesQuery } from '../types';
import { checkId, checkTime } from '../validate';
import type { ChargeDecider } from './chargeDecider';

/** The entries a usage export sends (usage and its reversals, every workspace, in recording order) and its cursors. */
export class UsageExport {
  constructor(private readonly core: ChargeDecider) {}

  async usageEntries(query: UsageEntriesQuery): Promise<LedgerEntry[]> {
    if (!Number.isSafeInteger(query.afterId) || query.afterId < 0) throw new LedgerError('invalid-input', `afterId must be an integer ≥ 0, got ${JSON.stringify(query.afterId)}`, { field: 'afterId' });
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 10_000) throw new LedgerError('invalid-input', `limit must be from 1 to 10000, got ${JSON.stringify(query.limit)}`, { field: 'limit' });
    const before = query.recordedBefore === undefined ? null : checkTime(query.recordedBefore, 'recordedBefore', 0);
    // Repayments and clawbacks move no usage: they are the ledger's own bookkeeping, not something to invoice.
    const rows = await this.core.db.all(
      `SELECT * FROM entries WHERE id > ? AND type IN ('charge', 'settlement', 'reversal')${before === null ? '' : ' AND recorded_at < ?'} ORDER BY id LIMIT ${query.limit}`,
      before === null ? [query.afterId] : [query.afterId, before],
    );
    return rows.map((r) => entryOut(entryDraft(r)));
  }

  async getExportCursor(sink: string): Promise<ExportCursor | null> {
    const row = await this.core.db.get('SELECT * FROM export_cursors WHERE sink = ?', [checkId(sink, 'sink')]);
    return row ? { sink, lastEntryId: Number(row.last_entry_id), fileOffset: row.file_offset === null ? null : Number(row.file_offset), updatedAt: iso(Number(row.updated_at)) } : null;
  }

  /**
   * Moves a sink's cursor from `from` (the id it had when the batch was read; 0 for a new sink) to `to`. False
   * when another exporter moved it meanwhile: the caller stops rather than send the same entries twice.
   */
  async moveExportCursor(sink: string, from: number, to: number, fileOffset: number | null): Promise<boolean> {
    checkId(sink, 'sink');
    const now = this.core.clock();
    return this.core.db.transaction(async (tx) => {
      const row = await tx.get(`SELECT last_entry_id FROM export_cursors WHERE sink = ?${this.core.db.lockSuffix}`, [sink]);
      if (!row) {
        if (from !== 0) return false;
        await tx.run('INSERT INTO export_cursors (sink, last_entry_id, file_offset, updated_at) VALUES (?, ?, ?, ?)', [sink, to, fileOffset, now]);
        return true;
      }
      if (Number(row.last_entry_id) !== from) return false;
      await tx.run('UPDATE export_cursors SET last_entry_id = ?, file_offset = ?, updated_at = ? WHERE sink = ?', [to, fileOffset, now, sink]);
      return true;
    });
  }
}
