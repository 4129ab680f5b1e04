// Sets N8N_USER_FOLDER before n8n-core first reads it, however this module is reached.
import './environment';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LazyPackageDirectoryLoader, PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

type Loader = PackageDirectoryLoader;

/**
 * Loads the node types of n8n packages (each a directory with a package.json that has an `n8n`
 * field) the way n8n does, and returns them as the `INodeTypes` a `Workflow` needs.
 * Packages that ship `dist/known/nodes.json` (n8n-nodes-base) load lazily: a node's file is only
 * required when a workflow uses it, so the hundreds of nodes whose dependencies are not
 * installed here never load. Other packages (ours) load fully with `PackageDirectoryLoader`.
 */
export async function loadNodeTypes(packageDirs: string[]): Promise<INodeTypes> {
  const loaders = new Map<string, Loader>();
  for (const dir of packageDirs) {
    const lazy = existsSync(join(dir, 'dist', 'known', 'nodes.json'));
    const loader = lazy ? new LazyPackageDirectoryLoader(dir) : new PackageDirectoryLoader(dir);
    await loader.loadAll();
    loaders.set(loader.packageName, loader);
  }

  const getByName = (fullType: string): INodeType | IVersionedNodeType => {
    // A type is "<package>.<node>"; scoped packages carry a dot-free scope, so split at the last dot.
    const dot = fullType.lastIndexOf('.');
    const loader = dot > 0 ? loaders.get(fullType.slice(0, dot)) : undefined;
    if (loader === undefined) {
      throw new Error(`Unknown node type "${fullType}": no loaded package provides it (loaded: ${[...loaders.keys()].join(', ')})`);
    }
    return loader.getNode(fullType.slice(dot + 1)).type;
  };

  return {
    getByName,
    getByNameAndVersion: (fullType, version) => NodeHelpers.getVersionedNodeType(getByName(fullType), version),
    getKnownTypes: () => {
      const known: IDataObject = {};
      for (const [packageName, loader] of loaders) {
        for (const [name, details] of Object.entries(loader.known.nodes)) known[`${packageName}.${name}`] = details;
      }
      return known;
    },
  };
}
