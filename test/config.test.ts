import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAccountsConfig, loadConfig, loadDatabaseConfig } from '../src/config';
import { COMPLETE_ENV as complete } from './helpers/config';


function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(complete);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.x.apiUrl).toBe('https://api.x.com');
    expect(config.account).toMatchObject({ kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: [] });
    expect(config.approvers).toEqual({ kind: 'channel' });
  });

  it('names every missing credential', () => {
    expect(problemsOf({})).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CHANNEL_ID', 'X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET']);
  });

  it('names each malformed value with what is expected', () => {
    const env = { ...complete, PORT: 'eighty', X_ACCOUNT_KIND: 'company', DATABASE_URL: 'mysql://x', OWN_DOMAINS: 'not a domain', SLACK_CHANNEL_ID: '#desk' };
    expect(problemsOf(env).sort()).toEqual(['DATABASE_URL', 'OWN_DOMAINS', 'PORT', 'SLACK_CHANNEL_ID', 'X_ACCOUNT_KIND']);
  });

  it('reports every missing and every malformed variable in one run', () => {
    expect(problemsOf({ PORT: 'abc', DIGEST_CRON: '0 9 * *' }).sort()).toEqual(
      ['DIGEST_CRON', 'PORT', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CHANNEL_ID', 'X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'].sort(),
    );
  });

  it('refuses a cron expression pg-boss could not schedule', () => {
    expect(problemsOf({ ...complete, TRACKING_CRON: '*/15 * * * 9' })).toEqual(['TRACKING_CRON']);
    expect(problemsOf({ ...complete, DIGEST_CRON: '61 9 * * 1' })).toEqual(['DIGEST_CRON']);
    expect(loadConfig({ ...complete, DIGEST_CRON: '30 8 * * 1-5' }).digestCron).toBe('30 8 * * 1-5');
  });

  it('reminds a waiting conversation after ANSWER_NUDGE_HOURS, 24 by default, and refuses anything but whole hours', () => {
    expect(loadConfig(complete).answerNudgeHours).toBe(24);
    expect(loadConfig({ ...complete, ANSWER_NUDGE_HOURS: '6' }).answerNudgeHours).toBe(6);
    expect(problemsOf({ ...complete, ANSWER_NUDGE_HOURS: 'a day' })).toEqual(['ANSWER_NUDGE_HOURS']);
    expect(problemsOf({ ...complete, ANSWER_NUDGE_HOURS: '0' })).toEqual(['ANSWER_NUDGE_HOURS']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...complete, PORT: '', FOUR_EYES: ' ' })).toMatchObject({ port: 3000, fourEyes: false });
    expect(problemsOf({ ...complete, SLACK_BOT_TOKEN: '' })).toEqual(['SLACK_BOT_TOKEN']);
  });

  it('asks each command only for what it uses', () => {
    expect(loadDatabaseConfig({ DESK_LANG: 'fr' })).toEqual({ databaseUrl: undefined, dataDir: './data', logLevel: 'info', deskLang: 'fr' });
    const accounts = loadAccountsConfig({ X_CLIENT_ID: 'client', PUBLIC_URL: 'https://desk.example.com/' });
    expect(accounts.xOAuth2).toEqual({ clientId: 'client' });
    expect(accounts.publicUrl).toBe('https://desk.example.com');
    expect(() => loadAccountsConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
  });

  it('accepts an http:// X API URL on loopback, for tests and the demo', () => {
    expect(loadConfig({ ...complete, X_API_URL: 'http://127.0.0.1:4010/' }).x.apiUrl).toBe('http://127.0.0.1:4010');
  });

  it('never echoes a secret in its error', () => {
    try {
      loadConfig({ ...complete, SLACK_BOT_TOKEN: 'not-a-bot-token-SECRET123' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('SECRET123');
    }
  });
});

describe('npm start on a fresh machine', () => {
  it('prints what to set and how to create the Slack app, and exits non-zero', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const result = spawnSync(process.execPath, ['bin/accueil.js', 'start'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).toContain('X_ACCESS_SECRET');
    expect(result.stderr).toContain('manifest.json');
    expect(result.stderr).toContain('npm run demo');
  });
});
