import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase, type Database } from '../../src/db/client';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db';

let database: Database | undefined;
let location: TestDatabaseLocation | undefined;
let folder: string | undefined;
afterEach(async () => {
  await database?.close();
  await location?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
  database = location = folder = undefined;
});

/** The migrations as they stood before `tag`: a copy of the folder whose journal stops there. */
function migrationsBefore(tag: string): string {
  folder = mkdtempSync(join(tmpdir(), 'accueil-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}

async function migrateWith(db: Database, folderPath: string): Promise<void> {
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  await migrate(db.db as never, { migrationsFolder: folderPath });
}

describe('the migration to stored error kinds', () => {
  it('keeps a failure written as a sentence readable, as the detail of a legacy kind, and drops the old column', async () => {
    location = await createTestDatabaseLocation({ empty: true });
    database = await openDatabase(location);
    await migrateWith(database, migrationsBefore('0010_send-error-kind'));
    const sql = database.executeSql;
    await sql("insert into x_accounts (x_user_id, handle, slack_channel_id) values ('100', 'maison', 'C0DESK')");
    await sql("insert into followers (account_id, x_user_id, handle, profile, source) select id, '200', 'sacha', '{}', 'poll' from x_accounts");
    await sql("insert into followers (account_id, x_user_id, handle, profile, source) select id, '201', 'remi', '{}', 'poll' from x_accounts");
    const insertWelcome = (xUserId: string, status: string, error: string | null) =>
      sql(
        `insert into welcomes (account_id, follower_id, status, lang, triage, draft_text, slack_channel_id, decided_by, error)
         select f.account_id, f.id, $1, 'fr', '{}', 'Merci !', 'C0DESK', 'U0MARIE', $2 from followers f where f.x_user_id = $3`,
        [status, error, xUserId],
      );
    await insertWelcome('200', 'failed', 'X a refusé le message privé : cette personne n’accepte pas vos messages privés.');
    await insertWelcome('201', 'sent', null);

    await database.migrate();

    const rows = await sql('select status, error_kind, error_detail from welcomes order by id');
    expect(rows.rows).toEqual([
      { status: 'failed', error_kind: 'legacy', error_detail: 'X a refusé le message privé : cette personne n’accepte pas vos messages privés.' },
      { status: 'sent', error_kind: null, error_detail: null },
    ]);
    const columns = await sql("select column_name from information_schema.columns where table_name = 'welcomes' and column_name = 'error'");
    expect(columns.rows).toEqual([]);
    await expect(sql("update welcomes set error_kind = 'sentence' where status = 'failed'")).rejects.toThrow(/welcomes_error_kind_check/);
  });
});
