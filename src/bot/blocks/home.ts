// The App Home tab: the queue of each account (oldest card first, a link to each), the week's
// figures, and each account's settings with an Edit button; and the modal that edits them.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { QueuedCard, WeekFigures } from '../../db/home';
import type { WaitingConversation } from '../../db/conversation-reports';
import type { XAccountRow } from '../../db/schema';
import { ACCOUNT_KINDS, checkOwnDomains, DM_POLICIES, SEND_MODES, type AccountKind, type DmPolicy, type Lang, type SendMode } from '../../domain';
import type { EditableSettings } from '../../db/accounts';
import { VOICE_ADDRESSES, type VoiceAddress } from '../../domain/templates';
import { checkSignOff, MAX_SIGN_OFF_LENGTH } from '../../desk/templates';
import { ownDomainRefusal, t as words } from '../../i18n';
import { escapeMrkdwn, handleLabel, handleMrkdwn } from './escape';
import { button, context, divider, header, inputBlock, LIMITS, mrkdwn, mrkdwnSection, plainText, slackDate, type KnownBlock } from './kit';
import { templateBlocks, type HomeTemplates } from './home-templates';

export const HOME_IDS = {
  editAccount: 'home_edit_account',
  settingsModal: 'home_account_settings',
} as const;

/** block_id / action_id of each input in the settings modal: the path to its value in view.state.values. */
export const SETTINGS_INPUTS = {
  channel: { blockId: 'settings_channel', actionId: 'channel' },
  kind: { blockId: 'settings_kind', actionId: 'kind' },
  dmPolicy: { blockId: 'settings_dm_policy', actionId: 'dm_policy' },
  sendMode: { blockId: 'settings_send_mode', actionId: 'send_mode' },
  ownDomains: { blockId: 'settings_own_domains', actionId: 'own_domains' },
  topics: { blockId: 'settings_topics', actionId: 'topics' },
  /** X's prior approval for AI-generated replies (a checkbox; off by default). */
  aiReplies: { blockId: 'settings_ai_replies', actionId: 'ai_replies' },
  voiceAddress: { blockId: 'settings_voice_address', actionId: 'voice_address' },
  signOff: { blockId: 'settings_sign_off', actionId: 'sign_off' },
  showDmText: { blockId: 'settings_show_dm_text', actionId: 'show_dm_text' },
} as const;

/** The value of the ticked "approved by X" checkbox. */
export const AI_REPLIES_APPROVED = 'approved';

/** Cards (and waiting conversations) listed per account; the rest are counted. Seven blocks an account keep thirteen accounts under Slack's 100. */
export const QUEUE_SHOWN = 10;
const ACCOUNTS_SHOWN = 13;

export interface HomeAccount {
  account: XAccountRow;
  queue: { cards: QueuedCard[]; total: number };
  figures: WeekFigures;
  /** The account's templates and their experiment (issue 13); left out when not gathered. */
  templates?: HomeTemplates;
  /** Conversations waiting for an answer, oldest first. */
  waiting?: { conversations: WaitingConversation[]; total: number };
}

/** A link to a message that opens it in Slack: https://slack.com/archives/<channel>/p<ts without its dot>. */
export function cardLink(channel: string, ts: string): string {
  return `https://slack.com/archives/${encodeURIComponent(channel)}/p${ts.replace('.', '')}`;
}

/** A link to a reply in a card's thread: https://slack.com/archives/<channel>/p<ts without its dot>?thread_ts=<card ts>&cid=<channel>. */
export function threadLink(channel: string, ts: string, threadTs: string): string {
  return `${cardLink(channel, ts)}?thread_ts=${encodeURIComponent(threadTs)}&cid=${encodeURIComponent(channel)}`;
}

/** The conversations waiting for an answer: each a link to its thread (to their oldest unanswered message). */
function waitingSection(waiting: NonNullable<HomeAccount['waiting']>, lang: Lang): KnownBlock {
  const c = words(lang).conversationReport;
  const lines = waiting.conversations.map((conversation) => {
    const since = slackDate(conversation.since.toISOString(), '{date_short_pretty} {time}');
    const name = conversation.name ? ` (${escapeMrkdwn(conversation.name, 60, { singleLine: true })})` : '';
    if (!conversation.cardTs) return `• ${c.homeLine(`${handleMrkdwn(conversation.handle)}${name}`, since, conversation.messages)}, ${c.notPosted}`;
    const link = conversation.messageTs
      ? threadLink(conversation.slackChannelId, conversation.messageTs, conversation.cardTs)
      : cardLink(conversation.slackChannelId, conversation.cardTs);
    return `• ${c.homeLine(`<${link}|${handleLabel(conversation.handle)}>${name}`, since, conversation.messages)}`;
  });
  if (waiting.total > waiting.conversations.length) lines.push(c.more(waiting.total - waiting.conversations.length));
  return mrkdwnSection(truncateLines([c.homeTitle(waiting.total), ...lines], LIMITS.sectionText));
}

/** The Home tab for one teammate. Pure: everything it shows is in `accounts`. */
export function buildHomeView(accounts: HomeAccount[], lang: Lang): types.HomeView {
  const t = words(lang).home;
  const blocks: KnownBlock[] = [header(t.title), context([plainText(t.intro, 3000)], () => '')];
  if (accounts.length === 0) blocks.push(mrkdwnSection(t.none));
  const shown = accounts.slice(0, ACCOUNTS_SHOWN);
  // Slack takes 100 blocks on a Home tab: each account's own blocks first, then its templates while
  // they fit (the rest say where to look instead).
  const perAccount = shown.map((entry) => accountBlocks(entry, lang));
  let budget = LIMITS.homeBlocks - blocks.length - perAccount.reduce((sum, b) => sum + b.length, 0) - 1;
  shown.forEach((entry, i) => {
    const own = perAccount[i]!;
    if (entry.templates) {
      const more = templateBlocks(entry.account.id, entry.templates, lang);
      const pointer = [context([mrkdwn(words(lang).templateDesk.moreTemplates(new Set(entry.templates.templates.map((x) => x.key)).size))], () => '')];
      const extra = more.length <= budget ? more : budget >= 1 ? pointer : [];
      budget -= extra.length;
      // Before the account's closing divider.
      own.splice(own.length - 1, 0, ...extra);
    }
    blocks.push(...own);
  });
  if (accounts.length > ACCOUNTS_SHOWN) blocks.push(context([mrkdwn(t.moreAccounts(accounts.length - ACCOUNTS_SHOWN))], () => ''));
  return { type: 'home', blocks };
}

function accountBlocks({ account, queue, figures, waiting }: HomeAccount, lang: Lang): KnownBlock[] {
  const t = words(lang).home;
  const figure = (label: string, n: number) => mrkdwn(`*${label}*\n${words(lang).format.number(n)}`);
  const lines = queue.cards.map((card) => {
    // In the card's link the handle is a label; without a card, a link to the profile: neither pings.
    const who = card.slackTs ? handleLabel(card.handle) : handleMrkdwn(card.handle);
    const name = card.name ? ` (${escapeMrkdwn(card.name, 60, { singleLine: true })})` : '';
    const since = t.waitingSince(slackDate(card.createdAt.toISOString(), '{date_short_pretty} {time}'));
    return card.slackTs ? `• <${cardLink(card.slackChannelId, card.slackTs)}|${who}>${name} — ${since}` : `• ${who}${name} — ${since}, ${t.notPosted}`;
  });
  if (queue.total > queue.cards.length) lines.push(t.more(queue.total - queue.cards.length));
  const list = (values: string[]) => (values.length ? escapeMrkdwn(values.join(', '), 900) : t.empty);
  const label = (value: string) => optionLabel(value, lang);
  return [
    header(`@${account.handle}`),
    context([mrkdwn(t.deskIn(account.slackChannelId))], () => ''),
    {
      type: 'section',
      text: mrkdwn(t.week),
      fields: [
        figure(t.newFollowers, figures.newFollowers),
        figure(t.cards, figures.cards),
        figure(t.sentDm, figures.sentByDm),
        figure(t.sentMention, figures.sentByMention),
        figure(t.skipped, figures.skipped),
        figure(t.pending, figures.pending),
      ],
    },
    mrkdwnSection(truncateLines([t.queue(queue.total), ...lines], LIMITS.sectionText)),
    ...(waiting ? [waitingSection(waiting, lang)] : []),
    {
      type: 'section',
      text: mrkdwn(`${t.settings} — ${handleMrkdwn(account.handle)}`),
      fields: [
        mrkdwn(`*${t.kind}*\n${label(account.kind)}`),
        mrkdwn(`*${t.dmPolicy}*\n${label(account.dmPolicy)}`),
        mrkdwn(`*${t.sendMode}*\n${label(account.sendMode)}`),
        mrkdwn(`*${t.ownDomains}*\n${list(account.ownDomains)}`),
        mrkdwn(`*${t.topics}*\n${list(account.topics)}`),
        mrkdwn(account.aiRepliesApproved ? words(lang).model.aiRepliesApproved : words(lang).model.aiRepliesManual),
        showDmTextField(account, lang),
      ],
      accessory: button({ text: t.edit, actionId: HOME_IDS.editAccount, value: String(account.id) }),
    },
    divider(),
  ];
}

/** Whole lines only, within Slack's limit for a section. */
function truncateLines(lines: string[], max: number): string {
  let out = '';
  for (const line of lines) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (next.length > max) break;
    out = next;
  }
  return out;
}

function optionLabel(value: string, lang: Lang): string {
  const options: Record<string, string> = words(lang).home.option;
  return options[value] ?? value;
}

// ─── The settings modal ───────────────────────────────────────────────────────────────────

function select(values: readonly string[], initial: string, actionId: string, lang: Lang): types.StaticSelect {
  const option = (value: string): types.PlainTextOption => ({ text: plainText(optionLabel(value, lang), 75), value });
  return { type: 'static_select', action_id: actionId, options: values.map(option), initial_option: option(initial) };
}

/**
 * What the settings modal carries from its opening to its submission (private_metadata, which only
 * we write): the account, and the teammate it was opened for once they were found allowed to edit
 * it, so a submission is checked without a query before Slack's ack.
 */
const SettingsMetadata = z.object({
  accountId: z.number().int(),
  editor: z.string().min(1),
  handle: z.string(),
  slackChannelId: z.string(),
});
export type SettingsMetadata = z.infer<typeof SettingsMetadata>;

/** The modal that edits one account's settings, opened for `editor`, who may. */
export function buildAccountSettingsModal(account: XAccountRow, lang: Lang, editor: string): types.ModalView {
  const metadata: SettingsMetadata = { accountId: account.id, editor, handle: account.handle, slackChannelId: account.slackChannelId };
  const t = words(lang).home;
  const text = (ids: { actionId: string }, value: string[]): types.PlainTextInput => ({
    type: 'plain_text_input',
    action_id: ids.actionId,
    initial_value: value.join(', '),
    max_length: LIMITS.inputMaxLength,
  });
  return {
    type: 'modal',
    callback_id: HOME_IDS.settingsModal,
    private_metadata: JSON.stringify(metadata),
    title: plainText(t.modalTitle, LIMITS.modalTitle),
    submit: plainText(t.save, LIMITS.modalButton),
    close: plainText(t.cancel, LIMITS.modalButton),
    blocks: [
      context([mrkdwn(handleMrkdwn(account.handle))], () => ''),
      inputBlock(SETTINGS_INPUTS.channel, t.channel, { type: 'channels_select', action_id: SETTINGS_INPUTS.channel.actionId, initial_channel: account.slackChannelId }),
      inputBlock(SETTINGS_INPUTS.kind, t.kind, select(ACCOUNT_KINDS, account.kind, SETTINGS_INPUTS.kind.actionId, lang)),
      inputBlock(SETTINGS_INPUTS.dmPolicy, t.dmPolicy, select(DM_POLICIES, account.dmPolicy, SETTINGS_INPUTS.dmPolicy.actionId, lang), { hint: t.dmPolicyHint }),
      inputBlock(SETTINGS_INPUTS.sendMode, t.sendMode, select(SEND_MODES, account.sendMode, SETTINGS_INPUTS.sendMode.actionId, lang)),
      inputBlock(SETTINGS_INPUTS.ownDomains, t.ownDomains, text(SETTINGS_INPUTS.ownDomains, account.ownDomains), { hint: t.domainsHint, optional: true }),
      inputBlock(SETTINGS_INPUTS.topics, t.topics, text(SETTINGS_INPUTS.topics, account.topics), { hint: t.topicsHint, optional: true }),
      ...voiceInputs(account, lang),
      aiRepliesInput(account, lang),
      showDmTextInput(account, lang),
    ],
  };
}

/** The account's declaration of X's approval for AI-generated replies, with X's guideline quoted where it is set. */
function aiRepliesInput(account: XAccountRow, lang: Lang): types.InputBlock {
  const m = words(lang).model;
  const option: types.Option = { text: plainText(m.aiRepliesOption, 75), value: AI_REPLIES_APPROVED };
  const element: types.Checkboxes = {
    type: 'checkboxes',
    action_id: SETTINGS_INPUTS.aiReplies.actionId,
    options: [option],
    ...(account.aiRepliesApproved ? { initial_options: [option] } : {}),
  };
  return inputBlock(SETTINGS_INPUTS.aiReplies, m.aiRepliesLabel, element, { hint: m.aiRepliesHint, optional: true });
}

/** The voice of the account's welcomes (issue 13): French `vous` or `tu`, and the DM's sign-off. */
function voiceInputs(account: XAccountRow, lang: Lang): types.InputBlock[] {
  const v = words(lang).templateDesk.voice;
  const option = (value: VoiceAddress): types.PlainTextOption => ({ text: plainText(v[value], 75), value });
  return [
    inputBlock(SETTINGS_INPUTS.voiceAddress, v.address, { type: 'static_select', action_id: SETTINGS_INPUTS.voiceAddress.actionId, options: VOICE_ADDRESSES.map(option), initial_option: option(account.voiceAddress) }, { hint: v.addressHint }),
    inputBlock(
      SETTINGS_INPUTS.signOff,
      v.signOff,
      { type: 'plain_text_input', action_id: SETTINGS_INPUTS.signOff.actionId, max_length: MAX_SIGN_OFF_LENGTH, ...(account.signOff ? { initial_value: account.signOff } : {}) },
      { hint: v.signOffHint, optional: true },
    ),
  ];
}

// ─── Conversations (issue 12): whether DM text is shown in the channel ─────────────────────

const DM_TEXT_CHOICES = ['shown', 'hidden'] as const;

function showDmTextField(account: XAccountRow, lang: Lang): types.MrkdwnElement {
  const t = words(lang).conversation;
  return mrkdwn(`*${t.showDmText}*\n${t.showDmTextOption[account.showDmText ? 'shown' : 'hidden']}`);
}

function showDmTextInput(account: XAccountRow, lang: Lang): types.InputBlock {
  const t = words(lang).conversation;
  const option = (value: (typeof DM_TEXT_CHOICES)[number]): types.PlainTextOption => ({ text: plainText(t.showDmTextOption[value], 75), value });
  const ids = SETTINGS_INPUTS.showDmText;
  const element: types.StaticSelect = { type: 'static_select', action_id: ids.actionId, options: DM_TEXT_CHOICES.map(option), initial_option: option(account.showDmText ? 'shown' : 'hidden') };
  return inputBlock(ids, t.showDmText, element, { hint: t.showDmTextHint });
}

/** The submitted DM text choice; null when the form did not carry it (a modal opened before it existed). */
export function readShowDmText(view: SubmittedView): boolean | null {
  const ids = SETTINGS_INPUTS.showDmText;
  const picked = view.state.values[ids.blockId]?.[ids.actionId]?.selected_option?.value;
  return picked === 'shown' ? true : picked === 'hidden' ? false : null;
}

/** A modal that only says why the settings cannot be edited (`text` is ours: mrkdwn, for the channel link). */
export function buildSettingsRefusalModal(text: string, lang: Lang): types.ModalView {
  const t = words(lang).home;
  return { type: 'modal', title: plainText(t.refusalTitle, LIMITS.modalTitle), close: plainText(t.ok, LIMITS.modalButton), blocks: [mrkdwnSection(text)] };
}

type StateValue = {
  value?: string | null;
  selected_channel?: string | null;
  selected_conversation?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }> | null;
};
interface SubmittedView {
  private_metadata?: string;
  state: { values: Record<string, Record<string, StateValue>> };
}

/** The voice as submitted; a field the modal did not hold (an older modal) is left as it was (undefined). */
export interface VoiceSubmission {
  voiceAddress?: VoiceAddress;
  /** null: the built-in sign-off with the account's name. */
  signOff?: string | null;
}

/**
 * `opened` is what the modal carried since it opened; null when the metadata is not ours.
 * aiRepliesApproved: undefined when the form had no such field (left as it was).
 */
export type SettingsSubmission =
  | { ok: true; opened: SettingsMetadata; settings: EditableSettings; voice: VoiceSubmission; aiRepliesApproved?: boolean }
  | { ok: false; opened: SettingsMetadata | null; errors: Record<string, string> };

/** The submitted settings, checked; errors are keyed by block_id, as Slack shows them under each field. */
export function readAccountSettingsSubmission(view: SubmittedView, lang: Lang): SettingsSubmission {
  const t = words(lang).home;
  let opened: SettingsMetadata | null = null;
  try {
    const parsed = SettingsMetadata.safeParse(JSON.parse(view.private_metadata ?? ''));
    if (parsed.success) opened = parsed.data;
  } catch {
    // Not our metadata: refused below.
  }
  const value = (ids: { blockId: string; actionId: string }) => view.state.values[ids.blockId]?.[ids.actionId];
  const errors: Record<string, string> = {};
  const choice = <T extends string>(ids: { blockId: string; actionId: string }, allowed: readonly T[]): T => {
    const picked = value(ids)?.selected_option?.value;
    if (!picked || !(allowed as readonly string[]).includes(picked)) errors[ids.blockId] = t.missing;
    return picked as T;
  };
  const channel = value(SETTINGS_INPUTS.channel);
  const slackChannelId = channel?.selected_channel ?? channel?.selected_conversation ?? '';
  if (!/^[CG][A-Z0-9]{2,}$/.test(slackChannelId)) errors[SETTINGS_INPUTS.channel.blockId] = t.missing;
  const kind = choice<AccountKind>(SETTINGS_INPUTS.kind, ACCOUNT_KINDS);
  const dmPolicy = choice<DmPolicy>(SETTINGS_INPUTS.dmPolicy, DM_POLICIES);
  const sendMode = choice<SendMode>(SETTINGS_INPUTS.sendMode, SEND_MODES);
  const domains = checkOwnDomains(splitList(value(SETTINGS_INPUTS.ownDomains)?.value));
  const ownDomains = domains.ok ? domains.domains : [];
  if (!domains.ok) errors[SETTINGS_INPUTS.ownDomains.blockId] = `${ownDomainRefusal(domains, lang)}.`;
  const topics = splitList(value(SETTINGS_INPUTS.topics)?.value);
  const voice: VoiceSubmission = {};
  const address = value(SETTINGS_INPUTS.voiceAddress);
  if (address) voice.voiceAddress = choice<VoiceAddress>(SETTINGS_INPUTS.voiceAddress, VOICE_ADDRESSES);
  const signOff = value(SETTINGS_INPUTS.signOff);
  if (signOff) {
    const checked = checkSignOff(signOff.value ?? null);
    if (checked.ok) voice.signOff = checked.signOff;
    else errors[SETTINGS_INPUTS.signOff.blockId] = words(lang).templateDesk.voice.signOffProblem[checked.problem];
  }
  if (opened === null || Object.keys(errors).length > 0) return { ok: false, opened, errors };
  const aiReplies = value(SETTINGS_INPUTS.aiReplies);
  const aiRepliesApproved = aiReplies ? (aiReplies.selected_options ?? []).some((option) => option.value === AI_REPLIES_APPROVED) : undefined;
  return { ok: true, opened, settings: { slackChannelId, kind, dmPolicy, sendMode, ownDomains, topics }, voice, ...(aiRepliesApproved === undefined ? {} : { aiRepliesApproved }) };
}

const splitList = (raw: string | null | undefined) =>
  (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
