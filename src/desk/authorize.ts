import type { WebClient } from '@slack/web-api';
import type { ApproverPolicy } from '../config';
import type { Lang } from '../domain';
import { t } from '../i18n';

/** How long a list of approvers is trusted before Slack is asked again. */
export const APPROVERS_TTL_MS = 60_000;

export type Authorization = { allowed: true } | { allowed: false; why: 'not-an-approver' | 'cannot-check' };

/** Whether a teammate may decide on cards (approve, skip, retry, edit, mark sent). */
export interface ApproverCheck {
  policy: ApproverPolicy;
  mayDecide(userId: string): Promise<Authorization>;
}

/**
 * Approvers as the environment says: anyone, the members of the desk channel, or one user group,
 * read from Slack and kept for a minute. When Slack cannot say, the last list read still counts; with
 * none at all the answer is no — a decision waits rather than letting anyone through.
 */
export function createApproverCheck(
  slack: WebClient,
  policy: ApproverPolicy,
  opts: { channelId: string; ttlMs?: number; now?: () => number },
): ApproverCheck {
  const ttl = opts.ttlMs ?? APPROVERS_TTL_MS;
  const now = opts.now ?? Date.now;
  let cache: { members: Set<string>; at: number } | null = null;
  let loading: Promise<Set<string>> | null = null;

  const load = async (): Promise<Set<string>> => {
    if (policy.kind === 'usergroup') {
      const answer = await slack.usergroups.users.list({ usergroup: policy.id });
      return new Set(answer.users ?? []);
    }
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await slack.conversations.members({ channel: opts.channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const member of page.members ?? []) members.add(member);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  };

  const members = async (): Promise<Set<string> | null> => {
    if (cache && now() - cache.at < ttl) return cache.members;
    try {
      // Fifty clicks at once make one call to Slack, not fifty.
      loading ??= load().finally(() => {
        loading = null;
      });
      const fresh = await loading;
      cache = { members: fresh, at: now() };
      return fresh;
    } catch {
      return cache?.members ?? null;
    }
  };

  return {
    policy,
    async mayDecide(userId) {
      if (policy.kind === 'anyone') return { allowed: true };
      const list = await members();
      if (list === null) return { allowed: false, why: 'cannot-check' };
      return list.has(userId) ? { allowed: true } : { allowed: false, why: 'not-an-approver' };
    },
  };
}

/** The private answer to someone who may not decide. */
export function refusalForUnauthorized(auth: Exclude<Authorization, { allowed: true }>, policy: ApproverPolicy, lang: Lang): string {
  if (auth.why === 'cannot-check') return t(lang).replies.cannotCheckApprovers;
  return t(lang).replies.notAnApprover(policy.kind === 'usergroup' ? 'usergroup' : 'channel');
}
