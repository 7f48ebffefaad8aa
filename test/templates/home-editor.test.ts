// Issue 13: a template written in App Home — refused on the field when it uses an unknown slot,
// links a DM off the account's domains or sells; saved and previewed when it is good; `tu`/`vous`
// from the settings followed by the preview. Through signed Slack requests into the receiver.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_IDS, SETTINGS_INPUTS } from '../../src/bot/blocks/home';
import { TEMPLATE_EDITOR } from '../../src/bot/blocks/template-editor';
import { templateEvents, templates } from '../../src/db/schema';
import { blockActionsPayload, DEFAULTS, postInteraction } from '../../src/sandbox/slack-request';
import { DESK_CHANNEL, saveSettingsFromHome, SIGNING_SECRET, startTestDesk, type TestDesk } from '../helpers/desk';
import { clickNewTemplate, homeCount, openHome, submitEditor, typeInEditor, waitForHome } from './home';

const MARIE = DEFAULTS.userId;
const OUTSIDER = 'U0OUTSIDE1';
const BODY = TEMPLATE_EDITOR.inputs.body.blockId;

let desk: TestDesk;
beforeAll(async () => {
  desk = await startTestDesk({ slack: { channelMembers: ['U0BOT0001', MARIE] } });
});
afterAll(async () => {
  await desk?.stop();
});

/** What Slack would show: our escaping puts zero-width spaces around formatting marks such as `_`. */
const shown = (view: unknown) => JSON.stringify(view).replaceAll('\u200B', '');

const rowsOfKey = (key: string) => desk.bot.desk.db.select().from(templates).where(and(eq(templates.accountId, desk.bot.accountId), eq(templates.key, key)));

describe('the Templates section of App Home', () => {
  it('lists each live template per language and channel with its menu, and a New template button', async () => {
    const text = JSON.stringify(await openHome(desk, MARIE));
    expect(text).toContain('Templates and experiment');
    expect(text).toContain('*French · DM*');
    expect(text).toContain('*English · public mention*');
    expect(text).toContain('fr-dm-1 v1');
    expect(text).toContain('built in');
    expect(text).toContain('"action_id":"home_template_menu"');
    expect(text).toContain('"action_id":"home_template_new"');
  });

  it('opens the editor for a member of the desk channel, and only says why not to anyone else', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    expect(editor.view.callback_id).toBe(TEMPLATE_EDITOR.callbackId);
    const refused = await clickNewTemplate(desk, OUTSIDER);
    expect(refused.view.callback_id).toBeUndefined();
    expect(JSON.stringify(refused.view)).toContain(`Only members of <#${DESK_CHANNEL}> can change the templates of @maison_lumen`);
  });
});

describe('the template editor', () => {
  it('previews the text for sample followers with each one’s audit as it is typed', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const body = 'Bonjour {name}, merci de nous suivre ! [[On parle souvent {de topic} ici.]]\n[[{signoff}]]';
    const view = await typeInEditor(desk, editor, MARIE, { key: 'fr-dm-9', lang: 'fr', channel: 'dm', body });
    const text = shown(view);
    // The French samples: with a topic in the bio, without, a long name, no first name.
    expect(text).toContain('Bonjour Camille, merci de nous suivre');
    expect(text).toContain('On parle souvent de céramique ici.');
    expect(text).toContain('Bonjour Lucie, merci de nous suivre');
    expect(text).not.toContain('On parle souvent  ici');
    expect(text).toContain('Bonjour Marie-Alexandrine-Clémentine');
    // No first name to greet: a DM greets the handle.
    expect(text).toContain('Bonjour @fleur_2024, merci de nous suivre');
    expect(text).toContain('L’équipe Maison Lumen');
    expect(text).toMatch(/✅ Pass|⚠️ Warn/);
    // Nothing was saved by previewing.
    expect(await rowsOfKey('fr-dm-9')).toEqual([]);
  });

  it('starts in the desk’s language, as a DM; the Preview button refreshes the preview too', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const opened = shown(editor.view);
    expect(opened).toContain('"initial_option":{"text":{"type":"plain_text","text":"English","emoji":true},"value":"en"}');
    expect(opened).toContain('"initial_option":{"text":{"type":"plain_text","text":"DM","emoji":true},"value":"dm"}');
    const view = shown(await typeInEditor(desk, editor, MARIE, { key: 'en-dm-9', lang: 'en', channel: 'dm', body: 'Thanks for the follow, {name}! [[{signoff}]]' }, 'preview-button'));
    expect(view).toContain('Thanks for the follow, Jordan! The Maison Lumen team');
  });

  it('refuses an unknown slot, on the text field', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const res = await submitEditor(desk, editor, MARIE, { key: 'fr-dm-8', lang: 'fr', channel: 'dm', body: 'Bonjour {prenom}, merci de nous suivre !' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [BODY]: expect.stringContaining('{prenom} is not a slot') } });
    expect(await rowsOfKey('fr-dm-8')).toEqual([]);
  });

  it('refuses a DM that links outside the account’s own domains, on the text field', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const res = await submitEditor(desk, editor, MARIE, { key: 'fr-dm-8', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, merci de nous suivre ! Nos articles : https://bit.ly/lumen' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [BODY]: expect.stringContaining('bit.ly is not one of the team’s domains') } });
    expect(await rowsOfKey('fr-dm-8')).toEqual([]);
  });

  it('refuses a sales pitch, on the text field', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const res = await submitEditor(desk, editor, MARIE, {
      key: 'en-dm-8',
      lang: 'en',
      channel: 'dm',
      body: 'Thanks for following, {name}! Buy now and get 20% off with code WELCOME20 — limited offer!',
    });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [BODY]: expect.stringContaining('sales-pitch') } });
    expect(await rowsOfKey('en-dm-8')).toEqual([]);
  });

  it('refuses an id already taken, on the id field', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const res = await submitEditor(desk, editor, MARIE, { key: 'fr-dm-1', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, merci de nous suivre !' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [TEMPLATE_EDITOR.inputs.key.blockId]: expect.stringContaining('Another template already has this key') } });
  });

  it('saves a good one, logged with who, and shows it in the Home tab', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const before = homeCount(desk, MARIE);
    const res = await submitEditor(desk, editor, MARIE, { key: 'fr-dm-9', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, merci de nous suivre, au plaisir de vous lire ! [[{signoff}]]' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    // Saved after the answer (the submission acks right after its check), then the Home tab is shown again.
    const home = JSON.stringify(await waitForHome(desk, MARIE, before));
    const [row] = await rowsOfKey('fr-dm-9');
    expect(row).toMatchObject({ version: 1, lang: 'fr', channel: 'dm', state: 'live', createdBy: MARIE, source: 'slack' });
    const events = await desk.bot.desk.db.select().from(templateEvents).where(eq(templateEvents.templateId, row!.id));
    expect(events.map((e) => [e.type, e.actor])).toEqual([['created', MARIE]]);
    expect(home).toContain('fr-dm-9 v1');
    expect(home).toContain(`<@${MARIE}>`);
  });

  it('refuses a submission from someone outside the desk channel, and saves nothing', async () => {
    const editor = await clickNewTemplate(desk, MARIE);
    const res = await submitEditor(desk, editor, OUTSIDER, { key: 'fr-dm-7', lang: 'fr', channel: 'dm', body: 'Bonjour {name}, merci de nous suivre !' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { [BODY]: expect.stringContaining('Only members of') } });
    expect(await rowsOfKey('fr-dm-7')).toEqual([]);
  });
});

describe('the voice settings', () => {
  /** The account's settings saved from App Home, with the voice given. */
  function saveVoice(address: 'tu' | 'vous', signOff: string) {
    const select = { type: 'static_select', selected_option: { value: address } };
    return saveSettingsFromHome(desk, MARIE, {
      ownDomains: 'maison-lumen.fr',
      topics: 'céramique',
      extra: {
        [SETTINGS_INPUTS.voiceAddress.blockId]: { [SETTINGS_INPUTS.voiceAddress.actionId]: select },
        [SETTINGS_INPUTS.signOff.blockId]: { [SETTINGS_INPUTS.signOff.actionId]: signOff },
      },
    });
  }

  it('are in the settings modal, and the editor’s preview follows tu or vous and the sign-off', async () => {
    const triggerId = desk.slack.triggerId();
    const before = desk.slack.openedViews.length;
    await postInteraction(desk.eventsUrl, SIGNING_SECRET, blockActionsPayload({ actionId: HOME_IDS.editAccount, value: String(desk.bot.accountId), userId: MARIE, triggerId, blockId: 'home_settings' }));
    const settings = await desk.slack.waitFor(() => desk.slack.openedViews[before]);
    expect(JSON.stringify(settings.view)).toContain(SETTINGS_INPUTS.voiceAddress.blockId);
    expect(JSON.stringify(settings.view)).toContain('"value":"vous"');

    const body = 'Merci de {vous |t’}abonner, {name} ! [[{signoff}]]';
    const asVous = shown(await typeInEditor(desk, await clickNewTemplate(desk, MARIE), MARIE, { key: 'fr-dm-6', lang: 'fr', channel: 'dm', body }));
    expect(asVous).toContain('Merci de vous abonner, Camille');
    expect(asVous).toContain('L’équipe Maison Lumen');

    expect((await saveVoice('tu', 'Toute l’équipe Lumen')).body).toBe('');
    const asTu = shown(await typeInEditor(desk, await clickNewTemplate(desk, MARIE), MARIE, { key: 'fr-dm-6', lang: 'fr', channel: 'dm', body }));
    expect(asTu).toContain('Merci de t’abonner, Camille');
    expect(asTu).not.toContain('vous abonner');
    expect(asTu).toContain('Toute l’équipe Lumen');
    // English has no tu: the first form.
    const english = shown(
      await typeInEditor(desk, await clickNewTemplate(desk, MARIE), MARIE, { key: 'en-dm-6', lang: 'en', channel: 'dm', body: 'Thanks for {the|the} follow, {name}!' }),
    );
    expect(english).toContain('Thanks for the follow, Jordan!');
  });
});
