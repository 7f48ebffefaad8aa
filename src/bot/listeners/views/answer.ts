// The Reply… modal's submission. Validation is the audit (an error stays in the modal, on the text
// field), the warnings (shown in the modal once; the same text sent again goes) and the answer
// stored once on the locked message — then the ack; the send job and the thread come after it.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { afterAnswerWritten, answerChoices, writeAnswer } from '../../../desk/answer';
import type { BotDesk } from '../../deps';
import { t } from '../../../i18n';
import { answerRefusal } from '../../answer-replies';
import { readReplySubmission, warnedKey } from '../../blocks/reply-modal';
import { replyModalFor } from '../../reply-modal';
import { ANSWER_MODAL } from '../../ids';

const fieldError = (text: string) => ({ response_action: 'errors' as const, errors: { [ANSWER_MODAL.textBlockId]: text.slice(0, 1900) } });

export const answerSubmitCallback =
  (desk: Pick<BotDesk, 'db' | 'boss' | 'logger' | 'answers' | 'now' | 'lang'>) =>
  async ({ ack, view, body, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const words = t(desk.lang).answer;
    const submission = readReplySubmission(view);
    if (!submission.ok) {
      if (submission.problem === 'unreadable') {
        desk.logger.warn({ callbackId: view.callback_id }, 'unreadable answer submission: closed');
        return void (await ack());
      }
      return void (await ack(fieldError(submission.problem === 'empty' ? words.writeSomething : words.chooseWay)));
    }
    const fourEyes = context.fourEyes === true;
    const outcome = await writeAnswer(desk, {
      messageId: submission.messageId,
      via: submission.via,
      text: submission.text,
      userId: body.user.id,
      fourEyes,
      warningsSeen: submission.warned === warnedKey(submission.via, submission.text),
    });
    if (outcome.ok) {
      await ack();
      await afterAnswerWritten(desk, outcome.answer);
      return;
    }
    if (outcome.reason === 'warnings') {
      // The modal stays, now showing the warnings; submitting the same text again sends it.
      const choices = await answerChoices(desk, submission.messageId);
      if (choices) {
        const draft = { text: submission.text, via: submission.via, findings: outcome.report.findings };
        await ack({ response_action: 'update', view: replyModalFor(choices, submission.via, { lang: desk.lang, fourEyes, draft }) });
        return;
      }
    }
    await ack(fieldError(answerRefusal(outcome, desk.lang, true) ?? words.messageGone));
  };
