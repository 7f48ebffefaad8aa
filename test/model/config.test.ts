import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { COMPLETE_ENV as complete } from '../helpers/config';


function problems(env: Record<string, string>): ConfigError['problems'] {
  try {
    loadConfig({ ...complete, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the language model settings', () => {
  it('are off by default', () => {
    expect(loadConfig(complete).model).toBeUndefined();
  });

  it('read the endpoint, the model, the key and a timeout of 4 seconds by default; the second opinion stays off', () => {
    const model = loadConfig({ ...complete, DRAFT_MODEL_URL: 'http://127.0.0.1:11434/v1/', DRAFT_MODEL: 'llama3.1', DRAFT_MODEL_API_KEY: 'sk-abc' }).model;
    expect(model).toEqual({ url: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKey: 'sk-abc', timeoutMs: 4000, auditOpinion: false });
    expect(loadConfig({ ...complete, DRAFT_MODEL_URL: 'https://api.openai.com/v1', DRAFT_MODEL: 'gpt-4o-mini', AUDIT_MODEL_OPINION: 'on', DRAFT_MODEL_TIMEOUT_MS: '2500' }).model).toMatchObject({
      apiKey: undefined,
      timeoutMs: 2500,
      auditOpinion: true,
    });
  });

  it('must make sense together: a URL without a model, a model or a key without a URL, an opinion without either', () => {
    expect(problems({ DRAFT_MODEL_URL: 'http://127.0.0.1:11434/v1' }).map((p) => p.variable)).toEqual(['DRAFT_MODEL']);
    expect(problems({ DRAFT_MODEL: 'llama3.1' }).map((p) => p.variable)).toEqual(['DRAFT_MODEL_URL']);
    expect(problems({ AUDIT_MODEL_OPINION: 'on' }).map((p) => p.variable)).toEqual(['AUDIT_MODEL_OPINION']);
    expect(problems({ DRAFT_MODEL_URL: 'localhost:11434', DRAFT_MODEL: 'x', DRAFT_MODEL_TIMEOUT_MS: '60000' }).map((p) => p.variable).sort()).toEqual(['DRAFT_MODEL_TIMEOUT_MS', 'DRAFT_MODEL_URL']);
  });

  it('never echo the key in an error', () => {
    const found = problems({ DRAFT_MODEL_API_KEY: 'sk-live-DO-NOT-PRINT' });
    expect(found.map((p) => p.variable)).toEqual(['DRAFT_MODEL_URL']);
    expect(JSON.stringify(found)).not.toContain('DO-NOT-PRINT');
    try {
      loadConfig({ ...complete, DRAFT_MODEL_API_KEY: 'sk-live-DO-NOT-PRINT' });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('DO-NOT-PRINT');
    }
  });
});
