import type { AllMiddlewareArgs, BlockAction, Middleware, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { logWelcomeEvent } from '../../../db/welcomes';
import type { ApproverCheck, Authorization } from '../../../desk/authorize';
import { refusalForUnauthorized } from '../../replies';
import type { Desk } from '../../../desk/desk';
import type { BotDesk } from '../../deps';
import { EDIT_INPUT } from '../../ids';
import { welcomeActionOf } from '../welcome-id';

export interface DeskPolicy {
  approvers: ApproverCheck;
  /** Whoever edited a draft cannot be its only approver. */
  fourEyes: boolean;
}

type Refusal = Exclude<Authorization, { allowed: true }>;

/**
 * Listener middleware on the card buttons that decide (DECIDING_ACTIONS in ids.ts): acks at once,
 * then lets only approvers through. Anyone else gets a private refusal, nothing happens, and the
 * attempt is logged on the welcome. The listener behind it finds the four-eyes setting in
 * `context.fourEyes`, and must not ack again.
 */
export function requireApprover(
  desk: Pick<BotDesk, 'db' | 'logger' | 'lang'>,
  policy: DeskPolicy,
  /** The welcome a refused click is logged on: a card button's value; none for buttons whose value is another id. */
  welcomeOf: (body: BlockAction) => number | null = (body) => welcomeActionOf(body)?.welcomeId ?? null,
): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async ({ ack, body, context, respond, next }) => {
    await ack();
    context.fourEyes = policy.fourEyes;
    const auth = await policy.approvers.mayDecide(body.user.id);
    if (auth.allowed) return next();
    // Logged before the teammate is told, so whoever sees the refusal finds it on the welcome.
    await logRefusal(desk, { userId: body.user.id, welcomeId: welcomeOf(body), auth, action: body.actions[0]?.action_id, type: body.type });
    const text = refusalForUnauthorized(auth, policy.approvers.policy, desk.lang);
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
  };
}

/**
 * The same check on a modal that decides (DECIDING_VIEWS): part of the submission's validation, so
 * a refusal is the modal's error under the text field; the listener behind it acks.
 */
export function requireApproverToSubmit(desk: Pick<BotDesk, 'db' | 'logger' | 'lang'>, policy: DeskPolicy, fieldBlockId: string = EDIT_INPUT.blockId): Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>> {
  return async ({ ack, body, view, context, next }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    context.fourEyes = policy.fourEyes;
    const auth = await policy.approvers.mayDecide(body.user.id);
    if (auth.allowed) return next();
    const text = refusalForUnauthorized(auth, policy.approvers.policy, desk.lang);
    await ack({ response_action: 'errors', errors: { [fieldBlockId]: text.slice(0, 1900) } });
    await logRefusal(desk, { userId: body.user.id, welcomeId: welcomeIdOfModal(view.private_metadata), auth, action: view.callback_id, type: body.type });
  };
}

async function logRefusal(desk: Pick<Desk, 'db' | 'logger'>, refusal: { userId: string; welcomeId: number | null; auth: Refusal; action: string | undefined; type: string }): Promise<void> {
  const { userId, welcomeId, auth } = refusal;
  desk.logger.warn({ userId, welcomeId, why: auth.why, type: refusal.type }, 'decision refused: not an approver');
  if (welcomeId === null) return;
  await logWelcomeEvent(desk.db, welcomeId, 'approval-refused', userId, { why: auth.why, action: refusal.action }).catch((error: unknown) =>
    desk.logger.warn({ welcomeId, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not log a refused decision'),
  );
}

/** The edit modal carries its welcome id in private_metadata; anything unreadable is not ours. */
function welcomeIdOfModal(raw: string | undefined): number | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    const id = (parsed as { welcomeId?: unknown } | null)?.welcomeId;
    return typeof id === 'number' && Number.isInteger(id) ? id : null;
  } catch {
    return /^\d{1,10}$/.test(raw) ? Number(raw) : null;
  }
}
