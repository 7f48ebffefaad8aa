import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRunRows } from '../../helpers/rows';
import { DESK_CHANNEL, startTestDesk, type TestDesk } from '../../helpers/desk';
import { sleep } from '../../helpers/wait';
import { messageShortcut, readable } from './helpers';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.stop();
});

// A message as Slack stores it: links wrapped as <url|label>, people as <@U…>, `&` as an entity.
const STORED_DRAFT = 'Hey <@U0PAUL001>, draft for the newcomer: "Thanks &amp; welcome! Follow us on Instagram too: <https://instagram.com/maison|instagram.com/maison>"';

describe('"Audit as a welcome" message shortcut', () => {
  it('audits the message text as a DM and answers only the teammate who asked, in that conversation', async () => {
    const sent = await messageShortcut(desk, 'audit_message_shortcut', STORED_DRAFT, { userId: 'U0SHORT01', channelId: 'C0OTHER01' });
    expect(sent.http.status).toBe(200);
    const reply = await sent.reply();
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.replace_original).toBe(false);
    const text = readable(reply.body);
    expect(text).toMatch(/^⛔ Fail — audited as a DM, in English/);
    expect(text).toContain('no-social-redirect');
    // The link is audited as the reader sees it, not as Slack's <url|label> markup.
    expect(text).toContain('instagram.com/maison');
    expect(text).not.toContain('<https://');
    const ephemeral = desk.slack.ephemerals.find((message) => message.user === 'U0SHORT01');
    expect(ephemeral).toMatchObject({ channel: 'C0OTHER01' });
    expect(desk.slack.messagesIn('C0OTHER01')).toEqual([]);
    const runs = (await auditRunRows(desk.bot.desk.db)).filter((run) => run.actor === 'U0SHORT01');
    expect(runs).toMatchObject([{ source: 'shortcut', verdict: 'fail' }]);
    expect(runs[0]!.ruleIds).toContain('no-social-redirect');
  });

  it('falls back to chat.postEphemeral when the response_url no longer works', async () => {
    const deadUrl = `${desk.slack.baseUrl}/response/T0TEAM001/R-expired/0000`;
    const sent = await messageShortcut(desk, 'audit_message_shortcut', 'Thank you for following, Léa!', { userId: 'U0SHORT02', responseUrl: deadUrl });
    expect(sent.http.status).toBe(200);
    const ephemeral = await desk.slack.waitFor(() => desk.slack.ephemerals.find((message) => message.user === 'U0SHORT02'));
    expect(ephemeral.channel).toBe(DESK_CHANNEL);
    expect(readable(ephemeral as unknown as Record<string, unknown>)).toMatch(/^✅ Pass/);
    expect(desk.slack.calls.some((call) => call.method === 'chat.postEphemeral' && call.ok)).toBe(true);
  });

  it('says so when the message has no text to audit', async () => {
    const sent = await messageShortcut(desk, 'audit_message_shortcut', '', { userId: 'U0SHORT03' });
    expect(String((await sent.reply()).body.text)).toBe('This message has no text to audit.');
    expect((await auditRunRows(desk.bot.desk.db)).filter((run) => run.actor === 'U0SHORT03')).toEqual([]);
  });

  it('audits text held in rich-text blocks and attachments, not only `text`', async () => {
    const blocks = [
      {
        type: 'rich_text',
        block_id: 'b1',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'Thanks for following! Follow us on Instagram too: ' },
              { type: 'link', url: 'https://instagram.com/maison', text: 'instagram.com/maison' },
            ],
          },
        ],
      },
    ];
    const sent = await messageShortcut(desk, 'audit_message_shortcut', '', { userId: 'U0SHORT04', blocks });
    const text = readable((await sent.reply()).body);
    expect(text).toMatch(/^⛔ Fail — audited as a DM/);
    expect(text).toContain('no-social-redirect');

    const fromAttachment = await messageShortcut(desk, 'audit_message_shortcut', '', {
      userId: 'U0SHORT05',
      attachments: [{ fallback: 'Draft', pretext: 'Draft for the newcomer:', text: 'Thank you for following, Léa!' }],
    });
    expect(readable((await fromAttachment.reply()).body)).toMatch(/^✅ Pass/);
    const runs = (await auditRunRows(desk.bot.desk.db)).filter((run) => run.actor === 'U0SHORT04' || run.actor === 'U0SHORT05');
    expect(runs.map((run) => run.verdict).sort()).toEqual(['fail', 'pass']);
  });
});

describe('"Welcome this person" message shortcut', () => {
  it('posts one card for the X profile linked in the message', async () => {
    desk.x.addUser({ name: 'Nora Céram', handle: 'nora_c', bio: 'Céramique et design.' });
    const sent = await messageShortcut(desk, 'welcome_from_message', 'Look who followed us: <https://x.com/nora_c|x.com/nora_c> — worth a welcome?');
    expect(readable((await sent.reply()).body)).toBe(`Card posted in #${DESK_CHANNEL} for @nora_c (https://x.com/nora_c): it waits there for a teammate's decision.`);
    const [card, ...others] = await desk.waitForCards(1);
    expect(others).toEqual([]);
    expect(readable({ blocks: card!.blocks })).toContain('Nora Céram');

    const again = await messageShortcut(desk, 'welcome_from_message', 'https://twitter.com/nora_c');
    expect(readable((await again.reply()).body)).toContain('No new card for @nora_c (https://x.com/nora_c)');
    await sleep(300);
    expect(desk.cards()).toHaveLength(1);
  });

  it('says so when the message links to no X profile (a post is not a profile)', async () => {
    const sent = await messageShortcut(desk, 'welcome_from_message', 'See <https://x.com/nora_c/status/123|this post> and <https://x.com/home>');
    expect(String((await sent.reply()).body.text)).toBe('No X profile link (x.com/handle or twitter.com/handle) in this message.');
    expect(desk.cards()).toHaveLength(1);
  });

  it('finds the X profile linked in an attachment (a link unfurl or an app’s message)', async () => {
    desk.x.addUser({ name: 'Théo Bois', handle: 'theo_bois', bio: 'Menuiserie.' });
    const before = desk.cards().length;
    const sent = await messageShortcut(desk, 'welcome_from_message', 'New follower', {
      attachments: [{ fallback: 'Théo Bois', title: 'Théo Bois (@theo_bois)', text: 'Profile: <https://x.com/theo_bois|x.com/theo_bois>' }],
    });
    expect(readable((await sent.reply()).body)).toBe(`Card posted in #${DESK_CHANNEL} for @theo_bois (https://x.com/theo_bois): it waits there for a teammate's decision.`);
    await desk.waitForCards(before + 1);
  });
});
