import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Slack's payloads are small; anything past this is refused before it is read. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HealthCheck {
  database: boolean;
  jobs: boolean;
  slack: boolean;
  /** X answers (false while it is unreachable or failing); unknown until the bot has started. */
  x?: boolean;
  /** Every part came up once: what fails after that is a degraded state, not a start-up. */
  started?: boolean;
  /** Socket Mode only: the connection to Slack is open (no click or command can arrive while it is not). */
  socket?: boolean;
  /** Socket Mode only: no connection opened within the grace period after start-up. */
  socketTimedOut?: boolean;
}

export interface HttpServerOptions {
  slack: RequestListener | null;
  health: () => HealthCheck;
  metrics: () => Promise<string>;
  /** Told how long each answer to Slack took (seconds): the ack latency. */
  slackAnswered?: (seconds: number) => void;
  /** More routes (the X webhook), matched by path. */
  routes?: Record<string, RequestListener>;
}

/**
 * The one HTTP server of the process: /slack/events (HTTP mode), /healthz and /metrics in both modes,
 * and whatever routes are added. Owning it lets us refuse oversized bodies before Bolt buffers them.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return health(options.health(), res);
    if (path === '/metrics') {
      options.metrics().then(
        (body) => send(res, 200, body, 'text/plain; version=0.0.4'),
        () => send(res, 503, 'metrics unavailable\n', 'text/plain'),
      );
      return;
    }
    const route = path === '/slack/events' ? options.slack : options.routes?.[path ?? ''];
    if (!route) return send(res, 404, JSON.stringify({ error: 'not found' }), 'application/json');
    if (tooLarge(req)) return send(res, 413, JSON.stringify({ error: 'payload too large' }), 'application/json');
    if (route !== options.slack) return route(req, res);
    const started = performance.now();
    res.once('finish', () => options.slackAnswered?.((performance.now() - started) / 1000));
    // A body sent in chunks has no length to check up front: it is read here, up to the limit, and
    // handed to Bolt already read (Bolt takes a buffered `rawBody` as is).
    readLimited(req, MAX_BODY_BYTES).then(
      (body) => {
        if (body === null) {
          res.setHeader('connection', 'close');
          return send(res, 413, JSON.stringify({ error: 'payload too large' }), 'application/json');
        }
        // Bolt reads fields off the parsed body without checks: a JSON `null` makes it throw outside
        // any handler (the request hangs, the process may die), an interaction without a user makes
        // it answer 500. Slack never sends either.
        if (malformedForBolt(body, req.headers['content-type'])) return send(res, 400, JSON.stringify({ error: 'malformed body' }), 'application/json');
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        route(req, res);
      },
      () => {
        if (!res.headersSent) send(res, 400, JSON.stringify({ error: 'unreadable body' }), 'application/json');
      },
    );
  });
}

const INTERACTIONS = new Set(['block_actions', 'block_suggestion', 'view_submission', 'view_closed', 'shortcut', 'message_action']);

function malformedForBolt(body: Buffer, contentType: string | undefined): boolean {
  const text = body.toString('utf8');
  const json = contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(text).get('payload') : text;
  if (json === null) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return false; // Bolt answers unparseable bodies 400 itself, after the signature check.
  }
  if (parsed === null) return true;
  const { type, user, view } = parsed as { type?: unknown; user?: { id?: unknown } | null; view?: unknown };
  if (typeof type !== 'string' || !INTERACTIONS.has(type)) return false;
  return typeof user?.id !== 'string' || (type.startsWith('view_') && (typeof view !== 'object' || view === null));
}

/** The whole body, or null as soon as it passes `limit` bytes (the rest is not read). */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function tooLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > MAX_BODY_BYTES;
}

/**
 * 200 `ok`; 200 `degraded` while Slack, X or the Socket Mode connection fail after start-up (the bot
 * still takes decisions and sends them when they are back, so it must stay in rotation), with the
 * failing parts named in `down`; 503 while starting, while the database is away (nothing can be
 * recorded), or when Socket Mode never connected within its grace period.
 */
function health(check: HealthCheck, res: ServerResponse): void {
  const parts = { database: check.database, jobs: check.jobs, slack: check.slack, x: check.x, socket: check.socket };
  const down = Object.entries(parts).filter(([, up]) => up === false).map(([part]) => part);
  const ok = down.length === 0;
  const status = ok ? 'ok' : check.started ? 'degraded' : 'starting';
  const code = (ok || (status === 'degraded' && check.database)) && !check.socketTimedOut ? 200 : 503;
  send(res, code, JSON.stringify({ status, ...check, ...(ok ? {} : { down }) }), 'application/json');
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
