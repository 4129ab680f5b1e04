/** n8n's canvas note: never runs, costs nothing, is no finding and gets no cost hint. */
export function isStickyNote(type: string): boolean {
  return type === 'n8n-nodes-base.stickyNote';
}
