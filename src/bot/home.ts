// The App Home tab in Slack: gathered from the database, published to one teammate;
// and who may change an account's settings from it.
import { buildHomeView, QUEUE_SHOWN } from './blocks/home';
import { pendingQueue, weekFigures } from '../db/home';
import { waitingConversations } from '../db/conversation-reports';
import type { XAccountRow } from '../db/schema';
import { t } from '../i18n';
import { createApproverCheck, type ApproverCheck, type Authorization } from '../desk/authorize';
import { refusalForUnauthorized } from './replies';
import type { Desk, DeskData } from '../desk/desk';
import type { BotDesk } from './deps';
import { listAccounts } from '../db/accounts';
import { allTemplateVersions, templateExperimentFigures } from '../db/templates';
import { EXPERIMENT_WEEKS } from '../db/digest-queries';
import type { HomeTemplates } from './blocks/home-templates';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Builds the Home tab from the database and publishes it for `userId` (views.publish). */
export async function publishHome(desk: Pick<BotDesk, 'db' | 'slack' | 'now' | 'lang'>, userId: string): Promise<void> {
  const accounts = await listAccounts(desk.db);
  const since = new Date(desk.now().getTime() - WEEK_MS);
  const queue = await pendingQueue(
    desk.db,
    accounts.map((a) => a.id),
    QUEUE_SHOWN,
  );
  const waiting = await waitingConversations(
    desk.db,
    accounts.map((a) => a.id),
    QUEUE_SHOWN,
  );
  const entries = [];
  for (const account of accounts) {
    entries.push({ account, queue: queue.get(account.id)!, figures: await weekFigures(desk.db, account.id, since), templates: await homeTemplates(desk, account.id), waiting: waiting.get(account.id)! });
  }
  await desk.slack.views.publish({ user_id: userId, view: buildHomeView(entries, desk.lang) });
}

/** The account's templates and the figures of each arm over the digest's experiment window. */
async function homeTemplates(desk: DeskData, accountId: number): Promise<HomeTemplates> {
  const since = new Date(desk.now().getTime() - EXPERIMENT_WEEKS * WEEK_MS);
  const templates = await allTemplateVersions(desk.db, accountId);
  const figures = (await templateExperimentFigures(desk.db, accountId, { from: since, to: desk.now() })).map((f) => ({
    lang: f.lang,
    channel: f.channel,
    key: f.arm.kind === 'template' ? f.arm.key : null,
    version: f.arm.kind === 'template' ? f.arm.version : null,
    model: f.arm.kind === 'model' ? f.arm.model : null,
    sends: f.sends,
    replies: f.replies,
    unfollows7: f.unfollows7,
  }));
  return { templates, figures };
}

// An account's settings decide what reaches its followers: only members of that account's desk
// channel may change them (read from Slack, kept a minute, as for decisions on cards).
const editorChecks = new WeakMap<Pick<Desk, 'slack'>, Map<string, ApproverCheck>>();

export async function mayEditSettings(desk: Pick<Desk, 'slack'>, account: XAccountRow, userId: string): Promise<Authorization> {
  let checks = editorChecks.get(desk);
  if (!checks) {
    checks = new Map();
    editorChecks.set(desk, checks);
  }
  let check = checks.get(account.slackChannelId);
  if (!check) {
    check = createApproverCheck(desk.slack, { kind: 'channel' }, { channelId: account.slackChannelId });
    checks.set(account.slackChannelId, check);
  }
  return check.mayDecide(userId);
}

export function settingsRefusal(auth: Exclude<Authorization, { allowed: true }>, desk: Pick<BotDesk, 'lang'>, account: XAccountRow): string {
  if (auth.why === 'cannot-check') return refusalForUnauthorized(auth, { kind: 'channel' }, desk.lang);
  return t(desk.lang).replies.settingsMembersOnly(account.slackChannelId, account.handle);
}
