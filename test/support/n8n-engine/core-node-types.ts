import type { INodeTypes } from 'n8n-workflow';
import { loadNodeTypes } from './load-node-types';
import { ensureNodesBasePackage } from './nodes-base-package';

const cache = new Map<string, Promise<INodeTypes>>();

/**
 * n8n's core nodes (`n8n-nodes-base`, fetched into the test cache on first use) plus any extra
 * package directories (e.g. our built package), loaded once per process per combination.
 */
export function loadCoreNodeTypes(extraPackageDirs: string[] = []): Promise<INodeTypes> {
  const dirs = [ensureNodesBasePackage(), ...extraPackageDirs];
  const key = dirs.join('\n');
  let nodeTypes = cache.get(key);
  if (nodeTypes === undefined) {
    nodeTypes = loadNodeTypes(dirs);
    cache.set(key, nodeTypes);
  }
  return nodeTypes;
}
