// The README's first command, as a newcomer runs it: the built bot, its stand-ins and the embedded database.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testDriver } from './helpers/db';

// The demo always runs on its embedded database: once per test run is enough.
describe.runIf(testDriver() === 'pglite')('npm run demo', () => {
  it('runs the built bot end to end and exits 0 after one DM, one public welcome and one skip', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-semi-space-size=1', 'bin/accueil.js', 'demo'], { env, timeout: 170_000 });
    expect(stdout).toContain('Demo complete: one DM, one public welcome, one skip, nothing else sent.');
    expect(stdout).toMatch(/DM to \S+: “/);
  }, 180_000);
});
