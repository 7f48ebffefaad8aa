// The modal behind *Edit…*: the draft in a text box, the audit's findings under it, and the
// welcome it belongs to carried in private_metadata so the submission needs no lookup state.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { CHANNELS, type Channel, type Lang } from '../../domain';
import type { Finding } from '../../rules/types';
import { EDIT_INPUT, VIEWS } from '../ids';
import { LIMITS, context, plainText, type KnownBlock, jsonMetadata } from './kit';
import { t as words } from '../../i18n';

/**
 * How much the text box accepts. Slack caps a text input at 3,000 characters, below X's 10,000
 * for a DM. A public welcome is 280 *weighted* characters, where any link counts as 23, so the
 * raw text may be longer than 280: 1,000 leaves room for long links and still stops a pasted
 * essay. The audit applies X's real count on save.
 */
export const EDIT_MAX_LENGTH: Record<Channel, number> = { dm: LIMITS.inputMaxLength, mention: 1000 };

export interface EditModalOptions {
  welcomeId: number;
  draft: string;
  channel: Channel;
  lang: Lang;
  findings?: Finding[];
  /** When the draft shown was last edited (ms), null when never: a save on a draft changed since is refused. */
  seenEditedAt?: number | null;
}

const Metadata = z.object({ welcomeId: z.number().int().positive(), channel: z.enum(CHANNELS), seenEditedAt: z.number().nullable().optional() });
type Metadata = z.infer<typeof Metadata>;

export function buildEditModal(opts: EditModalOptions): types.ModalView {
  const t = words(opts.lang).card;
  const metadata: Metadata = { welcomeId: opts.welcomeId, channel: opts.channel, seenEditedAt: opts.seenEditedAt ?? null };
  // Never below the draft's own length, so Slack does not refuse the prefilled text.
  const maxLength = Math.min(LIMITS.inputMaxLength, Math.max(EDIT_MAX_LENGTH[opts.channel], opts.draft.length));
  const input: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: EDIT_INPUT.actionId,
    multiline: true,
    max_length: maxLength,
    focus_on_load: true,
  };
  if (opts.draft !== '') input.initial_value = opts.draft;

  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: EDIT_INPUT.blockId,
      label: plainText(t.modalLabel[opts.channel], LIMITS.inputLabel),
      hint: plainText(t.modalHint[opts.channel], LIMITS.inputHint),
      element: input,
    },
  ];
  const findings = opts.findings ?? [];
  for (let i = 0; i < findings.length && blocks.length < LIMITS.modalBlocks; i += LIMITS.contextElements) {
    const chunk = findings.slice(i, i + LIMITS.contextElements);
    blocks.push(context(chunk.map((f) => plainText(`${t.severity[f.severity]} ${f.message}${f.suggestion ? ` → ${f.suggestion}` : ''}`, 1000)), t.moreItems));
  }

  return {
    type: 'modal',
    callback_id: VIEWS.editWelcome,
    private_metadata: JSON.stringify(metadata),
    title: plainText(t.modalTitle, LIMITS.modalTitle),
    submit: plainText(t.modalSave, LIMITS.modalButton),
    close: plainText(t.modalCancel, LIMITS.modalButton),
    blocks,
  };
}

const Submission = z.object({
  callback_id: z.literal(VIEWS.editWelcome),
  private_metadata: jsonMetadata(Metadata),
  state: z.object({
    values: z.object({
      [EDIT_INPUT.blockId]: z.object({
        [EDIT_INPUT.actionId]: z.object({ value: z.string().nullable().optional() }),
      }),
    }),
  }),
});

export interface EditSubmission {
  welcomeId: number;
  channel: Channel;
  /** The edited text, line endings normalised and outer whitespace trimmed; never empty. */
  text: string;
  /** Absent for a modal opened before the bot carried it. */
  seenEditedAt?: number | null;
}

/** The welcome and text from an edit modal's view_submission. Throws on anything else, or on an empty text. */
export function readEditSubmission(view: unknown): EditSubmission {
  const parsed = Submission.safeParse(view);
  if (!parsed.success) throw new Error(`Not an edit-welcome submission: ${z.prettifyError(parsed.error)}`);
  const { private_metadata: meta, state } = parsed.data;
  const raw = state.values[EDIT_INPUT.blockId]?.[EDIT_INPUT.actionId]?.value ?? '';
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') throw new Error('Not an edit-welcome submission: the text is empty');
  return { welcomeId: meta.welcomeId, channel: meta.channel, text, ...(meta.seenEditedAt !== undefined ? { seenEditedAt: meta.seenEditedAt } : {}) };
}
