// The shapes of the catalogue's larger sections, written out because their keys are closed sets
// (statuses, severities, channels): a language that misses one does not compile.
import type { AnswerClosed, AnswerStatus, AnswerVia, Channel, Lang, MessageVia, WelcomeStatus } from '../domain';
import type { PreviewSample, TemplateEventType, TemplateProblem, TemplateState, VoiceAddress } from '../domain/templates';

type Severity = 'error' | 'warning' | 'info';
type Verdict = 'pass' | 'warn' | 'fail';

/** The card and the edit modal. Templates take names and handles ready to show, escaped by the caller. */
export interface CardWords {
  cardTitle: (name: string) => string;
  fallbackPending: (name: string, handle: string) => string;
  fallbackDecided: (handle: string, outcome: string) => string;
  verified: string;
  protected: string;
  noBio: string;
  location: string;
  website: string;
  joined: string;
  followers: string;
  following: string;
  posts: string;
  dms: string;
  dmsOpen: string;
  dmsClosed: string;
  dmsUnknown: string;
  mutual: string;
  mutualYes: string;
  mutualNo: string;
  flagsTitle: string;
  /** The label of a kind's line of hints ("🤖 Looks automated:"). */
  flagKind: Record<'bot' | 'notable' | 'relevant' | 'info', string>;
  /** Each triage hint in a few words, for the kind's line: "default avatar", "follows 4,800, 3 followers". */
  hint: Record<HintId, (facts: HintFacts) => string>;
  moreItems: (n: number) => string;
  recommendation: string;
  recommend: Record<'dm' | 'mention' | 'none', string>;
  draft: string;
  /** A save refused because the draft changed since the modal opened. */
  draftChangedBy: (who: string, when: string) => string;
  /** The draft of each channel, when the card offers both. */
  draftFor: Record<'dm' | 'mention' | 'reply', string>;
  /** The public option when it answers the follower's own post. */
  replyToPost: string;
  approveReply: string;
  /** On a card whose DM only the `approved` policy allows. */
  dmOutsideGuidelines: string;
  audit: string;
  severity: Record<'error' | 'warning' | 'info', string>;
  engagedFirst: Record<'dm' | 'mention', (when: string) => string>;
  dmUnavailable: (reason: string) => string;
  mentionUnavailable: (reason: string) => string;
  sendDm: string;
  postMention: string;
  approveDm: string;
  approveMention: string;
  manualModeNote: string;
  edit: string;
  skip: string;
  skipConfirmTitle: string;
  skipConfirmText: (handle: string) => string;
  skipConfirmYes: string;
  skipConfirmNo: string;
  retry: string;
  markSent: string;
  openInX: string;
  openInXNoText: string;
  channelName: Record<'dm' | 'mention', string>;
  sentBy: (channel: string, user: string, when: string) => string;
  approvedBy: (channel: string, user: string, when: string) => string;
  sendingNow: (channel: string, user: string, when: string) => string;
  queuePosition: (n: number) => string;
  expectedAt: (when: string) => string;
  manualSendNext: string;
  failedBy: (channel: string, user: string, when: string) => string;
  failedReason: string;
  unknownError: string;
  skippedBy: (user: string, when: string) => string;
  expired: string;
  whatWasSent: string;
  whatWillBeSent: string;
  whatWasTried: string;
  viewPost: string;
  viewConversation: string;
  outcome: Record<'pending' | 'approved' | 'sending' | 'sent' | 'failed' | 'skipped' | 'expired', string>;
  modalTitle: string;
  modalSave: string;
  modalCancel: string;
  modalLabel: Record<'dm' | 'mention', string>;
  modalHint: Record<'dm' | 'mention', string>;
}

/** The audit reports, the audit modal, follower histories and the answers to /welcome. */
export interface AuditWords {
  verdict: Record<Verdict, string>;
  verdictIcon: Record<Verdict, string>;
  severity: Record<Severity, string>;
  severityIcon: Record<Severity, string>;
  kindName: Record<Channel, string>;
  channelName: Record<Channel, string>;
  langName: Record<Lang, string>;
  auditedAs: (kind: string, lang: string) => string;
  counts: (errors: number, warnings: number, infos: number) => string;
  noFindings: string;
  where: string;
  wholeText: string;
  atCharacter: (n: number) => string;
  characters: (from: number, to: number) => string;
  suggestion: string;
  moreFindings: (n: number) => string;
  asMention: (verdict: string, extra: string) => string;
  needHistory: (rules: string) => string;
  needFollower: (rules: string) => string;
  fallback: (verdict: string, counts: string) => string;
  // The audit modal.
  modalTitle: string;
  modalSubmit: string;
  modalClose: string;
  modalTextLabel: string;
  modalTextHint: string;
  modalKindLabel: string;
  modalKindDm: string;
  modalKindMention: string;
  modalEmpty: string;
  modalAgain: string;
  // Follower history.
  historyTitle: (handle: string, account: string) => string;
  unknownFollower: (handle: string) => string;
  unknownNewWelcome: (command: string) => string;
  firstSeen: string;
  source: Record<string, string>;
  wroteFirst: string;
  wroteFirstVia: Record<Channel, (when: string) => string>;
  wroteFirstNo: string;
  unfollowed: string;
  unfollowedNo: string;
  welcome: string;
  noWelcome: string;
  status: Record<WelcomeStatus, string>;
  welcomeLine: (status: string, channel: string | null, who: string | null, when: string) => string;
  whatWasSent: Record<WelcomeStatus, string>;
  viewOnX: string;
  xError: string;
  newWelcomeYes: string;
  newWelcomeNo: (why: string) => string;
  newWelcomeWhy: Record<WelcomeStatus, (who: string, when: string) => string>;
  theBot: string;
  // Answers to /welcome and the welcome_from_message shortcut.
  manualCarded: (handle: string, channel: string) => string;
  manualAlready: (handle: string) => string;
  manualKnown: (handle: string) => string;
  manualUnderWay: (handle: string) => string;
  manualNotFound: (handle: string) => string;
  manualSuspended: (handle: string) => string;
  manualXFailed: (handle: string, reason: string) => string;
  manualUsage: (command: string) => string;
  manualNoAccount: string;
  noProfileLink: string;
  noTextToAudit: string;
  modalFailed: (command: string) => string;
}

/** What the words for an X failure need: its kind picks the sentence, these fill it in. */
export interface XErrorFacts {
  status: number | null;
  resetAt: Date | null;
  detail: string | null;
  retryable: boolean;
}

/** The words of the team's templates (issue 13): problems on a field, states, the log, previews, the voice. */
export interface TemplateWords {
  /** A problem found when a template is checked, as the editor shows it on its field. */
  problem: (problem: TemplateProblem) => string;
  state: Record<TemplateState, string>;
  event: Record<TemplateEventType, string>;
  sample: Record<PreviewSample, string>;
  address: Record<VoiceAddress, string>;
  /** "fr-dm-3 v2" */
  version: (key: string, version: number) => string;
  /** The model's arm in the experiment. */
  modelArm: (model: string) => string;
  /** The sign-off when the account sets none. */
  defaultSignOff: string;
  slotsHelp: string;
}

/** The words of answering from Slack (issue 12): the Reply… modal, the answers in the thread, the reminder. */
export interface AnswerWords {
  modalTitle: string;
  send: string;
  submitForApproval: string;
  sendAnyway: string;
  cancel: string;
  /** "@lea wrote by DM · date": handle and date already safe mrkdwn. */
  theyWrote: (handle: string, via: MessageVia, date: string) => string;
  textLabel: string;
  textHint: Record<AnswerVia, string>;
  wayLabel: string;
  way: Record<AnswerVia, string>;
  onlyWay: (way: string) => string;
  closed: Record<AnswerClosed, string>;
  noWay: string;
  rulesApplied: (rules: string) => string;
  warningsFirst: string;
  fourEyesNote: string;
  writeSomething: string;
  chooseWay: string;
  auditBlocks: string;
  fourEyes: string;
  messageGone: string;
  alreadyAnswered: (status: AnswerStatus | 'no-answer-needed', who: string, when: string | null) => string;
  /** An answer in the thread: who wrote it, how it travels, where it stands. */
  answerLine: (who: string, way: string) => string;
  status: Record<AnswerStatus, string>;
  approvedBy: (who: string) => string;
  approve: string;
  hiddenDm: string;
  viewOnX: string;
  notSent: (reason: string) => string;
  failure: { 'do-not-contact': string; 'gave-up': string; unknown: string };
  fallback: (who: string, status: string) => string;
  nudge: (since: string) => string;
}

/** The triage hints the card words shortly (src/rules/triage.ts names them). */
export type HintId = 'default-avatar' | 'no-bio' | 'follow-ratio' | 'new-account' | 'digit-handle' | 'notable' | 'relevant' | 'protected' | 'dms-closed' | 'mutual';
export interface HintFacts {
  following?: number;
  followers?: number;
  days?: number;
  handle?: string;
  topic?: string;
}
