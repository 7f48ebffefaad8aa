// Things that go wrong between the bot and its dependencies, put on loopback: an HTTP proxy in front
// of the fake X that can hold a request or refuse connections, and a TCP proxy in front of Postgres
// that can cut every connection and refuse new ones, as a restart does.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface XProxy {
  url: string;
  /**
   * Holds requests matching `match` this long: before passing them on (nothing reached X yet), or
   * after X answered (X has acted, the answer is late) — the two halves of a send a crash can cut.
   */
  delay(match: (method: string, path: string) => boolean, ms: number, phase?: 'before' | 'after'): void;
  clearDelays(): void;
  /** Refuses connections (ECONNREFUSED) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startXProxy(target: string): Promise<XProxy> {
  const delays: Array<{ match: (method: string, path: string) => boolean; ms: number; phase: 'before' | 'after' }> = [];
  const handler: http.RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const found = delays.find((d) => d.match(req.method ?? 'GET', path));
    const ms = found?.phase === 'before' ? found.ms : 0;
    const after = found?.phase === 'after' ? found.ms : 0;
    const forward = () => {
      const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          setTimeout(() => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          }, after),
        );
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (ms > 0) setTimeout(forward, ms);
    else forward();
  };
  let server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delay: (match, ms, phase = 'before') => void delays.unshift({ match, ms, phase }),
    clearDelays: () => void delays.splice(0),
    down: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    up: async () => {
      if (server.listening) return;
      server = http.createServer(handler);
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    },
    close: () => new Promise<void>((resolve) => (server.listening ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())),
  };
}

export interface TcpProxy {
  port: number;
  /** Cuts every open connection and refuses new ones, as a database restart does. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const handler = (client: net.Socket) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  };
  let server = net.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // server.close waits for connections to end: destroy them first.
  const cut = async () => {
    const closing = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closing;
  };
  return {
    port,
    down: cut,
    up: async () => {
      if (server.listening) return;
      server = net.createServer(handler);
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    },
    close: async () => {
      if (server.listening) await cut();
    },
  };
}
