import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { logWelcomeEvent } from '../../../db/welcomes';
import { refusalForUnauthorized, type ApproverCheck } from '../../../desk/authorize';
import type { Desk } from '../../../desk/desk';
import { ACTIONS, EDIT_INPUT, VIEWS } from '../../ids';
import { welcomeActionOf } from '../welcome-id';

/** Card buttons that decide something; "Open in X" only opens a link. */
const DECIDING_ACTIONS = new Set<string>([ACTIONS.sendDm, ACTIONS.postMention, ACTIONS.edit, ACTIONS.editDm, ACTIONS.editMention, ACTIONS.skip, ACTIONS.retry, ACTIONS.markSent]);

export interface DeskPolicy {
  approvers: ApproverCheck;
  /** Whoever edited a draft cannot be its only approver. */
  fourEyes: boolean;
}

interface Interaction {
  type?: string;
  user?: { id?: string };
  actions?: Array<{ action_id?: string }>;
  view?: { callback_id?: string; private_metadata?: string };
  response_url?: string;
}

/**
 * Only approvers decide. Anyone else who clicks a card button (or submits the edit modal) gets a
 * private refusal, nothing happens, and the attempt is logged on the welcome. Every listener behind
 * this one finds the desk's four-eyes setting in `context.fourEyes`.
 */
export function authorizeDecisions(desk: Desk, policy: DeskPolicy): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next, ...rest }) => {
    context.fourEyes = policy.fourEyes;
    const interaction = body as Interaction;
    const deciding =
      (interaction.type === 'block_actions' && interaction.actions?.some((a) => DECIDING_ACTIONS.has(a.action_id ?? ''))) ||
      (interaction.type === 'view_submission' && interaction.view?.callback_id === VIEWS.editWelcome);
    const userId = interaction.user?.id;
    if (!deciding || !userId) return next();

    const auth = await policy.approvers.mayDecide(userId);
    if (auth.allowed) return next();

    const text = refusalForUnauthorized(auth, policy.approvers.policy, desk.lang);
    const welcomeId = welcomeActionOf(body)?.welcomeId ?? welcomeIdOfModal(interaction);
    desk.logger.warn({ userId, welcomeId, why: auth.why, type: interaction.type }, 'decision refused: not an approver');
    const ack = 'ack' in rest && typeof rest.ack === 'function' ? (rest.ack as (answer?: unknown) => Promise<void>) : null;
    if (interaction.type === 'view_submission') {
      await ack?.({ response_action: 'errors', errors: { [EDIT_INPUT.blockId]: text.slice(0, 1900) } });
    } else {
      await ack?.();
      const respond = 'respond' in rest && typeof rest.respond === 'function' ? (rest.respond as (message: unknown) => Promise<unknown>) : null;
      await respond?.({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    }
    if (welcomeId !== null) {
      await logWelcomeEvent(desk.db, welcomeId, 'approval-refused', userId, { why: auth.why, action: interaction.actions?.[0]?.action_id ?? interaction.view?.callback_id }).catch(
        (error: unknown) => desk.logger.warn({ welcomeId, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not log a refused decision'),
      );
    }
  };
}

/** The edit modal carries its welcome id in private_metadata; anything unreadable is not ours. */
function welcomeIdOfModal(interaction: Interaction): number | null {
  const raw = interaction.view?.private_metadata;
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    const id = (parsed as { welcomeId?: unknown } | null)?.welcomeId;
    return typeof id === 'number' && Number.isInteger(id) ? id : null;
  } catch {
    return /^\d{1,10}$/.test(raw) ? Number(raw) : null;
  }
}
