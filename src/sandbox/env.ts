// The environment that points a real bot at the fakes: what the tests, the demo and the benchmarks pass to loadConfig.
import type { FakeSlack } from './slack';
import type { FakeX } from './x';

export function envForFakes(
  fakes: { x: FakeX; slack: FakeSlack },
  desk: { signingSecret: string; channelId: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  const { x, slack } = fakes;
  return {
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: desk.signingSecret,
    SLACK_CHANNEL_ID: desk.channelId,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    X_API_KEY: x.credentials.apiKey,
    X_API_SECRET: x.credentials.apiSecret,
    X_ACCESS_TOKEN: x.credentials.accessToken,
    X_ACCESS_SECRET: x.credentials.accessSecret,
    X_API_URL: x.url,
    OWN_DOMAINS: 'maison-lumen.fr',
    TOPICS: 'céramique,design,artisanat',
    POLL_INTERVAL_SECONDS: '3600',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}
