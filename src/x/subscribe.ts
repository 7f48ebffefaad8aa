// `accueil x-subscribe`: register the bot's webhook URL with X and subscribe the account to it,
// through the V2 Webhooks API and the Account Activity API v2 (docs.x.com, x-api/webhooks and
// x-api/account-activity). Webhook management takes an app-only bearer token; the subscription
// takes the account's own OAuth 1.0a credentials.
import type { TwitterApi } from 'twitter-api-v2';
import { z } from 'zod';
import { readAnswer } from './answers';
import { callX, XApiError } from './errors';

export interface SubscribeWebhookOptions {
  /** The public https URL where the bot answers X (…/x/webhook). */
  webhookUrl: string;
  /** An app-only client; by default one is obtained from the consumer key pair (POST /oauth2/token). */
  appClient?: TwitterApi;
}

export interface SubscribedWebhook {
  webhookId: string;
  /** False when a webhook with this URL was already registered, and reused. */
  registered: boolean;
  /** False when the account was already subscribed. */
  subscribed: boolean;
}

const webhookConfig = z.looseObject({ id: z.string(), url: z.string(), valid: z.boolean().optional() });
// 2.166 leaves `data` out when no webhook is registered.
const webhookList = z.looseObject({ data: z.array(webhookConfig).optional() });
// 2.166 answers a registration with the bare config, 2.167 wraps it in `data`.
const registered = z.union([z.looseObject({ data: webhookConfig }).transform((a) => a.data), webhookConfig]);
// 2.166 answers a re-check with { attempted }, 2.167 with { valid }.
const rechecked = z.looseObject({ data: z.looseObject({ valid: z.boolean().optional(), attempted: z.boolean().optional() }).optional() });
const subscription = z.looseObject({ data: z.looseObject({ subscribed: z.boolean() }) });

const listWebhooks = async (app: TwitterApi) =>
  readAnswer(webhookList, await callX('manage-webhooks', () => app.v2.get('webhooks')), 'manage-webhooks').data ?? [];

/**
 * Registers `webhookUrl` (X checks its CRC answer at once) and subscribes the account the client
 * acts for. Running it again changes nothing: a webhook with the same URL is reused — checked
 * again if X marked it invalid — and an existing subscription is kept.
 */
export async function subscribeWebhook(client: TwitterApi, opts: SubscribeWebhookOptions): Promise<SubscribedWebhook> {
  const app = opts.appClient ?? (await callX('manage-webhooks', () => client.appLogin()));
  const existing = await listWebhooks(app);
  const same = existing.find((w) => w.url === opts.webhookUrl);

  let webhookId: string;
  if (same) {
    webhookId = same.id;
    // X stops delivering to a webhook whose CRC checks failed; PUT runs the check again.
    if (same.valid === false) await revalidate(app, webhookId);
  } else {
    const answer = await callX('manage-webhooks', () => app.v2.post('webhooks', { url: opts.webhookUrl }));
    webhookId = readAnswer(registered, answer, 'manage-webhooks').id;
  }

  const path = 'account_activity/webhooks/:webhook_id/subscriptions/all';
  const params = { params: { webhook_id: webhookId } };
  const { data: current } = readAnswer(subscription, await callX('manage-webhooks', () => client.v2.get(path, undefined, params)), 'manage-webhooks');
  if (!current.subscribed) {
    await callX('manage-webhooks', () => client.v2.post(path, undefined, params));
  }
  return { webhookId, registered: !same, subscribed: !current.subscribed };
}

async function revalidate(app: TwitterApi, webhookId: string): Promise<void> {
  const answer = await callX('manage-webhooks', () => app.v2.put('webhooks/:webhook_id', undefined, { params: { webhook_id: webhookId } }));
  const { data } = readAnswer(rechecked, answer, 'manage-webhooks');
  // "attempted" only says X ran the check: its verdict shows in the webhook's `valid` flag.
  const valid = data?.valid ?? (await listWebhooks(app)).find((w) => w.id === webhookId)?.valid === true;
  if (!valid) {
    throw new XApiError({
      kind: 'invalid',
      operation: 'manage-webhooks',
      status: 200,
      detail: 'X could not check the webhook: the bot must answer its CRC at the webhook URL',
    });
  }
}
