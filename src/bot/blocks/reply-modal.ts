// The modal behind Reply…: their message quoted (escaped), the ways to answer that X's rules and
// the account's settings leave open, a text field, and — after a first submit — the audit's warnings.
// What it answers travels in private_metadata, so the submission needs no state of ours.
import { createHash } from 'node:crypto';
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { ANSWER_VIAS, type AnswerClosed, type AnswerVia, type Lang, type MessageVia } from '../../domain';
import { t as words } from '../../i18n';
import type { Finding } from '../../rules/types';
import { ANSWER_MODAL } from '../ids';
import { escapeMrkdwn, handleMrkdwn } from './escape';
import { LIMITS, context, mrkdwn, mrkdwnSection, plainText, slackDate, type KnownBlock, jsonMetadata } from './kit';

export interface ReplyModalOptions {
  messageId: number;
  /** The card whose thread the message is in (a refused submission is logged on it). */
  welcomeId: number;
  lang: Lang;
  handle: string;
  via: MessageVia;
  text: string;
  writtenAt: Date | null;
  /** The ways open, in the order offered; the first is selected. Empty: the modal only explains. */
  open: AnswerVia[];
  /** Why each closed way is closed. */
  closed: Partial<Record<AnswerVia, AnswerClosed>>;
  /** Under FOUR_EYES the submit button says the answer goes to a second teammate. */
  fourEyes: boolean;
  /** After a submit with warnings: the text and way they are about, and the findings. */
  draft?: { text: string; via: AnswerVia; findings: Finding[] };
  /** The rules the audit runs on an answer, to say what is checked. */
  rules: readonly string[];
}

const Metadata = z.object({
  messageId: z.number().int().positive(),
  welcomeId: z.number().int().positive(),
  /** The only way open, when there is no choice to read from the form. */
  via: z.enum(ANSWER_VIAS).nullable(),
  /** The text and way whose warnings the teammate has seen: submitting them again sends. */
  warned: z.string().nullable(),
});

/** A fingerprint of an answer as it was warned about; a changed word means new warnings to read. */
export const warnedKey = (via: AnswerVia, text: string): string => createHash('sha256').update(`${via}\n${text}`).digest('hex').slice(0, 32);

export function buildReplyModal(opts: ReplyModalOptions): types.ModalView {
  const t = words(opts.lang).answer;
  const severity = words(opts.lang).card.severity;
  const when = opts.writtenAt ? slackDate(opts.writtenAt.toISOString()) : '';
  // Their words, escaped so they cannot ping, link or format, and quoted line by line.
  const quoted = escapeMrkdwn(opts.text, 2800)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  const blocks: KnownBlock[] = [context([mrkdwn(t.theyWrote(handleMrkdwn(opts.handle), opts.via, when))], words(opts.lang).card.moreItems), mrkdwnSection(quoted)];

  const reasons = ANSWER_VIAS.flatMap((via) => (opts.closed[via] ? [plainText(t.closed[opts.closed[via]!], 500)] : []));
  if (opts.open.length === 0) {
    blocks.push(mrkdwnSection(escapeMrkdwn(t.noWay)));
    if (reasons.length > 0) blocks.push(context(reasons, words(opts.lang).card.moreItems));
    return {
      type: 'modal',
      callback_id: ANSWER_MODAL.callbackId,
      private_metadata: JSON.stringify({ messageId: opts.messageId, welcomeId: opts.welcomeId, via: null, warned: null } satisfies z.infer<typeof Metadata>),
      title: plainText(t.modalTitle, LIMITS.modalTitle),
      close: plainText(t.cancel, LIMITS.modalButton),
      blocks,
    };
  }

  const chosen = opts.draft && opts.open.includes(opts.draft.via) ? opts.draft.via : opts.open[0]!;
  if (opts.open.length > 1) {
    const option = (via: AnswerVia): types.Option => ({ text: plainText(t.way[via], 75), value: via });
    blocks.push({
      type: 'input',
      block_id: ANSWER_MODAL.wayBlockId,
      label: plainText(t.wayLabel, LIMITS.inputLabel),
      element: { type: 'radio_buttons', action_id: ANSWER_MODAL.wayActionId, options: opts.open.map(option), initial_option: option(chosen) },
    });
  } else {
    blocks.push(context([plainText(t.onlyWay(t.way[chosen]), 500)], words(opts.lang).card.moreItems));
  }
  if (reasons.length > 0) blocks.push(context(reasons, words(opts.lang).card.moreItems));

  const input: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: ANSWER_MODAL.textActionId,
    multiline: true,
    max_length: LIMITS.inputMaxLength,
    focus_on_load: true,
  };
  if (opts.draft) input.initial_value = opts.draft.text.slice(0, LIMITS.inputMaxLength);
  blocks.push({
    type: 'input',
    block_id: ANSWER_MODAL.textBlockId,
    label: plainText(t.textLabel, LIMITS.inputLabel),
    hint: plainText(t.textHint[chosen], LIMITS.inputHint),
    element: input,
  });

  const findings = opts.draft?.findings ?? [];
  if (findings.length > 0) {
    blocks.push(context([plainText(t.warningsFirst, 500)], words(opts.lang).card.moreItems));
    for (let i = 0; i < findings.length && blocks.length < LIMITS.modalBlocks - 2; i += LIMITS.contextElements) {
      const chunk = findings.slice(i, i + LIMITS.contextElements);
      blocks.push(context(chunk.map((f) => plainText(`${severity[f.severity]} ${f.ruleId}: ${f.message}${f.suggestion ? ` → ${f.suggestion}` : ''}`, 1000)), words(opts.lang).card.moreItems));
    }
  }
  const notes = [plainText(t.rulesApplied(opts.rules.join(', ')), 1000)];
  if (opts.fourEyes) notes.push(plainText(t.fourEyesNote, 500));
  blocks.push(context(notes, words(opts.lang).card.moreItems));

  const metadata: z.infer<typeof Metadata> = {
    messageId: opts.messageId,
    welcomeId: opts.welcomeId,
    via: opts.open.length === 1 ? chosen : null,
    warned: opts.draft && findings.length > 0 ? warnedKey(opts.draft.via, opts.draft.text) : null,
  };
  return {
    type: 'modal',
    callback_id: ANSWER_MODAL.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: plainText(t.modalTitle, LIMITS.modalTitle),
    submit: plainText(findings.length > 0 ? t.sendAnyway : opts.fourEyes ? t.submitForApproval : t.send, LIMITS.modalButton),
    close: plainText(t.cancel, LIMITS.modalButton),
    blocks,
  };
}

const Submission = z.object({
  callback_id: z.literal(ANSWER_MODAL.callbackId),
  private_metadata: jsonMetadata(Metadata),
  state: z.object({
    values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullable().optional(), selected_option: z.looseObject({ value: z.string() }).nullable().optional() }))),
  }),
});

export type ReplySubmission =
  | { ok: true; messageId: number; welcomeId: number; via: AnswerVia; text: string; warned: string | null }
  | { ok: false; messageId: number | null; welcomeId: number | null; problem: 'empty' | 'no-way' | 'unreadable' };

/** What a Reply… modal's view_submission says: the message, the way, the text (trimmed, line endings normalised). */
export function readReplySubmission(view: unknown): ReplySubmission {
  const parsed = Submission.safeParse(view);
  if (!parsed.success) return { ok: false, messageId: null, welcomeId: null, problem: 'unreadable' };
  const { private_metadata: meta, state } = parsed.data;
  const ids = { messageId: meta.messageId, welcomeId: meta.welcomeId };
  const picked = state.values[ANSWER_MODAL.wayBlockId]?.[ANSWER_MODAL.wayActionId]?.selected_option?.value;
  const via = meta.via ?? (ANSWER_VIAS as readonly string[]).find((way) => way === picked);
  if (!via) return { ok: false, ...ids, problem: 'no-way' };
  const raw = state.values[ANSWER_MODAL.textBlockId]?.[ANSWER_MODAL.textActionId]?.value ?? '';
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { ok: false, ...ids, problem: 'empty' };
  return { ok: true, ...ids, via: via as AnswerVia, text, warned: meta.warned };
}
