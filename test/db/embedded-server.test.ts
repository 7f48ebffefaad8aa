// The embedded PostgreSQL's lifecycle, with real processes: a process that opens it as the bot does
// (test/db/support/embedded-child.ts) is killed with SIGKILL at any moment — during its first start
// too — and the next start must be ready with every committed row; the server a killed process
// left running is adopted, a live process's server is shared and never taken from it, a stale
// postmaster.pid does not block a start, and a stop leaves no server behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_FILE } from '../../src/db/embedded-cluster';
import { clusterDirOf, findRunningServer, stopServerIn } from '../../src/db/embedded-server';

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first line that `match` accepts. */
  next(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const CHILD = join(import.meta.dirname, 'support', 'embedded-child.ts');
let root: string;
let dataDir: string;
const children: Child[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'accueil-embedded-'));
  // Run as root, the server runs as the postgres user, who must be able to enter the directories above DATA_DIR.
  chmodSync(root, 0o755);
  dataDir = join(root, 'data');
});
afterEach(async () => {
  for (const child of children.splice(0)) child.process.kill('SIGKILL');
  await stopServerIn(dataDir);
  rmSync(root, { recursive: true, force: true });
});

function start(): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => (done(code), waiters.splice(0).forEach((wake) => wake()))));
  const handle: Child = {
    process: child,
    lines,
    exited,
    next: async (match, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(match);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the child left (${child.exitCode ?? child.signalCode}): ${stderr}`);
        if (Date.now() > deadline) throw new Error(`no such line within ${timeoutMs} ms: ${stderr}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
    },
  };
  children.push(handle);
  return handle;
}

const lastCommitted = (child: Child) => Math.max(0, ...child.lines.filter((line) => 'committed' in line).map((line) => Number(line.committed)));

async function killHard(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}

async function stopGently(child: Child): Promise<void> {
  child.process.kill('SIGTERM');
  expect(await child.exited).toBe(0);
  expect(findRunningServer(clusterDirOf(dataDir))).toBeNull();
  expect(existsSync(join(clusterDirOf(dataDir), 'postmaster.pid'))).toBe(false);
}

describe('the embedded PostgreSQL', () => {
  it('comes back whole after a kill -9 at a random moment of a first start, and a stop leaves no server', async () => {
    for (const delayMs of [0, 150 + Math.floor(Math.random() * 400), 600 + Math.floor(Math.random() * 1400)]) {
      rmSync(dataDir, { recursive: true, force: true });
      const first = start();
      await new Promise((done) => setTimeout(done, delayMs));
      await killHard(first);
      const committed = lastCommitted(first);
      // None or whole: a cluster in place always has its password (set before it is moved in).
      if (existsSync(join(clusterDirOf(dataDir), 'PG_VERSION'))) expect(existsSync(join(clusterDirOf(dataDir), PASSWORD_FILE))).toBe(true);

      const next = start();
      const ready = await next.next((line) => 'ready' in line);
      expect(Number(ready.rows)).toBeGreaterThanOrEqual(committed);
      await next.next((line) => Number(line.committed) > Number(ready.rows));
      await stopGently(next);
      // Nothing left beside the cluster: no staging copy of a first start.
      expect(spawnSync('ls', [dataDir], { encoding: 'utf8' }).stdout.split('\n').filter((name) => name.includes('.creating-'))).toEqual([]);
    }
  }, 240_000);

  it('adopts the server a killed process left running, with every committed row', async () => {
    const first = start();
    const ready = await first.next((line) => 'ready' in line);
    expect(ready.ready).toBe('started');
    await first.next((line) => Number(line.committed) >= 10);
    await killHard(first);
    const committed = lastCommitted(first);
    // The orphan still runs, holding the data directory.
    expect(findRunningServer(clusterDirOf(dataDir))?.pid).toBe(ready.pid);

    const next = start();
    const again = await next.next((line) => 'ready' in line);
    expect(again).toMatchObject({ ready: 'adopted', pid: ready.pid, port: ready.port });
    expect(Number(again.rows)).toBeGreaterThanOrEqual(committed);
    await stopGently(next);
  }, 120_000);

  it('shares a live process’s server without taking it: the second one’s stop leaves it running', async () => {
    const owner = start();
    const ready = await owner.next((line) => 'ready' in line);
    const guest = start();
    expect(await guest.next((line) => 'ready' in line)).toMatchObject({ ready: 'shared', pid: ready.pid });
    guest.process.kill('SIGTERM');
    expect(await guest.exited).toBe(0);
    expect(findRunningServer(clusterDirOf(dataDir))?.pid).toBe(ready.pid);
    const before = lastCommitted(owner);
    await owner.next((line) => Number(line.committed) > before + 3);
    await stopGently(owner);
  }, 120_000);

  it('starts past a stale postmaster.pid whose process is gone', async () => {
    const first = start();
    const ready = await first.next((line) => 'ready' in line);
    await stopGently(first);
    // What a crash of the whole machine leaves: a postmaster.pid naming a process that is no more.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const pidFile = join(clusterDirOf(dataDir), 'postmaster.pid');
    writeFileSync(pidFile, `${dead}\n${clusterDirOf(dataDir)}\n1700000000\n${String(ready.port)}\n\n127.0.0.1\n0 0\nready\n`);
    const next = start();
    expect(await next.next((line) => 'ready' in line)).toMatchObject({ ready: 'started' });
    expect(readFileSync(pidFile, 'utf8').split('\n')[0]).not.toBe(dead);
    await stopGently(next);
  }, 120_000);
});
