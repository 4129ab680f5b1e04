import type { Edge, Graph } from './buildGraph';
import type { Behaviour } from './describeNode';
import type { LoopInfo } from './findLoops';

/** Which bound of an estimate a pass computes. */
export type Scenario = 'expected' | 'min' | 'max';

/** What an agent or chain does with its sub-nodes per item. */
export interface AgentInfo {
  /** LLM calls per item, expected (1 for chains and agents without tools). */
  iterations: number;
  /** Most LLM calls per item (the agent's `maxIterations`, 10 by default; 1 for chains). */
  maxIterations: number;
  tools: number;
  /**
   * An agent's second model input (`ai_languageModel` index 1): n8n calls it only when the primary
   * model fails and `needsFallback` is on (`on-failure`), and never otherwise (`ignored`).
   */
  fallbackModel?: 'on-failure' | 'ignored';
}

/** Everything about a workflow that does not change between passes. */
export interface WorkflowModel {
  graph: Graph;
  order: number[];
  cut: Set<Edge>;
  loops: Map<number, LoopInfo>;
  behaviours: Behaviour[];
  agents: Array<AgentInfo | undefined>;
}

/** One factor on the way to a node's runs, linked to the factors before it. */
export interface PathLink {
  kind: 'trigger-items' | 'loop' | 'branch' | 'fan-out' | 'agent-iterations' | 'sub-workflow' | 'execute-once' | 'merge' | 'unreachable';
  node: string;
  description: string;
  factor: number;
  prev: PathLink | undefined;
}

/** Runs and items of every node in one pass (one trigger, one scenario). */
export interface PassResult {
  runs: Float64Array;
  /** Items the node works on per execution (after `executeOnce`). */
  inItems: Float64Array;
  /** Items on all its outputs per execution. */
  outItems: Float64Array;
  /** LLM calls (token nodes) or sub-workflow calls (Execute Workflow). */
  calls: Float64Array;
  path: Array<PathLink | undefined>;
  /** For each loop node reached: how often it was entered and how many batches it ran in all. */
  loopState: Map<number, { entries: number; iterations: number }>;
}
