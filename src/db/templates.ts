import { and, asc, desc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { Rate } from './digest-queries';
import { rowsOf } from './tracking';
import type { Channel, Lang } from '../domain';
import type { TemplateEventType, TemplateSeed, TemplateSource, TemplateState, VoiceAddress } from '../domain/templates';
import type { Db } from './client';
import { templateEvents, templates, xAccounts, type TemplateEventRow, type TemplateRow } from './schema';

// The team's welcome templates, one row per version (issue 13). Every change goes through one of
// the functions below, in one transaction with its line in template_events.

export const BUILT_IN_ACTOR = 'built-in';

/** Thrown when a change names a template that is not there, or one it cannot apply to. */
export class TemplateChangeError extends Error {
  constructor(
    readonly code: 'not-found' | 'key-taken' | 'not-latest',
    readonly key: string,
  ) {
    super(`template ${key}: ${code}`);
    this.name = 'TemplateChangeError';
  }
}

async function logEvent(
  db: Db,
  row: TemplateRow,
  type: TemplateEventType,
  actor: string,
  detail: Record<string, unknown> = {},
  at?: Date,
): Promise<void> {
  await db.insert(templateEvents).values({ accountId: row.accountId, templateId: row.id, key: row.key, version: row.version, type, actor, detail, ...(at ? { at } : {}) });
}

/**
 * Seeds an account with the code's starting set, as live version 1 of each key; keys it already
 * has (edited, retired or not) are left alone, so this can run at every start.
 */
export async function seedTemplates(db: Db, accountId: number, seeds: readonly TemplateSeed[]): Promise<TemplateRow[]> {
  if (seeds.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(templates)
      .values(seeds.map((seed) => ({ accountId, key: seed.key, version: 1, lang: seed.lang, channel: seed.channel, body: seed.body, state: 'live' as const, createdBy: BUILT_IN_ACTOR, source: 'built-in' as const })))
      .onConflictDoNothing()
      .returning();
    for (const row of rows) await logEvent(tx, row, 'seeded', BUILT_IN_ACTOR);
    return rows;
  });
}

/** Seeds every account, removed or not (their history keeps its templates too). */
export async function seedTemplatesForAllAccounts(db: Db, seeds: readonly TemplateSeed[]): Promise<number> {
  const accounts = await db.select({ id: xAccounts.id }).from(xAccounts).orderBy(xAccounts.id);
  let seeded = 0;
  for (const { id } of accounts) seeded += (await seedTemplates(db, id, seeds)).length;
  return seeded;
}

/** The latest version of each template of the account (the live, paused and retired ones), by language, channel and key. */
export async function latestTemplates(db: Db, accountId: number): Promise<TemplateRow[]> {
  const latest = db
    .select({ key: templates.key, version: max(templates.version).as('latest_version') })
    .from(templates)
    .where(eq(templates.accountId, accountId))
    .groupBy(templates.key)
    .as('latest');
  const rows = await db
    .select({ template: templates })
    .from(templates)
    .innerJoin(latest, and(eq(latest.key, templates.key), eq(latest.version, templates.version)))
    .where(eq(templates.accountId, accountId))
    .orderBy(asc(templates.lang), asc(templates.channel), asc(templates.key));
  return rows.map((row) => row.template);
}

/** Every version of every template of the account, oldest first within a key. */
export async function allTemplateVersions(db: Db, accountId: number): Promise<TemplateRow[]> {
  return db
    .select()
    .from(templates)
    .where(eq(templates.accountId, accountId))
    .orderBy(asc(templates.lang), asc(templates.channel), asc(templates.key), asc(templates.version));
}

/** The versions of one template, oldest first. */
export async function templateVersions(db: Db, accountId: number, key: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.accountId, accountId), eq(templates.key, key)))
    .orderBy(asc(templates.version));
}

/** The templates a new draft is drawn from for this language and channel, in a stable order. */
export async function liveTemplates(db: Db, accountId: number, lang: Lang, channel: Channel): Promise<TemplateRow[]> {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.accountId, accountId), eq(templates.lang, lang), eq(templates.channel, channel), eq(templates.state, 'live')))
    .orderBy(asc(templates.key));
}

/** Whether the account has templates in the database at all (an account never seeded drafts from the built-in set). */
export async function hasTemplates(db: Db, accountId: number): Promise<boolean> {
  const [row] = await db.select({ id: templates.id }).from(templates).where(eq(templates.accountId, accountId)).limit(1);
  return row !== undefined;
}

/** One version, by its row id. */
export async function getTemplateVersion(db: Db, id: number): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(templates).where(eq(templates.id, id));
  return row;
}

/** The latest version of one template, or undefined. */
export async function latestTemplate(db: Db, accountId: number, key: string): Promise<TemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.accountId, accountId), eq(templates.key, key)))
    .orderBy(desc(templates.version))
    .limit(1);
  return row;
}

/** The log of one template (or of all the account's templates), newest first. */
export async function templateHistory(db: Db, accountId: number, key?: string): Promise<TemplateEventRow[]> {
  return db
    .select()
    .from(templateEvents)
    .where(and(eq(templateEvents.accountId, accountId), key === undefined ? sql`true` : eq(templateEvents.key, key)))
    .orderBy(desc(templateEvents.at), desc(templateEvents.id));
}

export interface NewTemplate {
  accountId: number;
  key: string;
  lang: Lang;
  channel: Channel;
  body: string;
  state?: Extract<TemplateState, 'live' | 'paused'>;
  by: string;
  source: TemplateSource;
}

/**
 * Locks the latest version of a key. A change that committed while this one waited for the lock may
 * have added a version: the latest is read again (a new snapshot) until the locked row is it.
 */
async function lockLatest(db: Db, accountId: number, key: string): Promise<TemplateRow | undefined> {
  for (;;) {
    const [row] = await db
      .select()
      .from(templates)
      .where(and(eq(templates.accountId, accountId), eq(templates.key, key)))
      .orderBy(desc(templates.version))
      .limit(1)
      .for('update');
    if (!row) return undefined;
    const latest = await latestTemplate(db, accountId, key);
    if (latest?.id === row.id) return row;
  }
}

async function insertNew(db: Db, values: NewTemplate, type: TemplateEventType, detail: Record<string, unknown>): Promise<TemplateRow> {
  const [row] = await db
    .insert(templates)
    .values({ accountId: values.accountId, key: values.key, version: 1, lang: values.lang, channel: values.channel, body: values.body, state: values.state ?? 'live', createdBy: values.by, source: values.source })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new TemplateChangeError('key-taken', values.key);
  await logEvent(db, row, type, values.by, detail);
  return row;
}

/** A new template (version 1), live unless said otherwise. Refused when the key exists. */
export async function createTemplate(db: Db, values: NewTemplate): Promise<TemplateRow> {
  return db.transaction(async (tx) => {
    if (await lockLatest(tx, values.accountId, values.key)) throw new TemplateChangeError('key-taken', values.key);
    return insertNew(tx, values, 'created', {});
  });
}

/** A copy of a template's latest version under a new key, paused: the team edits it, then lets it go live. */
export async function duplicateTemplate(db: Db, opts: { accountId: number; fromKey: string; key: string; by: string; source: TemplateSource }): Promise<TemplateRow> {
  return db.transaction(async (tx) => {
    const from = await lockLatest(tx, opts.accountId, opts.fromKey);
    if (!from) throw new TemplateChangeError('not-found', opts.fromKey);
    if (await lockLatest(tx, opts.accountId, opts.key)) throw new TemplateChangeError('key-taken', opts.key);
    return insertNew(
      tx,
      { accountId: opts.accountId, key: opts.key, lang: from.lang, channel: from.channel, body: from.body, state: 'paused', by: opts.by, source: opts.source },
      'duplicated',
      { fromKey: from.key, fromVersion: from.version },
    );
  });
}

async function newVersion(db: Db, latest: TemplateRow, body: string, by: string, source: TemplateSource, type: TemplateEventType): Promise<TemplateRow> {
  const state: TemplateState = latest.state === 'retired' || latest.state === 'superseded' ? 'paused' : latest.state;
  await db.update(templates).set({ state: 'superseded' }).where(eq(templates.id, latest.id));
  const [row] = await db
    .insert(templates)
    .values({ accountId: latest.accountId, key: latest.key, version: latest.version + 1, lang: latest.lang, channel: latest.channel, body, state, createdBy: by, source })
    .returning();
  await logEvent(db, row!, type, by, { fromVersion: latest.version });
  return row!;
}

/**
 * An edit: a new version of the key with the new body, in the state the previous one had (a
 * retired template edited comes back paused); the previous version is kept, superseded, with its
 * statistics. An edit that changes nothing makes no version.
 */
export async function editTemplate(db: Db, opts: { accountId: number; key: string; body: string; by: string; source: TemplateSource }): Promise<TemplateRow> {
  return db.transaction(async (tx) => {
    const latest = await lockLatest(tx, opts.accountId, opts.key);
    if (!latest) throw new TemplateChangeError('not-found', opts.key);
    if (latest.body === opts.body) return latest;
    return newVersion(tx, latest, opts.body, opts.by, opts.source, 'edited');
  });
}

export type TemplateStateChange = 'pause' | 'resume' | 'promote' | 'retire';

/**
 * Pause (kept, not drawn), resume (drawn again), promote (the only live template of its language
 * and channel: the other live ones are paused) or retire (kept in history only).
 */
export async function changeTemplateState(
  db: Db,
  opts: { accountId: number; key: string; change: TemplateStateChange; by: string },
): Promise<{ template: TemplateRow; paused: string[] }> {
  return db.transaction(async (tx) => {
    const latest = await lockLatest(tx, opts.accountId, opts.key);
    if (!latest) throw new TemplateChangeError('not-found', opts.key);
    const state: TemplateState = opts.change === 'pause' ? 'paused' : opts.change === 'retire' ? 'retired' : 'live';
    const type: TemplateEventType = opts.change === 'pause' ? 'paused' : opts.change === 'retire' ? 'retired' : opts.change === 'promote' ? 'promoted' : 'resumed';
    let paused: string[] = [];
    if (opts.change === 'promote') {
      const others = await tx
        .update(templates)
        .set({ state: 'paused' })
        .where(
          and(
            eq(templates.accountId, opts.accountId),
            eq(templates.lang, latest.lang),
            eq(templates.channel, latest.channel),
            eq(templates.state, 'live'),
            ne(templates.key, latest.key),
          ),
        )
        .returning();
      for (const other of others) await logEvent(tx, other, 'paused', opts.by, { promoted: latest.key });
      paused = others.map((other) => other.key);
    }
    const [row] = await tx.update(templates).set({ state }).where(eq(templates.id, latest.id)).returning();
    await logEvent(tx, row!, type, opts.by, { fromState: latest.state, ...(paused.length ? { paused } : {}) });
    return { template: row!, paused };
  });
}

/** One template of an import: created when its key is new, a new version when its body changed, its state set. */
export interface ImportedTemplate {
  key: string;
  lang: Lang;
  channel: Channel;
  body: string;
  state: Extract<TemplateState, 'live' | 'paused' | 'retired'>;
}

export interface ImportOutcome {
  key: string;
  outcome: 'created' | 'new-version' | 'state-changed' | 'unchanged';
  version: number;
}

/** Whether an imported item clashes with the template of the same key (another language or channel). */
export class TemplateImportClash extends Error {
  constructor(
    readonly index: number,
    readonly key: string,
  ) {
    super(`item ${index + 1} (${key}): the template exists with another language or channel`);
    this.name = 'TemplateImportClash';
  }
}

/**
 * An import from the CLI, all or nothing in one transaction: each item creates its key, adds a
 * version when the body differs, and sets the state, each change logged as `imported` by `by`.
 */
export async function importTemplates(db: Db, accountId: number, items: readonly ImportedTemplate[], by: string): Promise<ImportOutcome[]> {
  return db.transaction(async (tx) => {
    const outcomes: ImportOutcome[] = [];
    for (const [index, item] of items.entries()) {
      const latest = await lockLatest(tx, accountId, item.key);
      if (!latest) {
        const row = await insertNew(tx, { accountId, ...item, state: item.state === 'retired' ? 'paused' : item.state, by, source: 'cli' }, 'imported', { item: index + 1 });
        if (item.state === 'retired') await tx.update(templates).set({ state: 'retired' }).where(eq(templates.id, row.id));
        outcomes.push({ key: item.key, outcome: 'created', version: 1 });
        continue;
      }
      if (latest.lang !== item.lang || latest.channel !== item.channel) throw new TemplateImportClash(index, item.key);
      let row = latest;
      let outcome: ImportOutcome['outcome'] = 'unchanged';
      if (latest.body !== item.body) {
        row = await newVersion(tx, latest, item.body, by, 'cli', 'imported');
        outcome = 'new-version';
      }
      if (row.state !== item.state) {
        const [updated] = await tx.update(templates).set({ state: item.state }).where(eq(templates.id, row.id)).returning();
        await logEvent(tx, updated!, 'imported', by, { item: index + 1, fromState: row.state, state: item.state });
        row = updated!;
        if (outcome === 'unchanged') outcome = 'state-changed';
      }
      outcomes.push({ key: item.key, outcome, version: row.version });
    }
    return outcomes;
  });
}

/** The templates of these ids (a welcome's template version, the experiment's rows). */
export async function templatesByIds(db: Db, ids: readonly number[]): Promise<TemplateRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(templates).where(inArray(templates.id, [...ids]));
}

/** The account's voice: how French templates and drafts address a follower, and the sign-off (null: the built-in one). */
export async function setVoiceSettings(db: Db, accountId: number, voice: { voiceAddress: VoiceAddress; signOff: string | null }): Promise<void> {
  await db.update(xAccounts).set({ voiceAddress: voice.voiceAddress, signOff: voice.signOff }).where(eq(xAccounts.id, accountId));
}

// ---------------------------------------------------------------------------------------------
// The experiment: what each template version (and the language model, its own arm) earns.

/** One arm of the experiment for a language and channel: a template version, or the model's drafts. */
export type ExperimentArm =
  | { kind: 'template'; templateId: number; key: string; version: number; state: TemplateState }
  | { kind: 'model'; model: string };

export interface ArmFigures {
  lang: Lang;
  channel: Channel;
  arm: ExperimentArm;
  /** Welcomes sent from this arm in the window. */
  sends: number;
  /** Of the welcomes sent, how many got a reply. */
  replies: Rate;
  /** Of those checked 7 days after their welcome, how many had unfollowed. */
  unfollows7: Rate;
}

const int = (value: unknown): number => Number(value ?? 0);

/**
 * Sends, replies and 7-day unfollows per template version (every version of every template of the
 * account, zero when it sent nothing, so a new version starts at zero while the old one keeps its
 * figures) and per model, for welcomes sent in [from, to). A welcome counts for its template only
 * when it went out on the template's channel (a card drafts both; the other channel's text came
 * from another template).
 */
export async function templateExperimentFigures(db: Db, accountId: number, window: { from: Date; to: Date }): Promise<ArmFigures[]> {
  const from = sql`${window.from.toISOString()}::timestamptz`;
  const to = sql`${window.to.toISOString()}::timestamptz`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    with figures as (
      select w.lang, w.channel,
             case when w.draft_source = 'model' then 'model' else 'template' end as source,
             case when w.draft_source = 'model' then null else w.template_id end as key,
             case when w.draft_source = 'model' then null else coalesce(w.template_version, 1) end as version,
             case when w.draft_source = 'model' then coalesce(w.draft_model, '?') else null end as model,
             count(*) as n, count(r.id) as k,
             count(c.id) as n7, count(c.id) filter (where c.following = false) as k7
      from welcomes w
      left join engagements r on r.follower_id = w.follower_id and r.kind = 'reply'
      left join follower_checks c on c.follower_id = w.follower_id and c.offset_days = 7 and c.cohort = 'welcomed' and c.checked_at is not null
      where w.account_id = ${accountId} and w.status = 'sent' and w.sent_at >= ${from} and w.sent_at < ${to}
        and (w.draft_source = 'model' or w.template_id is not null)
      group by 1, 2, 3, 4, 5, 6
    )
    select t.lang, t.channel, 'template' as source, t.id as template_id, t.key, t.version, t.state, null as model,
           coalesce(f.n, 0) as n, coalesce(f.k, 0) as k, coalesce(f.n7, 0) as n7, coalesce(f.k7, 0) as k7
    from templates t
    left join figures f on f.source = 'template' and f.key = t.key and f.version = t.version and f.channel = t.channel
    where t.account_id = ${accountId}
    union all
    select f.lang, f.channel, 'model', null, null, null, null, f.model, f.n, f.k, f.n7, f.k7
    from figures f where f.source = 'model'
    order by 1, 2, 3 desc, 5, 6, 8`),
  );
  return rows.map((row) => ({
    lang: row.lang as Lang,
    channel: row.channel as Channel,
    arm:
      row.source === 'model'
        ? { kind: 'model', model: String(row.model) }
        : { kind: 'template', templateId: int(row.template_id), key: String(row.key), version: int(row.version), state: row.state as TemplateState },
    sends: int(row.n),
    replies: { n: int(row.n), k: int(row.k) },
    unfollows7: { n: int(row.n7), k: int(row.k7) },
  }));
}
