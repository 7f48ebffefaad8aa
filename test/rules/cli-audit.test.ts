import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT, HELD_OUT } from '../../bench/audit-eval';
import { runAuditCommand } from '../../src/cli/audit';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

async function audit(argv: string[], stdinText = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await runAuditCommand(argv, { stdin: Readable.from([stdinText]), stdout, stderr });
  return { code, stdout: out(), stderr: err() };
}

const jsonLines = (text: string): Array<Record<string, unknown>> =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accueil-audit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('accueil audit', () => {
  it('passes a good welcome with exit status 0 and says what it could not check', async () => {
    const run = await audit(['Thanks for the follow, Sam! What are you working on these days?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verdict: pass');
    expect(run.stdout).toContain('not run without history: copy-paste, one-dm-per-follower');
  });

  it('shows each finding with its rule, message, quoted excerpt, position and suggestion, and exits 1 on an error', async () => {
    const run = await audit(['--domain', 'brand.com', 'Merci ! Notre guide : bit.ly/guide']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("link-off-domain  bit.ly est un raccourcisseur de liens : l'abonné ne voit pas où il mène.");
    expect(run.stdout).toContain('"bit.ly/guide" at 22–34');
    expect(run.stdout).toContain("→ Écrivez l'adresse complète de la page, sur votre site.");
    expect(run.stdout).toContain('verdict: fail (1 error, 0 warnings, 0 info; dm, fr)');
  });

  it('exits 0 when there are only warnings', async () => {
    const run = await audit(['Welcome aboard, Sam!']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^warning {2}missing-thanks/m);
    expect(run.stdout).toContain('verdict: warn');
  });

  it('reads the message from standard input with "-" or without TEXT, without the final line break', async () => {
    const dash = await audit(['--json', '-'], 'Merci de nous suivre, Anna !\n');
    const bare = await audit(['--json'], 'Merci de nous suivre, Anna !\n');
    expect(JSON.parse(dash.stdout)).toEqual({ verdict: 'pass', lang: 'fr', kind: 'dm', findings: [], skipped: ['copy-paste', 'one-dm-per-follower'] });
    expect(bare.stdout).toBe(dash.stdout);
  });

  it('prints the whole report as JSON with --json', async () => {
    const run = await audit(['--json', '--kind', 'mention', '--lang', 'en', 'Merci @anna et @paul !']);
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(report).toMatchObject({ verdict: 'fail', lang: 'en', kind: 'mention' });
    expect(report.findings).toContainEqual({
      ruleId: 'multiple-mentions',
      severity: 'error',
      message: '@paul is not the person being welcomed: one mention per welcome.',
      start: 15,
      end: 20,
      suggestion: "Keep only the new follower's mention.",
    });
  });

  it('blocks a DM from a personal account', async () => {
    const run = await audit(['--account', 'personal', 'Thanks for the follow, Sam!']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no-dm-from-personal-account');
  });

  it.each([
    [['--kind', 'sms', 'hello'], '--kind must be dm or mention, not "sms"'],
    [['--account', 'team', 'hello'], '--account must be business or personal'],
    [['--lang', 'de', 'hallo'], '--lang must be fr or en'],
    [['--colour', 'hello'], "Unknown option '--colour'"],
    [['--batch', 'x.jsonl', 'hello'], '--batch reads its messages from the file'],
  ])('rejects %j as a usage error with exit status 2', async (argv, message) => {
    const run = await audit(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage:');
    expect(run.stdout).toBe('');
  });

  it('says it cannot read a missing batch file, with exit status 2', async () => {
    const run = await audit(['--json', '--batch', join(dir, 'missing.jsonl')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read');
    expect(run.stderr).toContain('ENOENT');
  });

  it('prints its usage with --help', async () => {
    const run = await audit(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('accueil audit --json --batch FILE.jsonl');
  });
});

describe('accueil audit --json --batch', () => {
  it('answers every line with one line, in order, and a malformed line does not stop the batch', async () => {
    const file = join(dir, 'welcomes.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ id: 'a', text: 'Merci de nous suivre, Anna ! Sur quoi travaillez-vous ?', kind: 'dm', lang: 'fr', ownDomains: ['brand.fr'], accountKind: 'business', follower: { handle: 'anna', name: 'Anna', bio: 'Potière' } }),
        '{"id": "b", "text": ',
        JSON.stringify({ id: 'c', text: 'Welcome aboard!', kind: 'email' }),
        '',
        JSON.stringify({ id: 42, text: 'Thanks Sam! Our guide: https://docs.brand.com/start', ownDomains: ['brand.com'] }),
        JSON.stringify({ id: 'e', text: 'Thanks! bit.ly/x' }),
      ].join('\n'),
    );
    const run = await audit(['--json', '--batch', file]);
    const lines = jsonLines(run.stdout);
    expect(lines).toEqual([
      { id: 'a', verdict: 'pass', findings: [] },
      { id: null, line: 2, error: 'line 2: not valid JSON' },
      { id: 'c', line: 3, error: expect.stringContaining('line 3: kind:') },
      { id: 42, verdict: 'pass', findings: [] },
      {
        id: 'e',
        verdict: 'fail',
        findings: [
          {
            ruleId: 'link-off-domain',
            severity: 'error',
            message: 'bit.ly is a link shortener: the follower cannot see where it leads.',
            start: 8,
            end: 16,
            suggestion: 'Write the full address of the page, on your own site.',
          },
        ],
      },
    ]);
    expect(run.code).toBe(1);
  });

  it('exits 0 when every line passes or only warns', async () => {
    const file = join(dir, 'clean.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 1, text: 'Welcome aboard, Sam!' })}\n${JSON.stringify({ id: 2, text: 'Merci Léa !' })}\n`);
    const run = await audit(['--json', '--batch', file]);
    expect(jsonLines(run.stdout).map((line) => line.verdict)).toEqual(['warn', 'pass']);
    expect(run.code).toBe(0);
  });

  it('uses the command-line options as defaults for each line', async () => {
    const file = join(dir, 'defaults.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'x', text: 'Thanks! help.brand.com' })}\n${JSON.stringify({ id: 'y', text: 'Thanks! help.brand.com', ownDomains: ['other.com'] })}\n`);
    const run = await audit(['--json', '--domain', 'brand.com', '--batch', file]);
    expect(jsonLines(run.stdout).map((line) => line.verdict)).toEqual(['pass', 'fail']);
  });

  it('audits a large file, one line out for each line in', async () => {
    const file = join(dir, 'large.jsonl');
    const count = 5_000;
    const lines = Array.from({ length: count }, (_, index) => JSON.stringify({ id: index, text: `Merci de nous suivre, abonné n° ${index} ! Sur quoi travaillez-vous ?` }));
    await writeFile(file, lines.join('\n'));
    const run = await audit(['--json', '--batch', file]);
    const out = jsonLines(run.stdout);
    expect(out).toHaveLength(count);
    expect(out.at(-1)).toEqual({ id: count - 1, verdict: 'pass', findings: [] });
  });
});

describe('accueil audit --eval', () => {
  const labelled = (id: string, text: string, must: string[], mustNot: string[]) => JSON.stringify({ id, text, lang: 'en', must, mustNot });

  it('prints recall and false positives per rule and overall, and names what it missed', async () => {
    const file = join(dir, 'labelled.jsonl');
    await writeFile(
      file,
      [
        labelled('caught', 'Thanks! Follow us on Instagram.', ['no-social-redirect'], ['missing-thanks']),
        labelled('missed', 'Thanks! We are everywhere, you know where.', ['no-social-redirect'], []),
        labelled('clean', 'Thanks for the follow! What are you working on?', [], ['no-social-redirect', 'missing-thanks']),
        labelled('false-alarm', 'Welcome aboard!', [], ['missing-thanks']),
      ].join('\n'),
    );
    const run = await audit(['--eval', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^no-social-redirect\s+50\.0 % \(1\/2\)\s+0\.0 % \(0\/1\)$/m);
    expect(run.stdout).toMatch(/^missing-thanks\s+— \(0\/0\)\s+33\.3 % \(1\/3\)$/m);
    expect(run.stdout).toMatch(/^overall\s+50\.0 % \(1\/2\)\s+25\.0 % \(1\/4\)$/m);
    expect(run.stdout).toContain('no-social-redirect missed: missed');
    expect(run.stdout).toContain('missing-thanks flagged wrongly: false-alarm');
  });

  it('exits 1 under the thresholds and says which rule falls short; --json gives the same figures', async () => {
    const file = join(dir, 'short.jsonl');
    await writeFile(file, `${labelled('a', 'Thanks! Follow us on Instagram.', ['no-social-redirect'], [])}\n${labelled('b', 'Thanks! We are everywhere.', ['no-social-redirect'], [])}\n`);
    const run = await audit(['--eval', file, '--min-recall', '0.95', '--max-fp', '0.01']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('below threshold: no-social-redirect: recall 50.0 % < 95.0 %');
    const json = JSON.parse((await audit(['--json', '--eval', file, '--min-recall', '0.5'])).stdout);
    expect(json.overall).toMatchObject({ positives: 2, caught: 1, recall: 0.5 });
    expect(json.belowThresholds).toEqual([]);
  });

  it('refuses a line with an unknown rule id, and thresholds without --eval', async () => {
    const file = join(dir, 'unknown.jsonl');
    await writeFile(file, `${labelled('a', 'Thanks!', ['no-such-rule'], [])}\n`);
    const run = await audit(['--eval', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 1: must.0: unknown rule id');
    const usage = await audit(['--min-recall', '2', 'hello']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--min-recall and --max-fp go with --eval');
  });

  it('keeps every rule at its targets on the development corpus it was tuned on', async () => {
    const run = await audit(['--json', '--eval', DEVELOPMENT, '--min-recall', '0.95', '--max-fp', '0.01']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { overall: { recall: number; falsePositiveRate: number } };
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.overall.falsePositiveRate).toBeLessThanOrEqual(0.01);
  });

  // The blind held-out corpus (written by a hand that never saw the rules or the other sets, scored
  // once, never tuned on) meets issue 14's targets for every rule: the CLI exits 0 under them. The
  // figures it scored are pinned as a floor, so a change to the rules cannot lose what they caught.
  it('scores the blind held-out corpus at least as it did when scored once, every rule at the targets', async () => {
    const run = await audit(['--json', '--eval', HELD_OUT, '--min-recall', '0.95', '--max-fp', '0.01']);
    const report = JSON.parse(run.stdout) as { belowThresholds: string[]; overall: { recall: number; falsePositiveRate: number } };
    expect(report.belowThresholds).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.overall.recall).toBeGreaterThanOrEqual(279 / 280);
    expect(report.overall.falsePositiveRate).toBeLessThanOrEqual(4 / 5000);
  });
});
