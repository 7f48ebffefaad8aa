// The bot as it runs in production — `node bin/accueil.js start` from dist/, in its own process —
// and the bare Bolt app it is compared with, plus the memory of a whole process tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { scratchPostgres } from '../src/sandbox/scratch-postgres';
import { BENCH_SIGNING_SECRET, type Fakes } from './fixture';
import { waitUntil } from './lib';

export interface RunningProcess {
  child: ChildProcess;
  port: number;
  /** Spawn → ready (/healthz 200 for the bot, listening for the bare app), in ms. */
  readyMs: number;
  /** CPU time (user + system) the process tree had used when it was ready, in ms: wall time on an idle machine. */
  readyCpuMs: number;
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Node's flags for the bot, as `npm start` and bin/accueil.js's shebang pass them: a 1 MB young generation (~25 MB less at rest). */
export const BOT_NODE_FLAGS = ['--max-semi-space-size=1'];

/** `accueil start` from dist/ (fails when the build is missing: run `npm run build`). */
export async function spawnBuiltBot(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<RunningProcess> {
  if (!existsSync('dist/cli.js')) throw new Error('dist/ is missing: run `npm run build` first');
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...BOT_NODE_FLAGS, 'bin/accueil.js', 'start'], { env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the bot exited with ${code} before it was ready`))));
  exited.catch(() => {});
  const ready = waitUntil(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
    } catch {
      return false;
    }
  }, opts.timeoutMs ?? 180_000, 'the bot to be ready');
  await Promise.race([ready, exited]);
  return { child, port, readyMs: Math.round(performance.now() - started), readyCpuMs: treeCpuMs(child.pid!), eventsUrl: `http://127.0.0.1:${port}/slack/events`, stop: stopper(child) };
}

/** bench/bare-bolt.mjs: Bolt's HTTP receiver acking everything, by plain node. */
export async function spawnBareBolt(fakes: Fakes): Promise<RunningProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['bench/bare-bolt.mjs'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET, SLACK_BOT_TOKEN: fakes.slack.token, SLACK_API_URL: fakes.slack.apiUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the bare Bolt app exited with ${code}`)));
  });
  return { child, port, readyMs: Math.round(performance.now() - started), readyCpuMs: treeCpuMs(child.pid!), eventsUrl: `http://127.0.0.1:${port}/slack/events`, stop: stopper(child) };
}

/** User + system CPU time of a process tree so far, in ms (children that already exited count too). */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${member}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the command name.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks * 10;
}

/** CPU time (user + system) one process has used, without its children. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A process and all its descendants (Linux /proc). */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const taskDir = `/proc/${pids[i]}/task`;
    if (!existsSync(taskDir)) continue;
    for (const task of readdirSync(taskDir)) {
      try {
        const children = readFileSync(`${taskDir}/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended while we looked
      }
    }
  }
  return pids;
}

function sumOver(pid: number, file: 'smaps_rollup' | 'status', field: RegExp): number {
  let kb = 0;
  for (const member of processTree(pid)) {
    try {
      kb += Number(field.exec(readFileSync(`/proc/${member}/${file}`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}

/** Proportional set size of a process tree, in MB: shared pages count once across the tree. */
export const treePssMb = (pid: number): number => sumOver(pid, 'smaps_rollup', /^Pss:\s+(\d+)/m);

/** Resident set size of a process tree, in MB. */
export const treeRssMb = (pid: number): number => sumOver(pid, 'status', /VmRSS:\s+(\d+)/);

/** A fresh database on the benchmark's Postgres, dropped by `drop()`. */
export const scratchBenchPostgres = (adminUrl: string) => scratchPostgres(adminUrl, 'accueil_bench');
