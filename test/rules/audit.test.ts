import { describe, expect, it } from 'vitest';
import { auditMessage } from '../../src/rules/audit';
import type { AuditHistory } from '../../src/rules/types';

const goodFrench = 'Merci de nous suivre, Anna ! Sur quoi travaillez-vous en ce moment ?';
const goodEnglish = 'Thanks for the follow, Sam! What are you working on these days?';
const noHistory: AuditHistory = { previousWelcome: null, sentTexts: [] };

describe('auditMessage', () => {
  it('passes a warm, personal welcome and says which history rules it could not run', () => {
    const report = auditMessage({ text: goodFrench });
    expect(report).toEqual({ verdict: 'pass', lang: 'fr', kind: 'dm', findings: [], skipped: ['copy-paste', 'one-dm-per-follower'] });
  });

  it('runs the history rules when the caller has history', () => {
    const report = auditMessage({ text: goodEnglish, history: noHistory });
    expect(report.skipped).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('fails a second welcome to the same follower', () => {
    const report = auditMessage({ text: goodEnglish, history: { previousWelcome: { channel: 'dm', sentAt: '2025-01-05T09:00:00Z', by: 'Marie' }, sentTexts: [] } });
    expect(report.verdict).toBe('fail');
    expect(report.findings[0]).toMatchObject({ ruleId: 'one-dm-per-follower', severity: 'error', message: 'This follower already got their welcome (DM, sent by Marie on 2025-01-05).' });
  });

  it('fails on an error, warns on a warning, and passes otherwise', () => {
    expect(auditMessage({ text: `${goodEnglish} bit.ly/x` }).verdict).toBe('fail');
    expect(auditMessage({ text: 'Welcome aboard, Sam! What are you working on these days?' }).verdict).toBe('warn');
    expect(auditMessage({ text: goodEnglish }).verdict).toBe('pass');
  });

  it('resolves messages and suggestions in the language of the text, with their values filled in', () => {
    const report = auditMessage({ text: 'Merci ! Notre guide : https://autre-site.fr/guide', ownDomains: ['brand.fr'] });
    expect(report.lang).toBe('fr');
    expect(report.findings).toEqual([
      {
        ruleId: 'link-off-domain',
        severity: 'error',
        message: "autre-site.fr ne fait pas partie des domaines de l'équipe (brand.fr).",
        start: 22,
        end: 49,
        suggestion: 'Mettez plutôt un lien vers une page de votre site (brand.fr).',
      },
    ]);
  });

  it('takes the language it is given over the one it would detect', () => {
    const report = auditMessage({ text: 'Bienvenue parmi nous !', lang: 'en' });
    expect(report.lang).toBe('en');
    expect(report.findings[0]?.message).toBe('No thanks anywhere: thank them for the follow.');
  });

  it('falls back to English when the text does not tell', () => {
    expect(auditMessage({ text: '🎉🎉🎉' }).lang).toBe('en');
  });

  it('lets an account turn a rule off, without calling it skipped', () => {
    const report = auditMessage({ text: 'Bienvenue parmi nous !', overrides: { 'missing-thanks': 'off', 'copy-paste': 'off' } });
    expect(report.findings.map((finding) => finding.ruleId)).not.toContain('missing-thanks');
    expect(report.skipped).toEqual(['one-dm-per-follower']);
  });

  it('lets an account give a rule another severity, which changes the verdict', () => {
    const stricter = auditMessage({ text: 'Welcome aboard, Sam! What are you working on?', overrides: { 'missing-thanks': 'error' } });
    expect(stricter.verdict).toBe('fail');
    expect(stricter.findings[0]?.severity).toBe('error');
    const lenient = auditMessage({ text: `${goodEnglish} Use code HELLO for 10% off.`, overrides: { 'sales-pitch': 'info' } });
    expect(lenient.verdict).toBe('pass');
    expect(lenient.findings.map((finding) => finding.severity)).toEqual(['info', 'info']);
  });

  it('only warns when a DM stops being brief, but fails a mention over 280 characters', () => {
    const long = `${goodEnglish} ${'We read every reply and love hearing about your projects. '.repeat(9)}`;
    const dm = auditMessage({ text: long, kind: 'dm' });
    expect(dm.findings.find((finding) => finding.ruleId === 'too-long')?.severity).toBe('warning');
    const mention = auditMessage({ text: `@sam ${long}`, kind: 'mention' });
    expect(mention.findings.find((finding) => finding.ruleId === 'too-long')?.severity).toBe('error');
    expect(mention.verdict).toBe('fail');
  });

  it('blocks a DM from a personal account, not a public mention', () => {
    expect(auditMessage({ text: goodEnglish, accountKind: 'personal' }).verdict).toBe('fail');
    expect(auditMessage({ text: `@sam ${goodEnglish}`, accountKind: 'personal', kind: 'mention' }).verdict).toBe('pass');
  });

  it('sorts findings by where they start in the text, and their ranges point at the offending words', () => {
    const text = 'Hi {{first_name}}! Why did you follow us? Buy now: bit.ly/x';
    const report = auditMessage({ text, ownDomains: ['brand.com'] });
    const starts = report.findings.map((finding) => finding.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(report.findings.map((finding) => [finding.ruleId, text.slice(finding.start, finding.end)])).toEqual([
      ['missing-thanks', text],
      ['unfilled-placeholder', '{{first_name}}'],
      ['interrogation', 'Why did you follow'],
      ['sales-pitch', 'Buy now'],
      ['link-off-domain', 'bit.ly/x'],
    ]);
  });

  it('judges a link against the team domains, which default to none', () => {
    expect(auditMessage({ text: `${goodEnglish} help.brand.com` }).findings[0]?.message).toContain("the team's own domains are not set");
    expect(auditMessage({ text: `${goodEnglish} help.brand.com`, ownDomains: ['brand.com'] }).verdict).toBe('pass');
  });
});
