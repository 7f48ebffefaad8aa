import { ConfigError, loadAccountsConfig, loadConfig, loadDatabaseConfig } from './config';
import { openDatabase } from './db/client';

const USAGE = `accueil — welcome each new X follower by hand, from Slack.

Usage:
  accueil start                 run the bot (npm start)
  accueil migrate               apply database migrations
  accueil audit [options] [TEXT|-]   audit one welcome message (accueil audit --help)
  accueil accounts list|add|remove   the X accounts on the desk (accueil accounts --help)
  accueil x-login [--port N]    connect an X account with OAuth 2.0 (accueil x-login --help)
  accueil x-subscribe           register PUBLIC_URL/x/webhook with X and subscribe the account
  accueil templates list|export|import|voice   the welcome templates (accueil templates --help)
  accueil digest --preview [--out FILE]   print the weekly digest and write its chart
  accueil demo [--dir DIR]      eight weeks of simulated history, then a short live scenario, against
                                local stand-ins of X and Slack (database kept in ./data/demo)
`;

const FIRST_RUN = `
To run accueil for real, you need a Slack app and X credentials:
  1. Create the Slack app from the manifest: https://api.slack.com/apps → "Create New App" →
     "From an app manifest" → paste manifest.json from this repository. Install it to your workspace,
     then copy the Bot User OAuth Token (SLACK_BOT_TOKEN) and the Signing Secret (SLACK_SIGNING_SECRET).
     Invite the bot to the desk channel and copy the channel id (SLACK_CHANNEL_ID).
  2. In the X developer portal, give your app Read and Write and Direct Messages permissions, and
     generate the consumer keys (X_API_KEY, X_API_SECRET) and the access token and secret of the
     account you welcome followers for (X_ACCESS_TOKEN, X_ACCESS_SECRET).
  3. Put them in the environment and run \`npm start\` again. See README.md for every variable.

Just looking? \`npm run demo\` plays the whole loop against local stand-ins, no credentials needed.
`;

function reportConfigError(error: ConfigError): void {
  process.stderr.write(`accueil cannot start: ${error.problems.length} setting(s) missing or malformed.\n\n`);
  for (const problem of error.problems) process.stderr.write(`  ${problem.variable}: ${problem.expected}\n`);
  // The Slack and X walkthrough helps only when their credentials are what is missing.
  if (error.problems.some((problem) => /^(SLACK|X)_/.test(problem.variable))) process.stderr.write(FIRST_RUN);
}

async function start(): Promise<number> {
  const { startBot } = await import('./main');
  const bot = await startBot(loadConfig());
  const stop = async (signal: string) => {
    bot.desk.logger.info({ signal }, 'stopping');
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return new Promise<number>(() => {});
}

async function migrate(): Promise<number> {
  const config = loadDatabaseConfig();
  const database = await openDatabase(config);
  await database.migrate();
  process.stdout.write(`Migrations applied (${database.driver}, ${database.location}).\n`);
  await database.close();
  return 0;
}

/** Registers the bot's webhook URL with X and subscribes the environment's account to its activity. */
async function xSubscribe(): Promise<number> {
  const config = loadAccountsConfig();
  if (!config.publicUrl) throw new ConfigError([{ variable: 'PUBLIC_URL', expected: 'missing: the public https:// URL where X reaches this bot' }]);
  const { createXClient } = await import('./x/api');
  const { subscribeWebhook } = await import('./x/subscribe');
  const webhookUrl = `${config.publicUrl}/x/webhook`;
  const result = await subscribeWebhook(createXClient(config.x), { webhookUrl });
  process.stdout.write(
    `Webhook ${result.registered ? 'registered' : 'already registered'} at ${webhookUrl} (id ${result.webhookId}); ` +
      `account ${result.subscribed ? 'subscribed' : 'already subscribed'}.\n`,
  );
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'migrate':
      return migrate();
    case 'audit': {
      const { runAuditCommand } = await import('./cli/audit');
      return runAuditCommand(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    case 'accounts':
    case 'x-login': {
      const config = loadAccountsConfig();
      const deps = {
        config,
        openDatabase: async () => {
          const database = await openDatabase(config);
          await database.migrate();
          return database;
        },
      };
      const io = { stdout: process.stdout, stderr: process.stderr };
      if (command === 'accounts') {
        const { runAccountsCommand } = await import('./cli/accounts');
        return runAccountsCommand(rest, io, deps);
      }
      const { runXLoginCommand } = await import('./cli/x-login');
      return runXLoginCommand(rest, io, deps);
    }
    case 'templates': {
      const config = loadDatabaseConfig();
      const { runTemplatesCommand } = await import('./cli/templates');
      return runTemplatesCommand(rest, { stdout: process.stdout, stderr: process.stderr }, {
        openDatabase: async () => {
          const database = await openDatabase(config);
          await database.migrate();
          return database;
        },
      });
    }
    case 'x-subscribe':
      return xSubscribe();
    case 'digest': {
      const { runDigestCommand } = await import('./cli/digest');
      return runDigestCommand(rest, { stdout: process.stdout, stderr: process.stderr });
    }
    case 'demo': {
      const { runDemo } = await import('./demo');
      return runDemo({ out: process.stdout, err: process.stderr, argv: rest });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) reportConfigError(error);
    else process.stderr.write(`accueil: ${describeStartupError(error)}\n`);
    process.exit(1);
  },
);

/** Start-up failures in words a newcomer can act on; never the credentials themselves. */
function describeStartupError(error: unknown): string {
  const unreachable = unreachableDatabase(error);
  if (unreachable) return unreachable;
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid_auth|not_authed|account_inactive/.test(message)) {
    return `Slack refused the bot token (${message}). Check SLACK_BOT_TOKEN.`;
  }
  if (/unauthorized/i.test(message) && /X /.test(message)) return `${message}. Check the four X_ variables.`;
  if (/EADDRINUSE/.test(message)) return `${message}. Another process uses PORT; set PORT to a free port.`;
  return message;
}

/** A connection refused, unknown host or timeout under the failed query: say which server, not the SQL. */
function unreachableDatabase(error: unknown): string | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code, address, hostname, port } = cause as Error & { code?: string; address?: string; hostname?: string; port?: number };
    if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|CONNECT_TIMEOUT)$/.test(code)) {
      const where = address ?? hostname ? `${address ?? hostname}${port ? `:${port}` : ''}` : 'DATABASE_URL';
      return `cannot reach the database at ${where} (${code}). Check DATABASE_URL and that Postgres is running.`;
    }
  }
  return null;
}
