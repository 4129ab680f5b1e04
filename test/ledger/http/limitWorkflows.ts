/** Generated workflows for the limits tests: long chains (slow to analyse) and doubling diamonds (too costly to price). */

interface GeneratedWorkflow {
  nodes: Array<{ name: string; type: string; typeVersion: number; position: [number, number]; parameters: object }>;
  connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
}

const node = (name: string, type: string, x: number, y = 0) => ({ name, type, typeVersion: 1, position: [x, y] as [number, number], parameters: {} });
const to = (...names: string[]) => ({ main: [names.map((n) => ({ node: n, type: 'main' as const, index: 0 }))] });

/** A manual trigger followed by `n - 1` HTTP Request nodes in a line: `n` nodes, `n - 1` connections. */
export function chainWorkflow(n: number): GeneratedWorkflow {
  const nodes = [node('Start', 'n8n-nodes-base.manualTrigger', 0)];
  const connections: GeneratedWorkflow['connections'] = {};
  for (let i = 1; i < n; i++) {
    nodes.push(node(`Step ${i}`, 'n8n-nodes-base.httpRequest', i * 200));
    connections[i === 1 ? 'Start' : `Step ${i - 1}`] = to(`Step ${i}`);
  }
  return { nodes, connections };
}

/**
 * `k` diamonds in a row: each splits into two branches that join again, so the items reaching the next diamond double.
 * After 60 of them one execution would run about 2^60 items: more millicredits than a safe integer holds.
 */
export function diamondsWorkflow(k: number): GeneratedWorkflow {
  const nodes = [node('Start', 'n8n-nodes-base.manualTrigger', 0)];
  const connections: GeneratedWorkflow['connections'] = {};
  let previous = 'Start';
  for (let i = 0; i < k; i++) {
    const [a, b, join] = [`A${i}`, `B${i}`, `Join ${i}`];
    nodes.push(node(a, 'n8n-nodes-base.set', i * 600 + 200, -100), node(b, 'n8n-nodes-base.set', i * 600 + 200, 100), node(join, 'n8n-nodes-base.httpRequest', i * 600 + 400));
    connections[previous] = to(a, b);
    connections[a] = to(join);
    connections[b] = to(join);
    previous = join;
  }
  return { nodes, connections };
}
