import type { ParseError } from 'jsonc-parser';
import type { LineIndex } from './lineIndex';

/** Where one element of a workflow's `nodes` array sits in the text. */
export interface NodeLocation {
  /** Its position in the `nodes` array (every element counts, objects or not). */
  index: number;
  /** The node's `"name"` when it is a string (the first `name` key, as jsonc-parser reads it). */
  name?: string;
  offset: number;
  length: number;
  /** End offset of the node's `"type"` value: where an inlay hint goes. */
  typeValueEnd?: number;
  /** The node's `"name"` value (with quotes): where a finding about the whole node is underlined. */
  nameRange?: { offset: number; length: number };
}

/**
 * One workflow text, read once: what the estimator, the lint rules and the editor all need.
 * Made by `parseWorkflowDocument`; nothing here is derived again by its readers.
 */
export interface WorkflowDocument {
  readonly text: string;
  /** True when `JSON.parse` took the text (no comments, trailing commas or syntax errors). */
  readonly strict: boolean;
  readonly lines: LineIndex;
  /** Nested past MAX_JSON_DEPTH: refused whole (nothing below is read). */
  readonly tooDeep: boolean;
  /** Syntax errors jsonc-parser recovered from (none for strict text). */
  readonly syntaxErrors: readonly ParseError[];
  /** The root value's span and whether it is an object; undefined when the text holds no value. */
  readonly root?: { offset: number; length: number; isObject: boolean };
  /** True when the root has a `nodes` array. */
  readonly hasNodes: boolean;
  /** Every element of the `nodes` array, in order, with its location. */
  readonly nodes: readonly NodeLocation[];
  /** The `nodes` array as parsed (`[]` when there is none), aligned with `nodes`. */
  readonly rawNodes: readonly unknown[];
  /** The root's `connections`, `name` and `id` values as parsed (undefined when absent). */
  readonly connections: unknown;
  readonly name: unknown;
  readonly id: unknown;
  /** Where a problem with `connections` is reported: its key, else the root's first character. */
  readonly connectionsAt: readonly [offset: number, length: number];
  /**
   * Whether an editor should treat the text as an n8n workflow: a root object with a `nodes`
   * array and a `connections` object, or broken text whose nodes have a `type` (so its syntax
   * error is still reported while someone types).
   */
  readonly isWorkflow: boolean;
}
