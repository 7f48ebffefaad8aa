// The closing table of the reliability suite: each scenario records what it saw, and the suite
// writes them to test/reliability/results.md (and the console) as it goes.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ScenarioResult {
  scenario: string;
  runs: number;
  duplicates: number;
  lost: number;
}

const FILE = fileURLToPath(new URL('../results.md', import.meta.url));

export function record(result: ScenarioResult): void {
  if (!existsSync(FILE)) {
    writeFileSync(FILE, `| scenario | runs | duplicates | lost | result | driver |\n| --- | --- | --- | --- | --- | --- |\n`);
  }
  const ok = result.duplicates === 0 && result.lost === 0;
  const driver = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const line = `| ${result.scenario} | ${result.runs} | ${result.duplicates} | ${result.lost} | ${ok ? 'pass' : 'FAIL'} | ${driver} |`;
  appendFileSync(FILE, `${line}\n`);
  process.stdout.write(`${line}\n`);
}
