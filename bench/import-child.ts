// One first-run baseline import, in its own process so its peak memory is its own.
// Args: MODE (accueil | raw) ; env: FAKE_X_URL + credentials, DATABASE_URL (unset = the embedded server in a fresh directory).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
// The embedded server, as the bot runs it, in a directory the postgres user can enter (under root).
const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'accueil-import-'));
if (dataDir) chmodSync(dataDir, 0o755);
const database = dataDir ? await openDatabase({ dataDir: join(dataDir, 'data') }) : await createTestDatabase();
if (dataDir) await database.migrate();
const account = await upsertAccount(
  database.db,
  { xUserId: accountXId, handle: 'bench', name: 'Bench' },
  { kind: 'business', dmPolicy: 'engaged-only', sendMode: 'api', ownDomains: [], topics: [] },
  'C0DESK001',
);
const raw = mode === 'raw' ? postgres(database.connectionString, { max: 1, onnotice: () => {} }) : null;
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
    await raw!`insert into followers ${raw!(rows)}`;
  },
});
const ms = performance.now() - started;
const peak = memory.stop();
const { rows } = await database.executeSql('select count(*)::int as n from followers');
await raw?.end();
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ mode, driver: database.driver, rows: Number(rows[0]?.n), read: result.usersRead, ms: Math.round(ms), per_s: Math.round((result.usersRead / ms) * 1000), peak_rss_mb: Math.round(peak) })}\n`);
