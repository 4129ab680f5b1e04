import { escapeHtml } from './escape';
import { nodeDisplayName } from '../../../shared-pricing/src/price-book/nodeDisplayName';

/** A 16×16 outline glyph per kind of node (paths in a 16-unit box, drawn with the text colour). */
const GLYPHS: Record<string, string> = {
  trigger: 'M9 1 3 9h4l-1 6 6-8H8z',
  http: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13M1.5 8h13M8 1.5c2 2 2 11 0 13M8 1.5c-2 2-2 11 0 13',
  app: 'M6 2v3M10 2v3M4 5h8v3a4 4 0 0 1-8 0zM8 12v3',
  code: 'M5 4 1 8l4 4M11 4l4 4-4 4M9.5 2.5l-3 11',
  core: 'M2 4h12M2 8h12M2 12h12M5 2.5v3M11 6.5v3M7 10.5v3',
  delay: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13M8 4v4l3 2',
  subworkflow: 'M2 2h6v5H2zM8 9h6v5H8zM5 7v4.5h3',
  ai: 'M8 1.5 9.5 6.5 14.5 8 9.5 9.5 8 14.5 6.5 9.5 1.5 8 6.5 6.5z',
  other: 'M3 3h10v10H3z',
};

/** The glyph a price-book class is drawn with: `ai-llm`, `ai-agent`, … share one. */
function glyphOf(className: string | undefined): string {
  if (!className) return 'other';
  if (className.startsWith('ai-')) return 'ai';
  return GLYPHS[className] ? className : 'other';
}

/** An inline icon for a node type, by its price class; decorative, so hidden from screen readers. */
export function nodeIcon(className: string | undefined): string {
  const glyph = glyphOf(className);
  return `<svg class="node-icon icon-${glyph}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="${GLYPHS[glyph]}"/></svg>`;
}

/** A node type as the page shows it: icon and display name, the raw type id in the tooltip. */
export function nodeTypeHtml(type: string, classes: Record<string, string>): string {
  if (!type) return '<span class="node-type muted">(execution)</span>';
  return `<span class="node-type" title="${escapeHtml(type)}">${nodeIcon(classes[type])}${escapeHtml(nodeDisplayName(type))}</span>`;
}
