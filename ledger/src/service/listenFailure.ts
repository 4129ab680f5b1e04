/**
 * One line saying why the service could not listen, naming the address and what to do, or null when `err` is not
 * a listen failure. Without it a busy port read as a failure of the data folder, which it is not.
 */
export function describeListenFailure(err: unknown): string | null {
  const e = (err ?? {}) as { code?: unknown; syscall?: unknown; address?: unknown; port?: unknown };
  if (e.syscall !== 'listen') return null;
  const where = `${typeof e.address === 'string' ? e.address : '127.0.0.1'}:${String(e.port ?? '?')}`;
  if (e.code === 'EADDRINUSE') return `cannot listen on ${where}: the port is in use by another program; choose another with --port (or N8N_CREDITS_PORT)`;
  if (e.code === 'EACCES') return `cannot listen on ${where}: permission denied (ports below 1024 need privileges); choose another with --port`;
  if (e.code === 'EADDRNOTAVAIL') return `cannot listen on ${where}: this machine has no such address`;
  return `cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`;
}
