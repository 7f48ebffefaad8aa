import { afterEach, describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/db/accounts';
import { listWelcomeEvents } from '../../src/db/welcomes';
import { changeTemplate, createCheckedTemplate, editCheckedTemplate, setVoice } from '../../src/desk/templates';
import { startTestDesk, welcomeIdOf, type TestDesk } from '../helpers/desk';
import { welcomeRow } from '../helpers/wait';

let desk: TestDesk | undefined;

afterEach(async () => {
  const refused = desk?.x.refused ?? [];
  await desk?.stop();
  desk = undefined;
  expect(refused).toEqual([]);
});

const TEAMMATE = { by: 'U0MARIE01', source: 'slack' } as const;

describe('a template the team wrote', () => {
  it('is used by the next card when it is the only live one, in the account’s voice, and an edit is the version the card after uses', async () => {
    desk = await startTestDesk();
    const db = desk.bot.desk.db;
    const [account] = await listAccounts(db);
    const created = await createCheckedTemplate(
      db,
      account!,
      { key: 'fr-mention-atelier', lang: 'fr', channel: 'mention', body: 'Merci {name}, bienvenue à l’atelier ! [[On parle souvent {de topic} ici, {vous êtes|tu es} au bon endroit.]]' },
      TEAMMATE,
    );
    expect(created.ok).toBe(true);
    const promoted = await changeTemplate(db, account!, 'fr-mention-atelier', 'promote', TEAMMATE);
    expect(promoted.paused.sort()).toEqual(['fr-mention-1', 'fr-mention-2', 'fr-mention-3']);

    desk.x.addFollower({ name: 'Camille Durand', handle: 'camille_d', bio: 'Céramiste à Lyon, passionnée de design.' });
    await desk.poll();
    const [card] = await desk.waitForCards(1);
    const first = await welcomeRow(db, welcomeIdOf(card!));
    expect(first.lang).toBe('fr');
    expect(first.drafts.mention).toMatch(/^@camille_d Merci Camille, bienvenue à l’atelier\u202F!/);
    expect(first).toMatchObject({ templateId: 'fr-mention-atelier', templateVersion: 1, draftSource: 'template' });
    expect(JSON.stringify(card!.blocks)).toContain('bienvenue à l’atelier');
    const [createdEvent] = await listWelcomeEvents(db, first.id);
    expect(createdEvent!.detail).toMatchObject({ templateId: 'fr-mention-atelier', templateVersion: 1, draftSource: 'template' });

    const edited = await editCheckedTemplate(db, account!, 'fr-mention-atelier', 'Merci {name}, et bienvenue à l’atelier. [[{Vous verrez|Tu verras}, on parle souvent {de topic} ici.]]', TEAMMATE);
    expect(edited.ok && edited.template.version).toBe(2);
    expect((await setVoice(db, account!, { address: 'tu' })).ok).toBe(true);

    desk.x.addFollower({ name: 'Inès Garnier', handle: 'ines_g', bio: 'Passionnée de céramique et de design, à Nantes.' });
    await desk.poll();
    const [, second] = await desk.waitForCards(2);
    const next = await welcomeRow(db, welcomeIdOf(second!));
    expect(next).toMatchObject({ templateId: 'fr-mention-atelier', templateVersion: 2 });
    expect(next.drafts.mention).toMatch(/^@ines_g Merci Inès, et bienvenue à l’atelier\. Tu verras, on parle souvent de /);
    // The DM draft still comes from the built-in DM templates, in the tu form now.
    expect(next.drafts.dm).not.toMatch(/\b(vous|votre)\b/);
  });
});
