// A process that opens the embedded database the way the bot does (openDatabase on DATA_DIR, the
// migrations, a fast stop on SIGTERM), then commits one row after another and says so on stdout:
// what the embedded lifecycle tests kill -9 at any moment. Usage: node --import tsx embedded-child.ts DATA_DIR
import { openDatabase } from '../../../src/db/client';

const dataDir = process.argv[2]!;
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const database = await openDatabase({ dataDir, embedded: { progress: () => {} } });
await database.migrate();
await database.executeSql('create table if not exists lifecycle_probe (n bigserial primary key)');
const { rows } = await database.executeSql('select coalesce(max(n), 0)::int as n from lifecycle_probe');
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
  void database.close().then(() => process.exit(0));
});
say({ ready: database.embedded!.how, pid: database.embedded!.pid, port: database.embedded!.port, rows: Number(rows[0]!.n) });
while (!stopping) {
  const inserted = await database.executeSql('insert into lifecycle_probe default values returning n');
  say({ committed: Number(inserted.rows[0]!.n) });
  await new Promise((done) => setTimeout(done, 20));
}
