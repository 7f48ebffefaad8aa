// startup_ms and idle_rss_mb: `accueil start` as a real process on PGlite, from spawn to /healthz
// answering 200, then its resident memory after a few idle seconds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakes } from './fixture';
import { rssMb, sleep, waitUntil } from './lib';

export interface StartupRun {
  startup_ms: number;
  idle_rss_mb: number;
}

export interface StartupBenchResult {
  /** A restart on an existing embedded database: the everyday case. */
  startup_ms: number;
  idle_rss_mb: number;
  /** The very first start, which also creates the database (initdb) and runs every migration. */
  first_startup_ms: number;
  first_idle_rss_mb: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startOnce(env: Record<string, string>, idleMs: number): Promise<StartupRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/accueil.js', 'start'], { env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, stdio: 'ignore' });
  try {
    await waitUntil(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
      } catch {
        return false;
      }
    }, 60_000, 'the bot to be ready');
    const startupMs = performance.now() - started;
    await sleep(idleMs);
    return { startup_ms: Math.round(startupMs), idle_rss_mb: Math.round(rssMb(child.pid)) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function runStartupBench(restarts = 3, idleMs = 5000): Promise<StartupBenchResult> {
  const fakes = await startFakes();
  const dataDir = mkdtempSync(join(tmpdir(), 'accueil-bench-'));
  try {
    const env = fakes.env({ DATA_DIR: dataDir, POLL_INTERVAL_SECONDS: '3600' });
    const first = await startOnce(env, idleMs);
    const runs: StartupRun[] = [];
    for (let i = 0; i < restarts; i++) runs.push(await startOnce(env, idleMs));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return {
      startup_ms: median(runs.map((run) => run.startup_ms)),
      idle_rss_mb: median(runs.map((run) => run.idle_rss_mb)),
      first_startup_ms: first.startup_ms,
      first_idle_rss_mb: first.idle_rss_mb,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await fakes.close();
  }
}
