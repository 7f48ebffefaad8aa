// The embedded server listens on 127.0.0.1, where any local user reaches it: it must ask every
// connection for the password only the bot's data directory holds. Real servers here: a connection
// without the password or with a wrong one is refused, the bot's is accepted, the password file is
// the bot's alone, the build's template carries no password that works, and a cluster of the
// previous accueil (trust, no password file) gets a password on its next start.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { chownTree, PASSWORD_FILE, postgresBinaries, serverUser, templateDir } from '../../src/db/embedded-cluster';
import { clusterDirOf, startEmbeddedServer, stopServerIn, type EmbeddedServer } from '../../src/db/embedded-server';

let root: string;
let dataDir: string;
const quiet = () => {};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'accueil-auth-'));
  // Run as root, the server runs as the postgres user, who must be able to enter the directories above DATA_DIR.
  chmodSync(root, 0o755);
  dataDir = join(root, 'data');
});
afterEach(async () => {
  await stopServerIn(dataDir);
  rmSync(root, { recursive: true, force: true });
});

/** What the server answers a connection to its port as `postgres` with this password (undefined: none given). */
async function tryConnect(port: number, password: string | undefined): Promise<string> {
  const sql = postgres({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', ...(password !== undefined && { password }), max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const [row] = await sql<{ ok: number }[]>`select 1 as ok`;
    return row?.ok === 1 ? 'accepted' : 'no row';
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `refused: ${code ?? ''} ${message}`;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const hasTemplate = existsSync(join(templateDir(), 'PG_VERSION'));

describe('the embedded server’s password', () => {
  it('refuses a connection without the password or with a wrong one, accepts the bot’s, and keeps the password to the bot', async () => {
    const database = await openDatabase({ dataDir, embedded: { progress: quiet } });
    let port: number;
    let password: string;
    try {
      expect((await database.executeSql('select current_user as who')).rows[0]?.who).toBe('postgres');
      port = database.embedded!.port;
      const file = join(clusterDirOf(dataDir), PASSWORD_FILE);
      password = readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 32 bytes or more, base64url
      const stat = statSync(file);
      expect(stat.mode & 0o777).toBe(0o600);
      expect(stat.uid).toBe(process.getuid!());

      expect(await tryConnect(port, undefined)).toMatch(/^refused: /);
      expect(await tryConnect(port, '')).toMatch(/^refused: /);
      expect(await tryConnect(port, 'postgres')).toMatch(/^refused: 28P01 /);
      expect(await tryConnect(port, `${password}x`)).toMatch(/^refused: 28P01 /);
      expect(await tryConnect(port, password)).toBe('accepted');

      // Stored hashed, and never on the server's command line (ps) or in its log.
      const { rows } = await database.executeSql("select rolpassword from pg_authid where rolname = 'postgres'");
      expect(String(rows[0]?.rolpassword)).toMatch(/^SCRAM-SHA-256\$/);
      expect(String(rows[0]?.rolpassword)).not.toContain(password);
      expect(readFileSync(`/proc/${database.embedded!.pid}/cmdline`, 'utf8')).not.toContain(password);
      expect(readFileSync(join(dataDir, 'postgres.log'), 'utf8')).not.toContain(password);
      expect(readFileSync(join(clusterDirOf(dataDir), 'pg_hba.conf'), 'utf8')).not.toMatch(/^\s*host.*\btrust\b/m);
    } finally {
      await database.close();
    }

    // The next start on this cluster gives the same password (adoption after a kill -9: embedded-server.test.ts); another cluster gets another one.
    const again = await startEmbeddedServer(dataDir, { progress: quiet });
    try {
      expect(again.url).toContain(`:${password}@`);
      expect(await tryConnect(again.port, password)).toBe('accepted');
    } finally {
      await again.stop();
    }
    const other = join(root, 'other');
    const second = await startEmbeddedServer(other, { progress: quiet });
    try {
      const its = readFileSync(join(clusterDirOf(other), PASSWORD_FILE), 'utf8').trim();
      expect(its).not.toBe(password);
      expect(await tryConnect(second.port, password)).toMatch(/^refused: 28P01 /);
      expect(await tryConnect(second.port, its)).toBe('accepted');
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('is set by initdb when there is no template, and asked of every connection just the same', async () => {
    const server = await startEmbeddedServer(dataDir, { template: join(root, 'no-template'), progress: quiet });
    try {
      const file = join(clusterDirOf(dataDir), PASSWORD_FILE);
      const password = readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(file).uid).toBe(process.getuid!());
      expect(await tryConnect(server.port, undefined)).toMatch(/^refused: /);
      expect(await tryConnect(server.port, 'postgres')).toMatch(/^refused: 28P01 /);
      expect(await tryConnect(server.port, password)).toBe('accepted');
      // Nothing left beside the cluster: initdb's password file went with the staging directory.
      expect(readFileSync(join(dataDir, 'postgres.log'), 'utf8')).not.toContain(password);
    } finally {
      await server.stop();
    }
    expect(spawnSync('ls', [dataDir], { encoding: 'utf8' }).stdout.split('\n').filter((name) => name.includes('.creating-'))).toEqual([]);
  }, 120_000);

  it.skipIf(!hasTemplate)('is not in the build’s template: no password file, no trust line, and no password that works', async () => {
    expect(existsSync(join(templateDir(), PASSWORD_FILE))).toBe(false);
    expect(readFileSync(join(templateDir(), 'pg_hba.conf'), 'utf8')).not.toMatch(/^\s*(host|local).*\btrust\b/m);
    // The template's superuser has no password at all (NULL: none matches): asked in single-user mode.
    const copy = join(root, 'template-copy');
    cpSync(templateDir(), copy, { recursive: true });
    rmSync(join(copy, 'postmaster.opts'), { force: true });
    chmodSync(copy, 0o700);
    const owner = serverUser();
    if (owner) chownTree(copy, owner);
    const { postgres: bin } = await postgresBinaries();
    const single = spawn(bin, ['--single', '-D', copy, 'postgres'], { ...(owner ?? {}), env: { LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    single.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    single.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    single.stdin.end("select (rolpassword is null)::text as cleared from pg_authid where rolname = 'postgres';\n");
    expect(await new Promise((done) => single.once('close', done))).toBe(0);
    expect(output).toMatch(/cleared = "true"/);

    // And a server started on the template as it is refuses every password one could guess.
    const server = await startRaw(copy);
    try {
      for (const guess of [undefined, '', 'postgres']) expect(await tryConnect(server.port, guess)).toMatch(/^refused: /);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it.skipIf(!hasTemplate)('gives a password to a cluster of the previous accueil (trust, no password file) on its next start', async () => {
    // What the previous commit made: the template copied, every host connection trusted, no password file.
    const clusterDir = clusterDirOf(dataDir);
    mkdirSync(dataDir, { recursive: true });
    cpSync(templateDir(), clusterDir, { recursive: true });
    rmSync(join(clusterDir, 'postmaster.opts'), { force: true });
    writeFileSync(join(clusterDir, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\n');
    chmodSync(clusterDir, 0o700);
    const owner = serverUser();
    if (owner) chownTree(clusterDir, owner);

    // Its server still running for a live process (an older bot): left alone, with a clear refusal.
    const older = await startRaw(clusterDir);
    const bot = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dataDir, 'postgres.owner'), JSON.stringify({ pid: bot.pid, started: null }));
      await expect(startEmbeddedServer(dataDir, { progress: quiet })).rejects.toThrow(/has no password yet .* in use by process/);
      expect(await tryConnect(older.port, undefined)).toBe('accepted'); // still the old trust server, untouched
    } finally {
      bot.kill('SIGKILL');
    }
    await new Promise((done) => bot.once('exit', done));

    // Its owner gone, the next start stops that server and gives the cluster its password.
    const lines: string[] = [];
    const server: EmbeddedServer = await startEmbeddedServer(dataDir, { progress: (line) => lines.push(line) });
    await older.stopped;
    try {
      const password = readFileSync(join(clusterDir, PASSWORD_FILE), 'utf8').trim();
      expect(lines.join('\n')).toContain('now asks every connection for a password');
      expect(lines.join('\n')).not.toContain(password);
      expect(await tryConnect(server.port, undefined)).toMatch(/^refused: /);
      expect(await tryConnect(server.port, password)).toBe('accepted');
    } finally {
      await server.stop();
    }
  }, 120_000);
});

/** The server on a cluster as it is (no password set by accueil), on a free port; for the template test. */
async function startRaw(cluster: string): Promise<{ port: number; stopped: Promise<unknown>; stop(): Promise<void> }> {
  const { postgres: bin } = await postgresBinaries();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const owner = serverUser();
  const child = spawn(bin, ['-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], { ...(owner ?? {}), cwd: cluster, env: { LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  const deadline = Date.now() + 60_000;
  while (!/ready to accept connections/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the template's server did not start: ${log}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    port,
    stopped: exited,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}
