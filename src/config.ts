import cronParser from 'cron-parser';
import { z } from 'zod';
import { ACCOUNT_KINDS, checkOwnDomains } from './domain';
import { ownDomainRefusal } from './i18n';

// Every variable of DESIGN.md, parsed once by one schema; each command picks the variables it needs.
// Nothing else reads process.env.

/** Who may decide on a card: anyone who can click it, the desk channel's members, or one user group. */
export type ApproverPolicy = { kind: 'anyone' } | { kind: 'channel' } | { kind: 'usergroup'; id: string };

/** A variable the bot cannot run without; unset and empty are both "missing". */
const required = (what: string) => z.string({ error: `missing: ${what}` }).trim().min(1, `missing: ${what}`);

const isHttpUrl = (value: string) => /^https?:\/\//.test(value) && URL.canParse(value);

const url = (what: string) => z.string().trim().refine(isHttpUrl, `expected an http(s) URL (${what})`);

const withoutTrailingSlash = (value: string) => value.replace(/\/+$/, '');

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const domainList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const checked = checkOwnDomains((value ?? '').split(',').map((domain) => domain.trim()).filter(Boolean));
    if (checked.ok) return checked.domains;
    ctx.addIssue({ code: 'custom', message: `expected comma-separated domain names the team owns, such as "brand.com,shop.brand.com": ${ownDomainRefusal(checked)}` });
    return z.NEVER;
  });

/** Five fields, read by the same parser pg-boss schedules with. */
const cron = z
  .string()
  .trim()
  .refine((value) => {
    if (value.split(/\s+/).length !== 5) return false;
    try {
      cronParser.parseExpression(value);
      return true;
    } catch {
      return false;
    }
  }, 'expected a 5-field cron expression such as "0 9 * * 1" (Monday 09:00)');

const whole = (what: string) => z.coerce.number({ error: `expected a whole number${what}` }).int(`expected a whole number${what}`);

/** A 256-bit key written as hex or base64; null when it is not exactly 32 bytes. */
export function secretKeyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}

const variables = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'expected a postgres:// URL, or unset for the embedded database under ./data/' })
    .optional(),
  DATA_DIR: z.string().trim().default('./data'),
  SLACK_BOT_TOKEN: required('the bot token from your Slack app (OAuth & Permissions), starting with "xoxb-"').refine((value) => value.startsWith('xoxb-'), {
    message: 'expected a bot token starting with "xoxb-"',
  }),
  SLACK_SIGNING_SECRET: required('the signing secret from your Slack app (Basic Information)'),
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .refine((value) => value.startsWith('xapp-'), { message: 'expected an app-level token starting with "xapp-" (Socket Mode)' })
    .optional(),
  SLACK_CHANNEL_ID: required('the id of the desk channel where cards are posted, such as C0123456789').refine((value) => /^[CGD][A-Z0-9]{2,}$/.test(value), {
    message: 'expected a Slack channel id such as C0123456789 (not a #name)',
  }),
  SLACK_API_URL: url('Slack Web API base')
    .default('https://slack.com/api/')
    .transform((value) => (value.endsWith('/') ? value : `${value}/`)),
  PORT: whole('').min(0).max(65535).default(3000),
  X_API_KEY: required('the API key (consumer key) of your X app'),
  X_API_SECRET: required('the API key secret (consumer secret) of your X app'),
  X_ACCESS_TOKEN: required('the access token of the X account you welcome followers for'),
  X_ACCESS_SECRET: required('the access token secret of that X account'),
  X_API_URL: url('X API base').default('https://api.x.com').transform(withoutTrailingSlash),
  X_CLIENT_ID: z.string().trim().optional(),
  X_CLIENT_SECRET: z.string().trim().optional(),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine(isHttpUrl, { message: 'expected the public https:// URL where X and Slack reach this bot' })
    .transform(withoutTrailingSlash)
    .optional(),
  X_ACCOUNT_KIND: z.enum(ACCOUNT_KINDS, { message: 'expected "business" or "personal"' }).default('business'),
  X_DM_POLICY: z
    .enum(['engaged-only', 'approved', 'off'], { message: 'expected "engaged-only", "approved" or "off"' })
    .default('engaged-only'),
  X_SEND_MODE: z.enum(['api', 'manual'], { message: 'expected "api" or "manual"' }).default('api'),
  OWN_DOMAINS: domainList,
  TOPICS: list,
  DESK_LANG: z.enum(['fr', 'en'], { message: 'expected "fr" or "en"' }).default('en'),
  DIGEST_CRON: cron.default('0 9 * * 1'),
  TRACKING_CRON: cron.default('*/15 * * * *'),
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
  CARD_EXPIRY_DAYS: whole(' of days').min(1, 'expected at least 1 day').max(90, 'expected at most 90 days').default(7),
  ANSWER_NUDGE_HOURS: whole(' of hours').min(1, 'expected at least 1 hour').max(720, 'expected at most 720 hours (30 days)').default(24),
  POLL_INTERVAL_SECONDS: whole(' of seconds').min(5, 'expected at least 5 seconds').default(300),
  BASELINE: z.enum(['head', 'full'], { message: 'expected "head" (one page, the default) or "full" (every follower)' }).default('head'),
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
    .enum(['true', 'false', '1', '0'], { message: 'expected "true" or "false"' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  ACCUEIL_SECRET_KEY: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const key = secretKeyBytes(value);
      if (key === null) ctx.addIssue({ code: 'custom', message: 'expected 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)' });
      return key ?? Buffer.alloc(0);
    })
    .optional(),
  DRAFT_MODEL_URL: url('an OpenAI-compatible chat-completions base, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1 for Ollama').transform(withoutTrailingSlash).optional(),
  DRAFT_MODEL: z.string().trim().optional(),
  // A secret: only ever handed to the model client, never echoed (parse() never echoes values).
  DRAFT_MODEL_API_KEY: z.string().trim().optional(),
  DRAFT_MODEL_TIMEOUT_MS: whole(' of milliseconds').min(500, 'expected at least 500 ms').max(30_000, 'expected at most 30000 ms: the card waits for the model').default(4000),
  AUDIT_MODEL_OPINION: z.enum(['on', 'off'], { message: 'expected "on" or "off"' }).default('off'),
});

type Variables = z.output<typeof variables>;

const database = (v: Pick<Variables, 'DATABASE_URL' | 'DATA_DIR' | 'LOG_LEVEL'>) => ({ databaseUrl: v.DATABASE_URL, dataDir: v.DATA_DIR, logLevel: v.LOG_LEVEL });

type XApp = Pick<Variables, 'X_API_URL' | 'X_CLIENT_ID' | 'X_CLIENT_SECRET' | 'ACCUEIL_SECRET_KEY' | 'PUBLIC_URL'> &
  Partial<Pick<Variables, 'X_API_KEY' | 'X_API_SECRET' | 'X_ACCESS_TOKEN' | 'X_ACCESS_SECRET'>>;

/** The X app and the account of the environment (empty keys when `accueil x-login` brings the account instead). */
const xApp = (v: XApp) => ({
  x: { apiKey: v.X_API_KEY ?? '', apiSecret: v.X_API_SECRET ?? '', accessToken: v.X_ACCESS_TOKEN ?? '', accessSecret: v.X_ACCESS_SECRET ?? '', apiUrl: v.X_API_URL },
  /** The X app's OAuth 2.0 client (X_CLIENT_ID, X_CLIENT_SECRET): for `accueil x-login` and to refresh its tokens. */
  xOAuth2: v.X_CLIENT_ID === undefined ? undefined : { clientId: v.X_CLIENT_ID, ...(v.X_CLIENT_SECRET ? { clientSecret: v.X_CLIENT_SECRET } : {}) },
  /** Encrypts the X credentials stored in the database (ACCUEIL_SECRET_KEY); without it, none are stored. */
  secretKey: v.ACCUEIL_SECRET_KEY,
  /** Where X and Slack reach this bot from outside (PUBLIC_URL), for `accueil x-subscribe`. */
  publicUrl: v.PUBLIC_URL,
});

/** The optional language model: all its variables make sense together, or none is set. */
function modelCoherence(v: Variables, ctx: z.RefinementCtx): void {
  const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  if (v.DRAFT_MODEL_URL && !v.DRAFT_MODEL) problem('DRAFT_MODEL', 'missing: the model name the endpoint serves (such as llama3.1 or gpt-4o-mini), needed with DRAFT_MODEL_URL');
  if (!v.DRAFT_MODEL_URL && v.DRAFT_MODEL) problem('DRAFT_MODEL_URL', 'missing: the OpenAI-compatible endpoint that serves DRAFT_MODEL');
  if (!v.DRAFT_MODEL_URL && v.DRAFT_MODEL_API_KEY) problem('DRAFT_MODEL_URL', 'missing: DRAFT_MODEL_API_KEY is set but no endpoint (DRAFT_MODEL_URL) to use it with');
  if (!v.DRAFT_MODEL_URL && v.AUDIT_MODEL_OPINION === 'on') problem('AUDIT_MODEL_OPINION', 'the second opinion needs a model: set DRAFT_MODEL_URL and DRAFT_MODEL');
}

/** The language model that drafts welcomes (and may give the audit a second opinion); undefined when none is set. */
const draftModel = (v: Variables) =>
  v.DRAFT_MODEL_URL && v.DRAFT_MODEL
    ? { url: v.DRAFT_MODEL_URL, model: v.DRAFT_MODEL, apiKey: v.DRAFT_MODEL_API_KEY, timeoutMs: v.DRAFT_MODEL_TIMEOUT_MS, auditOpinion: v.AUDIT_MODEL_OPINION === 'on' }
    : undefined;

export type DraftModelConfig = NonNullable<ReturnType<typeof draftModel>>;

/** `accueil start`: everything, Slack and X credentials required. */
const start = variables.superRefine(modelCoherence).transform((v) => ({
  ...database(v),
  ...xApp(v),
  port: v.PORT,
  slack: { botToken: v.SLACK_BOT_TOKEN, signingSecret: v.SLACK_SIGNING_SECRET, appToken: v.SLACK_APP_TOKEN, channelId: v.SLACK_CHANNEL_ID, apiUrl: v.SLACK_API_URL },
  account: { kind: v.X_ACCOUNT_KIND, dmPolicy: v.X_DM_POLICY, sendMode: v.X_SEND_MODE, ownDomains: v.OWN_DOMAINS, topics: v.TOPICS },
  pollIntervalSeconds: v.POLL_INTERVAL_SECONDS,
  /** How much of the follower list the first poll reads: its head (one page) or all of it. */
  baseline: v.BASELINE,
  /** The language of the desk's own words (cards, replies); drafts follow each follower's language. */
  deskLang: v.DESK_LANG,
  /** When the weekly digest is posted, and when replies and unfollows are checked, in the team's time zone. */
  digestCron: v.DIGEST_CRON,
  trackingCron: v.TRACKING_CRON,
  teamTimeZone: v.TEAM_TIMEZONE,
  /** A card nobody decided on within this many days is marked expired. */
  cardExpiryDays: v.CARD_EXPIRY_DAYS,
  /** A conversation waiting longer than this for an answer gets one reminder in its thread (hours). */
  answerNudgeHours: v.ANSWER_NUDGE_HOURS,
  /** Who may approve, skip or retry a welcome (APPROVERS). */
  approvers: v.APPROVERS,
  /** Whoever edited a draft cannot be its only approver (FOUR_EYES). */
  fourEyes: v.FOUR_EYES,
  /** DRAFT_MODEL_URL, DRAFT_MODEL, DRAFT_MODEL_API_KEY, DRAFT_MODEL_TIMEOUT_MS, AUDIT_MODEL_OPINION. */
  model: draftModel(v),
}));

/** `accueil migrate` and `accueil digest --preview`: the database and the desk's language. */
const databaseOnly = variables.pick({ DATABASE_URL: true, DATA_DIR: true, LOG_LEVEL: true, DESK_LANG: true }).transform((v) => ({ ...database(v), deskLang: v.DESK_LANG }));

/** `accueil accounts`, `x-login` and `x-subscribe`: the database and the X app; no Slack variable, and X's OAuth 1.0a keys optional. */
const accounts = variables
  .pick({
    DATABASE_URL: true,
    DATA_DIR: true,
    LOG_LEVEL: true,
    X_API_KEY: true,
    X_API_SECRET: true,
    X_ACCESS_TOKEN: true,
    X_ACCESS_SECRET: true,
    X_API_URL: true,
    X_CLIENT_ID: true,
    X_CLIENT_SECRET: true,
    ACCUEIL_SECRET_KEY: true,
    PUBLIC_URL: true,
  })
  .partial({ X_API_KEY: true, X_API_SECRET: true, X_ACCESS_TOKEN: true, X_ACCESS_SECRET: true })
  .transform((v) => ({ ...database(v), ...xApp(v) }));

export type Config = z.output<typeof start>;
export type DatabaseConfig = z.output<typeof databaseOnly>;
export type AccountsCommandConfig = z.output<typeof accounts>;

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

type Env = Record<string, string | undefined>;

/**
 * Every missing and every malformed variable, in one error; values are never echoed back, so
 * secrets stay out of errors. An empty variable counts as unset.
 */
function parse<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), expected: issue.message })));
}

/** The full configuration the bot needs to run. */
export const loadConfig = (env: Env = process.env): Config => parse(start, env);

/** Just what database commands (migrate, digest --preview) need. */
export const loadDatabaseConfig = (env: Env = process.env): DatabaseConfig => parse(databaseOnly, env);

/** What `accueil accounts`, `accueil x-login` and `accueil x-subscribe` need. */
export const loadAccountsConfig = (env: Env = process.env): AccountsCommandConfig => parse(accounts, env);

/** Whether DATABASE_URL names a database (the demo refuses to run while it does: it never goes near a real one). */
export function databaseUrlIsSet(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.DATABASE_URL?.trim());
}
