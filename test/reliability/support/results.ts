// The closing table of the reliability suite: each scenario records what it saw, appended to
// data/reliability-results.md (ignored by git; RELIABILITY_RESULTS to choose) and printed as it goes.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ScenarioResult {
  scenario: string;
  runs: number;
  duplicates: number;
  lost: number;
}

const FILE = process.env.RELIABILITY_RESULTS ?? fileURLToPath(new URL('../../../data/reliability-results.md', import.meta.url));

export function record(result: ScenarioResult): void {
  if (!existsSync(FILE)) {
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, `| scenario | runs | duplicates | lost | result | driver |\n| --- | --- | --- | --- | --- | --- |\n`);
  }
  const ok = result.duplicates === 0 && result.lost === 0;
  const driver = process.env.ACCUEIL_TEST_EMBEDDED ? 'embedded' : 'postgres';
  const line = `| ${result.scenario} | ${result.runs} | ${result.duplicates} | ${result.lost} | ${ok ? 'pass' : 'FAIL'} | ${driver} |`;
  appendFileSync(FILE, `${line}\n`);
  process.stdout.write(`${line}\n`);
}
