import type { TwitterApi } from 'twitter-api-v2';
import { afterEach, beforeEach, inject } from 'vitest';
import { createXClient } from '../../src/x/client';
import { startFakeX, type FakeX, type FakeXOptions } from '../../src/sandbox/x';

/** A fresh fake X (in the run's API version) and a real client talking to it over HTTP, for each test of the file. */
export function withFakeX(options: FakeXOptions = {}): { fake: FakeX; client: TwitterApi } {
  const context = {} as { fake: FakeX; client: TwitterApi };
  beforeEach(async () => {
    context.fake = await startFakeX({ version: inject('xApiVersion'), ...options });
    context.client = createXClient(context.fake.clientCredentials);
  });
  afterEach(async () => {
    await context.fake.close();
  });
  return context;
}
