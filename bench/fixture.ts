// The environment a benchmarked bot runs with: fake X and fake Slack on loopback.
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack';
import { startFakeX, type FakeX } from '../test/fakes/x';

export const BENCH_SIGNING_SECRET = 'bench-signing-secret';
export const BENCH_CHANNEL = 'C0DESK001';

export interface Fakes {
  x: FakeX;
  slack: FakeSlack;
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const x = await startFakeX();
  const slack = await startFakeSlack({ strictTriggers: false });
  return {
    x,
    slack,
    env: (extra = {}) => ({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_CHANNEL_ID: BENCH_CHANNEL,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      X_API_KEY: x.credentials.apiKey,
      X_API_SECRET: x.credentials.apiSecret,
      X_ACCESS_TOKEN: x.credentials.accessToken,
      X_ACCESS_SECRET: x.credentials.accessSecret,
      X_API_URL: x.url,
      OWN_DOMAINS: 'maison-lumen.fr',
      TOPICS: 'céramique,design',
      LOG_LEVEL: 'silent',
      ...extra,
    }),
    close: async () => {
      await Promise.all([x.close(), slack.close()]);
    },
  };
}
