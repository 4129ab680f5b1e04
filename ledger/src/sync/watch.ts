/**
 * Runs `pass` now and then every `intervalMs` until `signal` aborts (SIGINT/SIGTERM in the CLI). A pass that fails
 * is reported through `onError` and tried again at the next interval: the checkpoint kept its place.
 */
export async function watchPasses<T>(options: {
  pass(): Promise<T>;
  intervalMs: number;
  signal: AbortSignal;
  onPass(result: T): void;
  onError(err: unknown): void;
}): Promise<number> {
  let passes = 0;
  while (!options.signal.aborted) {
    try {
      options.onPass(await options.pass());
    } catch (err) {
      options.onError(err);
    }
    passes++;
    if (options.signal.aborted) break;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, options.intervalMs);
      options.signal.addEventListener('abort', done);
    });
  }
  return passes;
}
