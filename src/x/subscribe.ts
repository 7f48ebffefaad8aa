// `accueil x-subscribe`: register the bot's webhook URL with X and subscribe the account to it,
// through the V2 Webhooks API and the Account Activity API v2 (docs.x.com, x-api/webhooks and
// x-api/account-activity). Webhook management takes an app-only bearer token; the subscription
// takes the account's own OAuth 1.0a credentials.
import type { TwitterApi } from 'twitter-api-v2';
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

interface WebhookConfig {
  id: string;
  url: string;
  valid?: boolean;
}

/**
 * Registers `webhookUrl` (X checks its CRC answer at once) and subscribes the account the client
 * acts for. Running it again changes nothing: a webhook with the same URL is reused — checked
 * again if X marked it invalid — and an existing subscription is kept.
 */
export async function subscribeWebhook(client: TwitterApi, opts: SubscribeWebhookOptions): Promise<SubscribedWebhook> {
  const app = opts.appClient ?? (await callX('manage-webhooks', () => client.appLogin()));
  const { data: existing = [] } = await callX('manage-webhooks', () => app.v2.get<{ data?: WebhookConfig[] }>('webhooks'));
  const same = existing.find((w) => w.url === opts.webhookUrl);

  let webhookId: string;
  if (same) {
    webhookId = same.id;
    // X stops delivering to a webhook whose CRC checks failed; PUT runs the check again.
    if (same.valid === false) await revalidate(app, webhookId);
  } else {
    const { data } = await callX('manage-webhooks', () => app.v2.post<{ data: WebhookConfig }>('webhooks', { url: opts.webhookUrl }));
    webhookId = data.id;
  }

  const path = 'account_activity/webhooks/:webhook_id/subscriptions/all';
  const params = { params: { webhook_id: webhookId } };
  const { data: current } = await callX('manage-webhooks', () => client.v2.get<{ data: { subscribed: boolean } }>(path, undefined, params));
  if (!current.subscribed) {
    await callX('manage-webhooks', () => client.v2.post(path, undefined, params));
  }
  return { webhookId, registered: !same, subscribed: !current.subscribed };
}

async function revalidate(app: TwitterApi, webhookId: string): Promise<void> {
  const { data } = await callX('manage-webhooks', () =>
    app.v2.put<{ data: { valid: boolean } }>('webhooks/:webhook_id', undefined, { params: { webhook_id: webhookId } }),
  );
  if (!data.valid) {
    throw new XApiError({
      kind: 'invalid',
      operation: 'manage-webhooks',
      status: 200,
      detail: 'X could not check the webhook: the bot must answer its CRC at the webhook URL',
    });
  }
}
