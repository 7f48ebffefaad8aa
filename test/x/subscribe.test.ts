import { describe, expect, it } from 'vitest';
import { createXClient, subscribeWebhook, XApiError } from '../../src/x/api';
import { withFakeX } from './with-fake-x';
import { withWebhookListener } from './with-webhook-listener';

describe('accueil x-subscribe', () => {
  const x = withFakeX();
  const hook = withWebhookListener();
  const webhookCalls = () => x.fake.requests.filter((r) => r.path.startsWith('/2/webhooks')).map((r) => `${r.method} ${r.path}`);

  it('registers the webhook URL, which X checks with a CRC, and subscribes the account', async () => {
    const result = await subscribeWebhook(x.client, { webhookUrl: hook.url });

    expect(result).toEqual({ webhookId: expect.any(String), registered: true, subscribed: true });
    expect(x.fake.webhooks()).toEqual([
      { id: result.webhookId, url: hook.url, valid: true, createdAt: expect.any(String), subscribedUserIds: [x.fake.account.id] },
    ]);
  });

  it('changes nothing when run again: same webhook, same subscription', async () => {
    const first = await subscribeWebhook(x.client, { webhookUrl: hook.url });

    const second = await subscribeWebhook(x.client, { webhookUrl: hook.url });

    expect(second).toEqual({ webhookId: first.webhookId, registered: false, subscribed: false });
    expect(x.fake.webhooks()).toHaveLength(1);
    expect(webhookCalls()).toEqual(['GET /2/webhooks', 'POST /2/webhooks', 'GET /2/webhooks']);
  });

  it('has X check again a webhook it had marked invalid, and keeps it', async () => {
    const { webhookId } = await subscribeWebhook(x.client, { webhookUrl: hook.url });
    x.fake.invalidateWebhook(webhookId);

    const again = await subscribeWebhook(x.client, { webhookUrl: hook.url });

    expect(again.webhookId).toBe(webhookId);
    expect(x.fake.webhooks()[0]?.valid).toBe(true);
    expect(webhookCalls()).toContain(`PUT /2/webhooks/${webhookId}`);
  });

  it('subscribes the account to a webhook registered before, when the first run stopped halfway', async () => {
    const app = await x.client.appLogin();
    const answer = await app.v2.post<{ data: { id: string } } | { id: string }>('webhooks', { url: hook.url });
    const webhookId = 'data' in answer ? answer.data.id : answer.id;

    const result = await subscribeWebhook(x.client, { webhookUrl: hook.url, appClient: app });

    expect(result).toEqual({ webhookId, registered: false, subscribed: true });
    expect(x.fake.webhooks()[0]?.subscribedUserIds).toEqual([x.fake.account.id]);
  });

  it('reports X\'s refusal when the URL does not answer the CRC, and registers nothing', async () => {
    const error = await subscribeWebhook(x.client, { webhookUrl: hook.url.replace('/x/webhook', '/elsewhere') }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(XApiError);
    expect(error).toMatchObject({ kind: 'invalid', operation: 'manage-webhooks', status: 400 });
    expect((error as XApiError).detail).toContain('CrcValidationFailed');
    expect(x.fake.webhooks()).toEqual([]);
  });

  it('reports a consumer key pair X rejects as unauthorized', async () => {
    const wrongSecret = createXClient({ ...x.fake.clientCredentials, apiSecret: 'not-the-secret' });

    const error = await subscribeWebhook(wrongSecret, { webhookUrl: hook.url }).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'unauthorized', operation: 'manage-webhooks', status: 401 });
    expect(x.fake.webhooks()).toEqual([]);
  });

  it('needs an app-only client for webhook management, as X does', async () => {
    const error = await subscribeWebhook(x.client, { webhookUrl: hook.url, appClient: x.client }).catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'forbidden', operation: 'manage-webhooks', status: 403 });
  });
});

describe('accueil x-subscribe, for a webhook that answers with another secret', () => {
  const x = withFakeX();
  const hook = withWebhookListener({ consumerSecret: 'a-stale-secret' });

  it('is refused by X, since the CRC answer proves nothing', async () => {
    await expect(subscribeWebhook(x.client, { webhookUrl: hook.url })).rejects.toMatchObject({ kind: 'invalid' });
    expect(x.fake.webhooks()).toEqual([]);
  });
});
