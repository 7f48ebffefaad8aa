// `accueil audit`: the welcome linter on the command line, one message or a JSONL batch.
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ACCOUNT_KINDS, CHANNELS, LANGS } from '../domain';
import type { AccountKind, Channel, Lang } from '../domain';
import { checkOwnDomains } from '../domain';
import { ownDomainRefusal } from '../i18n';
import { plural as formatPlural } from '../i18n/format';
import { auditMessage } from '../rules/audit';
import { evaluateAudit } from '../rules/evaluate';
import type { EvaluationReport, LabelledWelcome, RuleScore } from '../rules/evaluate';
import { followerRuleIds, ruleIds } from '../rules/index';
import type { AuditInput, AuditReport, Finding } from '../rules/types';

export interface AuditIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const AUDIT_USAGE = `Usage:
  accueil audit [--json] [--kind dm|mention] [--lang fr|en] [--domain D]... [--account business|personal] [TEXT|-]
  accueil audit --json --batch FILE.jsonl
  accueil audit [--json] --eval FILE.jsonl [--min-recall R] [--max-fp F]

Audits one welcome message (TEXT, or standard input when TEXT is "-" or missing) and prints each
finding with its rule, message, the offending excerpt and a suggestion.

Options:
  --json             print the report as JSON
  --kind dm|mention  how the welcome is sent (default: dm)
  --lang fr|en       language of the messages (default: detected from the text, else en)
  --domain D         a domain the team owns; repeat for several (subdomains are covered)
  --account K        business (default) or personal
  --batch FILE       audit every line of a JSONL file:
                     {"id","text","kind","lang","ownDomains","accountKind","follower":{"handle","name","bio"}}
                     one JSON line out per line in; the options above are defaults for each line
  --eval FILE        score the rules on a labelled JSONL corpus: the batch line plus "must" and
                     "mustNot", arrays of rule ids that must / must not report the welcome; prints
                     recall and false-positive rate per rule and overall
  --min-recall R     with --eval: exit 1 when a rule's or the overall recall is below R (0 to 1)
  --max-fp F         with --eval: exit 1 when a rule's or the overall false-positive rate is above F

Exit status: 0 when nothing blocks sending, 1 when an error-level finding exists (or a batch line
could not be audited, or --eval scores under a threshold), 2 on a usage error.
`;

class UsageError extends Error {}

interface Options {
  json: boolean;
  kind?: Channel;
  lang?: Lang;
  domains: string[];
  account?: AccountKind;
  batch?: string;
  eval?: string;
  minRecall?: number;
  maxFp?: number;
  help: boolean;
  text?: string;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, not "${value}"`);
  return value as T;
}

function fraction(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) throw new UsageError(`--${flag} must be a number from 0 to 1, not "${value}"`);
  return number;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        kind: { type: 'string' },
        lang: { type: 'string' },
        domain: { type: 'string', multiple: true },
        account: { type: 'string' },
        batch: { type: 'string' },
        eval: { type: 'string' },
        'min-recall': { type: 'string' },
        'max-fp': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.batch !== undefined && positionals.length > 0) throw new UsageError('--batch reads its messages from the file: give no TEXT');
  if (values.eval !== undefined && (positionals.length > 0 || values.batch !== undefined)) throw new UsageError('--eval reads its messages from the file: give no TEXT and no --batch');
  if (values.eval === undefined && (values['min-recall'] !== undefined || values['max-fp'] !== undefined)) throw new UsageError('--min-recall and --max-fp go with --eval');
  const domains = checkOwnDomains(values.domain ?? []);
  if (!domains.ok) throw new UsageError(`--domain: ${ownDomainRefusal(domains)}`);
  const options: Options = {
    json: values.json ?? false,
    domains: domains.domains,
    help: values.help ?? false,
  };
  const kind = oneOf('kind', values.kind, CHANNELS);
  const lang = oneOf('lang', values.lang, LANGS);
  const account = oneOf('account', values.account, ACCOUNT_KINDS);
  if (kind) options.kind = kind;
  if (lang) options.lang = lang;
  if (account) options.account = account;
  if (values.batch !== undefined) options.batch = values.batch;
  if (values.eval !== undefined) options.eval = values.eval;
  const minRecall = fraction('min-recall', values['min-recall']);
  const maxFp = fraction('max-fp', values['max-fp']);
  if (minRecall !== undefined) options.minRecall = minRecall;
  if (maxFp !== undefined) options.maxFp = maxFp;
  // Unquoted words arrive as several arguments: they are one message.
  if (positionals.length > 0 && !(positionals.length === 1 && positionals[0] === '-')) options.text = positionals.join(' ');
  return options;
}

/** Writes, waiting for the stream to drain so a large batch never piles up in memory. */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', () => resolve()));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY) throw new UsageError('give the message as TEXT, or pipe it on standard input');
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  // `echo` and editors end the text with a line break that is not part of the message.
  return text.replace(/\r?\n$/, '');
}

function baseInput(options: Options): Omit<AuditInput, 'text'> {
  const input: Omit<AuditInput, 'text'> = { ownDomains: options.domains };
  if (options.kind) input.kind = options.kind;
  if (options.lang) input.lang = options.lang;
  if (options.account) input.accountKind = options.account;
  return input;
}

// Human-readable report.

const EXCERPT_MAX = 60;

function excerptOf(text: string, finding: Finding): string {
  const excerpt = text.slice(finding.start, finding.end).replace(/\s+/g, ' ');
  return excerpt.length > EXCERPT_MAX ? `${excerpt.slice(0, EXCERPT_MAX - 1)}…` : excerpt;
}

const plural = (count: number, word: string): string => formatPlural('en', count, { one: `# ${word}`, other: `# ${word}s` });

export function formatReport(text: string, report: AuditReport): string {
  const lines: string[] = [];
  const width = Math.max(0, ...report.findings.map((finding) => finding.ruleId.length));
  for (const finding of report.findings) {
    lines.push(`${finding.severity.padEnd(7)}  ${finding.ruleId.padEnd(width)}  ${finding.message}`);
    const indent = ' '.repeat(9 + width + 2);
    lines.push(`${indent}"${excerptOf(text, finding)}" at ${finding.start}–${finding.end}`);
    if (finding.suggestion) lines.push(`${indent}→ ${finding.suggestion}`);
  }
  if (report.findings.length > 0) lines.push('');
  const count = (severity: Finding['severity']) => report.findings.filter((finding) => finding.severity === severity).length;
  const tally = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`].join(', ');
  lines.push(`verdict: ${report.verdict} (${tally}; ${report.kind}, ${report.lang})`);
  const needFollower = report.skipped.filter((id) => followerRuleIds.has(id));
  const needHistory = report.skipped.filter((id) => !followerRuleIds.has(id));
  if (needHistory.length > 0) lines.push(`not run without history: ${needHistory.join(', ')}`);
  if (needFollower.length > 0) lines.push(`not run without a follower (batch: follower.handle): ${needFollower.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

const hasError = (report: AuditReport): boolean => report.findings.some((finding) => finding.severity === 'error');

// Batch.

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

const BatchLine = z.object({
  id: z.union([z.string(), z.number()], {
    error: (issue) => (issue.input === undefined ? 'missing: each line needs its "id" (a string or a number)' : 'expected a string or a number'),
  }),
  text: z
    .string({ error: (issue) => (issue.input === undefined ? 'missing: each line needs its "text"' : 'expected a string') })
    .refine((text) => text.trim() !== '', 'empty: give the welcome to audit'),
  kind: optional(z.enum(CHANNELS)),
  lang: optional(z.enum(LANGS)),
  ownDomains: optional(z.array(z.string())),
  accountKind: optional(z.enum(ACCOUNT_KINDS)),
  follower: optional(
    z.object({
      handle: optional(z.string()),
      name: optional(z.string()),
      bio: optional(z.string()),
    }),
  ),
});

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

type BatchResult = { out: Record<string, unknown>; failed: boolean };

function auditLine(line: string, lineNumber: number, defaults: Omit<AuditInput, 'text'>): BatchResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { out: { id: null, line: lineNumber, error: `line ${lineNumber}: not valid JSON` }, failed: true };
  }
  const parsed = BatchLine.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
    return { out: { id: id ?? null, line: lineNumber, error: `line ${lineNumber}: ${describeIssues(parsed.error)}` }, failed: true };
  }
  const input = inputOf(parsed.data, defaults);
  if ('refused' in input) return { out: { id: parsed.data.id, line: lineNumber, error: `line ${lineNumber}: ownDomains: ${input.refused}` }, failed: true };
  const report = auditMessage(input);
  return { out: { id: parsed.data.id, verdict: report.verdict, findings: report.findings }, failed: hasError(report) };
}

/** The line's audit input, or why its own domains are refused. */
function inputOf(line: z.infer<typeof BatchLine>, defaults: Omit<AuditInput, 'text'>): AuditInput | { refused: string } {
  const { text, kind, lang, ownDomains, accountKind, follower } = line;
  const input: AuditInput = { ...defaults, text };
  if (kind) input.kind = kind;
  if (lang) input.lang = lang;
  if (ownDomains) {
    const checked = checkOwnDomains(ownDomains);
    if (!checked.ok) return { refused: ownDomainRefusal(checked) };
    input.ownDomains = checked.domains;
  }
  if (accountKind) input.accountKind = accountKind;
  if (follower) input.follower = follower;
  return input;
}

async function openFile(path: string) {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function runBatch(path: string, options: Options, io: AuditIo): Promise<number> {
  const file = await openFile(path);
  const defaults = baseInput(options);
  let failed = false;
  let lineNumber = 0;
  try {
    for await (const line of file.readLines({ encoding: 'utf8' })) {
      lineNumber++;
      if (line.trim() === '') continue;
      const result = auditLine(line, lineNumber, defaults);
      failed ||= result.failed;
      await write(io.stdout, `${JSON.stringify(result.out)}\n`);
    }
  } finally {
    await file.close().catch(() => undefined);
  }
  return failed ? 1 : 0;
}

// Evaluation on a labelled corpus.

const RuleList = z.array(z.string().refine((id) => ruleIds.includes(id), { message: 'unknown rule id' }));
const LabelledLine = BatchLine.extend({ must: RuleList.default([]), mustNot: RuleList.default([]) });

/** Reads a labelled corpus; a line that cannot be read is reported and makes the run fail. */
export async function readLabelledCorpus(path: string, defaults: Omit<AuditInput, 'text'>): Promise<{ corpus: LabelledWelcome[]; errors: string[] }> {
  const file = await openFile(path);
  const corpus: LabelledWelcome[] = [];
  const errors: string[] = [];
  let lineNumber = 0;
  try {
    for await (const line of file.readLines({ encoding: 'utf8' })) {
      lineNumber++;
      if (line.trim() === '') continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        errors.push(`line ${lineNumber}: not valid JSON`);
        continue;
      }
      const parsed = LabelledLine.safeParse(raw);
      if (!parsed.success) {
        errors.push(`line ${lineNumber}: ${describeIssues(parsed.error)}`);
        continue;
      }
      const input = inputOf(parsed.data, defaults);
      if ('refused' in input) {
        errors.push(`line ${lineNumber}: ownDomains: ${input.refused}`);
        continue;
      }
      corpus.push({ id: parsed.data.id, input, must: parsed.data.must, mustNot: parsed.data.mustNot });
    }
  } finally {
    await file.close().catch(() => undefined);
  }
  return { corpus, errors };
}

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

function scoreLine(label: string, width: number, score: Omit<RuleScore, 'ruleId' | 'missed' | 'flagged'>): string {
  const recall = `${percent(score.recall)} (${score.caught}/${score.positives})`;
  const fp = `${percent(score.falsePositiveRate)} (${score.falseAlarms}/${score.negatives})`;
  return `${label.padEnd(width)}  ${recall.padEnd(20)}  ${fp}`;
}

export function formatEvaluation(report: EvaluationReport): string {
  const width = Math.max('overall'.length, ...report.rules.map((score) => score.ruleId.length));
  const lines = [`${'rule'.padEnd(width)}  ${'recall'.padEnd(20)}  false positives`];
  for (const score of report.rules) lines.push(scoreLine(score.ruleId, width, score));
  lines.push(scoreLine('overall', width, report.overall), '', `${report.welcomes} labelled welcomes`);
  for (const score of report.rules) {
    if (score.missed.length > 0) lines.push(`${score.ruleId} missed: ${score.missed.join(', ')}`);
    if (score.flagged.length > 0) lines.push(`${score.ruleId} flagged wrongly: ${score.flagged.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What falls short of the thresholds, in words; empty when everything meets them. */
function shortfalls(report: EvaluationReport, options: Options): string[] {
  const scored = [...report.rules, { ruleId: 'overall', ...report.overall }];
  const found: string[] = [];
  for (const score of scored) {
    if (options.minRecall !== undefined && score.recall !== null && score.recall < options.minRecall) found.push(`${score.ruleId}: recall ${percent(score.recall)} < ${percent(options.minRecall)}`);
    if (options.maxFp !== undefined && score.falsePositiveRate !== null && score.falsePositiveRate > options.maxFp) found.push(`${score.ruleId}: false positives ${percent(score.falsePositiveRate)} > ${percent(options.maxFp)}`);
  }
  return found;
}

async function runEval(path: string, options: Options, io: AuditIo): Promise<number> {
  const { corpus, errors } = await readLabelledCorpus(path, baseInput(options));
  for (const error of errors) await write(io.stderr, `accueil audit: ${error}\n`);
  const report = evaluateAudit(corpus);
  const failing = shortfalls(report, options);
  if (options.json) await write(io.stdout, `${JSON.stringify({ ...report, belowThresholds: failing })}\n`);
  else await write(io.stdout, formatEvaluation(report) + failing.map((line) => `below threshold: ${line}\n`).join(''));
  return errors.length > 0 || failing.length > 0 ? 1 : 0;
}

/** Runs `accueil audit` with the arguments after "audit"; resolves to the exit status. */
export async function runAuditCommand(argv: string[], io: AuditIo): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      await write(io.stdout, AUDIT_USAGE);
      return 0;
    }
    if (options.batch !== undefined) return await runBatch(options.batch, options, io);
    if (options.eval !== undefined) return await runEval(options.eval, options, io);
    const text = options.text ?? (await readAll(io.stdin));
    // As in the editor: an empty welcome is not one to audit.
    if (text.trim() === '') throw new UsageError('the message is empty: give the welcome to audit');
    const report = auditMessage({ ...baseInput(options), text });
    await write(io.stdout, options.json ? `${JSON.stringify(report)}\n` : formatReport(text, report));
    return hasError(report) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `accueil audit: ${error.message}\n\n${AUDIT_USAGE}`);
    return 2;
  }
}
