import type { types } from '@slack/bolt';
import type { AnswerChoices } from '../desk/answer';
import { ANSWER_VIAS, type AnswerClosed, type AnswerVia, type Lang } from '../domain';
import { REPLY_RULE_IDS } from '../rules/reply-profile';
import { buildReplyModal, type ReplyModalOptions } from './blocks/reply-modal';

/**
 * The Reply… modal for one of their messages: `first` is the way selected, then the other open
 * ways, and why each closed one is closed. Opened by the button, drawn again with the warnings.
 */
export function replyModalFor(
  { ctx, ways }: AnswerChoices,
  first: AnswerVia | null,
  opts: { lang: Lang; fourEyes: boolean; draft?: ReplyModalOptions['draft'] },
): types.ModalView {
  const open: AnswerVia[] = first ? [first, ...ANSWER_VIAS.filter((via) => via !== first && ways[via].open)] : [];
  const closed: Partial<Record<AnswerVia, AnswerClosed>> = {};
  for (const via of ANSWER_VIAS) {
    const way = ways[via];
    if (!way.open) closed[via] = way.why;
  }
  return buildReplyModal({
    messageId: ctx.message.id,
    welcomeId: ctx.welcome.id,
    lang: opts.lang,
    handle: ctx.follower.handle,
    via: ctx.message.via,
    text: ctx.message.text,
    writtenAt: ctx.message.writtenAt,
    open,
    closed,
    fourEyes: opts.fourEyes,
    ...(opts.draft ? { draft: opts.draft } : {}),
    rules: REPLY_RULE_IDS,
  });
}
