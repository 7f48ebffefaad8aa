import type { DigestFigures, Rate } from '../../db/digest-queries';
import { compare, MIN_GROUP_SIZE, wilson, type Proportion } from '../../digest/stats';
import type { Lang } from '../../domain';
import { escapeMrkdwn } from './escape';
import { header, LIMITS, mrkdwn, mrkdwnSection, userMention, type KnownBlock } from './kit';

// The weekly digest in Block Kit: a pure function of the figures, so the Slack post, the private
// `/accueil digest` and the terminal preview are one and the same.

/** Lists are cut to their first entries: a section holds 3,000 characters. */
const MAX_ROWS = 12;

const pct = (x: number) => `${Math.round(x * 100)} %`;

function rate(r: Rate, lang: Lang): string {
  const ci = wilson(r);
  if (ci.rate === null) return lang === 'fr' ? 'aucune donnée' : 'no data';
  const interval = lang === 'fr' ? `IC 95 % ${pct(ci.low)}–${pct(ci.high)}` : `95% CI ${pct(ci.low)}–${pct(ci.high)}`;
  return `*${pct(ci.rate)}* (${r.k}/${r.n}, ${interval})`;
}

function duration(seconds: number | null, lang: Lang): string {
  if (seconds === null) return '—';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  return lang === 'fr' ? `${Math.round(hours / 24)} j` : `${Math.round(hours / 24)} d`;
}

const usd = (x: number) => (x > 0 && x < 0.01 ? '< $0.01' : `$${x.toFixed(2)}`);

const S = {
  en: {
    title: (from: string, to: string) => `Weekly digest · ${from} → ${to}`,
    newFollowers: 'New followers',
    cards: 'Cards',
    welcomed: (dm: number, mention: number, manual: number) => `DM ${dm} · mention ${mention} · manual send ${manual}`,
    welcomedLabel: 'Welcomed',
    skipped: 'Skipped',
    expired: 'Expired',
    decision: 'Median time from follow to decision',
    effect: (weeks: number) => `*Does welcoming help?* (welcomes of the last ${weeks} weeks)`,
    replyRate: 'Reply rate',
    unfollowRate: '7-day unfollow rate',
    welcomedVs: 'welcomed',
    notWelcomed: 'not welcomed (control sample)',
    templates: '*Templates*',
    replies: 'replies',
    unfollowed7: 'unfollowed by day 7',
    teammates: '*Teammates this week*',
    teammate: (t: { approved: number; skipped: number; edited: number; sentManually: number }) =>
      `approved ${t.approved} · skipped ${t.skipped} · edited ${t.edited}${t.sentManually ? ` · sent by hand ${t.sentManually}` : ''}`,
    audit: '*The audit caught this week*',
    auditNone: 'Nothing flagged.',
    runs: (n: number) => `${n} time${n === 1 ? '' : 's'}`,
    spend: '*X API spend this week* (estimated at pay-per-use prices)',
    spendLine: (calls: number, units: number) => `${calls} call${calls === 1 ? '' : 's'}, ${units} billed`,
    total: 'Total',
    nothing: 'None.',
    tooFew: (smallest: number) => `Too few to conclude: the smallest group has ${smallest}; at least ${MIN_GROUP_SIZE} each are needed.`,
    noDifference: 'No clear difference: the intervals overlap.',
    higher: (who: string, what: string) => `${who} clearly has the higher ${what}.`,
    templatesTooFew: (smallest: number) => `Too few to compare templates: the smallest has ${smallest}; at least ${MIN_GROUP_SIZE} each are needed.`,
    footnote:
      'Rates pool the last eight weeks. Intervals are 95 % Wilson intervals; a difference is called only when each group has 30 or more and the intervals do not overlap. Unfollows are seen by look-ups 1, 7 and 30 days after the desk dealt with each tracked follower.',
    chart: 'Followers gained, welcomes sent, replies and unfollows over the last 8 weeks',
  },
  fr: {
    title: (from: string, to: string) => `Bilan de la semaine · ${from} → ${to}`,
    newFollowers: 'Nouveaux abonnés',
    cards: 'Cartes',
    welcomed: (dm: number, mention: number, manual: number) => `MP ${dm} · mention ${mention} · envoi manuel ${manual}`,
    welcomedLabel: 'Bienvenues',
    skipped: 'Passées',
    expired: 'Expirées',
    decision: 'Délai médian entre l’abonnement et la décision',
    effect: (weeks: number) => `*Souhaiter la bienvenue, ça aide ?* (bienvenues des ${weeks} dernières semaines)`,
    replyRate: 'Taux de réponse',
    unfollowRate: 'Taux de désabonnement à 7 jours',
    welcomedVs: 'accueillis',
    notWelcomed: 'non accueillis (échantillon témoin)',
    templates: '*Modèles*',
    replies: 'réponses',
    unfollowed7: 'désabonnés à 7 jours',
    teammates: '*L’équipe cette semaine*',
    teammate: (t: { approved: number; skipped: number; edited: number; sentManually: number }) =>
      `approuvées ${t.approved} · passées ${t.skipped} · modifiées ${t.edited}${t.sentManually ? ` · envoyées à la main ${t.sentManually}` : ''}`,
    audit: '*Ce que l’audit a relevé cette semaine*',
    auditNone: 'Rien à signaler.',
    runs: (n: number) => `${n} fois`,
    spend: '*Dépenses API X de la semaine* (estimées aux prix à l’usage)',
    spendLine: (calls: number, units: number) => `${calls} appel${calls > 1 ? 's' : ''}, ${units} facturé${units > 1 ? 's' : ''}`,
    total: 'Total',
    nothing: 'Aucun.',
    tooFew: (smallest: number) => `Trop peu pour conclure : le plus petit groupe compte ${smallest} ; il en faut au moins ${MIN_GROUP_SIZE} par groupe.`,
    noDifference: 'Pas de différence nette : les intervalles se chevauchent.',
    higher: (who: string, what: string) => `${who} a nettement le plus haut ${what}.`,
    templatesTooFew: (smallest: number) => `Trop peu pour comparer les modèles : le plus petit en compte ${smallest} ; il en faut au moins ${MIN_GROUP_SIZE} chacun.`,
    footnote:
      'Les taux portent sur les huit dernières semaines. Intervalles de Wilson à 95 % ; une différence n’est annoncée que si chaque groupe compte au moins 30 personnes et que les intervalles ne se chevauchent pas. Les désabonnements sont constatés 1, 7 et 30 jours après le traitement de chaque abonné suivi.',
    chart: 'Abonnés gagnés, bienvenues envoyées, réponses et désabonnements sur 8 semaines',
  },
} as const;

/** One sentence on whether two groups differ, in plain words. */
function verdict(a: Proportion, b: Proportion, names: [string, string], what: string, lang: Lang): string {
  const v = compare(a, b);
  const t = S[lang];
  if (v.kind === 'too-few') return t.tooFew(v.smallest);
  if (v.kind === 'no-clear-difference') return t.noDifference;
  return t.higher(v.kind === 'higher' ? names[0] : names[1], what);
}

/** Among several templates: one whose interval sits above every other's, or a plain "cannot say". */
function templateVerdict(rows: { id: string; rate: Proportion }[], what: string, lang: Lang): string {
  const t = S[lang];
  const counted = rows.filter((r) => r.rate.n > 0);
  if (counted.length < 2) return t.templatesTooFew(counted[0]?.rate.n ?? 0);
  const smallest = Math.min(...counted.map((r) => r.rate.n));
  if (smallest < MIN_GROUP_SIZE) return t.templatesTooFew(smallest);
  const intervals = counted.map((r) => ({ id: r.id, ci: wilson(r.rate) }));
  const best = intervals.find((a) => intervals.every((b) => b === a || a.ci.low > b.ci.high));
  return best ? t.higher(`\`${best.id}\``, what) : t.noDifference;
}

const day = (iso: string) => iso.slice(0, 10);

export function buildDigestBlocks(f: DigestFigures, lang: Lang): { text: string; blocks: KnownBlock[] } {
  const t = S[lang];
  const blocks: KnownBlock[] = [];
  const title = t.title(day(f.from), day(f.to));
  blocks.push(header(title));
  blocks.push({
    type: 'section',
    fields: [
      mrkdwn(`*${t.newFollowers}*\n${f.newFollowers}`),
      mrkdwn(`*${t.cards}*\n${f.cards}`),
      mrkdwn(`*${t.welcomedLabel}*\n${t.welcomed(f.welcomed.dm, f.welcomed.mention, f.welcomed.manual)}`),
      mrkdwn(`*${t.skipped} · ${t.expired}*\n${f.skipped} · ${f.expired}`),
      mrkdwn(`*${t.decision}*\n${duration(f.medianDecisionSeconds, lang)}`),
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
  const spendLines = f.spend.map((line) => `• ${line.category}: ${t.spendLine(line.calls, line.units)} → ${usd(line.usd)}`);
  blocks.push(mrkdwnSection([t.spend, ...(spendLines.length ? spendLines : [t.nothing]), `*${t.total}: ${usd(total)}*`].join('\n')));
  blocks.push({ type: 'context', elements: [mrkdwn(t.footnote)] });

  for (const block of blocks) {
    if (block.type === 'section' && block.text && block.text.text.length > LIMITS.sectionText) {
      block.text.text = `${block.text.text.slice(0, LIMITS.sectionText - 1)}…`;
    }
  }
  // The notification shows this text alone: each number says what it counts.
  const text = `${title}: ${t.newFollowers.toLowerCase()} ${f.newFollowers} · ${t.welcomedLabel.toLowerCase()} ${f.welcomed.dm + f.welcomed.mention + f.welcomed.manual}`;
  return { text, blocks };
}

export const chartAltText = (lang: Lang) => S[lang].chart;
