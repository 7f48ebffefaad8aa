// The X webhook follower source: answers X's Challenge-Response Check, checks every delivery's
// signature against the raw body, and turns follows, DMs and mentions into calls the desk acts on.
// Protocol: docs.x.com, x-api/webhooks/quickstart ("The CRC check", "Securing webhooks").
import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { FollowerProfile } from '../../domain';
import { MalformedDelivery, readDelivery, type WebhookMessage, type XWebhookEvent } from './webhook-events';

/** The most a delivery may weigh; X's payloads are a few kilobytes. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

export const SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

export interface XWebhookListenerOptions {
  /** The app's consumer secret (X_API_SECRET): the key of the CRC answer and of every signature. */
  consumerSecret: string;
  /** Someone followed a connected account. */
  onFollow(event: { accountUserId: string; follower: FollowerProfile }): Promise<void>;
  /** Someone wrote to a connected account, in a DM or a mention. */
  onEngagement(event: { accountUserId: string; fromUserId: string; via: 'dm' | 'mention'; at: Date; message: WebhookMessage | null }): Promise<void>;
  /** Someone stopped following a connected account. */
  onUnfollow?(event: { accountUserId: string; followerId: string }): Promise<void>;
  logger?: { warn(obj: object, msg: string): void };
}

const hmac = (secret: string, message: string | Buffer) => createHmac('sha256', secret).update(message).digest('base64');

/** The `response_token` that answers X's CRC: "sha256=" + base64(HMAC-SHA256(consumer secret, crc_token)). */
export function crcResponseToken(consumerSecret: string, crcToken: string): string {
  return `sha256=${hmac(consumerSecret, crcToken)}`;
}

/** The `x-twitter-webhooks-signature` X puts on a delivery: "sha256=" + base64(HMAC-SHA256(consumer secret, raw body)). */
export function signWebhookBody(consumerSecret: string, body: string | Buffer): string {
  return `sha256=${hmac(consumerSecret, body)}`;
}

/** Whether `signature` is X's signature of exactly these bytes, compared in constant time. */
export function isSignedByX(consumerSecret: string, body: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhookBody(consumerSecret, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A node http listener for X's webhook, mounted by the bot's own server (at /x/webhook):
 * GET ?crc_token=… answers the CRC; POST delivers events. An unsigned or wrongly signed delivery
 * gets 401 and reaches nobody; a handler's failure answers 500 so that X delivers again.
 */
export function createXWebhookListener(opts: XWebhookListenerOptions): http.RequestListener {
  const warn = (obj: object, msg: string) => opts.logger?.warn(obj, msg);

  async function dispatch(event: XWebhookEvent): Promise<void> {
    if (event.kind === 'follow') await opts.onFollow({ accountUserId: event.accountUserId, follower: event.follower });
    else if (event.kind === 'unfollow') await opts.onUnfollow?.({ accountUserId: event.accountUserId, followerId: event.followerId });
    else await opts.onEngagement({ accountUserId: event.accountUserId, fromUserId: event.fromUserId, via: event.via, at: event.at, message: event.message });
  }

  async function deliver(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readCapped(req);
    if (body === 'too-large') {
      warn({ limit: MAX_DELIVERY_BYTES }, 'X webhook delivery over the size limit, refused');
      return tooLarge(res);
    }
    const signature = req.headers[SIGNATURE_HEADER];
    if (!isSignedByX(opts.consumerSecret, body, Array.isArray(signature) ? signature[0] : signature)) {
      warn({ signed: signature !== undefined }, 'X webhook delivery without a valid signature, refused');
      return send(res, 401, { error: 'invalid signature' });
    }
    let events: XWebhookEvent[];
    try {
      events = readDelivery(JSON.parse(body.toString('utf8')));
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof MalformedDelivery)) throw error;
      warn({ reason: error.message }, 'X webhook delivery not in X\'s shape, refused');
      return send(res, 400, { error: 'malformed delivery' });
    }
    try {
      for (const event of events) await dispatch(event);
    } catch (error) {
      warn({ err: error }, 'X webhook delivery could not be handled; X will deliver it again');
      return send(res, 500, { error: 'not handled' });
    }
    send(res, 200, { ok: true });
  }

  return (req, res) => {
    if (req.method === 'GET') return answerCrc(req, res, opts.consumerSecret);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return send(res, 405, { error: 'method not allowed' });
    }
    deliver(req, res).catch((error: unknown) => {
      warn({ err: error }, 'X webhook delivery failed');
      if (!res.headersSent) send(res, 500, { error: 'not handled' });
      else res.destroy();
    });
  };
}

function answerCrc(req: http.IncomingMessage, res: http.ServerResponse, consumerSecret: string): void {
  const token = new URL(req.url ?? '/', 'http://webhook').searchParams.get('crc_token');
  if (!token) return send(res, 400, { error: 'crc_token missing' });
  send(res, 200, { response_token: crcResponseToken(consumerSecret, token) });
}

/** The raw body, or 'too-large' as soon as it passes the cap (the rest is read and discarded). */
function readCapped(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_DELIVERY_BYTES) {
      req.resume();
      return resolve('too-large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_DELIVERY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve('too-large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(res: http.ServerResponse): void {
  // Close afterwards: the sender may still be pushing the rest of the body.
  res.setHeader('connection', 'close');
  send(res, 413, { error: 'delivery too large' });
}

function send(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
