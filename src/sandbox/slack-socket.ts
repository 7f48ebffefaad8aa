// Slack's Socket Mode side, for the fake Slack: `apps.connections.open` hands out a one-use ws://
// URL on loopback, and the WebSocket behind it speaks Slack's documented protocol
// (api.slack.com/apis/socket-mode): a `hello` when the app connects; `events_api`,
// `interactive` and `slash_commands` envelopes, each with an `envelope_id` the app must ack
// (`{ envelope_id, payload? }`); `disconnect` with reason `refresh_requested` before Slack
// recycles a connection. Slack waits about 3 seconds for an ack before it counts a delivery
// as failed.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface SocketAck {
  envelopeId: string;
  /** What the app answered with its ack (a slash command's reply, a view_submission's errors). */
  payload: Record<string, unknown> | undefined;
}

export interface DeliverOptions {
  /** Slack's retries of an event carry the same payload with a higher attempt number. */
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait for the ack (ms). Default 3000, Slack's window. */
  ackTimeoutMs?: number;
}

export interface FakeSocketMode {
  /** Connections currently open (after `hello`). */
  openConnections(): number;
  /** How many times an app connected (hello sent), since the fake started. */
  connectionCount(): number;
  /** Resolves once `n` connections have been opened in all (default: one open now). */
  waitForConnection(n?: number, timeoutMs?: number): Promise<void>;
  /** Sends one envelope to an open connection and resolves with the app's ack; rejects without an ack in time. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, opts?: DeliverOptions): Promise<SocketAck>;
  /** Asks every open connection to reconnect, as Slack does before recycling a host; closes them if the app does not. */
  refresh(): void;
  /** Every frame received from the app that was not an ack of ours (a test asserts it stays empty). */
  strayFrames: unknown[];
  close(): Promise<void>;
}

export interface SocketModeSide extends FakeSocketMode {
  /** What `apps.connections.open` answers: a fresh one-use URL. */
  openUrl(): string;
  /** Takes over the HTTP server's upgrade requests on /link/. */
  attach(server: Server): void;
}

interface PendingAck {
  resolve: (ack: SocketAck) => void;
  timer: NodeJS.Timeout;
}

// Slack closes a connection it asked to refresh after a short while, whatever the app does.
const REFRESH_GRACE_MS = 1_000;

export function createSocketModeSide(opts: { baseUrl: () => string; appId: string; pingIntervalMs?: number }): SocketModeSide {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const open = new Set<WebSocket>();
  const pending = new Map<string, PendingAck>();
  const strayFrames: unknown[] = [];
  let connected = 0;
  let counter = 0;

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => welcome(ws));
  }

  function welcome(ws: WebSocket): void {
    open.add(ws);
    connected += 1;
    const ping = setInterval(() => ws.ping(`ping ${Date.now()}`), opts.pingIntervalMs ?? 10_000);
    ws.on('close', () => {
      clearInterval(ping);
      open.delete(ws);
    });
    ws.on('message', (data) => {
      let frame: { envelope_id?: unknown; payload?: unknown };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        strayFrames.push(String(data));
        return;
      }
      const waiting = typeof frame.envelope_id === 'string' ? pending.get(frame.envelope_id) : undefined;
      if (!waiting || typeof frame.envelope_id !== 'string') return void strayFrames.push(frame);
      pending.delete(frame.envelope_id);
      clearTimeout(waiting.timer);
      const payload = typeof frame.payload === 'object' && frame.payload !== null ? (frame.payload as Record<string, unknown>) : undefined;
      // An empty payload is what an ack without a response looks like on the wire.
      waiting.resolve({ envelopeId: frame.envelope_id, payload: payload && Object.keys(payload).length > 0 ? payload : undefined });
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.size,
        debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: opts.appId },
      }),
    );
  }

  const side: SocketModeSide = {
    strayFrames,
    openUrl() {
      const ticket = randomBytes(16).toString('hex');
      tickets.add(ticket);
      return `${opts.baseUrl().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${opts.appId}`;
    },
    attach(server) {
      server.on('upgrade', upgrade);
    },
    openConnections: () => open.size,
    connectionCount: () => connected,
    async waitForConnection(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (n === undefined ? open.size === 0 : connected < n) {
        if (Date.now() > deadline) throw new Error(`no Socket Mode connection within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    deliver(type, payload, deliverOpts = {}) {
      // Slack spreads envelopes over the open connections; the newest is as good as any.
      const ws = [...open].at(-1);
      if (!ws) return Promise.reject(new Error('no open Socket Mode connection to deliver to'));
      counter += 1;
      const envelopeId = `${randomBytes(4).toString('hex')}-${counter}-${randomBytes(6).toString('hex')}`;
      const timeoutMs = deliverOpts.ackTimeoutMs ?? 3_000;
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`envelope ${envelopeId} (${type}) was not acknowledged within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, { resolve, timer });
        const envelope: Record<string, unknown> = {
          envelope_id: envelopeId,
          payload,
          type,
          // Slack takes a response in the ack for slash commands, and for interactions it can answer inline.
          accepts_response_payload: type !== 'events_api' && (type === 'slash_commands' || payload.type === 'view_submission' || payload.type === 'block_suggestion'),
        };
        if (type === 'events_api') {
          envelope.retry_attempt = deliverOpts.retryAttempt ?? 0;
          envelope.retry_reason = deliverOpts.retryReason ?? '';
        }
        ws.send(JSON.stringify(envelope));
      });
    },
    refresh() {
      for (const ws of open) {
        ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake-1' } }));
        setTimeout(() => ws.readyState === WebSocket.OPEN && ws.close(1000, 'refresh'), REFRESH_GRACE_MS).unref();
      }
    },
    async close() {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
      for (const ws of open) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return side;
}
