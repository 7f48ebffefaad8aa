// "Use the template draft instead": a language model's draft replaced, in one click, by the
// drafts the templates write for this follower — the path that may go through the API.
import { accountSettings } from '../db/accounts';
import { engagementOf } from '../db/followers';
import { getWelcomeContext, primaryChannel, transitionWelcome } from '../db/welcomes';
import type { FollowerProfile } from '../domain';
import { triageFollower } from '../rules/triage';
import type { DecisionOutcome } from './decide';
import type { Desk } from './desk';
import { templateDrafts } from './notice';

const alreadyTemplate: DecisionOutcome = { ok: false, reason: 'not-allowed', why: 'already-template' };

export async function useTemplateDraft(desk: Pick<Desk, 'db' | 'logger' | 'cards' | 'now' | 'random'>, opts: { welcomeId: number; userId: string }): Promise<DecisionOutcome> {
  const ctx = await getWelcomeContext(desk.db, opts.welcomeId);
  if (!ctx) return { ok: false, reason: 'not-found' };
  const { welcome, follower, account } = ctx;
  if (welcome.status !== 'pending') return { ok: false, reason: 'already-decided', status: welcome.status, by: welcome.decidedBy, at: welcome.decidedAt };
  // Already the template's (a second click, or another teammate's): nothing to do, and the teammate is told.
  if (welcome.draftSource !== 'model') return alreadyTemplate;
  const profile = follower.profile as FollowerProfile;
  const triage = triageFollower(profile, { account: accountSettings(account), ...engagementOf(follower), now: desk.now(), lang: welcome.lang });
  const drafts = await templateDrafts(desk, account, profile, triage);
  const primary = drafts[primaryChannel(welcome)];
  const result = await transitionWelcome(desk.db, welcome.id, {
    from: ['pending'],
    to: 'pending',
    type: 'draft-switched',
    actor: opts.userId,
    set: {
      drafts: { dm: drafts.dm.text, mention: drafts.mention.text },
      draftText: primary.text,
      templateId: primary.templateId,
      templateVersion: primary.templateVersion,
      draftSource: primary.templateId ? 'template' : null,
      draftModel: null,
      // An edit modal opened on the model's draft must not save over the template's.
      editedAt: desk.now(),
    },
    detail: { fromModel: welcome.draftModel, templateId: primary.templateId, templateVersion: primary.templateVersion },
    guard: (current) => current.draftSource === 'model',
  });
  if (!result.ok) {
    const now = result.welcome;
    if (now?.status === 'pending') return alreadyTemplate;
    return now ? { ok: false, reason: 'already-decided', status: now.status, by: now.decidedBy, at: now.decidedAt } : { ok: false, reason: 'not-found' };
  }
  desk.logger.info({ welcomeId: welcome.id, actor: opts.userId, model: welcome.draftModel, templateId: primary.templateId }, 'model draft replaced by the template draft');
  await desk.cards.refresh(welcome.id);
  return { ok: true, status: 'pending' };
}
