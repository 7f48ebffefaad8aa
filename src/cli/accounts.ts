import { parseArgs } from 'node:util';
import type { Database } from '../db/client';
import { AccountError, addAccount, removeAccount, type AccountsConfig, type NewAccountCredentials } from '../desk/accounts';
import { ACCOUNT_KINDS, checkOwnDomains, DM_POLICIES, SEND_MODES, type AccountKind, type DmPolicy, type SendMode } from '../domain';
import { ownDomainRefusal } from '../i18n';
import { SecretError } from '../secrets';
import { XApiError } from '../x/api';
import { XOAuth2Error } from '../x/oauth2';
import { listAccounts, SETTING_KEYS, type SettingKey } from '../db/accounts';
import type { XAccountRow } from '../db/schema';

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface AccountsDeps {
  config: AccountsConfig;
  /** Opens (and migrates) the database; the command closes it. */
  openDatabase(): Promise<Database>;
}

export const ACCOUNTS_USAGE = `Usage:
  accueil accounts list [--json]
  accueil accounts add --channel C0123456789 (--oauth2 --handle HANDLE | --access-token TOKEN --access-secret SECRET)
                       [--kind business|personal] [--dm-policy engaged-only|approved|off] [--send-mode api|manual]
                       [--own-domains brand.com,shop.brand.com] [--topics design,ceramics]
  accueil accounts remove HANDLE|ID

  Several X accounts, each welcomed in its own desk channel. The account of the X_ variables is
  the default account and is always there. An added account is checked with X at once (who it is
  comes from X, asked with its own credentials) and its credentials are stored encrypted with
  ACCUEIL_SECRET_KEY: an OAuth 1.0a token pair, or the OAuth 2.0 tokens \`accueil x-login\` stored.
  Restart the bot after adding or removing an account.
`;

const CHANNEL = /^[CG][A-Z0-9]{2,}$/;

/** `accueil accounts list|add|remove`: exit 0 done, 1 refused (by X or the database), 2 a usage error. */
export async function runAccountsCommand(argv: string[], io: CommandIo, deps: AccountsDeps): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    io[sub === undefined ? 'stderr' : 'stdout'].write(ACCOUNTS_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'list' && sub !== 'add' && sub !== 'remove') return usage(io, `Unknown subcommand "${sub}".`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean', default: false },
        channel: { type: 'string' },
        oauth2: { type: 'boolean', default: false },
        handle: { type: 'string' },
        'access-token': { type: 'string' },
        'access-secret': { type: 'string' },
        kind: { type: 'string', default: 'business' },
        'dm-policy': { type: 'string', default: 'engaged-only' },
        'send-mode': { type: 'string', default: 'api' },
        'own-domains': { type: 'string', default: '' },
        topics: { type: 'string', default: '' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;

  let run: (database: Database) => Promise<number>;
  if (sub === 'list') {
    if (positionals.length > 0) return usage(io, '`accounts list` takes no arguments.');
    run = (database) => list(database, io, values.json);
  } else if (sub === 'remove') {
    if (positionals.length !== 1) return usage(io, '`accounts remove` takes one handle or id.');
    run = async (database) => {
      const { account, outcome } = await removeAccount(database.db, positionals[0]!);
      io.stdout.write(
        outcome === 'deleted'
          ? `Removed @${account.handle} and its credentials.\n`
          : `Retired @${account.handle}: its credentials are deleted and it is no longer polled; its history is kept, so no follower is welcomed twice if it comes back.\n`,
      );
      return 0;
    };
  } else {
    if (positionals.length > 0) return usage(io, `Unexpected argument "${positionals[0]}".`);
    const input = readNewAccount(values);
    if (typeof input === 'string') return usage(io, input);
    run = async (database) => {
      const account = await addAccount(database.db, deps.config, input);
      io.stdout.write(`Added @${account.handle} (account ${account.id}): cards go to <#${account.slackChannelId}>. Restart the bot to start polling it.\n`);
      return 0;
    };
  }

  const database = await deps.openDatabase();
  try {
    return await run(database);
  } catch (error) {
    if (error instanceof AccountError || error instanceof XApiError || error instanceof XOAuth2Error || error instanceof SecretError) {
      io.stderr.write(`accueil accounts ${sub}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

interface AddValues {
  channel?: string;
  oauth2: boolean;
  handle?: string;
  'access-token'?: string;
  'access-secret'?: string;
  kind: string;
  'dm-policy': string;
  'send-mode': string;
  'own-domains': string;
  topics: string;
}

/** The new account from the flags, or what is wrong with them. */
function readNewAccount(values: AddValues) {
  if (!values.channel) return '--channel is required: the id of the account’s desk channel, such as C0123456789.';
  if (!CHANNEL.test(values.channel)) return `--channel: expected a channel id such as C0123456789, not "${values.channel}".`;
  if (!(ACCOUNT_KINDS as readonly string[]).includes(values.kind)) return '--kind: expected "business" or "personal".';
  if (!(DM_POLICIES as readonly string[]).includes(values['dm-policy'])) return '--dm-policy: expected "engaged-only", "approved" or "off".';
  if (!(SEND_MODES as readonly string[]).includes(values['send-mode'])) return '--send-mode: expected "api" or "manual".';
  const domains = checkOwnDomains(splitList(values['own-domains']));
  if (!domains.ok) return `--own-domains: ${ownDomainRefusal(domains)}.`;
  const ownDomains = domains.domains;

  let credentials: NewAccountCredentials;
  const pair = values['access-token'] !== undefined || values['access-secret'] !== undefined;
  if (values.oauth2 === pair) return 'Give the account’s credentials: either --oauth2 --handle HANDLE (after `accueil x-login`), or --access-token and --access-secret.';
  if (values.oauth2) {
    if (!values.handle) return '--oauth2 needs --handle: the X handle you connected with `accueil x-login`.';
    credentials = { kind: 'oauth2', handle: values.handle };
  } else {
    if (!values['access-token'] || !values['access-secret']) return '--access-token and --access-secret go together.';
    credentials = { kind: 'oauth1', accessToken: values['access-token'], accessSecret: values['access-secret'] };
  }
  return {
    slackChannelId: values.channel,
    kind: values.kind as AccountKind,
    dmPolicy: values['dm-policy'] as DmPolicy,
    sendMode: values['send-mode'] as SendMode,
    ownDomains,
    topics: splitList(values.topics),
    credentials,
  };
}

async function list(database: Database, io: CommandIo, json: boolean): Promise<number> {
  const accounts = await listAccounts(database.db);
  const rows = accounts.map((a) => ({
    id: a.id,
    handle: a.handle,
    channel: a.slackChannelId,
    kind: a.kind,
    dmPolicy: a.dmPolicy,
    sendMode: a.sendMode,
    credentials: a.xAuth,
    ownDomains: a.ownDomains,
    topics: a.topics,
    sources: settingSources(a),
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write('No account yet: the X_ variables’ account is added when the bot starts; others with `accueil accounts add`.\n');
    return 0;
  }
  const table = [
    ['ID', 'HANDLE', 'CHANNEL', 'KIND', 'DM POLICY', 'SEND', 'CREDENTIALS', 'OWN DOMAINS', 'TOPICS', 'SET BY'],
    ...rows.map((r) => [String(r.id), `@${r.handle}`, r.channel, r.kind, r.dmPolicy, r.sendMode, r.credentials, r.ownDomains.join(',') || '—', r.topics.join(',') || '—', sourcesLine(r.sources)]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return 0;
}

type SettingSource = { from: 'environment' | 'accounts add' } | { from: 'slack'; by: string; at: string };

/** Where each effective setting came from: the environment or `accounts add` seeded it, or a teammate saved it since. */
function settingSources(account: XAccountRow): Record<SettingKey, SettingSource> {
  const seeded: SettingSource = { from: account.xAuth === 'env' ? 'environment' : 'accounts add' };
  return Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const saved = account.settingsSavedBy[key];
      return [key, saved ? { from: 'slack', by: saved.by, at: saved.at } : seeded];
    }),
  ) as Record<SettingKey, SettingSource>;
}

/** "environment; dmPolicy, sendMode: Slack (U0ALICE01, 2026-11-30)". */
function sourcesLine(sources: Record<SettingKey, SettingSource>): string {
  const entries = Object.entries(sources) as Array<[SettingKey, SettingSource]>;
  const seeded = entries.find(([, source]) => source.from !== 'slack')?.[1].from;
  const saved = new Map<string, SettingKey[]>();
  for (const [key, source] of entries) {
    if (source.from !== 'slack') continue;
    const who = `Slack (${source.by}, ${source.at.slice(0, 10)})`;
    saved.set(who, [...(saved.get(who) ?? []), key]);
  }
  return [...(seeded ? [seeded] : []), ...[...saved].map(([who, keys]) => `${keys.join(', ')}: ${who}`)].join('; ');
}

function usage(io: CommandIo, problem: string): number {
  io.stderr.write(`${problem}\n\n${ACCOUNTS_USAGE}`);
  return 2;
}

const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
