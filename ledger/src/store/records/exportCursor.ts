/** How far a usage export got: the last entry a sink acknowledged, and for files the bytes written up to it. */
export interface ExportCursor {
  sink: string;
  lastEntryId: number;
  /** For a file sink: its length after the last acknowledged entry (a restart cuts anything after it). */
  fileOffset: number | null;
  updatedAt: string;
}

export interface UsageEntriesQuery {
  /** Entries with an id above this one. */
  afterId: number;
  limit: number;
  /** Only entries recorded before this time (ISO): lets concurrent writers commit lower ids first. */
  recordedBefore?: string;
}
