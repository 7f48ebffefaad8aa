import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks wherever they appear in a log line: credentials and signatures never reach the logs. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'apiSecret',
  '*.apiSecret',
  'accessToken',
  '*.accessToken',
  'accessSecret',
  '*.accessSecret',
  'apiKey',
  '*.apiKey',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  'headers["x-twitter-webhooks-signature"]',
  '*.headers["x-twitter-webhooks-signature"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'accueil' } }, destination);
}
