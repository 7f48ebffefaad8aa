import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listAccounts } from '../../../db/accounts';
import type { BotDesk } from '../../deps';
import { homeTabLink } from '../../app-home-link';
import { buildDigest } from '../../digest';
import { t } from '../../../i18n';

/**
 * `/accueil digest`: the weekly digest of the last seven days, privately, on demand. Acked at
 * once; the figures come after through the response URL (ephemeral). The chart is the weekly
 * post's: Slack has no private file upload to go with an ephemeral answer.
 */
export const accueilCallback =
  (desk: Pick<BotDesk, 'db' | 'now' | 'lang'>, names: { command: string }) =>
  async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const [sub] = command.text.trim().toLowerCase().split(/\s+/);
    if (sub !== 'digest') {
      await respond({ response_type: 'ephemeral', text: t(desk.lang).replies.digestUsage(names.command) });
      return;
    }
    const accounts = await listAccounts(desk.db);
    // The account whose desk this channel is, else the first one.
    const account = accounts.find((a) => a.slackChannelId === command.channel_id) ?? accounts[0];
    if (!account) {
      await respond({ response_type: 'ephemeral', text: t(desk.lang).replies.noAccount });
      return;
    }
    // The command names the workspace and the app: the link to the Home tab needs no look-up.
    const homeLink = command.team_id && command.api_app_id ? homeTabLink(command.team_id, command.api_app_id) : null;
    const digest = await buildDigest(desk.db, account, { now: desk.now(), lang: desk.lang, chart: false, homeLink });
    await respond({ response_type: 'ephemeral', text: digest.text, blocks: digest.blocks });
  };
