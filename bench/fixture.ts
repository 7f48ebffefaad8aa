// The environment a benchmarked bot runs with: fake X and fake Slack on loopback.
import { startFakeSlack, type FakeSlack } from '../src/sandbox/slack';
import { startFakeX, type FakeX } from '../src/sandbox/x';
import { envForFakes } from '../src/sandbox/env';

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
    env: (extra = {}) => envForFakes({ x, slack }, { signingSecret: BENCH_SIGNING_SECRET, channelId: BENCH_CHANNEL }, { TOPICS: 'céramique,design', ...extra }),
    close: async () => {
      await Promise.all([x.close(), slack.close()]);
    },
  };
}
