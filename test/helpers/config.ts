/** Every variable `accueil start` requires, with values that pass: a test adds or breaks one. */
export const COMPLETE_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1-secret-bot-token',
  SLACK_SIGNING_SECRET: 'signing-secret-value',
  SLACK_CHANNEL_ID: 'C0DESK001',
  X_API_KEY: 'key',
  X_API_SECRET: 'x-secret-value',
  X_ACCESS_TOKEN: 'token',
  X_ACCESS_SECRET: 'x-access-secret-value',
};
