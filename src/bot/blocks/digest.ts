import type { DigestFigures, Rate } from '../../db/digest-queries';
import { compare, MIN_GROUP_SIZE, wilson, type Proportion } from '../../digest/stats';
import type { Lang } from '../../domain';
import { t as words } from '../../i18n';
import { escapeMrkdwn } from './escape';
import { header, LIMITS, mrkdwn, mrkdwnSection, userMention, type KnownBlock } from './kit';

// The weekly digest in Block Kit: a pure function of the figures, so the Slack post, the private
// `/accueil digest` and the terminal preview are one and the same.

/** Lists are cut to their first entries: a section holds 3,000 characters. */
const MAX_ROWS = 12;

function rate(r: Rate, lang: Lang): string {
  const t = words(lang).digest;
  const ci = wilson(r);
  if (ci.rate === null) return t.noData;
  return `*${t.percent(ci.rate)}* (${r.k}/${r.n}, ${t.interval(t.percent(ci.low), t.percent(ci.high))})`;
}

function duration(seconds: number | null, lang: Lang): string {
  const t = words(lang).digest;
  if (seconds === null) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t.hours(hours, String(minutes % 60).padStart(2, '0'));
  return t.days(Math.round(hours / 24));
}

/** One sentence on whether two groups differ, in plain words. */
function verdict(a: Proportion, b: Proportion, names: [string, string], what: string, lang: Lang): string {
  const v = compare(a, b);
  const t = words(lang).digest;
  if (v.kind === 'too-few') return t.tooFew(v.smallest, MIN_GROUP_SIZE);
  if (v.kind === 'no-clear-difference') return t.noDifference;
  return t.higher(v.kind === 'higher' ? names[0] : names[1], what);
}

/** Among several templates: one whose interval sits above every other's, or a plain "cannot say". */
function templateVerdict(rows: { id: string; rate: Proportion }[], what: string, lang: Lang): string {
  const t = words(lang).digest;
  const counted = rows.filter((r) => r.rate.n > 0);
  if (counted.length < 2) return t.templatesTooFew(counted[0]?.rate.n ?? 0, MIN_GROUP_SIZE);
  const smallest = Math.min(...counted.map((r) => r.rate.n));
  if (smallest < MIN_GROUP_SIZE) return t.templatesTooFew(smallest, MIN_GROUP_SIZE);
  const intervals = counted.map((r) => ({ id: r.id, ci: wilson(r.rate) }));
  const best = intervals.find((a) => intervals.every((b) => b === a || a.ci.low > b.ci.high));
  return best ? t.higher(`\`${best.id}\``, what) : t.noDifference;
}

const day = (iso: string) => iso.slice(0, 10);

/** `homeLink`: the app's Home tab (slack://app?…&tab=home), where the templates' experiment is shown and acted on. */
export function buildDigestBlocks(f: DigestFigures, lang: Lang, opts: { homeLink?: string | null } = {}): { text: string; blocks: KnownBlock[] } {
  const t = words(lang).digest;
  const n = words(lang).format.number;
  const blocks: KnownBlock[] = [];
  const title = t.title(day(f.from), day(f.to));
  blocks.push(header(title));
  blocks.push({
    type: 'section',
    fields: [
      mrkdwn(`*${t.newFollowers}*\n${n(f.newFollowers)}`),
      mrkdwn(`*${t.cards}*\n${n(f.cards)}`),
      mrkdwn(`*${t.welcomedLabel}*\n${t.welcomed(f.welcomed.dm, f.welcomed.mention, f.welcomed.manual)}`),
      mrkdwn(`*${t.skipped} · ${t.expired}*\n${n(f.skipped)} · ${n(f.expired)}`),
      mrkdwn(`*${t.decision}*\n${duration(f.medianDecisionSeconds, lang)}`),
    ],
  });

  const c = words(lang).conversationReport;
  blocks.push({
    type: 'section',
    text: mrkdwn(c.digestTitle),
    fields: [
      mrkdwn(`*${c.received}*\n${n(f.conversations.received)}`),
      mrkdwn(`*${c.answered}*\n${n(f.conversations.answered)}`),
      mrkdwn(`*${c.medianAnswer}*\n${duration(f.conversations.medianAnswerSeconds, lang)}`),
      mrkdwn(`*${c.waiting}*\n${n(f.conversations.waiting)}`),
    ],
  });

  const weeks = Math.round((Date.parse(f.to) - Date.parse(f.experimentFrom)) / (7 * 86_400_000));
  blocks.push({ type: 'divider' });
  blocks.push(
    mrkdwnSection(
      [
        t.effect(weeks),
        `• ${t.replyRate} — ${t.welcomedVs} ${rate(f.replies.welcomed, lang)} · ${t.notWelcomed} ${rate(f.replies.notWelcomed, lang)}`,
        `   _${verdict(f.replies.welcomed, f.replies.notWelcomed, [t.welcomedVs, t.notWelcomed], t.replyRate.toLowerCase(), lang)}_`,
        `• ${t.unfollowRate} — ${t.welcomedVs} ${rate(f.unfollows7.welcomed, lang)} · ${t.notWelcomed} ${rate(f.unfollows7.notWelcomed, lang)}`,
        `   _${verdict(f.unfollows7.welcomed, f.unfollows7.notWelcomed, [t.welcomedVs, t.notWelcomed], t.unfollowRate.toLowerCase(), lang)}_`,
      ].join('\n'),
    ),
  );

  const templateLines = f.templates
    .slice(0, MAX_ROWS)
    .map((row) => `• \`${escapeMrkdwn(row.templateId, 60, { singleLine: true })}\` ${t.replies} ${rate(row.replies, lang)} · ${t.unfollowed7} ${rate(row.unfollows7, lang)}`);
  blocks.push(
    mrkdwnSection(
      [
        t.templates,
        ...(templateLines.length ? templateLines : [t.nothing]),
        `_${templateVerdict(f.templates.map((r) => ({ id: r.templateId, rate: r.replies })), t.replyRate.toLowerCase(), lang)}_`,
      ].join('\n'),
    ),
  );

  blocks.push({ type: 'divider' });
  const teammateLines = f.teammates.slice(0, MAX_ROWS).map((m) => `• ${userMention(m.userId)} ${t.teammate(m)}`);
  blocks.push(mrkdwnSection([t.teammates, ...(teammateLines.length ? teammateLines : [t.nothing])].join('\n')));
  const auditLines = f.audit.slice(0, MAX_ROWS).map((a) => `• \`${escapeMrkdwn(a.ruleId, 60, { singleLine: true })}\` ${t.runs(a.runs)}`);
  blocks.push(mrkdwnSection([t.audit, ...(auditLines.length ? auditLines : [t.auditNone])].join('\n')));

  const total = f.spend.reduce((sum, line) => sum + line.usd, 0);
  const spendLines = f.spend.map((line) => `• ${line.category}: ${t.spendLine(line.calls, line.units)} → ${t.usd(line.usd)}`);
  blocks.push(mrkdwnSection([t.spend, ...(spendLines.length ? spendLines : [t.nothing]), `*${t.total}: ${t.usd(total)}*`].join('\n')));
  if (opts.homeLink) blocks.push({ type: 'context', elements: [mrkdwn(words(lang).templateDesk.digestLink(opts.homeLink))] });
  blocks.push({ type: 'context', elements: [mrkdwn(t.footnote)] });

  for (const block of blocks) {
    if (block.type === 'section' && block.text && block.text.text.length > LIMITS.sectionText) {
      block.text.text = `${block.text.text.slice(0, LIMITS.sectionText - 1)}…`;
    }
  }
  // The notification shows this text alone: each number says what it counts.
  const text = `${title}: ${t.newFollowers.toLowerCase()} ${n(f.newFollowers)} · ${t.welcomedLabel.toLowerCase()} ${n(f.welcomed.dm + f.welcomed.mention + f.welcomed.manual)}`;
  return { text, blocks };
}

export const chartAltText = (lang: Lang) => words(lang).digest.chart;
