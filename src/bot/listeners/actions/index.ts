import type { App, BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BotDesk } from '../../deps';
import { ACTIONS, CONVERSATION_ACTIONS, DECIDING_ACTIONS, type DecidingActionId } from '../../ids';
import { HOME_IDS } from '../../blocks/home';
import { requireApprover, type DeskPolicy } from '../middleware/authorize';
import { approveAnswerCallback, noAnswerCallback, replyCallback } from './answer';
import { editCallback } from './edit';
import { homeEditAccountCallback } from './home-edit-account';
import { markSentCallback } from './mark-sent';
import { openInXCallback } from './open-in-x';
import { postMentionCallback } from './post-mention';
import { retryCallback } from './retry';
import { sendDmCallback } from './send-dm';
import { skipCallback } from './skip';
import { useTemplateDraftCallback } from './use-template-draft';

type ActionListener = Middleware<SlackActionMiddlewareArgs<BlockAction>>;

export function register(app: App, desk: Pick<BotDesk, 'db' | 'boss' | 'slack' | 'xClient' | 'logger' | 'cards' | 'threads' | 'answers' | 'now' | 'random' | 'lang'>, policy: DeskPolicy): void {
  // Every deciding action has its listener (a compile error otherwise), each behind the approver
  // check, which acks for it.
  const decisions: Record<DecidingActionId, ActionListener> = {
    [ACTIONS.sendDm]: sendDmCallback(desk),
    [ACTIONS.postMention]: postMentionCallback(desk),
    [ACTIONS.edit]: editCallback(desk),
    [ACTIONS.editDm]: editCallback(desk, 'dm'),
    [ACTIONS.editMention]: editCallback(desk, 'mention'),
    [ACTIONS.skip]: skipCallback(desk),
    [ACTIONS.retry]: retryCallback(desk),
    [ACTIONS.markSent]: markSentCallback(desk),
    [ACTIONS.useTemplateDraft]: useTemplateDraftCallback(desk),
  };
  const approverOnly = requireApprover(desk, policy);
  for (const id of DECIDING_ACTIONS) app.action<BlockAction>(id, approverOnly, decisions[id]);
  app.action(ACTIONS.openInX, openInXCallback);
  // A conversation in the card's thread: answering, or deciding it needs no answer, is a decision too.
  // Those buttons carry a message or answer id, not a welcome id: a refusal is not logged on a welcome.
  const threadApproverOnly = requireApprover(desk, policy, () => null);
  app.action<BlockAction>(CONVERSATION_ACTIONS.reply, threadApproverOnly, replyCallback(desk));
  app.action<BlockAction>(CONVERSATION_ACTIONS.noAnswer, threadApproverOnly, noAnswerCallback(desk));
  app.action<BlockAction>(CONVERSATION_ACTIONS.approveAnswer, threadApproverOnly, approveAnswerCallback(desk));
  app.action(CONVERSATION_ACTIONS.viewAnswerOnX, openInXCallback);
  app.action(HOME_IDS.editAccount, homeEditAccountCallback(desk));
}
