import type { XAccountRow } from '../db/schema';
import type { Channel, FollowerProfile, Lang } from '../domain';
import { auditMessage } from '../rules/audit';
import type { AuditHistory, AuditReport, Severity } from '../rules/types';

/** The audit of a welcome text with this account's settings: its domains, its kind, its rule switches. */
export function auditWelcomeText(opts: {
  account: XAccountRow;
  profile: FollowerProfile;
  text: string;
  channel: Channel;
  lang: Lang;
  history?: AuditHistory;
}): AuditReport {
  const { account, profile } = opts;
  return auditMessage({
    text: opts.text,
    kind: opts.channel,
    lang: opts.lang,
    ownDomains: account.ownDomains,
    accountKind: account.kind,
    follower: { handle: profile.handle, name: profile.name, bio: profile.bio },
    history: opts.history,
    overrides: account.ruleOverrides as Record<string, Severity | 'off'>,
  });
}
