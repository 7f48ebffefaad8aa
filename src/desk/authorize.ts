import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { ApproverPolicy } from '../config';

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
 * read from Slack and kept for a minute. Fifty clicks at once make one call to Slack, not fifty.
 * When Slack cannot say, the last list read still counts; with none at all the answer is no — a
 * decision waits rather than letting anyone through.
 */
export function createApproverCheck(slack: WebClient, policy: ApproverPolicy, opts: { channelId: string; ttlMs?: number }): ApproverCheck {
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
  const approvers = new LRUCache<'approvers', Set<string>>({ max: 1, ttl: opts.ttlMs ?? APPROVERS_TTL_MS, allowStaleOnFetchRejection: true, fetchMethod: load });

  return {
    policy,
    async mayDecide(userId) {
      if (policy.kind === 'anyone') return { allowed: true };
      const list = await approvers.fetch('approvers');
      if (list === undefined) return { allowed: false, why: 'cannot-check' };
      return list.has(userId) ? { allowed: true } : { allowed: false, why: 'not-an-approver' };
    },
  };
}
