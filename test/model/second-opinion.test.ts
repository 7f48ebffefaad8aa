// Issue 14, the optional second opinion: for what the audit's rules pass, the language model is
// asked whether the welcome breaks a house rule. Shown as a warning (never an error), in /audit-dm
// and on the card; off by default; a slow or failing model is silently left out.
import { afterEach, describe, expect, it } from 'vitest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { ACTIONS } from '../../src/bot/ids';
import { readable, slash } from '../bot/listeners/helpers';
import { welcomeIdOf } from '../helpers/desk';
import { waitForWelcome } from '../helpers/wait';
import { draftChannel, goodDrafts, PAULA, startModelDesk, type ModelDesk } from './helpers';

let running: ModelDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

// Passes every rule; the kind of soft pitch patterns miss.
const PASSING = 'Thank you for following, Camille! Your ceramics work looks lovely, and our spring collection will be gone before long.';
const opinions = (r: ModelDesk) => r.model.requests.filter((request) => draftChannel(request) === null);

describe('the audit’s second opinion from the language model', { timeout: 60_000 }, () => {
  it('adds a warning to /audit-dm when the model sees a broken house rule the patterns passed — never an error', async () => {
    running = await startModelDesk({ env: { AUDIT_MODEL_OPINION: 'on' } });
    running.model.answer(() => ({ kind: 'text', text: 'BREAKS sales-pitch: it hints that a collection will sell out soon.' }));
    const reply = await (await slash(running.desk, '/audit-dm', PASSING)).reply();
    const text = readable(reply.body);
    expect(text).toMatch(/^⚠️ Warn/);
    expect(text).toContain('Second opinion of the language model house-model-1: this may break the house rule sales-pitch. it hints that a collection will sell out soon.');
    expect(text).toContain('model-opinion');
    // A warning only: the verdict line counts no error, and nothing is marked as one.
    expect(text).toContain('in English: 1 warning.');
    expect(text).not.toContain('⛔');
    const [request] = opinions(running);
    expect(request!.messages.at(-1)!.content).toContain(PASSING);
    expect(running.model.problems).toEqual([]);
  });

  it('adds nothing when the model says OK, and nothing — silently, in time — when it is slower than its timeout', async () => {
    running = await startModelDesk({ env: { AUDIT_MODEL_OPINION: 'on', DRAFT_MODEL_TIMEOUT_MS: '600' } });
    running.model.answer(() => ({ kind: 'text', text: 'OK' }));
    const ok = readable((await (await slash(running.desk, '/audit-dm', PASSING)).reply()).body);
    expect(ok).toMatch(/^✅ Pass/);
    expect(ok).not.toContain('Second opinion');

    running.model.answer(() => ({ kind: 'delay', ms: 8_000, then: { kind: 'text', text: 'BREAKS sales-pitch: too late.' } }));
    const started = Date.now();
    const slow = readable((await (await slash(running.desk, '/audit-dm', `${PASSING} See you soon.`)).reply()).body);
    expect(Date.now() - started).toBeLessThan(600 + 2_500);
    expect(slow).toMatch(/^✅ Pass/);
    expect(slow).not.toContain('Second opinion');
    expect(opinions(running)).toHaveLength(2);
  });

  it('is off by default: with a model for the drafts, the audit asks it nothing', async () => {
    running = await startModelDesk();
    running.model.answer(() => ({ kind: 'text', text: 'BREAKS sales-pitch: should not be asked.' }));
    const text = readable((await (await slash(running.desk, '/audit-dm', PASSING)).reply()).body);
    expect(text).toMatch(/^✅ Pass/);
    expect(running.model.requests).toEqual([]);
  });

  it('shows on the card’s audit as a warning once the model answers — the card does not wait for it — and the welcome can still be approved', async () => {
    running = await startModelDesk({ env: { AUDIT_MODEL_OPINION: 'on' } });
    const { desk, model } = running;
    model.answer(goodDrafts({ kind: 'delay', ms: 1_500, then: { kind: 'text', text: 'BREAKS self-centered: it talks about the team more than about her.' } }));
    desk.x.addFollower(PAULA);
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const warning = 'Second opinion of the language model house-model-1: this may break the house rule self-centered.';
    // Posted with the drafts, before the model's opinion came.
    expect(renderBlocksAsText((card!.blocks ?? []) as never)).not.toContain(warning);
    const updated = await desk.slack.waitFor(() => {
      const now = desk.slack.message(card!.channel, card!.ts)!;
      return renderBlocksAsText((now.blocks ?? []) as never).includes(warning) ? now : null;
    });
    expect(renderBlocksAsText((updated.blocks ?? []) as never)).toContain('⚠️');
    // One question per draft shown (the card offers the public draft only): asked once, whatever the redraws.
    expect(opinions(running)).toHaveLength(1);

    await desk.click(card!, ACTIONS.postMention);
    await waitForWelcome(desk.bot.desk.db, welcomeIdOf(card!), ['approved', 'sent']);
  });
});
