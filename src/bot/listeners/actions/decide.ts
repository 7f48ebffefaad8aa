import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { DecisionOutcome } from '../../../desk/decide';
import type { Desk } from '../../../desk/desk';
import { refusalText } from '../../replies';
import { welcomeActionOf } from '../welcome-id';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * The shape every card button shares: ack within Slack's 3 seconds, then decide, then answer the
 * teammate privately when the click did nothing (already decided, not allowed, blocked by the audit).
 */
export function decisionCallback(
  desk: Desk,
  decide: (desk: Desk, action: { welcomeId: number; userId: string }) => Promise<DecisionOutcome>,
) {
  return async ({ ack, body, respond }: ActionArgs): Promise<void> => {
    await ack();
    const action = welcomeActionOf(body);
    if (!action) {
      desk.logger.warn({ actionId: body.actions?.[0]?.action_id }, 'card action without a welcome id: ignored');
      return;
    }
    const outcome = await decide(desk, action);
    const refusal = refusalText(outcome, desk.lang);
    if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
  };
}
