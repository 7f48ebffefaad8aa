// The experiment per template version (issue 13): for each arm — a template's key and version, or
// the drafts a language model wrote (its own arm) — the welcomes sent, how many of those followers
// replied, and how many of those checked at 7 days had unfollowed. Over the same window as the
// digest's rates; App Home shows it with Wilson intervals and a verdict.
import { sql } from 'drizzle-orm';
import type { Channel, Lang } from '../domain';
import type { Db } from './client';
import { rowsOf } from './tracking';

export interface ArmRow {
  lang: Lang;
  channel: Channel;
  /** Null for the model's arm. */
  key: string | null;
  version: number | null;
  /** The model's name for its arm; null for a template's. */
  model: string | null;
  sends: number;
  replies: { n: number; k: number };
  unfollows7: { n: number; k: number };
}

/**
 * Sent welcomes since `since`, per arm. A template arm takes its language and channel from the
 * template (the draft it started from), a model arm from the welcome. Each follower counts once
 * however many times they replied (exists, not a join that would multiply rows).
 */
export async function experimentArms(db: Db, accountId: number, since: Date): Promise<ArmRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select coalesce(t.lang, w.lang) as lang,
             coalesce(t.channel, w.channel) as channel,
             case when w.draft_source = 'model' then null else w.template_id end as key,
             case when w.draft_source = 'model' then null else coalesce(w.template_version, 1) end as version,
             case when w.draft_source = 'model' then coalesce(w.draft_model, 'model') else null end as model,
             count(*) as sends,
             count(*) filter (where exists (select 1 from engagements r where r.follower_id = w.follower_id and r.kind = 'reply')) as replied,
             count(c.follower_id) as checked7,
             count(c.follower_id) filter (where c.unfollowed) as unfollowed7
      from welcomes w
      left join templates t on t.account_id = w.account_id and t.key = w.template_id and t.version = coalesce(w.template_version, 1)
      left join lateral (
        select fc.follower_id, bool_or(fc.following = false) as unfollowed
        from follower_checks fc
        where fc.follower_id = w.follower_id and fc.offset_days = 7 and fc.cohort = 'welcomed' and fc.checked_at is not null
        group by fc.follower_id
      ) c on true
      where w.account_id = ${accountId} and w.status = 'sent' and w.sent_at >= ${since.toISOString()}::timestamptz
        and (w.draft_source = 'model' or w.template_id is not null)
      group by 1, 2, 3, 4, 5
      order by 1, 2, 3, 4, 5`),
  );
  const int = (value: unknown) => Number(value ?? 0);
  return rows.map((row) => ({
    lang: row.lang as Lang,
    channel: row.channel as Channel,
    key: (row.key as string | null) ?? null,
    version: row.version === null || row.version === undefined ? null : int(row.version),
    model: (row.model as string | null) ?? null,
    sends: int(row.sends),
    replies: { n: int(row.sends), k: int(row.replied) },
    unfollows7: { n: int(row.checked7), k: int(row.unfollowed7) },
  }));
}
