// restart_ms and first_start_ms: `accueil start` from dist/ as a real process on the embedded
// database, from spawn to /healthz answering 200 — on an empty data directory (the cluster comes
// from the build's template), then again on the same directory (a restart).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakes } from './fixture';
import { spawnBuiltBot, treeRssMb } from './processes';

export interface StartupBenchResult {
  /** A restart on an existing embedded database: the everyday case (median). */
  restart_ms: number;
  /** The very first start, on an empty data directory (median). */
  first_start_ms: number;
  first_start_runs_ms: number[];
  /** CPU time used by ready (median), which is what the wall time comes to on an idle machine. */
  first_start_cpu_ms: number;
  restart_cpu_ms: number;
  restart_runs_ms: number[];
  /** The bot's resident memory a second after a restart. */
  restart_rss_mb: number;
}

export async function runStartupBench(runs = 3): Promise<StartupBenchResult> {
  const fakes = await startFakes();
  const first: number[] = [];
  const restart: number[] = [];
  const firstCpu: number[] = [];
  const restartCpu: number[] = [];
  let rss = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'accueil-bench-'));
      // Under root the server runs as the postgres user, who must be able to enter it.
      chmodSync(dataDir, 0o755);
      try {
        const env = fakes.env({ DATA_DIR: join(dataDir, 'data'), POLL_INTERVAL_SECONDS: '3600' });
        const fresh = await spawnBuiltBot(env);
        first.push(fresh.readyMs);
        firstCpu.push(fresh.readyCpuMs);
        await fresh.stop();
        const again = await spawnBuiltBot(env);
        restart.push(again.readyMs);
        restartCpu.push(again.readyCpuMs);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        rss = treeRssMb(again.child.pid!);
        await again.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await fakes.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { restart_ms: median(restart), first_start_ms: median(first), first_start_runs_ms: first, first_start_cpu_ms: median(firstCpu), restart_cpu_ms: median(restartCpu), restart_runs_ms: restart, restart_rss_mb: Math.round(rss) };
}
