// The embedded database: a real PostgreSQL server beside the bot, in DATA_DIR, which the bot talks
// to like any other Postgres (postgres.js and pg-boss, over 127.0.0.1). This module starts it, finds
// one a killed bot left running, and stops it.
//
// DATA_DIR holds `postgres/` (the cluster, with `accueil.password`, the superuser's password every
// connection gives: see embedded-cluster.ts), `postgres.log` (the server's own log) and
// `postgres.owner` (which process started or adopted the server). The server runs detached, so it
// outlives a `kill -9` of the bot; the next start finds it through `postmaster.pid` and adopts it
// (same settings, its owner dead) or stops it and starts anew.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { EMBEDDED_USER, ensureCluster, PASSWORD_FILE, postgresBinaries, readPassword, secureCluster, serverUser, templateDir } from './embedded-cluster';

export interface EmbeddedServer {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres — it holds the password: never log it (`redactUrl`). */
  url: string;
  port: number;
  pid: number;
  /** How this process got the server: started it, adopted one a killed bot left, or shares one a live process runs. */
  how: 'started' | 'adopted' | 'shared';
  /** Fast shutdown (a server shared with a live process is left running). */
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  /** Connections the server accepts: the bot's pool (10) + pg-boss (4) + a margin for commands run beside it. */
  maxConnections?: number;
  /** More settings (the test suite's throw-away server turns fsync off). */
  settings?: Record<string, string>;
  progress?: (line: string) => void;
  template?: string;
}

export const clusterDirOf = (dataDir: string): string => join(resolve(dataDir), 'postgres');
const ownerFileOf = (dataDir: string): string => join(resolve(dataDir), 'postgres.owner');
const logFileOf = (dataDir: string): string => join(resolve(dataDir), 'postgres.log');

/**
 * What the server runs with, on its command line (so a cluster copied from an older template gets
 * today's settings). A small desk needs little: a 16 MB buffer pool, few connections, small WAL;
 * the loopback only, no Unix socket (two bots never share a socket directory), UTC sessions.
 */
export function serverSettings(maxConnections: number): Record<string, string> {
  return {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: String(maxConnections),
    superuser_reserved_connections: '2',
    shared_buffers: '16MB',
    max_wal_size: '128MB',
    min_wal_size: '32MB',
    timezone: 'UTC',
    log_timezone: 'UTC',
    max_worker_processes: '4',
    max_parallel_workers: '2',
    max_parallel_workers_per_gather: '0',
    jit: 'off',
  };
}

/** Starts the embedded server in `dataDir` (creating its cluster on a first start), or adopts the one a killed bot left there. */
export async function startEmbeddedServer(dataDir: string, opts: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const clusterDir = clusterDirOf(dataDir);
  if (existsSync(join(resolve(dataDir), 'PG_VERSION')) && !existsSync(clusterDir)) {
    throw new Error(
      `${dataDir} holds a database of an earlier accueil (PGlite), which this version no longer runs; ` +
        'move it aside (or point DATA_DIR elsewhere) to start on the embedded PostgreSQL, or set DATABASE_URL.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  letServerUserIn(dataDir);
  await ensureCluster(clusterDir, opts.progress, opts.template ?? templateDir());
  if (!readPassword(clusterDir)) await givePassword(dataDir, clusterDir, opts.progress);
  const settings = { ...serverSettings(opts.maxConnections ?? 20), ...opts.settings };
  try {
    return await startOrFind(dataDir, clusterDir, settings);
  } catch (error) {
    // Two processes started at once: the other's server took the cluster first; find it and share it.
    if (!/lock file .* already exists/i.test(String(error))) throw error;
    return await startOrFind(dataDir, clusterDir, settings);
  }
}

/**
 * Run as root, the server's user must be able to reach its cluster through DATA_DIR (a 0700
 * directory made by mkdtemp, say) — from the first start's password step on; what DATA_DIR holds
 * besides stays root's.
 */
function letServerUserIn(dataDir: string): void {
  const owner = serverUser();
  if (!owner) return;
  chmodSync(dataDir, statSync(dataDir).mode | 0o711);
  const closed = closedAncestor(resolve(dataDir), owner);
  if (closed) {
    throw new Error(
      `the embedded PostgreSQL runs as the ${EMBEDDED_USER} user (Postgres refuses root), which cannot enter ${closed}; ` +
        `allow it (chmod o+x ${closed}), put DATA_DIR elsewhere, or run accueil as a normal user.`,
    );
  }
}

/**
 * A cluster made by an accueil whose embedded server trusted every local connection (no password
 * file): its server, if one a killed bot left still runs, is stopped, and the cluster gets a
 * password like a new one.
 * Killed half-way, the next start does it again (the file is written last).
 */
async function givePassword(dataDir: string, clusterDir: string, progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<void> {
  // A live process's server is not taken from it (an older bot still running): it is stopped first, by whoever runs it.
  const owner = readOwner(dataDir);
  if (findRunningServer(clusterDir) && owner && owner.pid !== process.pid && sameProcess(owner)) {
    throw new Error(
      `the embedded database in ${clusterDir} has no password yet (${PASSWORD_FILE}) and its server is in use by process ${owner.pid}; ` +
        'stop that process (the running accueil), then start again: the database then gets its password.',
    );
  }
  await stopServerIn(dataDir);
  // As startOrFind does: a postmaster.pid whose pid is someone else's by now would stop postgres --single.
  const stale = readPidFile(clusterDir);
  if (stale && alive(stale.pid) && !isServerOf(stale.pid, clusterDir)) rmSync(join(clusterDir, 'postmaster.pid'), { force: true });
  await secureCluster(clusterDir);
  progress(`accueil: the embedded database in ${clusterDir} now asks every connection for a password (kept in ${join(clusterDir, PASSWORD_FILE)}).`);
}

async function startOrFind(dataDir: string, clusterDir: string, settings: Record<string, string>): Promise<EmbeddedServer> {
  const running = findRunningServer(clusterDir);
  if (running) {
    const owner = readOwner(dataDir);
    // The owner may be this very process (the demo opens its database twice): shared as well.
    const ownerAlive = owner !== null && sameProcess(owner);
    const sameSettings = Object.entries(settings).every(([name, value]) => running.settings[name] === value);
    if (await waitReady(clusterDir, running.pid, 30_000)) {
      // Another live process (the running bot, beside a command such as `accueil digest`): use it, leave it be.
      if (ownerAlive) return handle(running.pid, running.port, 'shared', null, dataDir, clusterDir);
      if (sameSettings) {
        writeOwner(dataDir);
        return handle(running.pid, running.port, 'adopted', null, dataDir, clusterDir);
      }
    }
    await stopPid(running.pid, null);
  }
  // Postgres itself starts past a postmaster.pid whose process is gone, but not past one whose pid
  // belongs to another process by now (after a reboot, say): that one is removed. Never any other:
  // a server starting this very moment may have just written it.
  const stale = readPidFile(clusterDir);
  if (stale && alive(stale.pid) && !isServerOf(stale.pid, clusterDir)) rmSync(join(clusterDir, 'postmaster.pid'), { force: true });
  return startNew(dataDir, clusterDir, settings);
}

async function startNew(dataDir: string, clusterDir: string, settings: Record<string, string>): Promise<EmbeddedServer> {
  const { postgres } = await postgresBinaries();
  const owner = serverUser();
  rotateLog(logFileOf(dataDir));
  let lastError: Error | undefined;
  // A free port is taken when we look and used a moment later: another process can take it in between.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ['-D', clusterDir, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
    const log = openSync(logFileOf(dataDir), 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(postgres, args, {
        ...(owner ?? {}),
        cwd: clusterDir,
        detached: true,
        env: { LC_ALL: 'C', TZ: 'UTC' },
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
    child.unref();
    const exited = new Promise<number | null>((done) => {
      child.once('exit', (code) => done(code));
      child.once('error', () => done(-1));
    });
    writeOwner(dataDir);
    const ready = await Promise.race([waitReady(clusterDir, child.pid!, 60_000), exited.then(() => false)]);
    if (ready) return handle(child.pid!, port, 'started', child, dataDir, clusterDir);
    if (child.exitCode === null) await stopPid(child.pid!, child);
    lastError = new Error(`the embedded PostgreSQL did not start in ${clusterDir}: ${logTail(logFileOf(dataDir))}`);
    if (!/could not bind|Address already in use/i.test(lastError.message)) break;
  }
  throw lastError!;
}

function handle(pid: number, port: number, how: EmbeddedServer['how'], child: ChildProcess | null, dataDir: string, clusterDir: string): EmbeddedServer {
  const password = readPassword(clusterDir);
  if (!password) throw new Error(`the embedded database in ${clusterDir} has no ${PASSWORD_FILE}`);
  let stopped = false;
  // A bot that exits without stopping (an uncaught error, process.exit) still asks for a fast shutdown.
  const onExit = () => {
    if (!stopped && how !== 'shared') signal(pid, 'SIGINT');
  };
  process.once('exit', onExit);
  return {
    url: `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/postgres`,
    port,
    pid,
    how,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      if (how === 'shared') return;
      await stopPid(pid, child);
      const owner = readOwner(dataDir);
      if (owner?.pid === process.pid) rmSync(ownerFileOf(dataDir), { force: true });
    },
  };
}

/** Fast shutdown (SIGINT): open sessions are ended, the data written; immediate (SIGQUIT) when that takes over 15 s. */
async function stopPid(pid: number, child: ChildProcess | null): Promise<void> {
  const gone = child
    ? () => child.exitCode !== null || child.signalCode !== null
    : () => !alive(pid);
  if (gone()) return;
  signal(pid, 'SIGINT');
  if (await waitFor(gone, 15_000)) return;
  signal(pid, 'SIGQUIT');
  if (await waitFor(gone, 5_000)) return;
  signal(pid, 'SIGKILL');
  await waitFor(gone, 5_000);
}

interface RunningServer {
  pid: number;
  port: number;
  settings: Record<string, string>;
}

/**
 * The server `postmaster.pid` names, when that process is alive and is a postgres whose working
 * directory is this cluster (a pid of a dead server can belong to anything by now).
 */
export function findRunningServer(clusterDir: string): RunningServer | null {
  const pidFile = readPidFile(clusterDir);
  if (!pidFile || !alive(pidFile.pid) || !isServerOf(pidFile.pid, clusterDir)) return null;
  const { pid, port } = pidFile;
  const settings: Record<string, string> = {};
  try {
    // postmaster.opts: the server's command line, each argument in double quotes.
    const opts = readFileSync(join(clusterDir, 'postmaster.opts'), 'utf8');
    for (const match of opts.matchAll(/"-c" "([^"=]+)=([^"]*)"/g)) settings[match[1]!] = match[2]!;
  } catch {
    // no opts: the settings cannot be compared, and the server is restarted
  }
  return { pid, port, settings };
}

/** postmaster.pid's first lines: the server's pid and port. */
function readPidFile(clusterDir: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(lines[3]) } : null;
  } catch {
    return null;
  }
}

/** Whether a live process is a postgres working in this cluster (its current directory). */
function isServerOf(pid: number, clusterDir: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(clusterDir) && Boolean(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]?.endsWith('postgres'));
  } catch {
    // Not Linux (no /proc), or not ours to look at: trust postmaster.pid while the pid is alive.
    return alive(pid);
  }
}

/** Ready when postmaster.pid's status line says so (the server accepts connections); false if the process left first. */
async function waitReady(clusterDir: string, pid: number, timeoutMs: number): Promise<boolean> {
  return waitFor(() => {
    if (!alive(pid)) return true;
    try {
      const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
      return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
    } catch {
      return false;
    }
  }, timeoutMs).then((done) => done && alive(pid));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((done) => setTimeout(done, pause));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped) answers signal 0 too.
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** The process that started or adopted the server: its pid and start time (so a reused pid is not taken for it). */
interface Owner {
  pid: number;
  started: string | null;
}

function processStart(pid: number): string | null {
  try {
    // Field 22 of /proc/PID/stat, after the command name in parentheses.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function writeOwner(dataDir: string): void {
  const file = ownerFileOf(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, started: processStart(process.pid) }));
  renameSync(`${file}.tmp`, file);
}

function readOwner(dataDir: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(ownerFileOf(dataDir), 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

function sameProcess(owner: Owner): boolean {
  return alive(owner.pid) && (owner.started === null || processStart(owner.pid) === owner.started);
}

/** The first directory above `dir` that the server's user cannot enter, if any. */
function closedAncestor(dir: string, user: { uid: number; gid: number }): string | null {
  for (let at = dirname(dir); ; at = dirname(at)) {
    const { mode, uid, gid } = statSync(at);
    const enters = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!enters) return at;
    if (dirname(at) === at) return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The log keeps the last start's lines and the one before (10 MB at most each). */
function rotateLog(file: string): void {
  try {
    if (statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.old`);
  } catch {
    // no log yet
  }
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' | ') || '(empty log)';
  } catch {
    return '(no log)';
  }
}

/** Stops the server running in `dataDir`, if any (the demo empties its directory; tests clean up after a kill -9). */
export async function stopServerIn(dataDir: string): Promise<void> {
  const running = findRunningServer(clusterDirOf(dataDir));
  if (running) await stopPid(running.pid, null);
}
