import { z } from 'zod';
import { ACCOUNT_KINDS } from './domain';

// Every variable of DESIGN.md, parsed once. Nothing else reads process.env.

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), `expected an http(s) URL (${what})`);

const domainList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
      .filter(Boolean),
  )
  .refine((domains) => domains.every((domain) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)), {
    message: 'expected comma-separated domain names such as "brand.com,shop.brand.com"',
  });

const CRON = z.string().trim().regex(/^\S+(\s+\S+){4}$/, 'expected a 5-field cron expression such as "0 9 * * 1" (Monday 09:00)');

const envSchema = z.object({
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), {
    message: 'expected a postgres:// URL, or unset for the embedded database under ./data/',
  }),
  DATA_DIR: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xoxb-'), {
    message: 'expected a bot token starting with "xoxb-"',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xapp-'), {
    message: 'expected an app-level token starting with "xapp-" (Socket Mode)',
  }),
  SLACK_CHANNEL_ID: optionalText.refine((value) => value === undefined || /^[CGD][A-Z0-9]{2,}$/.test(value), {
    message: 'expected a Slack channel id such as C0123456789 (not a #name)',
  }),
  SLACK_API_URL: url('Slack Web API base').default('https://slack.com/api/'),
  PORT: z.coerce.number().int('expected a whole number').min(0).max(65535).default(3000),
  X_API_KEY: optionalText,
  X_API_SECRET: optionalText,
  X_ACCESS_TOKEN: optionalText,
  X_ACCESS_SECRET: optionalText,
  X_API_URL: url('X API base').default('https://api.x.com'),
  X_CLIENT_ID: optionalText,
  X_CLIENT_SECRET: optionalText,
  PUBLIC_URL: optionalText.refine((value) => value === undefined || (/^https?:\/\//.test(value) && URL.canParse(value)), {
    message: 'expected the public https:// URL where X and Slack reach this bot',
  }),
  X_ACCOUNT_KIND: z.enum(ACCOUNT_KINDS, { message: 'expected "business" or "personal"' }).default('business'),
  X_DM_POLICY: z
    .enum(['engaged-only', 'approved', 'off'], { message: 'expected "engaged-only", "approved" or "off"' })
    .default('engaged-only'),
  X_SEND_MODE: z.enum(['api', 'manual'], { message: 'expected "api" or "manual"' }).default('api'),
  OWN_DOMAINS: domainList,
  TOPICS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((topic) => topic.trim()).filter(Boolean)),
  DESK_LANG: z.enum(['fr', 'en'], { message: 'expected "fr" or "en"' }).default('en'),
  DIGEST_CRON: CRON.default('0 9 * * 1'),
  TRACKING_CRON: CRON.default('*/15 * * * *'),
  TEAM_TIMEZONE: z
    .string()
    .trim()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Europe/Paris')
    .default('Europe/Paris'),
  CARD_EXPIRY_DAYS: z.coerce.number().int('expected a whole number of days').min(1, 'expected at least 1 day').max(90, 'expected at most 90 days').default(7),
  POLL_INTERVAL_SECONDS: z.coerce.number().int('expected a whole number of seconds').min(5, 'expected at least 5 seconds').default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APPROVERS: z
    .string()
    .trim()
    // A public desk channel is open to the whole workspace: by default only its members decide.
    .default('channel')
    .refine((value) => /^(anyone|channel|usergroup:S[A-Z0-9]{2,})$/.test(value), {
      message: 'expected "anyone", "channel" (members of the desk channel) or "usergroup:S0123456789" (a Slack user group)',
    })
    .transform((value): ApproverPolicy => (value.startsWith('usergroup:') ? { kind: 'usergroup', id: value.slice('usergroup:'.length) } : { kind: value as 'anyone' | 'channel' })),
  FOUR_EYES: z
    .enum(['true', 'false', '1', '0', ''], { message: 'expected "true" or "false"' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  ACCUEIL_SECRET_KEY: optionalText.refine((value) => value === undefined || secretKeyBytes(value) !== null, {
    message: 'expected 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)',
  }),
});

export type Env = z.infer<typeof envSchema>;

/** Who may decide on a card: anyone who can click it, the desk channel's members, or one user group. */
export type ApproverPolicy = { kind: 'anyone' } | { kind: 'channel' } | { kind: 'usergroup'; id: string };

/** A 256-bit key written as hex or base64; null when it is not exactly 32 bytes. */
export function secretKeyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  slack: {
    botToken: string;
    signingSecret: string;
    appToken: string | undefined;
    channelId: string;
    apiUrl: string;
  };
  x: {
    apiKey: string;
    apiSecret: string;
    accessToken: string;
    accessSecret: string;
    apiUrl: string;
  };
  account: {
    kind: Env['X_ACCOUNT_KIND'];
    dmPolicy: Env['X_DM_POLICY'];
    sendMode: Env['X_SEND_MODE'];
    ownDomains: string[];
    topics: string[];
  };
  pollIntervalSeconds: number;
  /** The language of the desk's own words (cards, replies); drafts follow each follower's language. */
  deskLang: Env['DESK_LANG'];
  /** When the weekly digest is posted, and when replies and unfollows are checked, in the team's time zone. */
  digestCron: string;
  trackingCron: string;
  teamTimeZone: string;
  /** A card nobody decided on within this many days is marked expired. */
  cardExpiryDays: number;
  /** Who may approve, skip or retry a welcome (APPROVERS). */
  approvers: ApproverPolicy;
  /** Whoever edited a draft cannot be its only approver (FOUR_EYES). */
  fourEyes: boolean;
  /** Encrypts the X credentials stored in the database (ACCUEIL_SECRET_KEY); without it, none are stored. */
  secretKey: Buffer | undefined;
  /** The X app's OAuth 2.0 client (X_CLIENT_ID, X_CLIENT_SECRET): for `accueil x-login` and to refresh its tokens. */
  xOAuth2: { clientId: string; clientSecret?: string } | undefined;
  /** Where X and Slack reach this bot from outside (PUBLIC_URL), for `accueil x-subscribe`. */
  publicUrl: string | undefined;
}

export interface ConfigProblem {
  variable: string;
  expected: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Configuration is incomplete or malformed:\n${problems.map((p) => `  ${p.variable}: ${p.expected}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const REQUIRED_TO_RUN: Array<[keyof Env, string]> = [
  ['SLACK_BOT_TOKEN', 'the bot token from your Slack app (OAuth & Permissions), starting with "xoxb-"'],
  ['SLACK_SIGNING_SECRET', 'the signing secret from your Slack app (Basic Information)'],
  ['SLACK_CHANNEL_ID', 'the id of the desk channel where cards are posted, such as C0123456789'],
  ['X_API_KEY', 'the API key (consumer key) of your X app'],
  ['X_API_SECRET', 'the API key secret (consumer secret) of your X app'],
  ['X_ACCESS_TOKEN', 'the access token of the X account you welcome followers for'],
  ['X_ACCESS_SECRET', 'the access token secret of that X account'],
];

/** Parses the variables every command shares; values are never echoed back, so secrets stay out of errors. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), expected: issue.message })),
    );
  }
  return result.data;
}

/** The full configuration the bot needs to run: Slack and X credentials are required. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = parseEnv(env);
  const missing = REQUIRED_TO_RUN.filter(([name]) => parsed[name] === undefined).map(([variable, expected]) => ({
    variable,
    expected: `missing: ${expected}`,
  }));
  if (missing.length > 0) throw new ConfigError(missing);
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR ?? './data',
    port: parsed.PORT,
    logLevel: parsed.LOG_LEVEL,
    slack: {
      botToken: parsed.SLACK_BOT_TOKEN!,
      signingSecret: parsed.SLACK_SIGNING_SECRET!,
      appToken: parsed.SLACK_APP_TOKEN,
      channelId: parsed.SLACK_CHANNEL_ID!,
      apiUrl: parsed.SLACK_API_URL.endsWith('/') ? parsed.SLACK_API_URL : `${parsed.SLACK_API_URL}/`,
    },
    x: {
      apiKey: parsed.X_API_KEY!,
      apiSecret: parsed.X_API_SECRET!,
      accessToken: parsed.X_ACCESS_TOKEN!,
      accessSecret: parsed.X_ACCESS_SECRET!,
      apiUrl: parsed.X_API_URL.replace(/\/+$/, ''),
    },
    account: {
      kind: parsed.X_ACCOUNT_KIND,
      dmPolicy: parsed.X_DM_POLICY,
      sendMode: parsed.X_SEND_MODE,
      ownDomains: parsed.OWN_DOMAINS,
      topics: parsed.TOPICS,
    },
    pollIntervalSeconds: parsed.POLL_INTERVAL_SECONDS,
    deskLang: parsed.DESK_LANG,
    digestCron: parsed.DIGEST_CRON,
    trackingCron: parsed.TRACKING_CRON,
    teamTimeZone: parsed.TEAM_TIMEZONE,
    cardExpiryDays: parsed.CARD_EXPIRY_DAYS,
    approvers: parsed.APPROVERS,
    fourEyes: parsed.FOUR_EYES,
    secretKey: parsed.ACCUEIL_SECRET_KEY === undefined ? undefined : secretKeyBytes(parsed.ACCUEIL_SECRET_KEY)!,
    xOAuth2: oauth2Client(parsed),
    publicUrl: parsed.PUBLIC_URL?.replace(/\/+$/, ''),
  };
}

function oauth2Client(parsed: Env): Config['xOAuth2'] {
  if (parsed.X_CLIENT_ID === undefined) return undefined;
  return { clientId: parsed.X_CLIENT_ID, ...(parsed.X_CLIENT_SECRET ? { clientSecret: parsed.X_CLIENT_SECRET } : {}) };
}

/**
 * What `accueil accounts`, `accueil x-login` and `accueil x-subscribe` need: the database, the X app
 * (consumer keys, the OAuth 2.0 client), the secrets key and the public URL. No Slack variable is required.
 */
export function loadAccountsConfig(
  env: Record<string, string | undefined> = process.env,
): Pick<Config, 'databaseUrl' | 'dataDir' | 'logLevel' | 'x' | 'xOAuth2' | 'secretKey' | 'publicUrl'> {
  const parsed = parseEnv(env);
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR ?? './data',
    logLevel: parsed.LOG_LEVEL,
    x: {
      apiKey: parsed.X_API_KEY ?? '',
      apiSecret: parsed.X_API_SECRET ?? '',
      accessToken: parsed.X_ACCESS_TOKEN ?? '',
      accessSecret: parsed.X_ACCESS_SECRET ?? '',
      apiUrl: parsed.X_API_URL.replace(/\/+$/, ''),
    },
    xOAuth2: oauth2Client(parsed),
    secretKey: parsed.ACCUEIL_SECRET_KEY === undefined ? undefined : secretKeyBytes(parsed.ACCUEIL_SECRET_KEY)!,
    publicUrl: parsed.PUBLIC_URL?.replace(/\/+$/, ''),
  };
}

/** Just what database commands (migrate) need. */
export function loadDatabaseConfig(
  env: Record<string, string | undefined> = process.env,
): Pick<Config, 'databaseUrl' | 'dataDir' | 'logLevel' | 'deskLang'> {
  const parsed = parseEnv(env);
  return { databaseUrl: parsed.DATABASE_URL, dataDir: parsed.DATA_DIR ?? './data', logLevel: parsed.LOG_LEVEL, deskLang: parsed.DESK_LANG };
}
