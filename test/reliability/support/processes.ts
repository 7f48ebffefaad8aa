// Spawning real bot processes that share one Postgres database and talk to the fakes over loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from '../../../src/sandbox/slack';
import type { FakeX } from '../../../src/sandbox/x';
import { DESK_CHANNEL, SIGNING_SECRET } from '../../helpers/desk';

const ENTRY = fileURLToPath(new URL('./bot-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  port: number;
  instanceId: string;
  eventsUrl: string;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function botEnv(opts: { databaseUrl: string; x: FakeX | { url: string; credentials: FakeX['credentials'] }; slack: FakeSlack; extra?: Record<string, string> }): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: opts.databaseUrl,
    SLACK_BOT_TOKEN: opts.slack.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL_ID: DESK_CHANNEL,
    SLACK_API_URL: opts.slack.apiUrl,
    PORT: '0',
    X_API_KEY: opts.x.credentials.apiKey,
    X_API_SECRET: opts.x.credentials.apiSecret,
    X_ACCESS_TOKEN: opts.x.credentials.accessToken,
    X_ACCESS_SECRET: opts.x.credentials.accessSecret,
    X_API_URL: opts.x.url,
    X_DM_POLICY: 'approved',
    OWN_DOMAINS: 'maison-lumen.fr',
    POLL_INTERVAL_SECONDS: '5',
    LOG_LEVEL: 'debug',
    ...opts.extra,
  };
}

/** Starts `accueil` as its own process and resolves once it serves. */
export async function spawnBot(env: Record<string, string>, timeoutMs = 60_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start within ${timeoutMs} ms:\n${output.slice(-3000)}`)), timeoutMs);
    const check = () => {
      const match = /READY (\d+) (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited (${code}) before it was ready:\n${output.slice(-3000)}`));
    });
  });
  const port = Number(ready[1]);
  return {
    child,
    port,
    instanceId: ready[2]!,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    output: () => output,
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
