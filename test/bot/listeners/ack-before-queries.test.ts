// A view submission acks right after validation: what validation needs from the database was read
// when the modal opened and rides in private_metadata. Here the database is held (a transaction
// that locks the tables these submissions read and write) while
// the submission comes in: the ack must arrive anyway, and the work after it once the database is back.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_MODAL } from '../../../src/bot/blocks/audit-modal';
import { HOME_IDS, SETTINGS_INPUTS } from '../../../src/bot/blocks/home';
import { EDIT_INPUT, VIEWS } from '../../../src/bot/ids';
import { blockActionsPayload, DEFAULTS, postInteraction, viewSubmissionPayload, type SlackHttpResponse } from '../../../src/sandbox/slack-request';
import { DESK_CHANNEL, SIGNING_SECRET, startTestDesk, welcomeIdOf, type TestDesk } from '../../helpers/desk';
import { waitUntil, welcomeRow } from '../../helpers/wait';
import { slash } from './helpers';

const MARIE = DEFAULTS.userId;
/** Slack waits 3 seconds for an ack; half of it is ample on a loaded machine for a pure validation. */
const ACK_WITHIN_MS = 1_500;

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', MARIE] } });
});
afterAll(async () => {
  await desk?.stop();
});

/** Holds the database until `release()`: every statement on these tables waits. */
async function holdDatabase(): Promise<{ release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const transaction = desk.bot.desk.db.transaction(async (tx) => {
    await tx.execute(sql`lock table x_accounts, audit_runs, welcomes in access exclusive mode`);
    held();
    await released;
  });
  await holding;
  return {
    release: async () => {
      release();
      await transaction;
    },
  };
}

/** The request's answer, or null when none came within `ms`. */
async function answeredWithin(request: Promise<SlackHttpResponse>, ms: number): Promise<SlackHttpResponse | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

const auditRunsBy = async (actor: string) =>
  Number((await desk.bot.database.executeSql('select count(*)::int as n from audit_runs where actor = $1', [actor])).rows[0]?.n);

describe('a view submission while the database is held', () => {
  it('the audit form answers with its report in the ack, and logs the run once the database is back', async () => {
    const triggerId = desk.slack.triggerId();
    await slash(desk, '/audit-dm', '', { userId: 'U0HELD001', triggerId });
    const opened = await desk.slack.waitFor(() => desk.slack.openedViews.find((view) => view.triggerId === triggerId));

    const database = await holdDatabase();
    let submitted: Promise<SlackHttpResponse> | undefined;
    try {
      submitted = postInteraction(
        desk.eventsUrl,
        SIGNING_SECRET,
        viewSubmissionPayload({
          callbackId: AUDIT_MODAL.callbackId,
          userId: 'U0HELD001',
          privateMetadata: String(opened.view.private_metadata),
          // Not our domain: the account's own domains, carried by the form, decide this finding.
          values: { [AUDIT_MODAL.textBlockId]: { [AUDIT_MODAL.textActionId]: 'Merci pour le suivi, Camille ! Notre atelier : https://elsewhere.example/atelier' } },
        }),
      );
      const answer = await answeredWithin(submitted, ACK_WITHIN_MS);
      expect(answer, 'the ack waited for the database').not.toBeNull();
      expect(answer!.status).toBe(200);
      expect(answer!.json).toMatchObject({ response_action: 'update' });
      expect(JSON.stringify(answer!.json)).toContain('link-off-domain');
    } finally {
      await database.release();
      await submitted;
    }
    await waitUntil(async () => (await auditRunsBy('U0HELD001')) === 1, 10_000, 'the audit run to be logged');
  });

  it('the settings modal acks a valid submission, and saves it once the database is back', async () => {
    const before = desk.slack.openedViews.length;
    await postInteraction(desk.eventsUrl, SIGNING_SECRET, blockActionsPayload({ actionId: HOME_IDS.editAccount, value: String(desk.bot.accountId), userId: MARIE, triggerId: desk.slack.triggerId(), blockId: 'home_settings' }));
    const opened = await desk.slack.waitFor(() => desk.slack.openedViews[before]);
    const option = (value: string) => ({ type: 'static_select', selected_option: { value } });
    const topics = async () => (await desk.bot.database.executeSql('select topics from x_accounts where id = $1', [desk.bot.accountId])).rows[0]?.topics;

    const database = await holdDatabase();
    let submitted: Promise<SlackHttpResponse> | undefined;
    try {
      submitted = postInteraction(
        desk.eventsUrl,
        SIGNING_SECRET,
        viewSubmissionPayload({
          callbackId: HOME_IDS.settingsModal,
          userId: MARIE,
          privateMetadata: String(opened.view.private_metadata),
          values: {
            [SETTINGS_INPUTS.channel.blockId]: { [SETTINGS_INPUTS.channel.actionId]: { type: 'channels_select', selected_channel: DESK_CHANNEL } },
            [SETTINGS_INPUTS.kind.blockId]: { [SETTINGS_INPUTS.kind.actionId]: option('business') },
            [SETTINGS_INPUTS.dmPolicy.blockId]: { [SETTINGS_INPUTS.dmPolicy.actionId]: option('engaged-only') },
            [SETTINGS_INPUTS.sendMode.blockId]: { [SETTINGS_INPUTS.sendMode.actionId]: option('api') },
            [SETTINGS_INPUTS.ownDomains.blockId]: { [SETTINGS_INPUTS.ownDomains.actionId]: 'maison-lumen.fr' },
            [SETTINGS_INPUTS.topics.blockId]: { [SETTINGS_INPUTS.topics.actionId]: 'grès, émail' },
          },
        }),
      );
      const answer = await answeredWithin(submitted, ACK_WITHIN_MS);
      expect(answer, 'the ack waited for the database').not.toBeNull();
      expect(answer!.status).toBe(200);
      expect(answer!.body).toBe('');
    } finally {
      await database.release();
      await submitted;
    }
    await waitUntil(async () => (JSON.stringify(await topics()) === JSON.stringify(['grès', 'émail']) ? true : null), 10_000, 'the settings to be saved');
  });
});

/** Writes to `welcomes` wait until `release()`; reads go on. `meanwhile` runs inside the holding transaction. */
async function holdWelcomeWrites(): Promise<{ meanwhile(statement: ReturnType<typeof sql>): Promise<void>; release(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const statements: ReturnType<typeof sql>[] = [];
  const transaction = desk.bot.desk.db.transaction(async (tx) => {
    await tx.execute(sql`lock table welcomes in exclusive mode`);
    held();
    await released;
    for (const statement of statements) await tx.execute(statement);
  });
  await holding;
  return {
    meanwhile: async (statement) => void statements.push(statement),
    release: async () => {
      release();
      await transaction;
    },
  };
}

describe('the edit modal while writes to welcomes are held', () => {
  let welcomeId: number;
  beforeAll(async () => {
    desk.x.addFollower({ handle: 'gaelle_w', name: 'Gaëlle', bio: 'Design et céramique.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    welcomeId = welcomeIdOf(card!);
  });
  const submitEdit = (text: string, seenEditedAt: number | null) =>
    postInteraction(
      desk.eventsUrl,
      SIGNING_SECRET,
      viewSubmissionPayload({
        callbackId: VIEWS.editWelcome,
        userId: MARIE,
        privateMetadata: JSON.stringify({ welcomeId, channel: 'mention', seenEditedAt }),
        values: { [EDIT_INPUT.blockId]: { [EDIT_INPUT.actionId]: text } },
      }),
    );

  it('acks once the text is checked, and saves the draft once the writes are let through', async () => {
    const text = '@gaelle_w Merci pour le suivi, Gaëlle ! Ravie de vous compter parmi nous.';
    const held = await holdWelcomeWrites();
    let submitted: Promise<SlackHttpResponse> | undefined;
    try {
      submitted = submitEdit(text, (await welcomeRow(desk.bot.desk.db, welcomeId)).editedAt?.getTime() ?? null);
      const answer = await answeredWithin(submitted, ACK_WITHIN_MS);
      expect(answer, 'the ack waited for the save').not.toBeNull();
      expect(answer!.status).toBe(200);
      expect(answer!.body).toBe('');
      expect((await welcomeRow(desk.bot.desk.db, welcomeId)).editedBy, 'saved before the writes were let through').toBeNull();
    } finally {
      await held.release();
      await submitted;
    }
    const saved = await waitUntil(async () => {
      const row = await welcomeRow(desk.bot.desk.db, welcomeId);
      return row.editedBy === MARIE ? row : null;
    }, 10_000, 'the edit to be saved');
    expect(saved.drafts.mention ?? saved.draftText).toBe(text);
  });

  it('tells the teammate privately when an edit landed between the ack and the save', async () => {
    const seen = (await welcomeRow(desk.bot.desk.db, welcomeId)).editedAt?.getTime() ?? null;
    const held = await holdWelcomeWrites();
    let submitted: Promise<SlackHttpResponse> | undefined;
    try {
      submitted = submitEdit('@gaelle_w Bonjour Gaëlle, merci de nous suivre !', seen);
      const answer = await answeredWithin(submitted, ACK_WITHIN_MS);
      expect(answer, 'the ack waited for the save').not.toBeNull();
      expect(answer!.body).toBe('');
      // Another teammate's edit, saved before this one's save gets its turn.
      await held.meanwhile(sql`update welcomes set edited_by = 'U0BRUNO01', edited_at = now() + interval '1 second' where id = ${welcomeId}`);
    } finally {
      await held.release();
      await submitted;
    }
    const told = await desk.slack.waitFor(() => desk.slack.ephemerals.find((message) => message.user === MARIE && /Changed by/.test(message.text)), 10_000);
    expect(told.channel).toBe(DESK_CHANNEL);
    const row = await welcomeRow(desk.bot.desk.db, welcomeId);
    expect(row.editedBy).toBe('U0BRUNO01');
    expect(row.drafts.mention ?? row.draftText).not.toContain('Bonjour Gaëlle');
  });
});
