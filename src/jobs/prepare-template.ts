// Built to dist/prepare-template.js and run by the build: one embedded cluster, initdb'd, migrated
// and with pg-boss's schema, in dist/pg-template, which a bot's first start copies instead of
// running initdb; with no superuser password (each copy gets its own). Usage: node dist/prepare-template.js DIR
import { renameSync, rmSync } from 'node:fs';
import { openDatabase } from '../db/client';
import { clearPassword } from '../db/embedded-cluster';
import { clusterDirOf } from '../db/embedded-server';
import { createBossSchema } from './boss';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: prepare-template.js DIR\n');
  process.exit(2);
}
const building = `${dir}.building`;
rmSync(building, { recursive: true, force: true });
// No template to start from (this makes it): initdb, then the server stopped cleanly, so the copy
// needs no recovery when it first starts.
const database = await openDatabase({ dataDir: building, embedded: { template: '/nonexistent', progress: () => {} } });
await database.migrate();
await createBossSchema(database);
await database.close();
// Every install copies this cluster: it keeps no password (NULL: no password matches it), and each
// first start sets its own (embedded-cluster.ts).
await clearPassword(clusterDirOf(building));
rmSync(dir, { recursive: true, force: true });
renameSync(clusterDirOf(building), dir);
rmSync(building, { recursive: true, force: true });
