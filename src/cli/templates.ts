import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { listAccounts } from '../db/accounts';
import type { Database } from '../db/client';
import type { XAccountRow } from '../db/schema';
import { allTemplateVersions, latestTemplates } from '../db/templates';
import { findDeskAccount } from '../desk/accounts';
import { applyImport, exportTemplates, planImport, seedBuiltInTemplates, setVoice, type ImportError } from '../desk/templates';
import { VOICE_ADDRESSES, type TemplateProblem, type VoiceAddress } from '../domain/templates';
import { t } from '../i18n';
import type { CommandIo } from './accounts';

export interface TemplatesDeps {
  /** Opens (and migrates) the database; the command closes it. */
  openDatabase(): Promise<Database>;
  now?: () => Date;
}

export const TEMPLATES_USAGE = `Usage:
  accueil templates list [--account HANDLE] [--history] [--json]
  accueil templates export [--account HANDLE] > templates.json
  accueil templates import FILE [--account HANDLE] [--dry-run]
  accueil templates voice [--account HANDLE] [--address vous|tu] [--sign-off TEXT | --default-sign-off]

  The welcome templates each account's drafts are drawn from (the README's "Templates" explains
  the body syntax). \`export\` writes the latest version of every template, with the account's
  voice, as JSON; \`import\` reads such a file back: each item is checked as the App Home editor
  checks it (slots, links, the audit of its previews), every error is listed naming its item, and
  nothing changes unless there is none. An imported body that differs makes a new version; keys
  the file does not name are left as they are. Changes are logged with the actor "cli".
`;

const CLI_ACTOR = 'cli';
const words = t('en').templates;

/** `accueil templates list|export|import|voice`: exit 0 done, 1 refused (a bad file, an unknown account), 2 a usage error. */
export async function runTemplatesCommand(argv: string[], io: CommandIo, deps: TemplatesDeps): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    io[sub === undefined ? 'stderr' : 'stdout'].write(TEMPLATES_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'list' && sub !== 'export' && sub !== 'import' && sub !== 'voice') return usage(io, `Unknown subcommand "${sub}".`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        account: { type: 'string' },
        json: { type: 'boolean', default: false },
        history: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        address: { type: 'string' },
        'sign-off': { type: 'string' },
        'default-sign-off': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (sub === 'import' ? positionals.length !== 1 : positionals.length > 0) {
    return usage(io, sub === 'import' ? '`templates import` takes one file (or - for standard input).' : `Unexpected argument "${positionals[0]}".`);
  }
  if (values.address !== undefined && !(VOICE_ADDRESSES as readonly string[]).includes(values.address)) return usage(io, '--address: expected "vous" or "tu".');
  if (values['sign-off'] !== undefined && values['default-sign-off']) return usage(io, '--sign-off and --default-sign-off go one at a time.');

  const database = await deps.openDatabase();
  try {
    // An account the bot has not started with since templates moved to the database gets its starting set here.
    await seedBuiltInTemplates(database.db);
    const accounts = await chosenAccounts(database, values.account);
    if (typeof accounts === 'string') {
      io.stderr.write(`accueil templates ${sub}: ${accounts}\n`);
      return 1;
    }
    const now = deps.now ?? (() => new Date());
    switch (sub) {
      case 'list':
        return await list(database, io, accounts, { json: values.json, history: values.history });
      case 'export':
        io.stdout.write(`${JSON.stringify(await exportTemplates(database.db, accounts, now()), null, 2)}\n`);
        return 0;
      case 'import':
        return await importFile(database, io, positionals[0]!, { only: values.account ? accounts[0] : undefined, dryRun: values['dry-run'] });
      case 'voice':
        return await voice(database, io, accounts, values);
    }
  } finally {
    await database.close();
  }
}

function usage(io: CommandIo, problem: string): number {
  io.stderr.write(`${problem}\n\n${TEMPLATES_USAGE}`);
  return 2;
}

async function chosenAccounts(database: Database, handle: string | undefined): Promise<XAccountRow[] | string> {
  if (handle === undefined) return listAccounts(database.db);
  const account = await findDeskAccount(database.db, handle);
  return account ? [account] : `no account "${handle}" on the desk (see \`accueil accounts list\`)`;
}

async function list(database: Database, io: CommandIo, accounts: XAccountRow[], opts: { json: boolean; history: boolean }): Promise<number> {
  const rows = [];
  for (const account of accounts) {
    const templates = opts.history ? await allTemplateVersions(database.db, account.id) : await latestTemplates(database.db, account.id);
    for (const row of templates) {
      rows.push({
        account: account.handle,
        key: row.key,
        version: row.version,
        lang: row.lang,
        channel: row.channel,
        state: row.state,
        source: row.source,
        createdBy: row.createdBy,
        createdAt: row.createdAt.toISOString(),
        body: row.body,
      });
    }
  }
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write('No template yet: an account gets the built-in set when it is added or when the bot starts.\n');
    return 0;
  }
  const table = [
    ['ACCOUNT', 'KEY', 'VERSION', 'LANG', 'CHANNEL', 'STATE', 'BY', 'CREATED'],
    ...rows.map((r) => [`@${r.account}`, r.key, `v${r.version}`, r.lang, r.channel, r.state, r.createdBy, r.createdAt.slice(0, 16).replace('T', ' ')]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return 0;
}

/** "@acme, item 3 (fr-dm-4), body: …": where the problem is, then what it is. */
function describeImportError(error: ImportError): string {
  const where = [
    error.account ? `@${error.account.replace(/^@/, '')}` : null,
    error.item !== undefined ? `item ${error.item}${error.key ? ` (${error.key})` : ''}` : null,
    error.path ? error.path : null,
  ].filter(Boolean);
  const what = error.problem ? words.problem(error.problem) : (error.message ?? 'invalid');
  return `${where.length ? `${where.join(', ')}: ` : ''}${what}`;
}

const describeWarning = (problem: TemplateProblem): string => words.problem(problem);

async function importFile(database: Database, io: CommandIo, file: string, opts: { only: XAccountRow | undefined; dryRun: boolean }): Promise<number> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`accueil templates import: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    io.stderr.write(`accueil templates import: ${file} is not JSON (${error instanceof Error ? error.message : String(error)}). Nothing was imported.\n`);
    return 1;
  }
  const plan = planImport(raw, await listAccounts(database.db), opts.only ? { only: opts.only } : {});
  if (!plan.ok) {
    io.stderr.write(`accueil templates import: ${plan.errors.length} problem(s) in ${file}; nothing was imported.\n`);
    for (const error of plan.errors) io.stderr.write(`  ${describeImportError(error)}\n`);
    return 1;
  }
  for (const p of plan.plans) for (const warning of p.warnings) io.stdout.write(`warning: @${p.account.handle}, item ${warning.item} (${warning.key}): ${describeWarning(warning.problem)}\n`);
  if (opts.dryRun) {
    io.stdout.write(`${file} is valid: ${plan.plans.reduce((n, p) => n + p.items.length, 0)} template(s) checked; nothing was imported (--dry-run).\n`);
    return 0;
  }
  const done = await applyImport(database.db, plan.plans, CLI_ACTOR);
  for (const { account, outcomes } of done) {
    const changed = outcomes.filter((o) => o.outcome !== 'unchanged');
    io.stdout.write(`@${account}: ${changed.length} template(s) changed, ${outcomes.length - changed.length} unchanged.\n`);
    for (const o of changed) io.stdout.write(`  ${o.key} v${o.version}: ${o.outcome}\n`);
  }
  return 0;
}

async function voice(
  database: Database,
  io: CommandIo,
  accounts: XAccountRow[],
  values: { address?: string; 'sign-off'?: string; 'default-sign-off': boolean },
): Promise<number> {
  const change = values.address !== undefined || values['sign-off'] !== undefined || values['default-sign-off'];
  for (const account of accounts) {
    let current = account;
    if (change) {
      const saved = await setVoice(database.db, account, {
        ...(values.address !== undefined ? { address: values.address as VoiceAddress } : {}),
        ...(values['sign-off'] !== undefined ? { signOff: values['sign-off'] } : values['default-sign-off'] ? { signOff: null } : {}),
      });
      if (!saved.ok) {
        io.stderr.write(`accueil templates voice: --sign-off: ${saved.problem === 'too-long' ? 'at most 60 characters' : 'no link, @mention or #hashtag'}.\n`);
        return 1;
      }
      current = saved.account;
    }
    const signOff = current.signOff ?? `built-in (${words.defaultSignOff})`;
    io.stdout.write(`@${current.handle}: French address ${current.voiceAddress}; sign-off ${current.signOff ? `“${signOff}”` : signOff}\n`);
  }
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
