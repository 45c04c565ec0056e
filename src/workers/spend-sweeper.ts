// Reclaims expired spend holds in the background. Authorization already
// reclaims a member's expired holds lazily; the sweep keeps period totals
// honest for members nobody asks about.

export interface SpendSweeper {
  stop(): Promise<void>;
}

export function startSpendSweeper(options: { sweep: () => Promise<unknown>; intervalMs: number; onError: (error: unknown) => void }): SpendSweeper {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = options.sweep().catch(options.onError).finally(() => (running = undefined));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
