import type { Uri, VscodeApi } from '../api';
import type { WorkflowStore } from '../analysis/workflowStore';
import { estimateMarkdown } from '../render/markdown';
import { documentFor } from './breakdown';

/** The command that copies the active workflow's estimate to the clipboard as a Markdown table. */
export function createCopyMarkdownCommand(api: VscodeApi, store: WorkflowStore) {
  return async (uri?: Uri): Promise<string | undefined> => {
    const document = documentFor(api, uri);
    const entry = document && store.get(document);
    if (!entry?.analysis || entry.kind !== 'workflow') {
      await api.window.showInformationMessage('n8n Credits: open an n8n workflow JSON file to copy its estimate.');
      return undefined;
    }
    const markdown = estimateMarkdown(entry.analysis);
    await api.env.clipboard.writeText(markdown);
    await api.window.showInformationMessage('n8n Credits: estimate copied as Markdown.');
    return markdown;
  };
}
