// Issue 15, items 2, 3 and 9: settings saved from Slack survive a restart, and approved welcomes keep their send mode.
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { HOME_IDS, SETTINGS_INPUTS } from '../../src/bot/blocks/home';
import { ACTIONS } from '../../src/bot/ids';
import { runAccountsCommand } from '../../src/cli/accounts';
import { loadConfig } from '../../src/config';
import { welcomes, xAccounts } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { startBot } from '../../src/main';
import { envForFakes } from '../../src/sandbox/env';
import { blockActionsPayload, DEFAULTS, postInteraction, viewSubmissionPayload } from '../../src/sandbox/slack-request';
import { DESK_CHANNEL, SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { waitForWelcome, waitUntil, welcomeRow } from '../helpers/wait';

const MARIE = DEFAULTS.userId;

let desk: TestDesk | undefined;
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
});

/** Marie opens the settings from the Home tab and saves them: the submission carries what the modal opened with. */
async function saveSettings(d: TestDesk, values: { dmPolicy?: string; sendMode?: string; ownDomains?: string; topics?: string }) {
  const option = (value: string) => ({ type: 'static_select', selected_option: { value } });
  const before = d.slack.openedViews.length;
  await postInteraction(d.eventsUrl, SIGNING_SECRET, blockActionsPayload({ actionId: HOME_IDS.editAccount, value: String(d.bot.accountId), userId: MARIE, triggerId: d.slack.triggerId(), blockId: 'home_settings' }));
  const opened = await d.slack.waitFor(() => d.slack.openedViews[before]);
  return postInteraction(
    d.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      callbackId: HOME_IDS.settingsModal,
      userId: MARIE,
      privateMetadata: String(opened.view.private_metadata ?? ''),
      values: {
        [SETTINGS_INPUTS.channel.blockId]: { [SETTINGS_INPUTS.channel.actionId]: { type: 'channels_select', selected_channel: DESK_CHANNEL } },
        [SETTINGS_INPUTS.kind.blockId]: { [SETTINGS_INPUTS.kind.actionId]: option('business') },
        [SETTINGS_INPUTS.dmPolicy.blockId]: { [SETTINGS_INPUTS.dmPolicy.actionId]: option(values.dmPolicy ?? 'engaged-only') },
        [SETTINGS_INPUTS.sendMode.blockId]: { [SETTINGS_INPUTS.sendMode.actionId]: option(values.sendMode ?? 'api') },
        [SETTINGS_INPUTS.ownDomains.blockId]: { [SETTINGS_INPUTS.ownDomains.actionId]: values.ownDomains ?? '' },
        [SETTINGS_INPUTS.topics.blockId]: { [SETTINGS_INPUTS.topics.actionId]: values.topics ?? '' },
      },
    }),
  );
}

const accountRow = async (d: TestDesk) => (await d.bot.desk.db.select().from(xAccounts).where(eq(xAccounts.id, d.bot.accountId)))[0]!;

describe('settings saved in App Home (item 2)', () => {
  it('win over the environment at the next start, which logs the difference; `accounts list` says where each came from', { timeout: 90_000 }, async () => {
    desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', MARIE] } });
    const saved = await saveSettings(desk, { dmPolicy: 'off', ownDomains: 'lumen.shop', topics: 'céramique' });
    expect(saved.json).toBeFalsy();
    // Saved after the ack.
    await waitUntil(async () => ((await accountRow(desk!)).dmPolicy === 'off' ? true : null), 10_000, 'the settings to be saved');
    expect(await accountRow(desk)).toMatchObject({ dmPolicy: 'off', ownDomains: ['lumen.shop'], topics: ['céramique'] });

    // Restart on the same database, with the same environment.
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const config = loadConfig(envForFakes({ x: desk.x, slack: desk.slack }, { signingSecret: SIGNING_SECRET, channelId: DESK_CHANNEL }, { DATA_DIR: 'memory://' }));
    const again = await startBot(config, { logger, database: { ...desk.bot.database, close: async () => {} }, schedules: false });
    try {
      expect(await accountRow(desk)).toMatchObject({ dmPolicy: 'off', sendMode: 'api', ownDomains: ['lumen.shop'], topics: ['céramique'] });
      const differences = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => /differs from the environment/.test(String(entry.msg)));
      expect(differences.map((entry) => [entry.setting, entry.environment, entry.saved, entry.by])).toEqual([
        ['dmPolicy', 'engaged-only', 'off', MARIE],
        ['ownDomains', ['maison-lumen.fr'], ['lumen.shop'], MARIE],
        ['topics', ['céramique', 'design', 'artisanat'], ['céramique'], MARIE],
      ]);
    } finally {
      await again.stop();
    }

    let out = '';
    const code = await runAccountsCommand(['list', '--json'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => {} } }, {
      config: { x: config.x, secretKey: undefined },
      openDatabase: async () => ({ ...desk!.bot.database, close: async () => {} }),
    });
    expect(code).toBe(0);
    const [listed] = JSON.parse(out) as Array<{ dmPolicy: string; sources: Record<string, { from: string; by?: string }> }>;
    expect(listed!.dmPolicy).toBe('off');
    expect(listed!.sources.dmPolicy).toMatchObject({ from: 'slack', by: MARIE });
    expect(listed!.sources.sendMode).toEqual({ from: 'environment' });
  });
});

describe('a welcome approved for manual sending (items 3 and 9)', () => {
  it('stays manual after the account switches to API sending: the switch says so, the sweeper leaves it, Mark as sent still works', async () => {
    desk = await startTestDesk({ env: { X_SEND_MODE: 'manual' }, slack: { channelMembers: ['U0BOT0001', MARIE] } });
    desk.x.addFollower({ handle: 'paula_d', name: 'Paula', bio: 'Design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const welcomeId = welcomeIdOf(card!);
    await desk.click(card!, ACTIONS.postMention, { userId: MARIE });
    const approved = await desk.slack.waitFor(() => {
      const current = desk!.slack.message(card!.channel, card!.ts)!;
      return JSON.stringify(current.blocks).includes(ACTIONS.markSent) ? current : null;
    });
    // Item 9: what the team has to do, not a place in a queue the bot does not serve.
    const shown = JSON.stringify(approved.blocks);
    expect(shown).not.toMatch(/Position in queue/);
    expect(shown).toContain('Send it in X with the button below, then mark it as sent.');

    expect((await saveSettings(desk, { sendMode: 'api' })).json).toBeFalsy();
    const told = await desk.slack.waitFor(() => desk!.slack.ephemerals.find((e) => e.user === MARIE && /now sends/.test(e.text)));
    expect(told.text).toContain('1 approved card keeps the mode it was approved in');
    // The account's handle as a profile link: no ping, copies cleanly.
    expect(told.text).toMatch(/^<https:\/\/x\.com\/(\w+)\|@\1> now sends/);

    // The sweeper re-queues approvals it thinks lost: not this one.
    await desk.bot.desk.db.update(welcomes).set({ updatedAt: sql`now() - interval '10 minutes'` }).where(eq(welcomes.id, welcomeId));
    const sweeps = async () => Number((await desk!.bot.database.executeSql("select count(*)::int as n from pgboss.job where name = 'desk-sweep' and state = 'completed'")).rows[0]?.n ?? 0);
    const before = await sweeps();
    await desk.bot.jobs.sweepNow();
    await waitUntil(async () => (await sweeps()) > before, 10_000, 'a sweep');
    expect((await welcomeRow(desk.bot.desk.db, welcomeId)).status).toBe('approved');

    await desk.click(approved, ACTIONS.markSent, { userId: MARIE });
    expect((await waitForWelcome(desk.bot.desk.db, welcomeId, ['sent'])).sendMode).toBe('manual');
    expect(desk.x.posts).toHaveLength(0);
  });
});
