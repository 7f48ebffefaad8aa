// One X for several accounts: each fake X serves one account, and this router in front of them
// sends every request to the fake of the account whose credentials it carries, the way X itself
// knows who is calling from the token. The Host header is passed on untouched, so OAuth 1.0a
// signatures (which cover the URL the client called) still verify.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_X_CREDENTIALS, startFakeX, type FakeXAccount } from '../../src/sandbox/x';

export type FakeXWithOAuth2 = Awaited<ReturnType<typeof startFakeX>>;

export interface XRouter {
  /** What X_API_URL points at. */
  url: string;
  close(): Promise<void>;
}

/** A second account on "the same X": the same app (consumer keys), its own access token pair. */
export function startSecondFakeX(account: FakeXAccount): Promise<FakeXWithOAuth2> {
  return startFakeX({
    account,
    credentials: { ...FAKE_X_CREDENTIALS, accessToken: `${account.id}-fake-access-token`, accessSecret: `fake-access-secret-${account.handle}` },
  });
}

export async function startXRouter(fakes: FakeXWithOAuth2[]): Promise<XRouter> {
  const pick = (authorization: string | undefined): FakeXWithOAuth2 => {
    const token = /oauth_token="([^"]*)"/.exec(authorization ?? '')?.[1];
    if (token !== undefined) return fakes.find((f) => f.credentials.accessToken === decodeURIComponent(token)) ?? fakes[0]!;
    return fakes.find((f) => f.oauth2.acceptsAccessToken(authorization)) ?? fakes[0]!;
  };
  const server = http.createServer((req, res) => {
    const target = new URL(pick(req.headers.authorization).url);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
