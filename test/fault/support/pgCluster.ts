/**
 * A private PostgreSQL cluster that a test may stop and start (the shared server at
 * 127.0.0.1:5432 is never touched): initdb into a temp folder, listen on a free port of 127.0.0.1,
 * run as the `postgres` user when we are root. Stopped and removed by `destroy()` and at exit.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../support/freePort';
import { initCluster, postgresBin, runAsPostgres } from '../../support/postgres';

export { postgresBin };

export interface Cluster {
  url: string;
  port: number;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}


/** Creates and starts a cluster. */
export async function startCluster(bin: string): Promise<Cluster> {
  const { dir, data } = initCluster(bin, 'n8c-fault-pg-');
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=50 -c shared_buffers=16MB`;
  const pgCtl = join(bin, 'pg_ctl');
  let destroyed = false;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => runAsPostgres(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    stop: (mode = 'fast') => runAsPostgres(pgCtl, ['-D', data, '-m', mode, '-w', 'stop']),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      const stop = [pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop'];
      const asRoot = process.getuid?.() === 0;
      spawnSync(asRoot ? 'runuser' : stop[0]!, asRoot ? ['-u', 'postgres', '--', ...stop] : stop.slice(1), { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  process.once('exit', cluster.destroy);
  cluster.start();
  return cluster;
}
