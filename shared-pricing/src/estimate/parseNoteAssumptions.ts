import { NOTE_KEYS } from './defaultAssumptions';

/**
 * Reads assumption overrides from a node's notes: a line `credits: items=500, share=0.2`.
 * Returns the values by assumption name (`items` stays `items`: it means whichever item
 * count the node has) and the pieces it could not read, for a finding.
 */
export function parseNoteAssumptions(notes: string | undefined): { values: Record<string, number>; problems: string[] } {
  const values: Record<string, number> = {};
  const problems: string[] = [];
  if (!notes || !/credits\s*:/i.test(notes)) return { values, problems };
  for (const line of notes.split(/\r?\n/)) {
    const match = /^\s*credits\s*:(.*)$/i.exec(line);
    if (!match) continue;
    for (const piece of (match[1] as string).split(/[,;\s]+/)) {
      if (!piece) continue;
      const pair = /^([A-Za-z]+)\s*=\s*(-?[\d.]+%?)$/.exec(piece);
      const key = pair && (NOTE_KEYS[pair[1] as string] ?? (Object.values(NOTE_KEYS).includes(pair[1] as string) ? pair[1] : undefined));
      if (!pair || !key) {
        problems.push(piece);
        continue;
      }
      const raw = pair[2] as string;
      values[key] = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
    }
  }
  return { values, problems };
}
