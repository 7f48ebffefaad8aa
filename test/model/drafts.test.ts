// Issue 13, drafts from a language model: the model writes the welcome from the follower's public
// profile, through the same audit; a timeout, an error, a refusal or a draft failing the audit twice
// leaves the template draft; the card says where its draft came from.
import { afterEach, describe, expect, it } from 'vitest';
import { renderBlocksAsText } from '../../src/bot/blocks/render-text';
import { ACTIONS } from '../../src/bot/ids';
import { welcomeIdOf } from '../helpers/desk';
import { welcomeRow } from '../helpers/wait';
import { draftChannel, goodDrafts, GOOD, PAULA, sentText, startModelDesk, type ModelDesk } from './helpers';

let running: ModelDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const cardText = (card: { blocks?: unknown[] }) => renderBlocksAsText((card.blocks ?? []) as never);

describe('drafts from a language model', { timeout: 60_000 }, () => {
  it('writes the welcome from the public profile — name, bio, location, site — and never sees a DM’s content', async () => {
    running = await startModelDesk();
    const { desk, model } = running;
    model.answer(goodDrafts());
    const paula = desk.x.addFollower(PAULA);
    // She wrote first: the DM opens, and what she wrote is hers, not the model's.
    desk.x.writeDm(paula.xUserId, 'My order 4411 never arrived, please call me on 06 12 34 56 78');
    await desk.poll();
    const [card] = await desk.waitForCards(1);

    const row = await welcomeRow(desk.bot.desk.db, welcomeIdOf(card!));
    expect(row).toMatchObject({ draftSource: 'model', draftModel: model.model, templateId: null, templateVersion: null });
    expect(row.drafts).toEqual({ dm: GOOD.dm, mention: `@${PAULA.handle} ${GOOD.mention}` });
    expect(cardText(card!)).toContain(`Draft written by the language model \`${model.model}\``);
    expect(cardText(card!)).toContain(GOOD.dm.split('\n')[0]);

    expect(model.problems).toEqual([]);
    expect(model.requests.map(draftChannel).sort()).toEqual(['dm', 'mention']);
    for (const request of model.requests) {
      const text = sentText(request);
      expect(request.messages.map((message) => message.role)).toEqual(['system', 'user']);
      expect(text).toContain(PAULA.bio);
      expect(text).toContain('Paula Rossi');
      expect(text).toContain('Lyon, France');
      expect(text).toContain('paula-ceramics.fr');
      expect(text).not.toContain('/shop');
      // Nothing private: not a word of her DM.
      expect(text).not.toMatch(/4411|never arrived|06 12 34/);
      // The team's templates, filled for her, as examples of its voice.
      expect(text).toContain("Welcomes in the team's own voice");
    }
  });

  it('falls back to the template draft when the model is slower than its timeout: the card is not late', async () => {
    running = await startModelDesk({ env: { DRAFT_MODEL_TIMEOUT_MS: '600' } });
    const { desk, model } = running;
    model.answer(() => ({ kind: 'delay', ms: 8_000 }));
    desk.x.addFollower(PAULA);
    const started = Date.now();
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const elapsed = Date.now() - started;
    // The timeout, plus the poll, the audit and Slack on a shared machine.
    expect(elapsed).toBeLessThan(600 + 2_500);
    expect(model.requests).toHaveLength(2);

    const row = await welcomeRow(desk.bot.desk.db, welcomeIdOf(card!));
    expect(row).toMatchObject({ draftSource: 'template', draftModel: null });
    expect(row.templateId).toMatch(/^en-mention-\d$/);
    expect(row.templateVersion).toBe(1);
    expect(cardText(card!)).toContain(`Draft from template \`${row.templateId}\` (version 1)`);
    expect(JSON.stringify(card!.blocks)).not.toContain(ACTIONS.useTemplateDraft);
    expect(running.logs.some((line) => line.includes('fell back to the template draft') && line.includes('"why":"timeout"'))).toBe(true);
  });

  it('sends a draft that fails the audit back once with the findings, then uses the template draft', async () => {
    running = await startModelDesk();
    const { desk, model } = running;
    model.answer(() => ({ kind: 'text', text: 'Thanks for following! Buy now: promo code WELCOME20 for 50% off, today only.' }));
    desk.x.addFollower(PAULA);
    await desk.poll();
    const [card] = await desk.waitForCards(1);

    // Two tries per channel, the second carrying the first answer and what the audit found in it.
    expect(model.requests).toHaveLength(4);
    const retries = model.requests.filter((request) => request.messages.length === 4);
    expect(retries).toHaveLength(2);
    for (const retry of retries) {
      expect(retry.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
      expect(retry.messages[2]!.content).toContain('WELCOME20');
      expect(retry.messages[3]!.content).toContain("refused by the team's audit");
      expect(retry.messages[3]!.content).toContain('sales-pitch');
    }

    const row = await welcomeRow(desk.bot.desk.db, welcomeIdOf(card!));
    expect(row.draftSource).toBe('template');
    expect(row.templateId).toMatch(/^en-/);
    expect(JSON.stringify(row.drafts)).not.toMatch(/WELCOME20|promo/i);
    expect(cardText(card!)).toContain('Draft from template');
    expect(running.logs.some((line) => line.includes('"why":"audit-failed"'))).toBe(true);
  });

  it('falls back on an HTTP error and on a refusal, and says why in the log', async () => {
    running = await startModelDesk();
    const { desk, model } = running;
    model.answer(() => ({ kind: 'status', status: 500 }));
    desk.x.addFollower(PAULA);
    await desk.poll();
    model.answer(() => ({ kind: 'refusal', text: 'I can’t help with that.' }));
    desk.x.addFollower({ ...PAULA, handle: 'noor_h', name: 'Noor Haddad' });
    await desk.poll();
    const cards = await desk.waitForCards(2);
    for (const card of cards) expect((await welcomeRow(desk.bot.desk.db, welcomeIdOf(card))).draftSource).toBe('template');
    expect(running.logs.some((line) => line.includes('fell back') && line.includes('"why":"error"') && line.includes('HTTP 500'))).toBe(true);
    expect(running.logs.some((line) => line.includes('fell back') && line.includes('"why":"refusal"'))).toBe(true);
    expect(model.problems).toEqual([]);
  });

  it('sends the key as a bearer token, and never writes it to a log — not even when an error echoes it', async () => {
    const key = 'sk-test-TOPSECRET-0123456789abcdef';
    running = await startModelDesk({ model: { apiKey: key } });
    const { desk, model } = running;
    model.answer(goodDrafts());
    desk.x.addFollower(PAULA);
    await desk.poll();
    await desk.waitForCards(1);
    // The stand-in refuses any request without `Authorization: Bearer <key>`: none was refused.
    expect(model.problems).toEqual([]);
    expect((await welcomeRow(desk.bot.desk.db, welcomeIdOf(desk.cards()[0]!))).draftSource).toBe('model');

    model.answer(() => ({ kind: 'status', status: 502, message: `upstream refused Authorization: Bearer ${key}` }));
    desk.x.addFollower({ ...PAULA, handle: 'noor_h', name: 'Noor Haddad' });
    await desk.poll();
    await desk.waitForCards(2);
    expect(running.logs.some((line) => line.includes('fell back') && line.includes('[redacted]'))).toBe(true);
    expect(running.logs.some((line) => line.includes('drafts from a language model: on'))).toBe(true);
    expect(running.logs.join('\n')).not.toContain(key);
    expect(running.logs.join('\n')).not.toContain('TOPSECRET');
  });
});
