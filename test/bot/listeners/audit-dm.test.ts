import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_MODAL } from '../../../src/bot/blocks/audit-modal';
import { auditRunRows } from '../../helpers/rows';
import { viewErrors } from '../../../src/sandbox/slack';
import { SIGNING_SECRET, startTestDesk, type TestDesk } from '../../helpers/desk';
import { fakeTriggerId, postInteraction, viewSubmissionPayload } from '../../../src/sandbox/slack-request';
import { sleep, waitUntil } from '../../helpers/wait';
import { readable, slash } from './helpers';

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(async () => {
  await desk?.stop();
});

const runsBy = async (actor: string) => (await auditRunRows(desk.bot.desk.db)).filter((run) => run.actor === actor);

// As Slack sends what the teammate typed: `&`, `<` and `>` arrive as entities.
const BAD_TEXT_AS_SLACK_SENDS =
  'Hi {{first_name&lt;!channel&gt;}}! Why did *you* follow us? BUY NOW at https://bit.ly/promo &amp; like our Facebook page.';
const GOOD_TEXT = 'Thank you for following, Camille! Your ceramics work looks lovely — maison-lumen.fr/guides has a few glaze tips if you ever want them.';

describe('/audit-dm <text>', () => {
  it('answers privately with every finding — severity, rule, why, where, suggestion — and a failing verdict', async () => {
    const sent = await slash(desk, '/audit-dm', BAD_TEXT_AS_SLACK_SENDS, { userId: 'U0AUDIT01' });
    expect(sent.http.status).toBe(200);
    const { body } = await sent.reply();
    expect(body.response_type).toBe('ephemeral');
    const text = readable(body);
    expect(text).toMatch(/^⛔ Fail — audited as a DM, in English: \d errors, \d warnings\./);
    for (const rule of ['unfilled-placeholder', 'interrogation', 'sales-pitch', 'link-off-domain', 'no-social-redirect', 'missing-thanks']) {
      expect(text).toContain(rule);
    }
    expect(text).toContain('Unfilled template field');
    expect(text).toContain('Where: “{{first_name<!channel>}}” (characters 4–27)');
    expect(text).toContain('Where: “Why did *you* follow”');
    expect(text).toContain('Where: the whole text');
    expect(text).toContain('Suggestion: Replace it with the real name or word, or remove it.');
    expect(text).toContain('`copy-paste` and `one-dm-per-follower` need history: run it on a card or with @handle.');
    // The excerpt is shown as typed, never as a live @channel or bold text.
    const raw = JSON.stringify(body.blocks);
    expect(raw).not.toContain('<!channel>');
    expect(raw).toContain('&lt;!channel');
    expect(raw).not.toContain('*you*');
  });

  it('logs the run: source, who asked, verdict and the rules that fired', async () => {
    const sent = await slash(desk, '/audit-dm', BAD_TEXT_AS_SLACK_SENDS, { userId: 'U0AUDIT02' });
    await sent.reply();
    const [run, ...others] = await runsBy('U0AUDIT02');
    expect(others).toEqual([]);
    expect(run).toMatchObject({ source: 'slash', verdict: 'fail', accountId: desk.bot.accountId, welcomeId: null });
    expect(run!.ruleIds).toEqual(['interrogation', 'link-off-domain', 'missing-thanks', 'no-social-redirect', 'sales-pitch', 'unfilled-placeholder']);
  });

  it('passes a personal, thankful text with one link to the team’s own site', async () => {
    const sent = await slash(desk, '/audit-dm', GOOD_TEXT, { userId: 'U0AUDIT03' });
    const text = readable((await sent.reply()).body);
    expect(text).toMatch(/^✅ Pass — audited as a DM, in English: no findings\./);
    expect(text).toContain('Nothing to fix');
    // The link is fine in a DM; posted publicly it would only earn a warning (X bills a post with a link 13× more).
    expect(text).toContain('As a public mention it would be: ⚠️ Warn — also `link-in-public-welcome`');
    expect(await runsBy('U0AUDIT03')).toMatchObject([{ source: 'slash', verdict: 'pass', ruleIds: [] }]);
  });

  it('says in one line when the same text would fail as a public mention', async () => {
    const sent = await slash(desk, '/audit-dm', `${GOOD_TEXT} @ana_b @ben_c`, { userId: 'U0AUDIT04' });
    const text = readable((await sent.reply()).body);
    expect(text).toMatch(/^✅ Pass — audited as a DM/);
    expect(text).toContain('As a public mention it would be: ⛔ Fail — also `link-in-public-welcome`, `multiple-mentions`');
  });

  it('audits a French text in French', async () => {
    const sent = await slash(desk, '/audit-dm', 'Bonjour ! Achetez maintenant avec le code PROMO20, et donnez-nous votre adresse e-mail.');
    const text = readable((await sent.reply()).body);
    expect(text).toMatch(/^⛔ Fail — audited as a DM, in French/);
    expect(text).toMatch(/no-contact-harvest/);
  });

  it('refuses a forged request: 401, no answer, no audit run', async () => {
    const sent = await slash(desk, '/audit-dm', BAD_TEXT_AS_SLACK_SENDS, { userId: 'U0FORGER1', send: { forgeSignature: 'v0=0000' } });
    expect(sent.http.status).toBe(401);
    await sleep(300);
    expect(sent.replied()).toBe(false);
    expect(await runsBy('U0FORGER1')).toEqual([]);
  });
});

describe('/audit-dm @handle', () => {
  it('says the desk has not seen an unknown follower, and how to start a welcome', async () => {
    const sent = await slash(desk, '/audit-dm', '@nobody_here');
    const text = readable((await sent.reply()).body);
    expect(text).toContain('Unknown follower: @nobody_here (https://x.com/nobody_here) has not been seen by the desk yet.');
    expect(text).toContain('`/welcome @nobody_here`');
  });
});

describe('/audit-dm alone', () => {
  it('opens a form; submitting it replaces the form with the report, text and kind kept', async () => {
    const triggerId = desk.slack.triggerId();
    const sent = await slash(desk, '/audit-dm', '', { userId: 'U0MODAL01', triggerId });
    expect(sent.http.status).toBe(200);
    const opened = await desk.slack.waitFor(() => desk.slack.openedViews.find((view) => view.triggerId === triggerId));
    expect(opened.view.callback_id).toBe(AUDIT_MODAL.callbackId);

    const pasted = `Thanks for the follow! ${'We love ceramics. '.repeat(20)}@ana_b @ben_c`;
    const submitted = await postInteraction(
      desk.eventsUrl,
      SIGNING_SECRET,
      viewSubmissionPayload({
        callbackId: AUDIT_MODAL.callbackId,
        userId: 'U0MODAL01',
        privateMetadata: String(opened.view.private_metadata),
        values: {
          [AUDIT_MODAL.textBlockId]: { [AUDIT_MODAL.textActionId]: pasted },
          [AUDIT_MODAL.kindBlockId]: {
            [AUDIT_MODAL.kindActionId]: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Public mention' }, value: 'mention' } },
          },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    const answer = submitted.json as { response_action: string; view: Record<string, unknown> };
    expect(answer.response_action).toBe('update');
    expect(viewErrors(answer.view, 'modal')).toEqual([]);
    const text = readable(answer.view);
    expect(text).toMatch(/⛔ Fail — audited as a public mention, in English/);
    expect(text).toContain('too-long');
    expect(text).toContain('multiple-mentions');
    // Nothing is lost: the pasted text and the chosen kind are still in the form.
    const raw = JSON.stringify(answer.view);
    expect(raw).toContain(JSON.stringify(pasted).slice(1, -1));
    expect(raw).toMatch(/"initial_option":\{[^}]*\},"value":"mention"\}/);
    await waitUntil(async () => (await runsBy('U0MODAL01')).length === 1, 5000, 'the modal audit run');
    expect(await runsBy('U0MODAL01')).toMatchObject([{ source: 'modal', verdict: 'fail' }]);
  });

  it('keeps the form open with an error when the text is empty', async () => {
    const submitted = await postInteraction(
      desk.eventsUrl,
      SIGNING_SECRET,
      viewSubmissionPayload({
        callbackId: AUDIT_MODAL.callbackId,
        userId: 'U0MODAL02',
        values: { [AUDIT_MODAL.textBlockId]: { [AUDIT_MODAL.textActionId]: '   ' } },
      }),
    );
    expect(submitted.json).toEqual({ response_action: 'errors', errors: { [AUDIT_MODAL.textBlockId]: 'Paste a text to audit.' } });
    expect(await runsBy('U0MODAL02')).toEqual([]);
  });

  it('tells the teammate privately when Slack will not open the form (a stale trigger)', async () => {
    const sent = await slash(desk, '/audit-dm', '', { triggerId: fakeTriggerId() });
    const text = String((await sent.reply()).body.text);
    expect(text).toContain('Slack would not open the audit form');
  });
});
