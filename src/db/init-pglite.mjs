// Creates an embedded database cluster in a directory, then exits. Run as a child process on the
// first start: initdb grows PGlite's WebAssembly memory to ~700 MB, which a process can never give
// back, so the bot opens the finished cluster in its own process at a third of that.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: init-pglite.mjs DATA_DIR\n');
  process.exit(2);
}
const db = await PGlite.create(dataDir);
await db.close();
