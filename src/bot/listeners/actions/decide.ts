import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { DecisionOutcome } from '../../../desk/decide';
import type { BotDesk } from '../../deps';
import { t } from '../../../i18n';
import { refusalText } from '../../replies';
import { welcomeActionOf } from '../welcome-id';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * The shape every card button shares: decide, then answer the teammate privately when the click
 * did nothing (already decided, not allowed, blocked by the audit). The approver check in front of
 * it (middleware/authorize.ts) has acked already.
 */
export function decisionCallback<D extends Pick<BotDesk, 'logger' | 'lang'>>(
  desk: D,
  decide: (desk: D, action: { welcomeId: number; userId: string; fourEyes: boolean }) => Promise<DecisionOutcome>,
) {
  return async ({ body, respond, context }: ActionArgs): Promise<void> => {
    const action = welcomeActionOf(body);
    if (!action) {
      desk.logger.warn({ actionId: body.actions?.[0]?.action_id }, 'card action without a welcome id: ignored');
      return;
    }
    let outcome: DecisionOutcome;
    try {
      // fourEyes is set by the authorization middleware (src/bot/listeners/middleware/authorize.ts).
      outcome = await withDatabaseRetry(() => decide(desk, { ...action, fourEyes: context.fourEyes === true }));
    } catch (error) {
      desk.logger.error({ welcomeId: action.welcomeId, err: { message: error instanceof Error ? error.message : String(error) } }, 'could not record a decision');
      await respond({ response_type: 'ephemeral', replace_original: false, text: t(desk.lang).replies.notRecorded });
      return;
    }
    const refusal = refusalText(outcome, desk.lang);
    if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
  };
}

/** How long a click waits for the database to come back (a restart takes seconds). */
const DATABASE_RETRY_MS = 20_000;

/**
 * Runs a decision again while the database is unreachable, so a click during a restart is recorded
 * rather than lost. Safe to repeat: every decision is a guarded state change, done at most once.
 */
export async function withDatabaseRetry<T>(run: () => Promise<T>, budgetMs = DATABASE_RETRY_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await run();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|CONNECTION_\w+|CONNECT_TIMEOUT|57P0[1-3]|08\w{3})$/;

/** Postgres went away (restart, network), as opposed to a query that is wrong. */
export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.test(code)) return true;
    if (e instanceof Error && /terminating connection|connection (closed|ended|destroyed)|ECONNREFUSED/i.test(e.message)) return true;
  }
  return false;
}
