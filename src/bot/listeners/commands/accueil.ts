import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listAccounts } from '../../../db/accounts';
import type { Desk } from '../../../desk/desk';
import { buildDigest } from '../../digest';

const USAGE = {
  en: (command: string) => `Usage: \`${command} digest\` shows this week's digest, just to you.`,
  fr: (command: string) => `Utilisation : \`${command} digest\` affiche le bilan de la semaine, pour vous seul.`,
};
const NO_ACCOUNT = {
  en: 'No X account is set up yet.',
  fr: 'Aucun compte X n’est encore configuré.',
};

/**
 * `/accueil digest`: the weekly digest of the last seven days, privately, on demand. Acked at
 * once; the figures come after through the response URL (ephemeral). The chart is the weekly
 * post's: Slack has no private file upload to go with an ephemeral answer.
 */
export const accueilCallback =
  (desk: Desk, names: { command: string }) =>
  async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const [sub] = command.text.trim().toLowerCase().split(/\s+/);
    if (sub !== 'digest') {
      await respond({ response_type: 'ephemeral', text: USAGE[desk.lang](names.command) });
      return;
    }
    const accounts = await listAccounts(desk.db);
    // The account whose desk this channel is, else the first one.
    const account = accounts.find((a) => a.slackChannelId === command.channel_id) ?? accounts[0];
    if (!account) {
      await respond({ response_type: 'ephemeral', text: NO_ACCOUNT[desk.lang] });
      return;
    }
    const digest = await buildDigest(desk.db, account, { now: desk.now(), lang: desk.lang, chart: false });
    await respond({ response_type: 'ephemeral', text: digest.text, blocks: digest.blocks });
  };
