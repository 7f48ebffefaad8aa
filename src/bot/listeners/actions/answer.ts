// The buttons of a conversation in the card's thread: Reply… opens the answer modal, No answer
// needed marks the message handled, Approve and send is the second pair of eyes under FOUR_EYES.
// All three sit behind the approver check, which acks before anything else.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { answerChoices, approveAnswer, markNoAnswerNeeded, preferredWay, type AnswerOutcome } from '../../../desk/answer';
import type { BotDesk } from '../../deps';
import { t } from '../../../i18n';
import { answerRefusal } from '../../answer-replies';
import { replyModalFor } from '../../reply-modal';
import { withDatabaseRetry } from './decide';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A conversation button's value: a message id (`123`, or `m:123`), or an answer id (`a:45`). */
const ConversationAction = z.object({
  actions: z.array(z.object({ value: z.string().regex(/^(?:[ma]:)?\d{1,10}$/) })).min(1),
  user: z.object({ id: z.string().min(1) }),
});

function idOf(body: unknown, kind: 'm' | 'a'): { id: number; userId: string } | null {
  const parsed = ConversationAction.safeParse(body);
  if (!parsed.success) return null;
  const value = parsed.data.actions[0]!.value;
  const [prefix, id] = value.includes(':') ? (value.split(':') as [string, string]) : ['m', value];
  return prefix === kind ? { id: Number(id), userId: parsed.data.user.id } : null;
}

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

/** Opens the Reply… modal: the trigger id lives 3 seconds, so two reads and no call to X. */
export const replyCallback =
  (desk: Pick<BotDesk, 'db' | 'logger' | 'lang'>) =>
  async ({ body, client, respond, context }: ActionArgs): Promise<void> => {
    const action = idOf(body, 'm');
    if (!action) return void desk.logger.warn({ actionId: body.actions?.[0]?.action_id }, 'Reply… without a message id: ignored');
    const choices = await answerChoices(desk, action.id);
    if (!choices) return void (await respond(ephemeral(t(desk.lang).answer.messageGone)));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: replyModalFor(choices, preferredWay(choices.ctx.message, choices.ways), { lang: desk.lang, fourEyes: context.fourEyes === true }),
    });
  };

const decided =
  (desk: Pick<BotDesk, 'logger' | 'lang'>, kind: 'm' | 'a', decide: (action: { id: number; userId: string; fourEyes: boolean }) => Promise<AnswerOutcome>) =>
  async ({ body, respond, context }: ActionArgs): Promise<void> => {
    const action = idOf(body, kind);
    if (!action) return void desk.logger.warn({ actionId: body.actions?.[0]?.action_id }, 'conversation button without its id: ignored');
    let outcome: AnswerOutcome;
    try {
      outcome = await withDatabaseRetry(() => decide({ ...action, fourEyes: context.fourEyes === true }));
    } catch (error) {
      desk.logger.error({ id: action.id, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not record a decision on a conversation');
      await respond(ephemeral(t(desk.lang).replies.notRecorded));
      return;
    }
    const refusal = answerRefusal(outcome, desk.lang);
    if (refusal) await respond(ephemeral(refusal));
  };

export const noAnswerCallback = (desk: Pick<BotDesk, 'db' | 'logger' | 'cards' | 'threads' | 'now' | 'lang'>) => decided(desk, 'm', ({ id, userId }) => markNoAnswerNeeded(desk, { messageId: id, userId }));

export const approveAnswerCallback = (desk: Pick<BotDesk, 'db' | 'boss' | 'logger' | 'answers' | 'now' | 'lang'>) => decided(desk, 'a', ({ id, userId, fourEyes }) => approveAnswer(desk, { answerId: id, userId, fourEyes }));
