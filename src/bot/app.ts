import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { RequestListener } from 'node:http';
import type { Desk } from '../desk/desk';
import type { BotDesk } from './deps';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';
import { registerListeners } from './listeners';
import type { DeskPolicy } from './listeners/middleware/authorize';
import { dedupeEvents } from './listeners/middleware/dedupe-events';

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  /** When set, Socket Mode; otherwise Slack calls us over HTTP at /slack/events. */
  appToken?: string;
  apiUrl: string;
  /** From our own auth.test, so Bolt does not call it again at construction. */
  botId: string;
  botUserId: string;
  logger: Logger;
  /** Who may decide, and the four-eyes rule; by default anyone who can click, without four-eyes. */
  policy?: DeskPolicy;
  /**
   * Socket Mode: told when the connection opens (true) and when it is lost (false), for /healthz.
   * `reconnectBaseMs` paces reconnection (the client waits this long times the failures in a row).
   */
  socket?: { onConnection(open: boolean): void; reconnectBaseMs?: number };
}

export interface SlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** In HTTP mode, the listener our own server hands /slack/events to. */
  requestListener: RequestListener | null;
}

export function createSlackApp(desk: BotDesk, options: SlackAppOptions): SlackApp {
  const common = {
    token: options.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    logger: boltLogger(options.logger),
    logLevel: LogLevel.INFO,
    clientOptions: { slackApiUrl: options.apiUrl },
  };
  if (options.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: common.logger,
      installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
      // @slack/socket-mode waits clientPingTimeout × the failures in a row before each reconnection.
      ...(options.socket?.reconnectBaseMs ? { clientPingTimeout: options.socket.reconnectBaseMs } : {}),
    });
    watchConnection(receiver, options.socket?.onConnection);
    const app = new App({ ...common, receiver, socketMode: true });
    useDeskMiddleware(app, desk);
    registerListeners(app, desk, options.policy ?? OPEN_DESK);
    return { app, mode: 'socket', requestListener: null };
  }
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger: common.logger,
    // Listeners ack first and work after: Slack gets its answer within its 3 seconds.
    processBeforeResponse: false,
  });
  const app = new App({ ...common, receiver });
  useDeskMiddleware(app, desk);
  registerListeners(app, desk, options.policy ?? OPEN_DESK);
  return { app, mode: 'http', requestListener: receiver.requestListener };
}

/**
 * The Socket Mode client says `connected` after Slack's hello; the socket closing (a refresh, a
 * network cut) and the states after it mean no interaction can arrive until it reconnects.
 */
function watchConnection(receiver: SocketModeReceiver, onConnection: ((open: boolean) => void) | undefined): void {
  if (!onConnection) return;
  receiver.client.on('connected', () => onConnection(true));
  for (const lost of ['close', 'disconnecting', 'disconnected', 'reconnecting']) receiver.client.on(lost, () => onConnection(false));
}

/** Before any listener: drop Slack's repeated deliveries. Who may decide is checked on the deciding listeners. */
function useDeskMiddleware(app: App, desk: Pick<Desk, 'db' | 'logger'>): void {
  app.use(dedupeEvents(desk));
}

const OPEN_DESK: DeskPolicy = {
  approvers: { policy: { kind: 'anyone' }, mayDecide: async () => ({ allowed: true }) },
  fourEyes: false,
};
