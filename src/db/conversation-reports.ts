// What the weekly digest and the App Home tab say about conversations: messages received, answered,
// how long answers took, and which conversations wait for one. An incoming message counts as
// answered when an answer to it was sent (at the time it was sent) or when a teammate marked it
// answered (at that time); "no answer needed" closes it without counting as answered.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { rowsOf } from './tracking';

export interface ConversationWeek {
  /** Followers' messages written in the period. */
  received: number;
  /** Followers' messages answered in the period, whenever they arrived. */
  answered: number;
  /** Median seconds from their message to the answer, over the messages answered in the period. */
  medianAnswerSeconds: number | null;
  /** Messages that, at the end of the period, still wait for an answer. */
  waiting: number;
}

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** When each incoming message was answered (null: not answered), for the account's messages. */
const incoming = (accountIds: SQL) => sql`
  select i.id, i.account_id, i.welcome_id, i.slack_ts, i.handled, i.handled_at, coalesce(i.written_at, i.recorded_at) as at,
    coalesce(
      (select min(o.written_at) from conversation_messages o where o.answers_message_id = i.id and o.direction = 'out' and o.status = 'sent'),
      case when i.handled = 'answered' then i.handled_at end
    ) as answered_at
  from conversation_messages i
  where i.direction = 'in' and i.account_id in (${accountIds})`;

export async function conversationWeek(db: Db, accountId: number, period: { from: Date; to: Date }): Promise<ConversationWeek> {
  const { from, to } = period;
  const [row] = rowsOf<{ received: unknown; answered: unknown; median: unknown; waiting: unknown }>(
    await db.execute(sql`
      with incoming as (${incoming(sql`${accountId}`)})
      select
        count(*) filter (where at >= ${ts(from)} and at < ${ts(to)}) as received,
        count(*) filter (where answered_at >= ${ts(from)} and answered_at < ${ts(to)}) as answered,
        percentile_cont(0.5) within group (order by extract(epoch from answered_at - at))
          filter (where answered_at >= ${ts(from)} and answered_at < ${ts(to)}) as median,
        count(*) filter (
          where at < ${ts(to)} and (answered_at is null or answered_at >= ${ts(to)})
            and (handled is distinct from 'no-answer-needed' or handled_at >= ${ts(to)})
        ) as waiting
      from incoming`),
  );
  return {
    received: Number(row?.received ?? 0),
    answered: Number(row?.answered ?? 0),
    medianAnswerSeconds: row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median)),
    waiting: Number(row?.waiting ?? 0),
  };
}

export interface WaitingConversation {
  welcomeId: number;
  accountId: number;
  handle: string;
  name: string | null;
  /** When their oldest unanswered message was written. */
  since: Date;
  /** Their messages waiting in this conversation. */
  messages: number;
  slackChannelId: string;
  /** The card, whose thread holds the conversation; null while it is not posted. */
  cardTs: string | null;
  /** Their oldest unanswered message in that thread, once posted. */
  messageTs: string | null;
}

/** The conversations of these accounts waiting for an answer, oldest first, at most `perAccount` each, and how many wait in all. */
export async function waitingConversations(
  db: Db,
  accountIds: number[],
  perAccount: number,
): Promise<Map<number, { conversations: WaitingConversation[]; total: number }>> {
  const waiting = new Map<number, { conversations: WaitingConversation[]; total: number }>(accountIds.map((id) => [id, { conversations: [], total: 0 }]));
  if (accountIds.length === 0) return waiting;
  const ids = sql.join(
    accountIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = rowsOf<{
    welcome_id: unknown;
    account_id: unknown;
    since: unknown;
    messages: unknown;
    message_ts: string | null;
    total: unknown;
    handle: string;
    name: string | null;
    slack_channel_id: string;
    card_ts: string | null;
  }>(
    await db.execute(sql`
      with incoming as (${incoming(ids)}),
      per_card as (
        select account_id, welcome_id, min(at) as since, count(*) as messages,
          (array_agg(slack_ts order by at, id))[1] as message_ts
        from incoming
        where handled is null and answered_at is null and welcome_id is not null
        group by account_id, welcome_id
      ),
      ranked as (
        select p.*, row_number() over (partition by account_id order by since, welcome_id) as rank, count(*) over (partition by account_id) as total
        from per_card p
      )
      select r.welcome_id, r.account_id, r.since, r.messages, r.message_ts, r.total, f.handle, f.profile->>'name' as name,
        w.slack_channel_id, w.slack_ts as card_ts
      from ranked r
      join welcomes w on w.id = r.welcome_id
      join followers f on f.id = w.follower_id
      where r.rank <= ${perAccount}
      order by r.account_id, r.rank`),
  );
  for (const row of rows) {
    const entry = waiting.get(Number(row.account_id))!;
    entry.total = Number(row.total);
    entry.conversations.push({
      welcomeId: Number(row.welcome_id),
      accountId: Number(row.account_id),
      handle: row.handle,
      name: row.name,
      since: new Date(row.since as string | Date),
      messages: Number(row.messages),
      slackChannelId: row.slack_channel_id,
      cardTs: row.card_ts,
      messageTs: row.message_ts,
    });
  }
  return waiting;
}
