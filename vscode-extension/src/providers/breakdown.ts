import type { TextDocument, Uri, VscodeApi } from '../api';
import type { WorkflowStore } from '../analysis/workflowStore';
import { estimateMarkdown } from '../render/markdown';
import { hoverMarkdown } from '../render/hover';

/** The document a command was given (by URI), else the active editor's. */
export function documentFor(api: VscodeApi, uri?: Uri): TextDocument | undefined {
  if (uri) return api.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return api.window.activeTextEditor?.document;
}

/**
 * The commands behind a lens click: the whole estimate, or one node's, opened beside the
 * workflow as a Markdown document.
 */
export function createBreakdownCommands(api: VscodeApi, store: WorkflowStore) {
  const open = async (content: string) => {
    const doc = await api.workspace.openTextDocument({ language: 'markdown', content });
    await api.window.showTextDocument(doc, { preview: true, viewColumn: -2 /* Beside */, preserveFocus: true });
    return content;
  };
  return {
    async showBreakdown(uri?: Uri): Promise<string | undefined> {
      const document = documentFor(api, uri);
      const entry = document && store.get(document);
      if (!entry?.analysis || entry.kind !== 'workflow') {
        await api.window.showInformationMessage('n8n Credits: the active file is not an n8n workflow.');
        return undefined;
      }
      return open(estimateMarkdown(entry.analysis));
    },
    async showNodeBreakdown(uri: Uri | undefined, name: string): Promise<string | undefined> {
      const document = documentFor(api, uri);
      const node = document && store.get(document)?.nodes.get(name)?.estimate;
      if (!node) return undefined;
      return open(hoverMarkdown(node, store.current.priceBook) + '\n');
    },
  };
}
