// One first-run baseline import, in its own process so its peak memory is its own.
// Args: MODE (accueil | raw) ; env: FAKE_X_URL + credentials, DATABASE_URL (unset = PGlite in memory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client';
import { upsertAccount, saveBaselineCursor } from '../src/db/accounts';
import { recordBaselineFollowers } from '../src/db/followers';
import { createXClient, fetchFollowersPage } from '../src/x/api';
import { pollFollowers } from '../src/x/sources/poll';
import { createTestDatabase } from '../test/helpers/db';
import { sampleRss } from './lib';

const mode = process.argv[2] === 'raw' ? 'raw' : 'accueil';
const client = createXClient({
  apiUrl: process.env.FAKE_X_URL!,
  apiKey: process.env.FAKE_X_KEY!,
  apiSecret: process.env.FAKE_X_SECRET!,
  accessToken: process.env.FAKE_X_TOKEN!,
  accessSecret: process.env.FAKE_X_TOKEN_SECRET!,
});
const accountXId = process.env.FAKE_X_ACCOUNT!;
// PGlite on disk, as the bot runs it (its cluster created in a child process, see src/db/client.ts).
const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'accueil-import-'));
const database = dataDir ? await openDatabase({ dataDir }) : await createTestDatabase();
if (dataDir) await database.migrate();
const account = await upsertAccount(
  database.db,
  { xUserId: accountXId, handle: 'bench', name: 'Bench' },
  { kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: [], topics: [] },
  'C0DESK001',
);
const raw = mode === 'raw' && database.connectionString ? postgres(database.connectionString, { max: 1, onnotice: () => {} }) : null;
const memory = sampleRss();
const started = performance.now();
const result = await pollFollowers({
  baseline: true,
  previousNewCount: 0,
  fetchPage: (maxResults, token) => fetchFollowersPage(client, accountXId, { maxResults, paginationToken: token }),
  filterKnown: async () => new Set(),
  onBaselinePage: async (users, nextToken) => {
    if (mode === 'accueil') {
      await recordBaselineFollowers(database.db, account.id, users);
      await saveBaselineCursor(database.db, account.id, nextToken);
      return;
    }
    const rows = users.map((user) => ({ account_id: account.id, x_user_id: user.xUserId, handle: user.handle, source: 'baseline' }));
    if (raw) await raw`insert into followers ${raw(rows)}`;
    else {
      // PGlite has no postgres.js: the floor there is one parameterised multi-row INSERT.
      const values = rows.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(',');
      await database.executeSql(`insert into followers (account_id, x_user_id, handle, source) values ${values}`, rows.flatMap((r) => [r.account_id, r.x_user_id, r.handle, r.source]));
    }
  },
});
const ms = performance.now() - started;
const peak = memory.stop();
const { rows } = await database.executeSql('select count(*)::int as n from followers');
await raw?.end();
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ mode, driver: database.driver, rows: Number(rows[0]?.n), read: result.usersRead, ms: Math.round(ms), per_s: Math.round((result.usersRead / ms) * 1000), peak_rss_mb: Math.round(peak) })}\n`);
