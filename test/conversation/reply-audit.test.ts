// An answer in a conversation is audited with the rules that apply to it: what X and decency forbid
// in any message, not a welcome's first-contact rules.
import { describe, expect, it } from 'vitest';
import { auditMessage } from '../../src/rules/audit';
import { auditReply, REPLY_RULE_IDS } from '../../src/rules/reply-profile';

const base = { ownDomains: ['atelier.fr'], accountKind: 'business' as const };

describe('the audit of an answer', () => {
  it('does not ask an answer to thank them, nor refuse a question or a second message', () => {
    const report = auditReply({ ...base, via: 'dm', text: 'Oui, l’atelier du samedi a encore deux places. Pourquoi pas celui-là ?' });
    expect(report.verdict).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(report.applied).toEqual([...REPLY_RULE_IDS]);
    for (const id of ['missing-thanks', 'interrogation', 'self-centered', 'one-dm-per-follower', 'copy-paste']) expect(report.applied).not.toContain(id);
    expect(report.skipped).toEqual([]);
  });

  it('lets an answer say how many places are left, which a welcome may not say unasked', () => {
    const text = 'Oui, chaque samedi à 10 h : il reste deux places pour le prochain.';
    expect(auditReply({ ...base, via: 'dm', text }).findings).toEqual([]);
    expect(auditMessage({ ...base, text: `Merci pour le follow ! ${text}`, kind: 'dm' }).findings.map((finding) => finding.ruleId)).toContain('sales-pitch');
    // A pitch is still a pitch in an answer.
    expect(auditReply({ ...base, via: 'dm', text: 'Oui ! Il reste deux places, et -20 % avec le code SAMEDI20 jusqu’à dimanche.' }).findings.map((finding) => finding.ruleId)).toContain('sales-pitch');
  });

  it('blocks a sales pitch, a contact harvest, a social redirect and a link off the team’s domains, by their public ids', () => {
    const cases: Array<[string, string]> = [
      ['sales-pitch', 'Use code PROMO20 for 20% off, buy now!'],
      ['no-contact-harvest', 'Sure! What is your email address so we can send it?'],
      ['no-social-redirect', 'Follow us on Instagram and TikTok for more!'],
      ['link-off-domain', 'Here it is: https://bit.ly/3xYz'],
    ];
    for (const [ruleId, text] of cases) {
      const report = auditReply({ ...base, via: 'dm', text });
      expect(report.findings.map((finding) => finding.ruleId), text).toContain(ruleId);
      expect(report.verdict, text).toBe('fail');
    }
  });

  it('counts a public reply as a post: over 280 weighted characters is an error', () => {
    const text = `Merci ! ${'a'.repeat(300)}`;
    expect(auditReply({ ...base, via: 'reply', text }).findings).toEqual([expect.objectContaining({ ruleId: 'too-long', severity: 'error' })]);
    expect(auditReply({ ...base, via: 'dm', text }).verdict).toBe('pass');
  });

  it('leaves out a rule the account turned off, and says so by not listing it', () => {
    const report = auditReply({ ...base, via: 'dm', text: 'Follow us on Instagram!', overrides: { 'no-social-redirect': 'off' } });
    expect(report.applied).not.toContain('no-social-redirect');
    expect(report.findings).toEqual([]);
  });
});
