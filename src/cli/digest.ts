import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderBlocksAsText } from '../bot/blocks/render-text';
import { ConfigError, loadDatabaseConfig } from '../config';
import { listAccounts } from '../db/accounts';
import { openDatabase } from '../db/client';
import { buildDigest } from '../bot/digest';
import { LANGS, type Lang } from '../domain';

export interface DigestIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The environment to read the database settings from; the process's own when absent. */
  env?: Record<string, string | undefined>;
  /** The end of the digest's week; now when absent. */
  now?: () => Date;
}

export const DIGEST_USAGE = `Usage:
  accueil digest --preview [--out FILE] [--account HANDLE] [--lang fr|en]

  Prints the weekly digest of the last seven days in the terminal, as the desk channel would show
  it, and writes its chart to FILE (default: accueil-digest.png). Nothing is posted to Slack.
`;

/** `accueil digest --preview`: the digest on demand, from the database alone (no Slack, no X). */
export async function runDigestCommand(argv: string[], io: DigestIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        preview: { type: 'boolean', default: false },
        out: { type: 'string', default: 'accueil-digest.png' },
        account: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${DIGEST_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(DIGEST_USAGE);
    return 0;
  }
  if (!values.preview) {
    io.stderr.write(`The digest is posted by the running bot on its schedule; use --preview to see it here.\n\n${DIGEST_USAGE}`);
    return 2;
  }
  if (values.lang !== undefined && !(LANGS as readonly string[]).includes(values.lang)) {
    io.stderr.write(`--lang: expected "fr" or "en".\n`);
    return 2;
  }

  let config;
  let lang: Lang;
  try {
    config = io.env ? loadDatabaseConfig(io.env) : loadDatabaseConfig();
    lang = (values.lang as Lang | undefined) ?? config.deskLang;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
  const database = await openDatabase(config);
  try {
    await database.migrate();
    const accounts = await listAccounts(database.db);
    const wanted = values.account?.replace(/^@/, '').toLowerCase();
    const account = wanted ? accounts.find((a) => a.handle.toLowerCase() === wanted) : accounts[0];
    if (!account) {
      io.stderr.write(wanted ? `No account @${wanted} in this database.\n` : 'No X account in this database yet: start the bot once first.\n');
      return 1;
    }
    const digest = await buildDigest(database.db, account, { now: io.now?.() ?? new Date(), lang });
    io.stdout.write(`${renderBlocksAsText(digest.blocks)}\n`);
    const png = digest.png!;
    await writeFile(values.out, png);
    io.stdout.write(`\nChart written to ${values.out} (${png.length} bytes).\n`);
    return 0;
  } finally {
    await database.close();
  }
}
