// Issue 15, items 4 and 10: own domains are registrable domains everywhere one is entered; the CLI's edges.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAccountSettingsSubmission, SETTINGS_INPUTS } from '../../src/bot/blocks/home';
import { runAccountsCommand } from '../../src/cli/accounts';
import { runAuditCommand } from '../../src/cli/audit';
import { ConfigError, loadConfig } from '../../src/config';
import { checkOwnDomain } from '../../src/domain';

const REFUSED = ['co.uk', '-bad-.com', 'a..b.com', '.com.fr', 'not a domain', 'com', 'brand.notatld'];

async function audit(argv: string[], stdinText = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runAuditCommand(argv, { stdin: Readable.from([stdinText]), stdout, stderr });
  return { code, out, err };
}

describe('own domains (item 4)', () => {
  it('are registrable domains or subdomains of one', () => {
    for (const domain of ['brand.com', 'shop.brand.co.uk', 'https://www.Brand.fr/path', 'maison-lumen.fr', 'brand.github.io']) expect(checkOwnDomain(domain).ok, domain).toBe(true);
    for (const domain of REFUSED) expect(checkOwnDomain(domain).ok, domain).toBe(false);
  });

  it('are refused with the reason in the environment, App Home, `audit --domain` and `accounts add`', async () => {
    for (const domain of REFUSED) {
      let refused: unknown;
      try {
        loadConfig({ OWN_DOMAINS: `brand.com,${domain}` });
      } catch (error) {
        refused = error;
      }
      expect(refused, domain).toBeInstanceOf(ConfigError);
      expect((refused as ConfigError).problems.map((problem) => problem.variable), domain).toContain('OWN_DOMAINS');
      const home = readAccountSettingsSubmission(
        {
          private_metadata: JSON.stringify({ accountId: 1, editor: 'U0MARIE01', handle: 'maison_lumen', slackChannelId: 'C0DESK001' }),
          state: {
            values: {
              [SETTINGS_INPUTS.channel.blockId]: { [SETTINGS_INPUTS.channel.actionId]: { selected_channel: 'C0DESK001' } },
              [SETTINGS_INPUTS.kind.blockId]: { [SETTINGS_INPUTS.kind.actionId]: { selected_option: { value: 'business' } } },
              [SETTINGS_INPUTS.dmPolicy.blockId]: { [SETTINGS_INPUTS.dmPolicy.actionId]: { selected_option: { value: 'off' } } },
              [SETTINGS_INPUTS.sendMode.blockId]: { [SETTINGS_INPUTS.sendMode.actionId]: { selected_option: { value: 'api' } } },
              [SETTINGS_INPUTS.ownDomains.blockId]: { [SETTINGS_INPUTS.ownDomains.actionId]: { value: domain } },
            },
          },
        },
        'en',
      );
      expect(home.ok, domain).toBe(false);
      const cli = await audit([`--domain=${domain}`, 'Merci !']);
      expect(cli.code, domain).toBe(2);
      let err = '';
      const added = await runAccountsCommand(
        ['add', '--channel', 'C0DESK002', '--access-token', 't', '--access-secret', 's', `--own-domains=${domain}`],
        { stdout: { write: () => {} }, stderr: { write: (t: string) => (err += t) } },
        { config: { x: { apiKey: '', apiSecret: '', accessToken: '', accessSecret: '', apiUrl: 'http://127.0.0.1:1' }, secretKey: undefined }, openDatabase: () => Promise.reject(new Error('not reached')) },
      );
      expect(added, domain).toBe(2);
      expect(err).toMatch(/--own-domains: /);
    }
    expect((await audit(['--domain', 'co.uk', 'x'])).err).toContain('"co.uk" is a public suffix');
  });

  it('with co.uk refused, an off-domain link no longer passes the audit', async () => {
    const passed = await audit(['--kind', 'dm', '--domain', 'brand.co.uk', 'Merci de nous suivre ! https://free-prizes.co.uk/win']);
    expect(passed.code).toBe(1);
    expect(passed.out).toContain('link-off-domain');
  });
});

describe('the CLI (item 10)', () => {
  it('refuses an empty message, as the editor does', async () => {
    const empty = await audit(['']);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('the message is empty');
  });

  it('says a batch line’s id is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'accueil-batch-'));
    try {
      await writeFile(join(dir, 'in.jsonl'), '{"id":1,"text":"Merci !"}\n{"text":"Merci !"}\n');
      const run = await audit(['--json', '--batch', join(dir, 'in.jsonl')]);
      const second = JSON.parse(run.out.trim().split('\n')[1]!) as { id: unknown; error: string };
      expect(second).toMatchObject({ id: null, error: 'line 2: id: missing: each line needs its "id" (a string or a number)' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('`migrate` names the unreachable database, and a malformed DATABASE_URL is named without the first-run walkthrough', () => {
    const cli = (env: Record<string, string>) => spawnSync(process.execPath, ['bin/accueil.js', 'migrate'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
    const unreachable = cli({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach the database at 127.0.0.1:1');
    expect(unreachable.stderr).not.toMatch(/select|insert|create/i);
    const malformed = cli({ DATABASE_URL: 'mysql://db/x' });
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain('DATABASE_URL: expected a postgres:// URL');
    expect(malformed.stderr).not.toContain('Slack');
  }, 90_000);
});
