import type { Position, Range, VscodeApi } from '../api';
import type { DocumentAnalysis } from './analyzeDocument';

/** A vscode Position for an offset of the analysed text. */
export function toPosition(api: VscodeApi, entry: DocumentAnalysis, offset: number): Position {
  const p = entry.lines.positionAt(offset);
  return new api.Position(p.line, p.character);
}

/** A vscode Range for an offset and length of the analysed text. */
export function toRange(api: VscodeApi, entry: DocumentAnalysis, offset: number, length: number): Range {
  return new api.Range(toPosition(api, entry, offset), toPosition(api, entry, offset + length));
}
