// Built to dist/prepare-template.js and run by the build: one embedded cluster, migrated and with
// pg-boss's schema, in dist/pglite-template, which a bot's first start copies instead of running
// initdb. Usage: node dist/prepare-template.js DIR
import { renameSync, rmSync } from 'node:fs';
import { openDatabase } from '../db/client';
import { createBoss } from './boss';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: prepare-template.js DIR\n');
  process.exit(2);
}
const building = `${dir}.building`;
rmSync(building, { recursive: true, force: true });
const database = await openDatabase({ dataDir: building });
await database.migrate();
const boss = createBoss(database);
await boss.start();
await boss.stop({ graceful: false, wait: true });
await database.close();
rmSync(dir, { recursive: true, force: true });
renameSync(building, dir);
