// The Slack side of the desk's AnswerThreads: the team's answers, "no answer needed" and the
// reminder, in the thread of the follower's card.
import type { WebClient } from '@slack/web-api';
import { claimAnswerPost, getAnswerContext, setAnswerPost, type AnswerContext } from '../db/answers';
import type { Db } from '../db/client';
import { listWelcomes } from '../db/welcomes';
import type { AnswerVia, Lang } from '../domain';
import type { AnswerThreads } from '../desk/answer';
import { t } from '../i18n';
import type { Logger } from '../logger';
import { buildAnswerMessage } from './blocks/answer-message';
import { mrkdwn, slackDate } from './blocks/kit';

export interface AnswerThreadDeps {
  db: Db;
  slack: WebClient;
  logger: Logger;
  now(): Date;
  lang: Lang;
}

/** A post claimed this long ago by a process that never finished it may be posted again. */
const POST_CLAIM_MS = 60_000;

export function createAnswerThreads(deps: AnswerThreadDeps): AnswerThreads {
  return {
    showAnswer: (answerId) => showAnswer(deps, answerId),
    nudge: async (welcomeId, since) => {
      const [ctx] = await listWelcomes(deps.db, welcomeId);
      if (!ctx?.slackTs) return;
      await postInThread(deps, ctx.slackChannelId, ctx.slackTs, t(deps.lang).answer.nudge(slackDate(since.toISOString())));
    },
  };
}

async function postInThread(deps: AnswerThreadDeps, channel: string, threadTs: string, text: string): Promise<void> {
  await deps.slack.chat.postMessage({ channel, thread_ts: threadTs, text, blocks: [{ type: 'context', elements: [mrkdwn(text)] }], unfurl_links: false, unfurl_media: false });
}

/** X's id for a one-to-one DM conversation: the smaller user id, a dash, the larger. */
const dmConversation = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`);

function linkOf(ctx: AnswerContext): string | null {
  const { answer, account, follower } = ctx;
  if (answer.status !== 'sent' || !answer.xId) return null;
  if (answer.via === 'reply') return `https://x.com/${account.handle}/status/${answer.xId}`;
  return /^\d+$/.test(account.xUserId) && /^\d+$/.test(follower.xUserId) ? `https://x.com/messages/${dmConversation(account.xUserId, follower.xUserId)}` : null;
}

const draw = (deps: AnswerThreadDeps, ctx: AnswerContext) =>
  buildAnswerMessage({
    answerId: ctx.answer.id,
    lang: deps.lang,
    status: ctx.answer.status!,
    via: ctx.answer.via as AnswerVia,
    // DMs are private to the account: with show_dm_text off, the thread keeps the answer's text only
    // while a second teammate must read it to approve it (FOUR_EYES), then hides it like theirs.
    text: ctx.answer.via === 'dm' && !ctx.account.showDmText && ctx.answer.status !== 'pending' ? null : ctx.answer.text,
    writtenBy: ctx.answer.writtenBy ?? '?',
    approvedBy: ctx.answer.approvedBy,
    link: linkOf(ctx),
    error: ctx.answer.errorKind ? { kind: ctx.answer.errorKind, detail: ctx.answer.errorDetail } : null,
  });

/**
 * Posts the answer in its card's thread once (the post is claimed on the row, so two processes never
 * post it twice), or updates it in place; a state that changed while it was being drawn is redrawn.
 */
async function showAnswer(deps: AnswerThreadDeps, answerId: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const ctx = await getAnswerContext(deps.db, answerId);
    if (!ctx?.welcome.slackTs || !ctx.answer.status) return;
    const drawn = ctx.answer.updatedAt.getTime();
    const message = draw(deps, ctx);
    const channel = ctx.welcome.slackChannelId;
    if (ctx.answer.slackTs && !ctx.answer.slackTs.startsWith('claim:')) {
      await deps.slack.chat.update({ channel, ts: ctx.answer.slackTs, text: message.text, blocks: message.blocks });
    } else {
      // Someone else is posting it: they redraw it if it changed meanwhile.
      if (!(await claimAnswerPost(deps.db, answerId, deps.now(), POST_CLAIM_MS))) return;
      const posted = await deps.slack.chat.postMessage({ channel, thread_ts: ctx.welcome.slackTs, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      await setAnswerPost(deps.db, answerId, posted.ts!);
    }
    const now = await getAnswerContext(deps.db, answerId);
    if (!now || now.answer.updatedAt.getTime() === drawn) return;
  }
}
