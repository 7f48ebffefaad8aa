// import_rate_ratio_vs_raw, import_child_peak_rss_mb (tsx, a script rather than the bot): the first-run baseline (fetch every page from X and
// record it) against the floor — the same pages recorded with one raw multi-row INSERT each.
import { startFakeX } from '../src/sandbox/x';
import { round, runChild } from './lib';

interface ChildResult {
  mode: string;
  driver: string;
  rows: number;
  ms: number;
  per_s: number;
  peak_rss_mb: number;
}

export interface ImportRun {
  followers: number;
  driver: 'embedded' | 'postgres';
  accueil: ChildResult;
  raw: ChildResult;
  ratio: number;
}

export interface ImportBenchResult {
  import_rate_ratio_vs_raw: number;
  import_child_peak_rss_mb: number;
  runs: ImportRun[];
}

export async function runImportBench(sizes = [10_000, 100_000], postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'): Promise<ImportBenchResult> {
  const runs: ImportRun[] = [];
  for (const followers of sizes) {
    const x = await startFakeX();
    x.addFollowers(followers);
    const env = {
      FAKE_X_URL: x.url,
      FAKE_X_KEY: x.credentials.apiKey,
      FAKE_X_SECRET: x.credentials.apiSecret,
      FAKE_X_TOKEN: x.credentials.accessToken,
      FAKE_X_TOKEN_SECRET: x.credentials.accessSecret,
      FAKE_X_ACCOUNT: x.account.id,
    };
    try {
      for (const driver of ['embedded', 'postgres'] as const) {
        const dbEnv = driver === 'postgres' ? { ...env, DATABASE_URL: postgresUrl } : { ...env, DATABASE_URL: '' };
        const accueil = await runChild<ChildResult>('bench/import-child.ts', ['accueil'], dbEnv);
        const raw = await runChild<ChildResult>('bench/import-child.ts', ['raw'], dbEnv);
        if (accueil.rows !== followers || raw.rows !== followers) throw new Error(`import lost rows: ${accueil.rows}/${raw.rows} of ${followers}`);
        runs.push({ followers, driver, accueil, raw, ratio: round(accueil.per_s / raw.per_s, 3) });
      }
    } finally {
      await x.close();
    }
  }
  const at100k = runs.filter((run) => run.followers === 100_000);
  const reference = at100k.length ? at100k : runs;
  return {
    import_rate_ratio_vs_raw: Math.min(...reference.map((run) => run.ratio)),
    import_child_peak_rss_mb: Math.max(...reference.map((run) => run.accueil.peak_rss_mb)),
    runs,
  };
}
