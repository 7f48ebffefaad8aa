import { ESLint } from 'eslint';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BotDesk } from '../src/bot/deps';
import type { Desk } from '../src/desk/desk';

// The layer map in eslint-layers.js, checked the way `npm run lint` checks it.
const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('imports point one way', () => {
  it('refuses a lower layer importing a higher one', async () => {
    expect(await problems('src/desk/probe.ts', "export { createCardPublisher } from '../bot/cards';\n")).toContain('accueil/layers');
    expect(await problems('src/db/probe.ts', "export type { Rule } from '../rules/types';\n")).toContain('accueil/layers');
    expect(await problems('src/x/probe.ts', "export const load = () => import('../db/accounts');\n")).toContain('accueil/layers');
    // The language model's client is an edge: it knows neither the rules, nor the database, nor the desk.
    expect(await problems('src/model/probe.ts', "export type { Finding } from '../rules/types';\n")).toContain('accueil/layers');
    expect(await problems('src/model/probe.ts', "export { createCardPublisher } from '../desk/cards';\n")).toContain('accueil/layers');
  });

  it('refuses shipped code importing the test tree', async () => {
    expect(await problems('src/demo-probe.ts', "export { startTestDesk } from '../test/helpers/desk';\n")).toContain('accueil/layers');
  });

  it('refuses a query written outside src/db', async () => {
    expect(await problems('src/desk/probe.ts', "import { eq } from 'drizzle-orm';\nexport const where = eq;\n")).toContain('@typescript-eslint/no-restricted-imports');
  });

  // Checked by `npm run typecheck`: the desk decides in codes, and only the Slack layer, handed a
  // BotDesk, knows the language its words are in.
  it('keeps the desk’s language off the Desk, on the Slack layer’s BotDesk', () => {
    expectTypeOf<Desk>().not.toHaveProperty('lang');
    expectTypeOf<BotDesk>().toHaveProperty('lang');
  });

  it('lets a higher layer import a lower one', async () => {
    expect(await problems('src/bot/probe.ts', "export { sentLink } from '../desk/cards';\nexport { listAccounts } from '../db/accounts';\n")).toEqual([]);
    expect(await problems('src/desk/probe.ts', "export { createLanguageModel } from '../model/client';\n")).toEqual([]);
  });
});
