// The README's first command, as a newcomer runs it: the built bot, its stand-ins and an embedded
// database of the demo's own, which it leaves behind with eight weeks of history to look at.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../src/db/accounts';
import { openDatabase } from '../src/db/client';
import { digestFigures, WEEK_MS } from '../src/db/digest-queries';
import { xSpend } from '../src/db/x-usage';
import { DEMO_MARKER, prepareDemoDirectory } from '../src/demo/directory';
import { testDriver } from './helpers/db';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built command line, without the environment's DATABASE_URL unless given. */
function accueil(args: string[], extraEnv: Record<string, string> = {}, timeout = 290_000): Promise<Run> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--max-semi-space-size=1', 'bin/accueil.js', ...args], { env: { ...env, ...extraEnv }, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let root: string;
let demoDir: string;
let demo: Run;

// The demo always runs on its embedded database: once per test run is enough.
describe.runIf(testDriver() === 'embedded')('npm run demo', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'accueil-demo-test-'));
    // Run as root, the demo's server runs as the postgres user, who must be able to enter the directories above it.
    await chmod(root, 0o755);
    demoDir = join(root, 'demo');
    demo = await accueil(['demo', '--dir', demoDir]);
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('plays the history, then the live scenario, and exits 0 after one welcome DM, one public welcome, one skip and one answer', () => {
    expect(demo.stderr).not.toMatch(/accueil demo:|timed out/);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(`Its database is its own: embedded, in ${demoDir}`);
    expect(demo.stdout).toMatch(/Eight weeks of history, \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d, played by the bot's own code/);
    expect(demo.stdout).toContain('First poll: nothing new since the history — 0 cards.');
    expect(demo.stdout).toContain('Demo complete: one welcome DM, one public welcome, one skip, one answer to Léa from the thread, nothing else sent.');
    expect(demo.stdout).toMatch(/DM to \S+: “/);
    expect(demo.stdout).toContain(`DATA_DIR=${demoDir} npx accueil digest --preview`);
    expect(existsSync(join(demoDir, DEMO_MARKER))).toBe(true);
    expect(existsSync(join(demoDir, 'postgres', 'PG_VERSION'))).toBe(true);
  });

  it('shows a conversation in Léa’s card thread: her DM comes back, Marie answers it from Slack, and X sends the answer', () => {
    const live = demo.stdout.slice(demo.stdout.indexOf('⑦'));
    expect(live).toMatch(/⑦ Léa answers the welcome by DM/);
    // Her message, in the thread, with Reply… on it.
    expect(live).toMatch(/@lea_ceramique \(https:\/\/x\.com\/lea_ceramique\) wrote you a DM[^\n]*\n\s+│ Merci Marie ! Vous faites aussi des ateliers pour débutants \?\n\s+│ \[ Reply… \]/);
    // The answer, sent by X as a DM, then in the thread as sent; her message says who answered it.
    const answer = 'Oui, chaque samedi matin à l’atelier, pour débutants comme pour confirmés. Au plaisir de vous y voir !';
    expect(live).toContain(`DM to lea_ceramique: “${answer}”`);
    expect(live).toMatch(new RegExp(`@U0MARIE01 answered · By DM\\n\\s+│ ${answer.replace(/[.!?]/g, '\\$&')}\\n\\s+│\\s+Sent\\.`));
    expect(live).toContain('✅ Answered by @U0MARIE01');
    expect(live).toMatch(/Léa's card now says: 💬 2 messages · answered by @U0MARIE01 /);
    // The DM she wrote before following opens the thread.
    expect(live).toContain('Bonjour ! J’adore vos vases, vous exposez bientôt à Lyon ?');
  });

  it('shows a template written by a teammate being used: promoted before the followers arrive, it drafts Sam’s public welcome', () => {
    expect(demo.stdout).toContain('In App Home, Marie writes a template for English public welcomes, `en-mention-maker` v1, and promotes it:');
    expect(demo.stdout).toMatch(/Live for English public welcomes now: en-mention-maker \(paused: [^)]*en-mention-1/);
    expect(demo.stdout).toContain("Sam's card was drafted from template en-mention-maker v1, written by Marie.");
    expect(demo.stdout).toMatch(/Post \d+: “@samdesigns Hello Sam, and welcome to the workshop!/);
  });

  it('leaves a past: the digest preview it prints shows followers, welcomes, replies, unfollows and spend', async () => {
    const png = join(root, 'digest.png');
    const preview = await accueil(['digest', '--preview', '--out', png], { DATA_DIR: demoDir }, 120_000);
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);
    const text = preview.stdout;
    const figure = (pattern: RegExp) => Number(pattern.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
    // This week's own figures…
    expect(figure(/New followers: ([\d,]+)/)).toBeGreaterThan(0);
    expect(figure(/Welcomed: DM [\d,]+ · mention ([\d,]+)/)).toBeGreaterThan(0);
    expect(text).toMatch(/Total: \$\d+\.\d\d/);
    expect(text).not.toContain('Total: $0.00');
    // …and the eight weeks the experiment pools: templates with sends and replies, a control sample.
    expect(text).toMatch(/[a-z]{2}-(dm|mention)-\d/);
    expect(text).toContain('not welcomed (control sample)');
    expect(text).toContain(`Chart written to ${png}`);
    expect(existsSync(png)).toBe(true);
  }, 130_000);

  it('spreads the history over eight weeks: every week has arrivals, welcomes and X spend, and the whole has replies and unfollows on both sides', async () => {
    const database = await openDatabase({ dataDir: demoDir });
    try {
      const [account] = await listAccounts(database.db);
      const now = new Date();
      const figures = await digestFigures(database.db, account!, { from: new Date(now.getTime() - WEEK_MS), to: now });
      expect(figures.trend).toHaveLength(8);
      for (const week of figures.trend) {
        expect(week.followers).toBeGreaterThan(0);
        expect(week.welcomes).toBeGreaterThan(0);
        const spend = await xSpend(database.db, account!.xUserId, new Date(week.from), new Date(Date.parse(week.from) + WEEK_MS));
        expect(spend.reduce((sum, line) => sum + line.usd, 0)).toBeGreaterThan(0);
      }
      expect(figures.trend.reduce((sum, week) => sum + week.replies, 0)).toBeGreaterThan(0);
      expect(figures.trend.reduce((sum, week) => sum + week.unfollows, 0)).toBeGreaterThan(0);
      expect(figures.replies.welcomed.k).toBeGreaterThan(0);
      expect(figures.replies.notWelcomed.n).toBeGreaterThan(0);
      expect(figures.unfollows7.welcomed.n).toBeGreaterThan(0);
      expect(figures.unfollows7.notWelcomed.k).toBeGreaterThan(0);
      expect(new Set(figures.templates.map((t) => t.templateId.split('-')[0])).size).toBe(2);
      expect(new Set(figures.templates.map((t) => t.templateId.split('-')[1])).size).toBe(2);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('refuses a directory that is not the demo’s, and any run while DATABASE_URL is set, touching nothing', async () => {
    const real = join(root, 'real-data');
    mkdirSync(real);
    writeFileSync(join(real, 'PG_VERSION'), '17\n');
    const refused = await accueil(['demo', '--dir', real], {}, 30_000);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a demo directory');
    expect(readdirSync(real)).toEqual(['PG_VERSION']);

    const withUrl = await accueil(['demo', '--dir', join(root, 'elsewhere')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/prod' }, 30_000);
    expect(withUrl.code).toBe(2);
    expect(withUrl.stderr).toContain('DATABASE_URL is set');
    expect(existsSync(join(root, 'elsewhere'))).toBe(false);
  }, 70_000);

  it('starts the next run from an empty demo directory: the history is played again, not added to', () => {
    const again = prepareDemoDirectory(demoDir, { databaseUrlSet: false });
    expect(again).toEqual({ ok: true, dir: demoDir, reset: true });
    expect(readdirSync(demoDir)).toEqual([DEMO_MARKER]);
  });
});
