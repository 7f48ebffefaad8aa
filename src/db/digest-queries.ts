import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { conversationWeek, type ConversationWeek } from './conversation-reports';
import { rowsOf } from './tracking';
import { xSpend, type XSpendLine } from './x-usage';

// Every figure of the weekly digest, computed in SQL from the log of what happened (welcome events,
// engagements, follow checks, audit runs, X usage). Periods are half-open: [from, to).

export interface Rate {
  n: number;
  k: number;
}

export interface TemplateFigures {
  templateId: string;
  replies: Rate;
  unfollows7: Rate;
}

export interface TeammateFigures {
  userId: string;
  approved: number;
  skipped: number;
  edited: number;
  sentManually: number;
}

export interface TrendWeek {
  /** Start of the 7-day bucket. */
  from: string;
  followers: number;
  welcomes: number;
  replies: number;
  unfollows: number;
}

export interface DigestFigures {
  from: string;
  to: string;
  /** Start of the window the experiment figures (rates) are computed over. */
  experimentFrom: string;
  newFollowers: number;
  cards: number;
  welcomed: { dm: number; mention: number; manual: number };
  skipped: number;
  expired: number;
  /** Median seconds from the follow being noticed to a teammate's decision (approve or skip). */
  medianDecisionSeconds: number | null;
  replies: { welcomed: Rate; notWelcomed: Rate };
  unfollows7: { welcomed: Rate; notWelcomed: Rate };
  templates: TemplateFigures[];
  teammates: TeammateFigures[];
  audit: { ruleId: string; runs: number }[];
  spend: XSpendLine[];
  trend: TrendWeek[];
  /** Followers' messages of the week: received, answered, median time to answer, still waiting. */
  conversations: ConversationWeek;
}

export const WEEK_MS = 7 * 86_400_000;
/** The rates pool the last eight weeks: one week rarely holds enough welcomes to say anything. */
export const EXPERIMENT_WEEKS = 8;
export const TREND_WEEKS = 8;

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

async function one<T>(db: Db, query: SQL): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0]!;
}
async function all<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}
const int = (value: unknown): number => Number(value ?? 0);

export async function digestFigures(db: Db, account: { id: number; xUserId: string }, period: { from: Date; to: Date }): Promise<DigestFigures> {
  const { from, to } = period;
  const acc = account.id;
  const expFrom = new Date(to.getTime() - EXPERIMENT_WEEKS * WEEK_MS);

  const followers = await one<{ n: unknown }>(db, sql`
    select count(*) as n from followers
    where account_id = ${acc} and source <> 'baseline' and first_seen_at >= ${ts(from)} and first_seen_at < ${ts(to)}`);
  const cards = await one<{ n: unknown }>(db, sql`
    select count(*) as n from welcomes where account_id = ${acc} and created_at >= ${ts(from)} and created_at < ${ts(to)}`);

  // Outcomes come from the event log, so a card reopened later still counts where it happened.
  const outcomes = await one<Record<string, unknown>>(db, sql`
    select count(*) filter (where e.type = 'sent' and w.channel = 'dm') as dm,
           count(*) filter (where e.type = 'sent' and w.channel = 'mention') as mention,
           count(*) filter (where e.type = 'sent-manually') as manual,
           count(*) filter (where e.type = 'skipped') as skipped,
           count(*) filter (where e.type = 'expired') as expired
    from welcome_events e join welcomes w on w.id = e.welcome_id
    where w.account_id = ${acc} and e.at >= ${ts(from)} and e.at < ${ts(to)}`);

  const decision = await one<{ median: unknown }>(db, sql`
    select percentile_cont(0.5) within group (order by extract(epoch from w.decided_at - f.first_seen_at)) as median
    from welcomes w join followers f on f.id = w.follower_id
    where w.account_id = ${acc} and w.decided_by is not null and w.decided_by <> 'system'
      and w.decided_at >= ${ts(from)} and w.decided_at < ${ts(to)}`);

  const welcomedReplies = await one<{ n: unknown; k: unknown }>(db, sql`
    select count(*) as n, count(r.id) as k
    from welcomes w left join engagements r on r.follower_id = w.follower_id and r.kind = 'reply'
    where w.account_id = ${acc} and w.status = 'sent' and w.sent_at >= ${ts(expFrom)} and w.sent_at < ${ts(to)}`);
  // Not welcomed: the control sample. Having never had a welcome, anything they wrote is unprompted.
  const controlReplies = await one<{ n: unknown; k: unknown }>(db, sql`
    select count(*) as n, count(*) filter (where exists (select 1 from engagements e where e.follower_id = c.follower_id)) as k
    from follower_checks c
    where c.account_id = ${acc} and c.cohort = 'control' and c.offset_days = 1 and c.anchor_at >= ${ts(expFrom)} and c.anchor_at < ${ts(to)}`);
  const unfollows = await all<{ cohort: string; n: unknown; k: unknown }>(db, sql`
    select cohort, count(*) as n, count(*) filter (where following = false) as k
    from follower_checks
    where account_id = ${acc} and offset_days = 7 and checked_at is not null and anchor_at >= ${ts(expFrom)} and anchor_at < ${ts(to)}
    group by cohort`);
  const unfollowRate = (cohort: string): Rate => {
    const row = unfollows.find((r) => r.cohort === cohort);
    return { n: int(row?.n), k: int(row?.k) };
  };

  // Per key here; per version, with the model's drafts as their own arm, in templateExperimentFigures (db/templates.ts).
  const templates = await all<{ template_id: string; n: unknown; k: unknown; n7: unknown; k7: unknown }>(db, sql`
    select case when w.draft_source = 'model' then 'model:' || coalesce(w.draft_model, '?') else coalesce(w.template_id, '(written by hand)') end as template_id,
           count(*) as n, count(r.id) as k,
           count(c.id) as n7, count(c.id) filter (where c.following = false) as k7
    from welcomes w
    left join engagements r on r.follower_id = w.follower_id and r.kind = 'reply'
    left join follower_checks c on c.follower_id = w.follower_id and c.offset_days = 7 and c.cohort = 'welcomed' and c.checked_at is not null
    where w.account_id = ${acc} and w.status = 'sent' and w.sent_at >= ${ts(expFrom)} and w.sent_at < ${ts(to)}
    group by 1 order by 1`);

  const teammates = await all<Record<string, unknown>>(db, sql`
    select e.actor as user_id,
           count(*) filter (where e.type = 'approved') as approved,
           count(*) filter (where e.type = 'skipped') as skipped,
           count(*) filter (where e.type = 'edited') as edited,
           count(*) filter (where e.type = 'sent-manually') as sent_manually
    from welcome_events e join welcomes w on w.id = e.welcome_id
    where w.account_id = ${acc} and e.actor <> 'system' and e.at >= ${ts(from)} and e.at < ${ts(to)}
      and e.type in ('approved', 'skipped', 'edited', 'sent-manually')
    group by e.actor order by count(*) desc, e.actor`);

  // What the audit caught: each rule counted once per run that flagged it, drafts and edits alike.
  const audit = await all<{ rule_id: string; runs: unknown }>(db, sql`
    select r.rule_id, count(*) as runs
    from audit_runs a cross join lateral jsonb_array_elements_text(a.rule_ids) as r(rule_id)
    where (a.account_id = ${acc} or a.account_id is null) and a.at >= ${ts(from)} and a.at < ${ts(to)}
    group by r.rule_id order by count(*) desc, r.rule_id`);

  const trendFrom = new Date(to.getTime() - TREND_WEEKS * WEEK_MS);
  const trend = await all<Record<string, unknown>>(db, sql`
    with weeks as (
      select g as i, ${ts(trendFrom)} + g * interval '7 days' as wfrom, ${ts(trendFrom)} + (g + 1) * interval '7 days' as wto
      from generate_series(0, ${TREND_WEEKS - 1}) as g
    )
    select wk.i, wk.wfrom,
      (select count(*) from followers f where f.account_id = ${acc} and f.source <> 'baseline' and f.first_seen_at >= wk.wfrom and f.first_seen_at < wk.wto) as followers,
      (select count(*) from welcome_events e join welcomes w on w.id = e.welcome_id
         where w.account_id = ${acc} and e.type in ('sent', 'sent-manually') and e.at >= wk.wfrom and e.at < wk.wto) as welcomes,
      (select count(*) from engagements r where r.account_id = ${acc} and r.kind = 'reply' and r.at >= wk.wfrom and r.at < wk.wto) as replies,
      (select count(*) from follow_changes c where c.account_id = ${acc} and c.change = 'unfollowed' and c.seen_at >= wk.wfrom and c.seen_at < wk.wto) as unfollows
    from weeks wk order by wk.i`);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    experimentFrom: expFrom.toISOString(),
    newFollowers: int(followers.n),
    cards: int(cards.n),
    welcomed: { dm: int(outcomes.dm), mention: int(outcomes.mention), manual: int(outcomes.manual) },
    skipped: int(outcomes.skipped),
    expired: int(outcomes.expired),
    medianDecisionSeconds: decision.median === null || decision.median === undefined ? null : Math.round(Number(decision.median)),
    replies: { welcomed: { n: int(welcomedReplies.n), k: int(welcomedReplies.k) }, notWelcomed: { n: int(controlReplies.n), k: int(controlReplies.k) } },
    unfollows7: { welcomed: unfollowRate('welcomed'), notWelcomed: unfollowRate('control') },
    templates: templates.map((t) => ({ templateId: t.template_id, replies: { n: int(t.n), k: int(t.k) }, unfollows7: { n: int(t.n7), k: int(t.k7) } })),
    teammates: teammates.map((t) => ({
      userId: String(t.user_id),
      approved: int(t.approved),
      skipped: int(t.skipped),
      edited: int(t.edited),
      sentManually: int(t.sent_manually),
    })),
    audit: audit.map((a) => ({ ruleId: a.rule_id, runs: int(a.runs) })),
    spend: await xSpend(db, account.xUserId, from, to),
    trend: trend.map((w) => ({
      from: new Date(w.wfrom as string | Date).toISOString(),
      followers: int(w.followers),
      welcomes: int(w.welcomes),
      replies: int(w.replies),
      unfollows: int(w.unfollows),
    })),
    conversations: await conversationWeek(db, acc, period),
  };
}
