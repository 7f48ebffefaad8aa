import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { accountSettings } from '../../../db/accounts';
import { engagementOf } from '../../../db/followers';
import { draftFor, getWelcomeContext } from '../../../db/welcomes';
import type { DecisionOutcome } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import type { Channel, FollowerProfile } from '../../../domain';
import { triageFollower } from '../../../rules/triage';
import { buildEditModal } from '../../blocks/edit-modal';
import { refusalText } from '../../replies';
import { welcomeActionOf } from '../welcome-id';

/**
 * Opens the edit modal prefilled with the draft of one channel: the one the button sits by
 * (`channel`), or the recommended one. The approver check in front of it has acked; the trigger id
 * lives 3 seconds: no X call here.
 */
export const editCallback =
  (desk: Pick<BotDesk, 'db' | 'now' | 'lang'>, only?: Channel) =>
  async ({ body, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    const action = welcomeActionOf(body);
    if (!action) return;
    const ctx = await getWelcomeContext(desk.db, action.welcomeId);
    if (!ctx || ctx.welcome.status !== 'pending') {
      const outcome: DecisionOutcome = ctx
        ? { ok: false, reason: 'already-decided', status: ctx.welcome.status, by: ctx.welcome.decidedBy, at: ctx.welcome.decidedAt }
        : { ok: false, reason: 'not-found' };
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusalText(outcome, desk.lang)! });
      return;
    }
    const triage = triageFollower(ctx.follower.profile as FollowerProfile, {
      account: accountSettings(ctx.account),
      ...engagementOf(ctx.follower),
      now: desk.now(),
      lang: ctx.welcome.lang,
    });
    const channel: Channel = only ?? (triage.dm.allowed && triage.recommendation.channel === 'dm' ? 'dm' : 'mention');
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildEditModal({ welcomeId: ctx.welcome.id, draft: draftFor(ctx.welcome, channel), channel, lang: desk.lang, seenEditedAt: ctx.welcome.editedAt?.getTime() ?? null }),
    });
  };
