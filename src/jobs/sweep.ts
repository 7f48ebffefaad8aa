import { deadInstancesWithJobs, liveInstances, setActiveJobs } from '../db/bot-instances';
import { approvalsWaitingSince, cardsNeverPosted, welcomesBeingSent } from '../db/unfinished';
import { queueSend } from '../desk/decide';
import type { Desk } from '../desk/desk';
import type { SendTracker } from '../desk/send';
import { forgetOldSlackEvents } from '../db/slack-events';
import { answersApprovedBefore, answersBeingSent } from '../db/answers';
import { queueAnswerSend } from '../desk/answer';

/** How long after approval a queued send may lag before the sweeper queues it again. */
const LOST_APPROVAL_MS = 60_000;
/** A first card post in progress for longer than this was abandoned by a process that died. */
const CARD_CLAIM_MS = 60_000;

/**
 * Mends what a crash can leave behind, so no approval is lost and nothing is sent twice:
 * approvals whose send job never got queued, sends whose process died mid-flight (queued again: the
 * send job reconciles them with X before anything else), cards never posted.
 */
/** How long a handled Slack event id is kept to recognise a redelivery. */
const SLACK_EVENT_MEMORY_MS = 7 * 86_400_000;

export async function sweepDesk(desk: Pick<Desk, 'db' | 'boss' | 'cards' | 'now'>, tracker: SendTracker): Promise<{ requeued: number; orphaned: number; cards: number }> {
  const now = desk.now();
  const approved = await approvalsWaitingSince(desk.db, new Date(now.getTime() - LOST_APPROVAL_MS));
  // The send queue keeps one waiting job per welcome, so queueing an approval that already has one is harmless.
  for (const { id } of approved) await queueSend(desk, id);

  const live = await liveInstances(desk.db, now, tracker.staleMs);
  const sending = await welcomesBeingSent(desk.db);
  const orphaned = sending.filter(
    ({ id, sendingBy }) =>
      sendingBy === null || !live.has(sendingBy) || (sendingBy === tracker.instanceId && !tracker.inFlight.has(id)),
  );
  for (const { id } of orphaned) await queueSend(desk, id);

  const cardless = await cardsNeverPosted(desk.db, {
    claimedSince: new Date(now.getTime() - CARD_CLAIM_MS),
    createdBefore: new Date(now.getTime() - 10_000),
  });
  for (const { id } of cardless) await desk.cards.refresh(id);
  await sweepAnswers(desk, tracker, live);
  // Slack stops retrying a delivery within minutes: a week of event ids is plenty to recognise one.
  await forgetOldSlackEvents(desk.db, new Date(now.getTime() - SLACK_EVENT_MEMORY_MS));
  return { requeued: approved.length, orphaned: orphaned.length, cards: cardless.length };
}

/** The same mending for the team's answers in conversations: lost approvals re-queued, orphaned sends reconciled. */
async function sweepAnswers(desk: Pick<Desk, 'db' | 'boss' | 'now'>, tracker: SendTracker, live: Set<string>): Promise<void> {
  for (const { id } of await answersApprovedBefore(desk.db, new Date(desk.now().getTime() - LOST_APPROVAL_MS))) await queueAnswerSend(desk, id);
  const sending = await answersBeingSent(desk.db);
  // Answers in flight are kept in the tracker under their negated id (desk/answer-send.ts).
  const orphaned = sending.filter(({ id, sendingBy }) => sendingBy === null || !live.has(sendingBy) || (sendingBy === tracker.instanceId && !tracker.inFlight.has(-id)));
  for (const { id } of orphaned) await queueAnswerSend(desk, id);
}

/**
 * A process that died mid-job leaves the job `active`, and pg-boss will not start another job under
 * its key — nor, its fetch failing, any job queued behind it — until the job expires. Failing it now
 * lets pg-boss retry it (every job here is safe to run again). Run on each heartbeat, outside any
 * queue: a dead sweep job would otherwise block the very sweep that could free it.
 */
export async function failJobsOfDeadProcesses(desk: Pick<Desk, 'db' | 'boss' | 'logger' | 'now'>, tracker: SendTracker): Promise<void> {
  for (const dead of await deadInstancesWithJobs(desk.db, desk.now(), tracker.staleMs)) {
    for (const job of dead.activeJobs) {
      await desk.boss.fail(job.queue, job.id, { reason: `process ${dead.id} stopped mid-job` }).catch(() => {});
    }
    await setActiveJobs(desk.db, dead.id, []);
    desk.logger.warn({ instance: dead.id, jobs: dead.activeJobs.length }, "failed the jobs of a process that stopped: they will be retried");
  }
}
