import { open, stat, type FileHandle } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { ExportCursor, LedgerEntry } from '../store/types';
import type { UsageSink } from './sink';
import { USAGE_COLUMNS, usageRecordOf } from './usageRecord';

export type FileFormat = 'csv' | 'jsonl';

function csvLines(entries: LedgerEntry[], header: boolean): string {
  return stringify(entries.map(usageRecordOf), { header, columns: USAGE_COLUMNS as string[], record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true });
}

function jsonLines(entries: LedgerEntry[]): string {
  return entries.map((e) => JSON.stringify(usageRecordOf(e)) + '\n').join('');
}

/**
 * A CSV (RFC 4180, with a header) or JSON Lines file that grows by one write per batch, flushed to disk before the
 * cursor moves. The cursor keeps the file's length after the last acknowledged entry: on a restart anything
 * written after it (a batch whose cursor move never happened) is cut off and written again, so every entry is
 * in the file exactly once.
 */
export class FileSink implements UsageSink {
  readonly name: string;
  private file: FileHandle | null = null;
  private offset = 0;

  constructor(
    private readonly format: FileFormat,
    private readonly path: string,
  ) {
    this.name = `${format}:${path}`;
  }

  async open(cursor: ExportCursor | null): Promise<number> {
    const size = await stat(this.path).then((s) => s.size, () => null);
    if (!cursor) {
      // A file this export did not start is not ours to overwrite.
      if (size !== null && size > 0) throw new Error(`${this.path} already has content that this export did not write: export to a new file`);
      this.file = await open(this.path, 'w');
      this.offset = 0;
      if (this.format === 'csv') await this.append(csvLines([], true));
      return this.offset;
    }
    if (size === null) throw new Error(`${this.path} is gone, but the ledger remembers exporting to it up to entry ${cursor.lastEntryId}: export to a new file`);
    const offset = cursor.fileOffset ?? 0;
    if (size < offset) throw new Error(`${this.path} is shorter (${size} bytes) than the export wrote (${offset}): it was changed; export to a new file`);
    this.file = await open(this.path, 'r+');
    await this.file.truncate(offset);
    this.offset = offset;
    return offset;
  }

  async send(entries: LedgerEntry[]): Promise<{ fileOffset: number }> {
    await this.append(this.format === 'csv' ? csvLines(entries, false) : jsonLines(entries));
    return { fileOffset: this.offset };
  }

  async close(): Promise<void> {
    await this.file?.close();
    this.file = null;
  }

  private async append(text: string): Promise<void> {
    if (!this.file) throw new Error(`${this.path} is not open`);
    const bytes = Buffer.from(text, 'utf8');
    await this.file.write(bytes, 0, bytes.length, this.offset);
    await this.file.sync();
    this.offset += bytes.length;
  }
}
