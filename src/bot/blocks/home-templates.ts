// The Templates section of the App Home tab (issue 13): per language and channel, the current
// experiment — each live or paused template's latest version, the older versions that still hold
// figures, and the language model's drafts as their own arm — with sends, reply rate and 7-day
// unfollow rate and their 95 % intervals, a plain verdict, and a menu per template (edit,
// duplicate, pause or make live again, promote, retire). Pure: everything it shows is in its input.
import type { types } from '@slack/bolt';
import { CHANNELS, LANGS, type Channel, type Lang } from '../../domain';
import type { TemplateState } from '../../domain/templates';
import { MIN_GROUP_SIZE, wilson, type Proportion } from '../../digest/stats';
import { t as words } from '../../i18n';
import { HOME_TEMPLATE_IDS } from '../ids';
import { escapeMrkdwn } from './escape';
import { button, context, LIMITS, mrkdwn, mrkdwnSection, plainText, userMention, type KnownBlock } from './kit';

export { HOME_TEMPLATE_IDS };

export const TEMPLATE_OPERATIONS = ['edit', 'duplicate', 'pause', 'resume', 'promote', 'retire'] as const;
export type TemplateOperation = (typeof TEMPLATE_OPERATIONS)[number];

/** One template version as the section lists it. */
export interface HomeTemplate {
  id: number;
  key: string;
  version: number;
  lang: Lang;
  channel: Channel;
  state: TemplateState;
  createdBy: string;
}

/** The figures of one arm of an experiment: a template version, or the model's drafts. */
export interface ArmFigures {
  lang: Lang;
  channel: Channel;
  /** The template's key and version; null for drafts a language model wrote. */
  key: string | null;
  version: number | null;
  /** The model's name, for its arm. */
  model: string | null;
  sends: number;
  replies: Proportion;
  unfollows7: Proportion;
}

export interface HomeTemplates {
  /** Every version of the account's templates that is not retired, plus older versions (any state) with figures. */
  templates: HomeTemplate[];
  figures: ArmFigures[];
}

/** Our value for a menu option; parsed back by `parseMenuValue`. */
export const menuValue = (operation: TemplateOperation, templateId: number) => `${operation}:${templateId}`;

export function parseMenuValue(value: string | undefined): { operation: TemplateOperation; templateId: number } | null {
  const match = /^([a-z]+):(\d{1,12})$/.exec(value ?? '');
  if (!match || !(TEMPLATE_OPERATIONS as readonly string[]).includes(match[1]!)) return null;
  return { operation: match[1] as TemplateOperation, templateId: Number(match[2]) };
}

const code = (key: string) => `\`${escapeMrkdwn(key, 60, { singleLine: true })}\``;

/** "*12 %* (5/40, 95 % CI 5–25 %)", or "no data yet". */
function rateText(r: Proportion, lang: Lang): string {
  const t = words(lang).templateDesk;
  const percent = words(lang).digest.percent;
  const ci = wilson(r);
  if (ci.rate === null) return t.noData;
  return t.rate(percent(ci.rate), r.k, r.n, percent(ci.low), percent(ci.high));
}

function figuresLine(f: ArmFigures | undefined, lang: Lang): string {
  const t = words(lang).templateDesk;
  const sends = f?.sends ?? 0;
  const replies = f?.replies ?? { n: 0, k: 0 };
  const unfollows = f?.unfollows7 ?? { n: 0, k: 0 };
  return `${t.sends(sends)} · ${t.replies} ${rateText(replies, lang)} · ${t.unfollowed7} ${rateText(unfollows, lang)}`;
}

export type ExperimentVerdict =
  | { kind: 'none' }
  | { kind: 'alone' }
  | { kind: 'too-few'; smallest: number; needed: number }
  | { kind: 'leads'; arm: string }
  | { kind: 'no-leader' };

/**
 * The verdict on one experiment's arms, on reply rate: too few while any arm has fewer than
 * MIN_GROUP_SIZE sends; a leader only when its interval sits above every other arm's.
 */
export function experimentVerdict(arms: { name: string; replies: Proportion }[]): ExperimentVerdict {
  if (arms.length === 0) return { kind: 'none' };
  if (arms.length === 1) return { kind: 'alone' };
  const smallest = Math.min(...arms.map((a) => a.replies.n));
  if (smallest < MIN_GROUP_SIZE) return { kind: 'too-few', smallest, needed: MIN_GROUP_SIZE };
  const intervals = arms.map((a) => ({ name: a.name, ci: wilson(a.replies) }));
  const best = intervals.find((a) => intervals.every((b) => b === a || a.ci.low > b.ci.high));
  return best ? { kind: 'leads', arm: best.name } : { kind: 'no-leader' };
}

function verdictText(v: ExperimentVerdict, lang: Lang): string {
  const t = words(lang).templateDesk;
  switch (v.kind) {
    case 'none':
      return t.verdictNone;
    case 'alone':
      return t.verdictAlone;
    case 'too-few':
      return t.verdictTooFew(v.smallest, v.needed);
    case 'leads':
      return t.verdictLeads(code(v.arm));
    case 'no-leader':
      return t.verdictNoLeader;
  }
}

function menu(template: HomeTemplate, lang: Lang): types.Overflow {
  const t = words(lang).templateDesk;
  const ops: TemplateOperation[] = ['edit', 'duplicate', template.state === 'live' ? 'pause' : 'resume', 'promote', 'retire'];
  return {
    type: 'overflow',
    action_id: HOME_TEMPLATE_IDS.menu,
    options: ops.map((op) => ({ text: plainText(t.actions[op], 75), value: menuValue(op, template.id) })),
  };
}

function author(createdBy: string, lang: Lang): string {
  const t = words(lang).templateDesk;
  if (createdBy === 'built-in') return t.builtIn;
  if (createdBy === 'cli') return t.fromCli;
  return t.byWhom(userMention(createdBy));
}

/** The Templates section of one account. */
export function templateBlocks(accountId: number, { templates, figures }: HomeTemplates, lang: Lang): KnownBlock[] {
  const t = words(lang).templateDesk;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(`${t.title}\n${t.intro}`),
      accessory: button({ text: t.newTemplate, actionId: HOME_TEMPLATE_IDS.create, value: String(accountId) }),
    },
  ];
  const figuresOf = (key: string, version: number) => figures.find((f) => f.key === key && f.version === version);
  for (const lang_ of LANGS) {
    for (const channel of CHANNELS) {
      const current = templates.filter((x) => x.lang === lang_ && x.channel === channel && (x.state === 'live' || x.state === 'paused'));
      const older = templates.filter((x) => x.lang === lang_ && x.channel === channel && x.state !== 'live' && x.state !== 'paused' && (figuresOf(x.key, x.version)?.sends ?? 0) > 0);
      const models = figures.filter((f) => f.lang === lang_ && f.channel === channel && f.key === null);
      if (current.length === 0 && older.length === 0 && models.length === 0) continue;
      blocks.push(mrkdwnSection(t.group(t.langName[lang_], t.channelName[channel])));
      for (const template of current) {
        const head = `${code(t.version(template.key, template.version))} · ${t.state[template.state]} · ${author(template.createdBy, lang)}`;
        blocks.push({ type: 'section', text: mrkdwn(`${head}\n${figuresLine(figuresOf(template.key, template.version), lang)}`), accessory: menu(template, lang) });
      }
      const lines = [
        ...older.map((x) => `${code(t.version(x.key, x.version))} · ${t.state[x.state]} — ${figuresLine(figuresOf(x.key, x.version), lang)}`),
        ...models.map((m) => `${escapeMrkdwn(t.model(m.model ?? '?'), 200, { singleLine: true })} — ${figuresLine(m, lang)}`),
      ];
      if (lines.length > 0) blocks.push(context([mrkdwn(truncate(lines.join('\n'), LIMITS.sectionText))], () => ''));
      const arms = [
        ...current.filter((x) => x.state === 'live').map((x) => ({ name: x.key, replies: figuresOf(x.key, x.version)?.replies ?? { n: 0, k: 0 } })),
        ...models.map((m) => ({ name: m.model ?? 'model', replies: m.replies })),
      ];
      blocks.push(context([mrkdwn(`_${verdictText(experimentVerdict(arms), lang)}_`)], () => ''));
    }
  }
  if (blocks.length === 1) blocks.push(context([mrkdwn(t.none)], () => ''));
  return blocks;
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
