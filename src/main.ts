import { WebClient } from '@slack/web-api';
import type { RequestListener, Server } from 'node:http';
import type PgBoss from 'pg-boss';
import { createSlackApp } from './bot/app';
import { createCardPublisher } from './bot/cards';
import { createThreadPublisher } from './bot/threads';
import { createAnswerThreads } from './bot/answer-threads';
import { createHttpServer, listen, type HealthCheck } from './bot/http-server';
import type { Config } from './config';
import { createMetrics, type Metrics } from './bot/metrics';
import { upsertAccount, listAccounts, setAccountCredentials, savedOverEnvironment } from './db/accounts';
import { openDatabase, type Database } from './db/client';
import type { XAccountRow } from './db/schema';
import { createAccountClients, sealOAuth1 } from './desk/accounts';
import { createApproverCheck } from './desk/authorize';
import { seedBuiltInTemplates } from './desk/templates';
import { xEventHandlers } from './desk/x-events';
import { probeDependencies } from './jobs/health';
import type { Desk } from './desk/desk';
import type { BotDesk } from './bot/deps';
import { createBoss } from './jobs/boss';
import { startDigestJobs } from './jobs/digest';
import { startExpiryJobs } from './jobs/expiry';
import { startJobs, type RunningJobs } from './jobs/index';
import { startTrackingJobs } from './jobs/tracking';
import { createLogger, type Logger } from './logger';
import { createLanguageModel } from './model/client';
import { createXClient, getAuthenticatedUser } from './x/api';
import { createXWebhookListener } from './x/sources/webhook';
import { xUsagePlugin } from './x/usage';
import { recordXUsage } from './db/x-usage';

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
  /** An already opened database (tests start from a migrated template); the bot closes it on stop. */
  database?: Database;
  now?: () => Date;
  /** How often the sweeper mends what a crash left (seconds); tests shorten it. */
  sweepIntervalSeconds?: number;
  /** How often this process writes its heartbeat (seconds), and after how long another counts as dead (ms). */
  heartbeatSeconds?: number;
  instanceStaleMs?: number;
  /** How often /healthz looks at the dependencies (ms). */
  healthIntervalMs?: number;
  /** The scheduled work (tracking passes, card expiry, the weekly digest); tests that are not about it turn it off. */
  schedules?: boolean;
  /** Socket Mode: how long after start-up /healthz waits for a first connection before it answers 503 (ms). */
  socketGraceMs?: number;
  /** Socket Mode: the reconnection pace (ms per consecutive failure); tests shorten it. */
  socketReconnectBaseMs?: number;
}

// Slack calls retry a little in place (honouring Retry-After); longer outages are the card job's, with backoff.
const SLACK_RETRIES = { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 10_000 };

/**
 * Wires the bot together: database (migrated), Slack identity, X identity, jobs, listeners, and the
 * HTTP server. Everything with side effects is started here and nowhere else.
 */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const health: HealthCheck = { database: false, jobs: false, slack: false };
  let database: Database | undefined;
  let metrics: Metrics | undefined;
  let slackListener: RequestListener | null = null;
  let xWebhook: RequestListener | null = null;

  // The server answers /healthz from the first moment: 503 until every part is up.
  const server: Server = createHttpServer({
    slack: (req, res) => (slackListener ? slackListener(req, res) : res.writeHead(404).end()),
    health: () => ({ ...health }),
    metrics: () => (metrics && health.database ? metrics.text() : Promise.reject(new Error('starting'))),
    slackAnswered: (seconds) => metrics?.observeSlackAnswer(seconds),
    routes: { '/x/webhook': (req, res) => (xWebhook ? xWebhook(req, res) : res.writeHead(503).end()) },
  });
  const port = await listen(server, config.port);

  let boss: PgBoss | undefined;
  try {
    database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
    await database.migrate();
    metrics = createMetrics(database.db);
    health.database = true;
    logger.info({ driver: database.driver, location: database.location, ...(database.embedded && { server: database.embedded }) }, 'database migrated');

    const slack = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: SLACK_RETRIES });
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
    // What the team saved wins over the environment, which only seeds the settings: say where they differ.
    for (const override of savedOverEnvironment(account, config.account, config.slack.channelId)) {
      logger.info({ account: me.handle, ...override }, `${override.setting} differs from the environment: saved by ${override.by} at ${override.at}, and what the team saved wins`);
    }
    if (config.secretKey) await storeXCredentials(database, account, config.secretKey, config.x);
    // Every account on the desk — the environment's and those of `accueil accounts add` — acts on X
    // with its own credentials, posts its cards to its own channel, and has its X spend counted.
    const accounts = await listAccounts(database.db);
    // The built-in templates become each account's starting set (version 1 of their keys), once.
    const seeded = await seedBuiltInTemplates(database.db);
    if (seeded > 0) logger.info({ templates: seeded }, 'built-in templates seeded');
    const db = database.db;
    const xClients = createAccountClients(config, db, (row) => [xUsagePlugin({ record: (entry) => recordXUsage(db, entry), xUserId: row.xUserId, logger })]);

    const startedBoss = createBoss(database);
    boss = startedBoss;
    startedBoss.on('error', (err) => logger.error({ err: { message: err.message } }, 'job queue error'));
    await startedBoss.start();

    const now = options.now ?? (() => new Date());
    // The optional language model (DRAFT_MODEL_URL…): its key goes to the client only, never to a log.
    const model = config.model
      ? { client: createLanguageModel({ url: config.model.url, model: config.model.model, apiKey: config.model.apiKey }), timeoutMs: config.model.timeoutMs, auditOpinion: config.model.auditOpinion }
      : undefined;
    if (config.model) logger.info({ model: config.model.model, host: new URL(config.model.url).host, timeoutMs: config.model.timeoutMs, auditOpinion: config.model.auditOpinion }, 'drafts from a language model: on');
    const desk: Desk = {
      db: database.db,
      boss: startedBoss,
      slack,
      xClient: xClients,
      logger,
      now,
      cards: createCardPublisher({ db: database.db, boss: startedBoss, slack, logger, now, lang: config.deskLang, model }),
      model,
      threads: createThreadPublisher({ db: database.db, slack, lang: config.deskLang }),
      answers: createAnswerThreads({ db: database.db, slack, logger, now, lang: config.deskLang }),
    };
    // The Slack layer (listeners, cards, the digest) also words what it shows, in the desk's language.
    const botDesk: BotDesk = { ...desk, lang: config.deskLang };
    const jobs = await startJobs(botDesk, {
      accountIds: accounts.map((row) => row.id),
      pollIntervalSeconds: config.pollIntervalSeconds,
      baseline: config.baseline,
      sweepIntervalSeconds: options.sweepIntervalSeconds,
      heartbeatSeconds: options.heartbeatSeconds,
      instanceStaleMs: options.instanceStaleMs,
    });
    const scheduled =
      options.schedules === false
        ? []
        : [
            await startTrackingJobs(desk, { cron: config.trackingCron, timeZone: config.teamTimeZone, answerNudgeHours: config.answerNudgeHours }),
            await startExpiryJobs(desk, { expiryDays: config.cardExpiryDays }),
            await startDigestJobs(botDesk, { cron: config.digestCron, timeZone: config.teamTimeZone }),
          ];
    health.jobs = true;
    xWebhook = createXWebhookListener({ consumerSecret: config.x.apiSecret, ...xEventHandlers(desk), logger });

    // Socket Mode: no interaction arrives while the socket is closed, so /healthz follows it.
    const socketMode = Boolean(config.slack.appToken);
    if (socketMode) health.socket = false;
    const socketDeadline = socketMode ? setTimeout(() => (health.socketTimedOut = !health.socket), options.socketGraceMs ?? 60_000) : undefined;
    socketDeadline?.unref();
    const onConnection = (open: boolean) => {
      if (open === health.socket) return;
      health.socket = open;
      if (open) {
        health.socketTimedOut = false;
        clearTimeout(socketDeadline);
      }
      logger[open ? 'info' : 'warn']({ socket: open ? 'connected' : 'down' }, open ? 'Slack Socket Mode connected' : 'Slack Socket Mode connection lost');
    };
    const slackApp = createSlackApp(botDesk, {
      botToken: config.slack.botToken,
      signingSecret: config.slack.signingSecret,
      appToken: config.slack.appToken,
      apiUrl: config.slack.apiUrl,
      botId: identity.bot_id ?? '',
      botUserId: identity.user_id ?? '',
      logger,
      policy: {
        approvers: createApproverCheck(slack, config.approvers, { channelId: config.slack.channelId }),
        fourEyes: config.fourEyes,
      },
      socket: { onConnection, reconnectBaseMs: options.socketReconnectBaseMs },
    });
    slackListener = slackApp.requestListener;
    // The socket connects in the background (Slack may be unreachable for a while): /healthz tells.
    if (slackApp.mode === 'socket') {
      slackApp.app.start().catch((error: unknown) => logger.error({ err: errorMessage(error) }, 'Slack Socket Mode could not start'));
    }
    logger.info({ port, slackMode: slackApp.mode }, 'accueil is ready');
    health.x = true;
    health.started = true;

    const openDatabaseHandle = database;
    const monitor = watchHealth(openDatabaseHandle, startedBoss, health, logger, options.healthIntervalMs ?? 5_000);
    return {
      port,
      desk,
      database: openDatabaseHandle,
      jobs,
      accountId: account.id,
      health: () => ({ ...health }),
      stop: async () => {
        health.jobs = false;
        clearInterval(monitor);
        clearTimeout(socketDeadline);
        await Promise.all(scheduled.map((running) => running.stop()));
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

/** Keeps /healthz current: the database, Slack and X as the database shows them, every few seconds. */
function watchHealth(database: Database, boss: PgBoss, health: HealthCheck, logger: Logger, everyMs: number): NodeJS.Timeout {
  let probing = false;
  return setInterval(() => {
    if (probing) return;
    probing = true;
    void probeDependencies(database, boss)
      .then((found) => {
        const before = JSON.stringify(health);
        Object.assign(health, found);
        if (JSON.stringify(health) !== before) logger.warn({ health }, 'health changed');
      })
      .finally(() => {
        probing = false;
      });
  }, everyMs);
}

/**
 * The account's X credentials, encrypted with ACCUEIL_SECRET_KEY and bound to the account, so the
 * database never holds them in clear and a value moved to another account does not open.
 */
async function storeXCredentials(database: Database, account: XAccountRow, key: Buffer, creds: Config['x']): Promise<void> {
  const sealed = sealOAuth1(key, creds, account.xUserId);
  await setAccountCredentials(database.db, account.id, sealed);
  account.xCredentials = sealed;
}

function errorMessage(error: unknown): { message: string } {
  return { message: error instanceof Error ? error.message : String(error) };
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
