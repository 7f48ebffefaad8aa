import { WebClient } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import type { RequestListener, Server } from 'node:http';
import type PgBoss from 'pg-boss';
import type { TwitterApi } from 'twitter-api-v2';
import { createSlackApp } from './bot/app';
import { createHttpServer, listen, type HealthCheck } from './bot/http-server';
import type { Config } from './config';
import { upsertAccount } from './db/accounts';
import { openDatabase, type Database } from './db/client';
import { welcomes } from './db/schema';
import type { Desk } from './desk/desk';
import { createBoss } from './jobs/boss';
import { startJobs, type RunningJobs } from './jobs/index';
import { createLogger, type Logger } from './logger';
import { createXClient, getAuthenticatedUser } from './x/api';

export interface RunningBot {
  port: number;
  desk: Desk;
  database: Database;
  jobs: RunningJobs;
  accountId: number;
  health(): HealthCheck;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
  /** How often the sweeper mends what a crash left (seconds); tests shorten it. */
  sweepIntervalSeconds?: number;
}

/**
 * Wires the bot together: database (migrated), Slack identity, X identity, jobs, listeners, and the
 * HTTP server. Everything with side effects is started here and nowhere else.
 */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const health: HealthCheck = { database: false, jobs: false, slack: false };
  let database: Database | undefined;
  let slackListener: RequestListener | null = null;

  // The server answers /healthz from the first moment: 503 until every part is up.
  const server: Server = createHttpServer({
    slack: (req, res) => (slackListener ? slackListener(req, res) : res.writeHead(404).end()),
    health: () => ({ ...health }),
    metrics: () => (database && health.database ? metricsText(database) : Promise.reject(new Error('starting'))),
  });
  const port = await listen(server, config.port);

  let boss: PgBoss | undefined;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await database.migrate();
    health.database = true;
    logger.info({ driver: database.driver, location: database.location }, 'database migrated');

    const slack = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl });
    const identity = await slack.auth.test();
    health.slack = true;

    const x = createXClient(config.x);
    const me = await getAuthenticatedUser(x);
    const account = await upsertAccount(
      database.db,
      { xUserId: me.id, handle: me.handle, name: me.name },
      config.account,
      config.slack.channelId,
    );
    logger.info({ account: me.handle, kind: account.kind, dmPolicy: account.dmPolicy, sendMode: account.sendMode }, 'X account ready');

    const startedBoss = createBoss(database);
    boss = startedBoss;
    startedBoss.on('error', (err) => logger.error({ err: { message: err.message } }, 'job queue error'));
    await startedBoss.start();

    const desk: Desk = {
      db: database.db,
      boss: startedBoss,
      slack,
      xClient: (): TwitterApi => x,
      logger,
      now: options.now ?? (() => new Date()),
      lang: config.deskLang,
    };
    const jobs = await startJobs(desk, {
      accountIds: [account.id],
      pollIntervalSeconds: config.pollIntervalSeconds,
      sweepIntervalSeconds: options.sweepIntervalSeconds,
    });
    health.jobs = true;

    const slackApp = createSlackApp(desk, {
      botToken: config.slack.botToken,
      signingSecret: config.slack.signingSecret,
      appToken: config.slack.appToken,
      apiUrl: config.slack.apiUrl,
      botId: identity.bot_id ?? '',
      botUserId: identity.user_id ?? '',
      logger,
    });
    slackListener = slackApp.requestListener;
    if (slackApp.mode === 'socket') await slackApp.app.start();
    logger.info({ port, slackMode: slackApp.mode }, 'accueil is ready');

    const openDatabaseHandle = database;
    return {
      port,
      desk,
      database: openDatabaseHandle,
      jobs,
      accountId: account.id,
      health: () => ({ ...health }),
      stop: async () => {
        health.jobs = false;
        await jobs.stop();
        if (slackApp.mode === 'socket') await slackApp.app.stop();
        await closeServer(server);
        await startedBoss.stop({ graceful: true, wait: true, timeout: 10_000 });
        await openDatabaseHandle.close();
      },
    };
  } catch (error) {
    // A half-started bot must not keep the port or the database open.
    await closeServer(server);
    await boss?.stop({ graceful: false, wait: true }).catch(() => {});
    await database?.close().catch(() => {});
    throw error;
  }
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** Prometheus text: welcomes by status, enough to alert on a stuck queue. */
async function metricsText(database: Database): Promise<string> {
  const rows = await database.db
    .select({ status: welcomes.status, n: sql<number>`count(*)::int` })
    .from(welcomes)
    .groupBy(welcomes.status);
  const lines = ['# HELP accueil_welcomes Welcomes by status.', '# TYPE accueil_welcomes gauge'];
  for (const row of rows) lines.push(`accueil_welcomes{status="${row.status}"} ${row.n}`);
  lines.push('# HELP accueil_process_rss_bytes Resident memory.', '# TYPE accueil_process_rss_bytes gauge');
  lines.push(`accueil_process_rss_bytes ${process.memoryUsage().rss}`);
  return `${lines.join('\n')}\n`;
}
