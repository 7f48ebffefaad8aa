import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { getAccount } from '../../../db/accounts';
import type { BotDesk } from '../../deps';
import { mayEditSettings, settingsRefusal } from '../../home';
import { buildAccountSettingsModal, buildSettingsRefusalModal } from '../../blocks/home';

/**
 * "Edit settings" on the Home tab: the settings modal for a member of the account's desk channel,
 * a modal saying why not for anyone else. The trigger id lives 3 seconds: only the database and
 * one (cached) Slack look-up before views.open.
 */
export const homeEditAccountCallback =
  (desk: Pick<BotDesk, 'db' | 'slack' | 'logger' | 'lang'>) =>
  async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = body.actions[0];
    const accountId = Number(action && 'value' in action ? action.value : NaN);
    const account = Number.isInteger(accountId) ? await getAccount(desk.db, accountId) : undefined;
    if (!account || account.removedAt !== null) return;
    const auth = await mayEditSettings(desk, account, body.user.id);
    const view = auth.allowed ? buildAccountSettingsModal(account, desk.lang, body.user.id) : buildSettingsRefusalModal(settingsRefusal(auth, desk, account), desk.lang);
    if (!auth.allowed) desk.logger.warn({ userId: body.user.id, account: account.handle, why: auth.why }, 'settings edit refused');
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
