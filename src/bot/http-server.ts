import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Slack's payloads are small; anything past this is refused before it is read. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HealthCheck {
  database: boolean;
  jobs: boolean;
  slack: boolean;
}

export interface HttpServerOptions {
  slack: RequestListener | null;
  health: () => HealthCheck;
  metrics: () => Promise<string>;
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
    route(req, res);
  });
}

function tooLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > MAX_BODY_BYTES;
}

function health(check: HealthCheck, res: ServerResponse): void {
  const ok = check.database && check.jobs && check.slack;
  send(res, ok ? 200 : 503, JSON.stringify({ status: ok ? 'ok' : 'starting', ...check }), 'application/json');
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
