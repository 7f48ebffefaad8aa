import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT, HELD_OUT } from '../../bench/audit-eval';
import { train, WEIGHTS_FILE } from '../../scripts/train-audit-model';
import { auditMessage } from '../../src/rules/audit';
import { gateOf, readingOf } from '../../src/rules/learned';

const findingsOf = (text: string, lang: 'fr' | 'en', ruleId: string, answering = false) =>
  auditMessage({ text, lang, kind: 'dm', ownDomains: ['brand.com'], accountKind: 'business', ...(answering ? { answering } : {}) }).findings.filter(
    (finding) => finding.ruleId === ruleId,
  );

describe('the learned reading of the audit', () => {
  it('ships the weights the committed development corpus trains, so neither can change without the other', async () => {
    expect(await train([DEVELOPMENT])).toBe(readFileSync(WEIGHTS_FILE, 'utf8'));
  }, 60_000);

  it('refuses to learn from the held-out corpus, which is scored and never learned from', async () => {
    await expect(train([HELD_OUT])).rejects.toThrow(/held-out corpus/);
  });

  it('reads a push to another network that no pattern names, as a warning on the network', () => {
    const text = "@danny_lifts thanks mate! The real banter is in the club's WhatsApp, shout if you want in.";
    const [finding, ...more] = findingsOf(text, 'en', 'no-social-redirect');
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', message: expect.stringContaining('learned reading') });
    expect(text.slice(finding!.start, finding!.end)).toBe('WhatsApp');
  });

  it('says so in French too', () => {
    const [finding] = findingsOf("Merci pour le suivi 🚴 Le club est bien plus actif sur Strava, viens rouler avec nous là-bas !", 'fr', 'no-social-redirect');
    expect(finding?.message).toContain('lecture apprise');
  });

  it('opens only where the rule’s concept is present', () => {
    const reading = readingOf('Thanks for the follow, Sam! Lovely to have you here.', 'en');
    expect(gateOf('no-social-redirect', reading)).toBeNull();
    expect(gateOf('no-contact-harvest', reading)).toBeNull();
    expect(gateOf('sales-pitch', reading)).toBeNull();
    expect(gateOf('sales-pitch', readingOf('Merci ! -20 % sur tout ce week-end.', 'fr'))).not.toBeNull();
  });

  it('leaves a rule’s own findings alone: a pattern that matched is reported as before', () => {
    const [finding] = findingsOf('Thanks! Join our Discord server: the whole crew hangs out there.', 'en', 'no-social-redirect');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).not.toContain('learned reading');
  });

  it('does not read answers in a conversation, which it was not trained on', () => {
    const text = "@danny_lifts thanks mate! The real banter is in the club's WhatsApp, shout if you want in.";
    expect(findingsOf(text, 'en', 'no-social-redirect', true)).toEqual([]);
  });

  it('leaves a message that gives the team’s own written address to the patterns', () => {
    expect(findingsOf('Merci de nous suivre ! Une question ? Écrivez-nous par e-mail à aide@brand.fr.', 'fr', 'no-contact-harvest')).toEqual([]);
  });
});
