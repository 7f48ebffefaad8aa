// The team's welcome templates (issue 13): what a draft starts from, how a template is checked
// before it is saved (by App Home's editor and by `accueil templates import` alike), and every
// change to one, logged with who made it.
import { z } from 'zod';
import type { Db } from '../db/client';
import type { XAccountRow, TemplateRow } from '../db/schema';
import {
  changeTemplateState,
  createTemplate,
  duplicateTemplate,
  editTemplate,
  hasTemplates,
  importTemplates,
  latestTemplates,
  liveTemplates,
  seedTemplates,
  seedTemplatesForAllAccounts,
  setVoiceSettings,
  TemplateChangeError,
  TemplateImportClash,
  type ImportedTemplate,
  type ImportOutcome,
  type TemplateStateChange,
} from '../db/templates';
import { CHANNELS, LANGS, type Channel, type FollowerProfile, type Lang } from '../domain';
import { PREVIEW_SAMPLES, TEMPLATE_KEY, VOICE_ADDRESSES, type PreviewSample, type TemplateProblem, type TemplateSource, type VoiceAddress } from '../domain/templates';
import { draftWelcome, type Draft, type DraftOptions, type DraftTemplate } from '../rules/draft';
import type { Triage } from '../rules/triage';
import { cleanText, hasLinkOrTag } from '../rules/draft-name';
import { extractLinks, isHostUnder, normalizeDomain } from '../rules/links';
import { parseTemplateBody } from '../rules/render-template';
import { WELCOME_TEMPLATES } from '../rules/templates';
import type { AuditReport } from '../rules/types';
import { auditWelcomeText } from './audit';

export { PREVIEW_SAMPLES, TemplateChangeError, TemplateImportClash, type PreviewSample, type TemplateStateChange };

/** Seeds the built-in templates as version 1 of their keys: for one account, or every account (at start). Idempotent. */
export async function seedBuiltInTemplates(db: Db, accountId?: number): Promise<number> {
  if (accountId !== undefined) return (await seedTemplates(db, accountId, WELCOME_TEMPLATES)).length;
  return seedTemplatesForAllAccounts(db, WELCOME_TEMPLATES);
}

/**
 * The templates a draft for this language and channel is drawn from: the account's live ones; none
 * when the team paused or retired them all (the card then offers an empty draft); the built-in set
 * for an account whose templates were never seeded.
 */
export async function draftTemplatesFor(db: Db, accountId: number, lang: Lang, channel: Channel): Promise<DraftTemplate[] | 'built-in'> {
  const live = await liveTemplates(db, accountId, lang, channel);
  if (live.length > 0) return live.map((row) => ({ key: row.key, version: row.version, body: row.body }));
  return (await hasTemplates(db, accountId)) ? [] : 'built-in';
}

// ---------------------------------------------------------------------------------------------
// Previews and validation.


const SAMPLE_PEOPLE: Record<Lang, Record<PreviewSample, { name: string; handle: string; bio: string }>> = {
  fr: {
    'with-topic': { name: 'Camille Martin', handle: 'camille_martin', bio: '' },
    'without-topic': { name: 'Lucie Bernard', handle: 'lucie_b', bio: 'Lyon.' },
    'long-name': { name: 'Marie-Alexandrine-Clémentine de La Tour', handle: 'marie_alexandri', bio: '' },
    'no-first-name': { name: '🌸✨', handle: 'fleur_2024', bio: '' },
  },
  en: {
    'with-topic': { name: 'Jordan Smith', handle: 'jordan_smith', bio: '' },
    'without-topic': { name: 'Sam Taylor', handle: 'samtaylor', bio: 'Leeds.' },
    'long-name': { name: 'Maximiliana-Georgiana Worthington', handle: 'max_worthingto', bio: '' },
    'no-first-name': { name: '🌸✨', handle: 'flower_2024', bio: '' },
  },
};

/** The topic a preview's bio mentions: one of the team's, or a stand-in when it has none. */
const sampleTopic = (account: XAccountRow, lang: Lang): string => account.topics[0] ?? (lang === 'fr' ? 'IA' : 'design');

function sampleProfile(lang: Lang, sample: PreviewSample, topic: string): FollowerProfile {
  const person = SAMPLE_PEOPLE[lang][sample];
  return {
    xUserId: `sample-${lang}-${sample}`,
    handle: person.handle,
    name: person.name,
    bio: sample === 'without-topic' || sample === 'no-first-name' ? person.bio : `${topic}.`,
    location: null,
    url: null,
    createdAt: '2020-01-01T00:00:00Z',
    followersCount: 200,
    followingCount: 180,
    postsCount: 900,
    verified: false,
    protected: false,
    defaultAvatar: false,
    receivesYourDm: true,
    connectionStatus: ['followed_by'],
  };
}

/** What a new template or a new version says; the key is checked separately (an edit keeps its own). */
export interface TemplateDraftInput {
  key: string;
  lang: Lang;
  channel: Channel;
  body: string;
}

export interface TemplatePreview {
  sample: PreviewSample;
  /** The sample follower's display name and handle, as the preview greets them. */
  name: string;
  handle: string;
  /** The welcome as a draft would read; empty when the body could not be filled. */
  text: string;
  report: AuditReport | null;
}

/** The draft a template gives for one follower of this account, exactly as a card's draft would be written. */
export function draftFromTemplate(account: XAccountRow, template: DraftTemplate, opts: { profile: FollowerProfile; lang: Lang; channel: Channel; topic: string | null }): Draft {
  return draftWelcome({
    profile: opts.profile,
    lang: opts.lang,
    channel: opts.channel,
    topic: opts.topic,
    ownDomains: account.ownDomains,
    accountName: account.name || account.handle,
    signOff: account.signOff,
    address: account.voiceAddress,
    templates: [template],
  });
}

/** The template filled for each sample follower, with the audit of each text. */
export function previewTemplate(account: XAccountRow, input: Pick<TemplateDraftInput, 'lang' | 'channel' | 'body'>): TemplatePreview[] {
  const topic = sampleTopic(account, input.lang);
  return PREVIEW_SAMPLES.map((sample) => {
    const profile = sampleProfile(input.lang, sample, topic);
    const withTopic = sample === 'with-topic' || sample === 'long-name';
    const draft = draftFromTemplate(account, { key: 'preview', version: 0, body: input.body }, { profile, lang: input.lang, channel: input.channel, topic: withTopic ? topic : null });
    const report = draft.text ? auditWelcomeText({ account, profile, text: draft.text, channel: input.channel, lang: input.lang }) : null;
    return { sample, name: profile.name, handle: profile.handle, text: draft.text, report };
  });
}

/** Links written in the body itself (not the {link} slot, which is always the team's own site). */
function offDomainLinks(account: XAccountRow, body: string): string[] {
  const literal = body.replace(/\{[^{}]*\}/g, ' ');
  const own = account.ownDomains.map(normalizeDomain).filter(Boolean);
  return extractLinks(literal)
    .filter((link) => !isHostUnder(link.host, own))
    .map((link) => link.host);
}

export interface TemplateCheck {
  /** Errors refuse the save; warnings are shown. */
  problems: TemplateProblem[];
  previews: TemplatePreview[];
}

const isError = (problem: TemplateProblem): boolean => problem.level === 'error';

/**
 * Everything wrong with a template, each on its field, before it is saved: the key, an unknown
 * slot or broken syntax, a DM link outside the account's own domains, and the audit of each
 * preview (an error-level finding refuses, a warning is shown). `takenKeys`: the keys a new
 * template may not use; omit it for an edit.
 */
export function checkTemplate(account: XAccountRow, input: TemplateDraftInput, opts: { takenKeys?: readonly string[] } = {}): TemplateCheck {
  const problems: TemplateProblem[] = [];
  if (!TEMPLATE_KEY.test(input.key)) problems.push({ field: 'key', level: 'error', code: 'bad-key' });
  else if (opts.takenKeys?.includes(input.key)) problems.push({ field: 'key', level: 'error', code: 'key-taken' });
  if (!(LANGS as readonly string[]).includes(input.lang)) problems.push({ field: 'lang', level: 'error', code: 'bad-value' });
  if (!(CHANNELS as readonly string[]).includes(input.channel)) problems.push({ field: 'channel', level: 'error', code: 'bad-value' });
  if (problems.some((p) => p.field === 'lang' || p.field === 'channel')) return { problems, previews: [] };

  const parsed = parseTemplateBody(input.body);
  if (!parsed.ok) {
    for (const problem of parsed.problems) problems.push({ ...problem, field: 'body', level: 'error' });
    return { problems, previews: [] };
  }
  if (input.channel === 'dm') for (const domain of offDomainLinks(account, input.body)) problems.push({ field: 'body', level: 'error', code: 'link-off-domain', domain });

  const previews = previewTemplate(account, input);
  const seen = new Set<string>();
  for (const preview of previews) {
    if (!preview.text) {
      // A required slot the sample leaves empty ({account} without a team name): the draft would be empty.
      if (!seen.has('render-failed')) problems.push({ field: 'body', level: 'error', code: 'render-failed', sample: preview.sample });
      seen.add('render-failed');
      continue;
    }
    for (const finding of preview.report?.findings ?? []) {
      if (finding.severity === 'info') continue;
      // Already said on the field, in the editor's words.
      if (finding.ruleId === 'link-off-domain' && problems.some((p) => p.code === 'link-off-domain')) continue;
      const level = finding.severity === 'error' ? 'error' : 'warning';
      const id = `${level}:${finding.ruleId}`;
      if (seen.has(id)) continue;
      seen.add(id);
      problems.push({ field: 'body', level, code: 'audit-finding', ruleId: finding.ruleId, sample: preview.sample, message: finding.message });
    }
  }
  return { problems, previews };
}

export type TemplateSaveResult =
  | { ok: true; template: TemplateRow; warnings: TemplateProblem[]; previews: TemplatePreview[] }
  | { ok: false; problems: TemplateProblem[]; previews: TemplatePreview[] };

function refusal(check: TemplateCheck): TemplateSaveResult | null {
  return check.problems.some(isError) ? { ok: false, problems: check.problems, previews: check.previews } : null;
}

function keyTaken(error: unknown, previews: TemplatePreview[]): TemplateSaveResult {
  if (error instanceof TemplateChangeError && error.code === 'key-taken') return { ok: false, problems: [{ field: 'key', level: 'error', code: 'key-taken' }], previews };
  throw error;
}

/** Who changes a template, and from where: a teammate in Slack (their user id) or the CLI. */
export interface TemplateActor {
  by: string;
  source: Exclude<TemplateSource, 'built-in'>;
}

/** A new template, checked first; live unless `paused`. */
export async function createCheckedTemplate(db: Db, account: XAccountRow, input: TemplateDraftInput & { paused?: boolean }, actor: TemplateActor): Promise<TemplateSaveResult> {
  const taken = (await latestTemplates(db, account.id)).map((row) => row.key);
  const check = checkTemplate(account, input, { takenKeys: taken });
  const refused = refusal(check);
  if (refused) return refused;
  try {
    const template = await createTemplate(db, { accountId: account.id, ...input, state: input.paused ? 'paused' : 'live', ...actor });
    return { ok: true, template, warnings: check.problems, previews: check.previews };
  } catch (error) {
    return keyTaken(error, check.previews);
  }
}

/** An edit: a new version of the key, checked first; the previous version keeps its statistics. */
export async function editCheckedTemplate(db: Db, account: XAccountRow, key: string, body: string, actor: TemplateActor): Promise<TemplateSaveResult> {
  const current = (await latestTemplates(db, account.id)).find((row) => row.key === key);
  if (!current) throw new TemplateChangeError('not-found', key);
  const check = checkTemplate(account, { key, lang: current.lang, channel: current.channel, body });
  const refused = refusal(check);
  if (refused) return refused;
  const template = await editTemplate(db, { accountId: account.id, key, body, ...actor });
  return { ok: true, template, warnings: check.problems, previews: check.previews };
}

/** A paused copy under a new key (the next free `<key>-copy…` when none is given), for the team to edit. */
export async function duplicateCheckedTemplate(db: Db, account: XAccountRow, fromKey: string, actor: TemplateActor, newKey?: string): Promise<TemplateSaveResult> {
  const taken = (await latestTemplates(db, account.id)).map((row) => row.key);
  let key = newKey;
  if (key === undefined) {
    const base = fromKey.slice(0, 40);
    key = `${base}-copy`;
    for (let i = 2; taken.includes(key); i++) key = `${base}-copy-${i}`;
  }
  if (!TEMPLATE_KEY.test(key)) return { ok: false, problems: [{ field: 'key', level: 'error', code: 'bad-key' }], previews: [] };
  if (taken.includes(key)) return { ok: false, problems: [{ field: 'key', level: 'error', code: 'key-taken' }], previews: [] };
  try {
    const template = await duplicateTemplate(db, { accountId: account.id, fromKey, key, ...actor });
    return { ok: true, template, warnings: [], previews: previewTemplate(account, template) };
  } catch (error) {
    return keyTaken(error, []);
  }
}

/** Pause, resume, promote (the only live one for its language and channel) or retire. */
export async function changeTemplate(db: Db, account: XAccountRow, key: string, change: TemplateStateChange, actor: TemplateActor): Promise<{ template: TemplateRow; paused: string[] }> {
  return changeTemplateState(db, { accountId: account.id, key, change, by: actor.by });
}

/** Why a sign-off is refused: it goes at the end of every DM, so it is short and sends nowhere. */
export type SignOffProblem = 'too-long' | 'link-or-tag';
export const MAX_SIGN_OFF_LENGTH = 60;

/** The sign-off as it will be saved (cleaned; null for the built-in one), or why not. */
export function checkSignOff(input: string | null): { ok: true; signOff: string | null } | { ok: false; problem: SignOffProblem } {
  const clean = cleanText(input ?? '');
  if (!clean) return { ok: true, signOff: null };
  if ([...clean].length > MAX_SIGN_OFF_LENGTH) return { ok: false, problem: 'too-long' };
  if (hasLinkOrTag(clean)) return { ok: false, problem: 'link-or-tag' };
  return { ok: true, signOff: clean };
}

/** Sets the account's voice: the French address its templates and drafts use, and its sign-off (null: the built-in one). */
export async function setVoice(
  db: Db,
  account: XAccountRow,
  voice: { address?: VoiceAddress; signOff?: string | null },
): Promise<{ ok: true; account: XAccountRow } | { ok: false; problem: SignOffProblem }> {
  let signOff = account.signOff;
  if (voice.signOff !== undefined) {
    const checked = checkSignOff(voice.signOff);
    if (!checked.ok) return checked;
    signOff = checked.signOff;
  }
  const voiceAddress = voice.address ?? account.voiceAddress;
  await setVoiceSettings(db, account.id, { voiceAddress, signOff });
  return { ok: true, account: { ...account, voiceAddress, signOff } };
}

// ---------------------------------------------------------------------------------------------
// Export and import (`accueil templates export|import`): a JSON file a team keeps in git.

export const TEMPLATES_FILE_FORMAT = 'accueil-templates';

const importedTemplate = z
  .object({
    key: z.string().regex(TEMPLATE_KEY, 'lowercase letters, digits and dashes, starting with a letter or digit (at most 48)'),
    lang: z.enum(LANGS),
    channel: z.enum(CHANNELS),
    state: z.enum(['live', 'paused', 'retired']).default('live'),
    body: z.string().min(1, 'the body is empty'),
    // Informative in an export; an import decides the version itself.
    version: z.number().int().positive().optional(),
    createdBy: z.string().optional(),
    createdAt: z.string().optional(),
  })
  .strict();

const importedAccount = z
  .object({
    account: z.string().min(1),
    voice: z
      .object({ address: z.enum(VOICE_ADDRESSES), signOff: z.string().max(MAX_SIGN_OFF_LENGTH).nullable() })
      .strict()
      .optional(),
    templates: z.array(z.unknown()),
  })
  .strict();

const templatesFile = z
  .object({
    format: z.literal(TEMPLATES_FILE_FORMAT),
    version: z.literal(1),
    exportedAt: z.string().optional(),
    accounts: z.array(z.unknown()),
  })
  .strict();

export interface TemplatesFileAccount {
  account: string;
  voice?: { address: VoiceAddress; signOff: string | null };
  templates: ImportedTemplate[];
}

export interface TemplatesFile {
  format: typeof TEMPLATES_FILE_FORMAT;
  version: 1;
  exportedAt?: string;
  accounts: TemplatesFileAccount[];
}

/** The latest version of each template of these accounts, with their voice settings. */
export async function exportTemplates(db: Db, accounts: readonly XAccountRow[], now: Date): Promise<TemplatesFile> {
  const out: TemplatesFileAccount[] = [];
  for (const account of accounts) {
    const rows = await latestTemplates(db, account.id);
    out.push({
      account: account.handle,
      voice: { address: account.voiceAddress, signOff: account.signOff },
      templates: rows.map((row) => ({
        key: row.key,
        lang: row.lang,
        channel: row.channel,
        state: row.state === 'superseded' ? 'retired' : row.state,
        body: row.body,
        version: row.version,
        createdBy: row.createdBy,
        createdAt: row.createdAt.toISOString(),
      })),
    });
  }
  return { format: TEMPLATES_FILE_FORMAT, version: 1, exportedAt: now.toISOString(), accounts: out };
}

/** One thing wrong with a templates file, named by where it is: the account entry and the item (1-based), its key when known. */
export interface ImportError {
  account?: string;
  item?: number;
  key?: string;
  /** The field, as a path in the item ("body", "state"). */
  path?: string;
  /** A zod message, or the problem code of the template check. */
  message?: string;
  problem?: TemplateProblem;
}

export interface ImportPlan {
  account: XAccountRow;
  voice?: TemplatesFileAccount['voice'];
  items: ImportedTemplate[];
  warnings: { item: number; key: string; problem: TemplateProblem }[];
}

const issuePath = (issue: z.ZodIssue): string => issue.path.map(String).join('.');

/**
 * Reads a templates file: its shape, each account entry (on the desk?) and each item (shape, then
 * the same check as the editor: slots, links, the audit of its previews). Every error is listed,
 * naming the item; nothing is imported unless there are none.
 */
export function planImport(raw: unknown, accounts: readonly XAccountRow[], opts: { only?: XAccountRow } = {}): { ok: true; plans: ImportPlan[] } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const file = templatesFile.safeParse(raw);
  if (!file.success) return { ok: false, errors: file.error.issues.map((issue) => ({ path: issuePath(issue), message: issue.message })) };
  const plans: ImportPlan[] = [];
  for (const [entryIndex, rawEntry] of file.data.accounts.entries()) {
    const entry = importedAccount.safeParse(rawEntry);
    if (!entry.success) {
      for (const issue of entry.error.issues) errors.push({ path: `accounts.${entryIndex}.${issuePath(issue)}`, message: issue.message });
      continue;
    }
    const handle = entry.data.account.replace(/^@/, '').toLowerCase();
    const account = accounts.find((a) => a.handle.toLowerCase() === handle);
    if (opts.only && opts.only.handle.toLowerCase() !== handle) continue;
    if (!account) {
      errors.push({ account: entry.data.account, message: 'no such account on the desk' });
      continue;
    }
    const existing = new Map<string, true>();
    const items: ImportedTemplate[] = [];
    const warnings: ImportPlan['warnings'] = [];
    for (const [index, rawItem] of entry.data.templates.entries()) {
      const item = importedTemplate.safeParse(rawItem);
      const key = typeof (rawItem as { key?: unknown })?.key === 'string' ? String((rawItem as { key: string }).key) : undefined;
      const where = { account: account.handle, item: index + 1, ...(key ? { key } : {}) };
      if (!item.success) {
        for (const issue of item.error.issues) errors.push({ ...where, path: issuePath(issue), message: issue.message });
        continue;
      }
      if (existing.has(item.data.key)) {
        errors.push({ ...where, path: 'key', message: 'this key appears twice in the file' });
        continue;
      }
      existing.set(item.data.key, true);
      const checked = checkTemplate(account, item.data);
      for (const problem of checked.problems) {
        if (isError(problem)) errors.push({ ...where, path: problem.field, problem });
        else warnings.push({ item: index + 1, key: item.data.key, problem });
      }
      items.push({ key: item.data.key, lang: item.data.lang, channel: item.data.channel, body: item.data.body, state: item.data.state });
    }
    let voice: TemplatesFileAccount['voice'];
    if (entry.data.voice) {
      const signOff = checkSignOff(entry.data.voice.signOff);
      if (signOff.ok) voice = { address: entry.data.voice.address, signOff: signOff.signOff };
      else errors.push({ account: account.handle, path: 'voice.signOff', message: signOff.problem === 'too-long' ? `at most ${MAX_SIGN_OFF_LENGTH} characters` : 'no link, @mention or #hashtag' });
    }
    plans.push({ account, ...(voice ? { voice } : {}), items, warnings });
  }
  if (opts.only && plans.length === 0 && errors.length === 0) errors.push({ account: opts.only.handle, message: 'the file has no entry for this account' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plans };
}

/** Applies a checked import, all or nothing; every change is logged as `imported` by `by`. */
export async function applyImport(db: Db, plans: readonly ImportPlan[], by: string): Promise<{ account: string; outcomes: ImportOutcome[] }[]> {
  return db.transaction(async (tx) => {
    const done: { account: string; outcomes: ImportOutcome[] }[] = [];
    for (const plan of plans) {
      if (plan.voice) await setVoiceSettings(tx, plan.account.id, { voiceAddress: plan.voice.address, signOff: plan.voice.signOff });
      done.push({ account: plan.account.handle, outcomes: await importTemplates(tx, plan.account.id, plan.items, by) });
    }
    return done;
  });
}

/** What a draft for this follower takes from the account's settings and the triage (templates and the pick aside). */
export function accountDraftOptions(account: XAccountRow, profile: FollowerProfile, triage: Triage, channel: Channel): Omit<DraftOptions, 'templates' | 'pick'> {
  return {
    profile,
    lang: triage.lang,
    channel,
    topic: triage.topic,
    ownDomains: account.ownDomains,
    accountName: account.name || account.handle,
    signOff: account.signOff,
    address: account.voiceAddress,
  };
}
