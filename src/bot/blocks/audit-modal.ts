// The modal behind a bare `/audit-dm`: a text box and DM-or-mention. Submitting it replaces the
// modal with the same inputs, still filled in, and the report under them, so nothing is lost.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { ACCOUNT_KINDS, CHANNELS, type Channel, type Lang } from '../../domain';
import type { HandAuditSettings } from '../../desk/manual';
import { buildAuditReport, type AuditReportView } from './audit-report';
import { t as words } from '../../i18n';
import { LIMITS, context, divider, plainText, type KnownBlock } from './kit';

/** The ids Slack echoes back in view_submission: the modal's callback_id and the path to each value. */
export const AUDIT_MODAL = {
  callbackId: 'audit_text_modal',
  textBlockId: 'audit_text_block',
  textActionId: 'audit_text_input',
  kindBlockId: 'audit_kind_block',
  kindActionId: 'audit_kind_choice',
} as const;

export interface AuditModalOptions {
  lang: Lang;
  text?: string;
  kind?: Channel;
  /** The channel the form was opened from: it picks the account whose settings apply. */
  slackChannelId?: string;
  /**
   * That account's settings, read when the form opens and carried in private_metadata, so a
   * submission is audited and answered without a query before Slack's ack.
   */
  settings?: HandAuditSettings;
  /** The report of the last submission, shown under the inputs. */
  report?: Omit<AuditReportView, 'lang'>;
}

/** Blocks before the report: two inputs, a divider, a hint. */
const INPUT_BLOCKS = 4;

export function buildAuditModal(opts: AuditModalOptions): types.ModalView {
  const t = words(opts.lang).audit;
  const kind = opts.kind ?? 'dm';
  const option = (value: Channel): types.Option => ({
    text: plainText(value === 'dm' ? t.modalKindDm : t.modalKindMention, 75),
    value,
  });
  const textInput: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: AUDIT_MODAL.textActionId,
    multiline: true,
    max_length: LIMITS.inputMaxLength,
    focus_on_load: opts.report === undefined,
  };
  if (opts.text) textInput.initial_value = opts.text.slice(0, LIMITS.inputMaxLength);
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: AUDIT_MODAL.textBlockId,
      label: plainText(t.modalTextLabel, LIMITS.inputLabel),
      hint: plainText(t.modalTextHint, LIMITS.inputHint),
      element: textInput,
    },
    {
      type: 'input',
      block_id: AUDIT_MODAL.kindBlockId,
      label: plainText(t.modalKindLabel, LIMITS.inputLabel),
      element: {
        type: 'radio_buttons',
        action_id: AUDIT_MODAL.kindActionId,
        options: CHANNELS.map(option),
        initial_option: option(kind),
      },
    },
  ];
  if (opts.report) {
    blocks.push(divider(), context([plainText(t.modalAgain, 300)], () => ''));
    blocks.push(...buildAuditReport({ ...opts.report, lang: opts.lang }, LIMITS.modalBlocks - INPUT_BLOCKS).blocks);
  }
  const metadata: Metadata = {
    ...(opts.slackChannelId ? { slackChannelId: opts.slackChannelId } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
  };
  return {
    type: 'modal',
    callback_id: AUDIT_MODAL.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: plainText(t.modalTitle, LIMITS.modalTitle),
    submit: plainText(t.modalSubmit, LIMITS.modalButton),
    close: plainText(t.modalClose, LIMITS.modalButton),
    blocks,
  };
}

const Settings = z.object({
  accountId: z.number().int().nullable(),
  ownDomains: z.array(z.string()),
  accountKind: z.enum(ACCOUNT_KINDS),
  ruleOverrides: z.record(z.string(), z.enum(['error', 'warning', 'info', 'off'])),
});
const Metadata = z.object({ slackChannelId: z.string().regex(/^[CGD][A-Z0-9]{2,}$/).optional(), settings: Settings.optional() });
type Metadata = z.infer<typeof Metadata>;

/** Our own metadata; anything unreadable only loses the channel, and so falls back to the first account. */
function readMetadata(raw: string | undefined): Metadata {
  try {
    const parsed = Metadata.safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const Submission = z.object({
  callback_id: z.literal(AUDIT_MODAL.callbackId),
  private_metadata: z.string().optional(),
  state: z.object({
    values: z.object({
      [AUDIT_MODAL.textBlockId]: z.object({
        [AUDIT_MODAL.textActionId]: z.object({ value: z.string().nullable().optional() }),
      }),
      [AUDIT_MODAL.kindBlockId]: z
        .object({
          [AUDIT_MODAL.kindActionId]: z.object({ selected_option: z.object({ value: z.enum(CHANNELS) }).nullable().optional() }),
        })
        .optional(),
    }),
  }),
});

export type AuditSubmission =
  /** `settings` is missing only from a form opened by an older version of the bot. */
  | { ok: true; text: string; kind: Channel; slackChannelId?: string; settings?: HandAuditSettings }
  | { ok: false; reason: 'empty' | 'malformed' };

/** The text and kind from the audit modal's view_submission. A missing kind means DM, the default. */
export function readAuditSubmission(view: unknown): AuditSubmission {
  const parsed = Submission.safeParse(view);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const values = parsed.data.state.values;
  const text = (values[AUDIT_MODAL.textBlockId]?.[AUDIT_MODAL.textActionId]?.value ?? '').replace(/\r\n?/g, '\n').trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const kind = values[AUDIT_MODAL.kindBlockId]?.[AUDIT_MODAL.kindActionId]?.selected_option?.value ?? 'dm';
  const { slackChannelId, settings } = readMetadata(parsed.data.private_metadata);
  return { ok: true, text, kind, ...(slackChannelId ? { slackChannelId } : {}), ...(settings ? { settings } : {}) };
}
