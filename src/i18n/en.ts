// Every sentence the bot shows, in English. fr.ts has the same keys, checked by the compiler.
// Values are plain words: the Block Kit builders escape or wrap them, never the other way round.
// Numbers, plurals and lists go through ./format (Intl), never through `n === 1 ?`.
import { formatDate, formatList, formatNumber, formatPercent, plural } from './format';
import type { AnswerWords, AuditWords, CardWords, TemplateWords, XErrorFacts } from './shapes';

const num = (n: number) => formatNumber('en', n);
const p = (n: number, one: string, other: string) => plural('en', n, { one, other });
/** A count, or nothing when there are none (the audit lists only what it found). */
const count = (n: number, one: string, other: string) => (n === 0 ? '' : p(n, one, other));

const card: CardWords = {
  cardTitle: (name) => `New follower: ${name}`,
  fallbackPending: (name, handle) => `New follower: ${name} (${handle}) is waiting for a welcome`,
  fallbackDecided: (handle, outcome) => `Welcome for ${handle}: ${outcome}`,
  verified: 'Verified',
  protected: 'Protected account',
  noBio: 'No bio.',
  location: 'Location',
  website: 'Website',
  joined: 'On X since',
  followers: 'Followers',
  following: 'Following',
  posts: 'Posts',
  dms: 'DMs',
  dmsOpen: 'open to you',
  dmsClosed: 'closed to you',
  dmsUnknown: 'unknown',
  mutual: 'You follow them',
  mutualYes: 'yes, mutual follow',
  mutualNo: 'no',
  flagsTitle: 'Hints, not verdicts:',
  flagKind: { bot: '🤖 Looks automated:', notable: '⭐', relevant: '🎯', info: 'ℹ️' },
  hint: {
    'default-avatar': () => 'default avatar',
    'no-bio': () => 'empty bio',
    'follow-ratio': ({ following = 0, followers = 0 }) => `follows ${num(following)}, ${p(followers, '# follower', '# followers')}`,
    'new-account': ({ days = 0 }) => (days === 0 ? 'created today' : p(days, '# day old', '# days old')),
    'digit-handle': () => 'handle full of digits',
    notable: ({ followers = 0 }) => `large audience, ${p(followers, '# follower', '# followers')}`,
    relevant: ({ topic = '' }) => `their bio mentions “${topic}”, one of your topics`,
    protected: () => 'protected account (posts are private)',
    'dms-closed': () => 'does not accept your DMs',
    mutual: () => 'you follow each other',
  },
  moreItems: (n) => `and ${num(n)} more`,
  recommendation: 'Recommendation:',
  recommend: { dm: 'send a DM', mention: 'post a public welcome', none: 'send nothing' },
  draft: 'Draft',
  draftChangedBy: (who, when) => `Changed by ${who} at ${when} — reopen to see it. Your text was not saved.`,
  draftFor: { dm: 'DM draft', mention: 'Public welcome draft', reply: 'Reply draft (answers their post)' },
  replyToPost: 'Reply to their post',
  approveReply: 'Approve reply',
  dmOutsideGuidelines: '⚠️ They have not sent you a DM: a DM now is outside X’s developer guidelines (“only after user DMs you first”). The DM policy “approved” allows it; the account takes the risk.',
  audit: 'Audit',
  severity: { error: '⛔ Blocks sending:', warning: '⚠️', info: '💡' },
  engagedFirst: { dm: (when) => `They wrote to you first (DM): ${when}`, mention: (when) => `They mentioned you first: ${when}` },
  dmUnavailable: (reason) => `DM unavailable: ${reason}`,
  mentionUnavailable: (reason) => `Public welcome unavailable: ${reason}`,
  sendDm: 'Send DM',
  postMention: 'Post public welcome',
  approveDm: 'Approve DM',
  approveMention: 'Approve public welcome',
  manualModeNote: 'Manual send: approving gives you a link to send it yourself in X.',
  edit: 'Edit…',
  skip: 'Skip',
  skipConfirmTitle: 'Skip this follower?',
  skipConfirmText: (handle) => `${handle} will get no welcome, now or later.`,
  skipConfirmYes: 'Skip',
  skipConfirmNo: 'Keep',
  retry: 'Retry',
  markSent: 'Mark as sent',
  openInX: 'Open in X',
  openInXNoText: 'The text is too long for a link: copy it from above.',
  channelName: { dm: 'DM', mention: 'public welcome' },
  sentBy: (channel, user, when) => `✅ ${channel} sent, approved by ${user} on ${when}`,
  approvedBy: (channel, user, when) => `⏳ ${channel} approved by ${user} on ${when}, waiting to be sent`,
  sendingNow: (channel, user, when) => `📤 ${channel} approved by ${user} on ${when}, sending now`,
  queuePosition: (n) => `Position in queue: ${num(n)}`,
  expectedAt: (when) => `expected ${when}`,
  manualSendNext: 'Send it in X with the button below, then mark it as sent.',
  failedBy: (channel, user, when) => `❌ ${channel} approved by ${user} on ${when}, but sending failed`,
  failedReason: 'What X said:',
  unknownError: 'X gave no reason.',
  skippedBy: (user, when) => `🚫 Skipped by ${user} on ${when}: no welcome sent`,
  expired: '⌛ Expired: no one decided in time, no welcome was sent.',
  whatWasSent: 'What was sent:',
  whatWillBeSent: 'What will be sent:',
  whatWasTried: 'What we tried to send:',
  viewPost: 'View the post on X',
  viewConversation: 'Open the conversation on X',
  outcome: {
    pending: 'waiting for a decision',
    approved: 'approved',
    sending: 'sending',
    sent: 'sent',
    failed: 'sending failed',
    skipped: 'skipped',
    expired: 'expired',
  },
  modalTitle: 'Edit welcome',
  modalSave: 'Save',
  modalCancel: 'Cancel',
  modalLabel: { dm: 'Direct message', mention: 'Public welcome' },
  modalHint: {
    dm: 'Keep it short and personal. The audit checks it again when you save.',
    mention: 'X counts 280 weighted characters, a link as 23. The audit checks it when you save.',
  },
};

const audit: AuditWords = {
  verdict: { pass: 'Pass', warn: 'Warn', fail: 'Fail' },
  verdictIcon: { pass: '✅', warn: '⚠️', fail: '⛔' },
  severity: { error: 'Error', warning: 'Warning', info: 'Advice' },
  severityIcon: { error: '⛔', warning: '⚠️', info: '💡' },
  kindName: { dm: 'a DM', mention: 'a public mention' },
  channelName: { dm: 'DM', mention: 'public mention' },
  langName: { en: 'English', fr: 'French' },
  auditedAs: (kind, lang) => `audited as ${kind}, in ${lang}`,
  counts: (errors, warnings, infos) =>
    [count(errors, '# error', '# errors'), count(warnings, '# warning', '# warnings'), count(infos, '# piece of advice', '# pieces of advice')]
      .filter(Boolean)
      .join(', ') || 'no findings',
  noFindings: 'Nothing to fix: this text follows every rule the audit could check.',
  where: 'Where:',
  wholeText: 'the whole text',
  atCharacter: (n) => `at character ${n}`,
  characters: (from, to) => `characters ${from}–${to}`,
  suggestion: 'Suggestion:',
  moreFindings: (n) => `…and ${p(n, '# more finding', '# more findings')} not shown.`,
  asMention: (verdict, extra) => `As a public mention it would be: ${verdict}${extra ? ` — also ${extra}` : ''}.`,
  needHistory: (rules) => `${rules} need history: run it on a card or with @handle.`,
  needFollower: (rules) => `${rules} skipped: no follower to check the mention against (it runs on cards).`,
  fallback: (verdict, counts) => `Audit: ${verdict} (${counts})`,
  modalTitle: 'Audit a welcome',
  modalSubmit: 'Audit',
  modalClose: 'Close',
  modalTextLabel: 'Welcome text',
  modalTextHint: 'Paste the message you would send. Nothing is sent: the audit only reads it.',
  modalKindLabel: 'Sent as',
  modalKindDm: 'Direct message',
  modalKindMention: 'Public mention',
  modalEmpty: 'Paste a text to audit.',
  modalAgain: 'Change the text or the kind and audit again.',
  historyTitle: (handle, account) => `${handle} and ${account}`,
  unknownFollower: (handle) => `Unknown follower: ${handle} has not been seen by the desk yet.`,
  unknownNewWelcome: (command) => `A welcome would be allowed: ${command} looks them up on X and posts a card.`,
  firstSeen: 'First seen',
  source: {
    baseline: 'already following when the desk started',
    poll: 'noticed by the follower poll',
    webhook: 'noticed by the X webhook',
    manual: 'added by hand',
  },
  wroteFirst: 'Wrote to you first',
  wroteFirstVia: { dm: (when) => `yes, by DM, ${when}`, mention: (when) => `yes, by mentioning you, ${when}` },
  wroteFirstNo: 'not that the desk knows',
  unfollowed: 'Unfollowed',
  unfollowedNo: 'no',
  welcome: 'Welcome',
  noWelcome: 'none yet',
  status: {
    pending: 'waiting for a decision',
    approved: 'approved, waiting to be sent',
    sending: 'being sent',
    sent: 'sent',
    failed: 'sending failed',
    skipped: 'skipped',
    expired: 'expired, nothing sent',
  },
  welcomeLine: (status, channel, who, when) => `${status}${channel ? ` (${channel})` : ''}${who ? ` by ${who}` : ''}, ${when}`,
  whatWasSent: {
    pending: 'Draft on the card:',
    approved: 'What will be sent:',
    sending: 'What is being sent:',
    sent: 'What was sent:',
    failed: 'What we tried to send:',
    skipped: 'The draft nobody sent:',
    expired: 'The draft nobody sent:',
  },
  viewOnX: 'View it on X',
  xError: 'What X said:',
  newWelcomeYes: '*A new welcome:* yes — no welcome yet.',
  newWelcomeNo: (why) => `*A new welcome:* no — one welcome per follower, ever: ${why}.`,
  newWelcomeWhy: {
    sent: (who, when) => `already sent, approved by ${who} on ${when}`,
    approved: (who, when) => `already approved by ${who} on ${when}, on its way`,
    sending: (who, when) => `already approved by ${who} on ${when}, being sent now`,
    pending: (_who, when) => `a card has been waiting for a decision since ${when}`,
    failed: (who, when) => `approved by ${who} on ${when} but sending failed: retry it from its card`,
    skipped: (who, when) => `skipped by ${who} on ${when}`,
    expired: (_who, when) => `its card, posted ${when}, expired unanswered`,
  },
  theBot: 'the bot',
  manualCarded: (handle, channel) => `Card posted in ${channel} for ${handle}: it waits there for a teammate's decision.`,
  manualAlready: (handle) => `No new card for ${handle}: they already have their one welcome.`,
  manualKnown: (handle) =>
    `No card for ${handle}: the desk already knows them, and only makes a card for someone it sees for the first time.`,
  manualUnderWay: (handle) => `No new card for ${handle}: their card is already on its way (someone asked at the same moment).`,
  manualNotFound: (handle) => `No X account ${handle} found.`,
  manualSuspended: (handle) => `X has suspended ${handle}, so no card was posted: a welcome could not reach them.`,
  manualXFailed: (handle, reason) => `Could not look ${handle} up on X, so no card was posted. ${reason}`,
  manualUsage: (command) => `Name one X account: \`${command} @handle\` or \`${command} https://x.com/handle\`.`,
  manualNoAccount: 'No X account is set up for the desk yet.',
  noProfileLink: 'No X profile link (x.com/handle or twitter.com/handle) in this message.',
  noTextToAudit: 'This message has no text to audit.',
  modalFailed: (command) => `Slack would not open the audit form. Try again, or audit a text directly: \`${command} your text\`.`,
};


const home = {
  title: 'accueil — the welcome desk',
  intro: 'Each new follower gets a card in their account’s desk channel; nothing is sent without a teammate’s approval.',
  none: 'No X account yet. Start the bot with the X_ variables, or add one with `accueil accounts add`.',
  deskIn: (channel: string) => `Desk: <#${channel}>`,
  week: '*Last 7 days*',
  newFollowers: 'New followers',
  cards: 'Cards',
  sentDm: 'Sent by DM',
  sentMention: 'Sent as mentions',
  skipped: 'Skipped',
  pending: 'Waiting now',
  queue: (n: number) => (n === 0 ? '*Queue:* nothing waits. 🎉' : `*Queue:* ${p(n, '# card', '# cards')} waiting, oldest first`),
  waitingSince: (at: string) => `waiting since ${at}`,
  notPosted: 'card not posted yet',
  more: (n: number) => `…and ${num(n)} more in the channel.`,
  settings: '*Settings*',
  kind: 'Account',
  dmPolicy: 'DM policy',
  sendModeSwitched: (handle: string, mode: 'api' | 'manual', left: number) =>
    `${handle} now sends ${mode === 'api' ? 'through the API' : 'by hand (manual)'}. ` +
    (left === 0
      ? 'No approved card waits in the other mode.'
      : p(left, '# approved card keeps the mode it was approved in, as it is.', '# approved cards keep the mode they were approved in, as they are.')),
  dmPolicyHint: 'X’s developer guidelines allow a DM only after the person DMs you first (Engaged only). “Any approved DM” is outside them: the account risks X’s enforcement.',
  sendMode: 'Sending',
  ownDomains: 'Own domains',
  topics: 'Topics',
  empty: '—',
  edit: 'Edit settings',
  moreAccounts: (n: number) => `${p(n, '# more account', '# more accounts')}: see \`accueil accounts list\`.`,
  modalTitle: 'Account settings',
  save: 'Save',
  cancel: 'Cancel',
  ok: 'OK',
  channel: 'Desk channel',
  domainsHint: 'Comma-separated, e.g. brand.com, shop.brand.com. Links elsewhere are flagged.',
  topicsHint: 'Comma-separated words from your field; a bio that mentions one is flagged relevant.',
  refusalTitle: 'Not allowed',
  badDomain: (d: string) => `"${d}" is not a domain name such as brand.com.`,
  missing: 'Choose a value.',
  accountGone: 'This account no longer exists.',
  option: {
    business: 'Business',
    personal: 'Personal (never DMs)',
    'engaged-only': 'Engaged only (after they DM you)',
    approved: 'Any approved DM (outside X’s guidelines)',
    off: 'Off (mentions only)',
    api: 'Through the X API',
    manual: 'By hand (Open in X)',
  },
};

const digest = {
  title: (from: string, to: string) => `Weekly digest · ${from} → ${to}`,
  newFollowers: 'New followers',
  cards: 'Cards',
  welcomed: (dm: number, mention: number, manual: number) => `DM ${num(dm)} · mention ${num(mention)} · manual send ${num(manual)}`,
  welcomedLabel: 'Welcomed',
  skipped: 'Skipped',
  expired: 'Expired',
  decision: 'Median time from follow to decision',
  effect: (weeks: number) => `*Does welcoming help?* (welcomes of the last ${p(weeks, '# week', '# weeks')})`,
  replyRate: 'Reply rate',
  unfollowRate: '7-day unfollow rate',
  welcomedVs: 'welcomed',
  notWelcomed: 'not welcomed (control sample)',
  templates: '*Templates*',
  replies: 'replies',
  unfollowed7: 'unfollowed by day 7',
  teammates: '*Teammates this week*',
  teammate: (t: { approved: number; skipped: number; edited: number; sentManually: number }) =>
    `approved ${num(t.approved)} · skipped ${num(t.skipped)} · edited ${num(t.edited)}${t.sentManually ? ` · sent by hand ${num(t.sentManually)}` : ''}`,
  audit: '*The audit caught this week*',
  auditNone: 'Nothing flagged.',
  runs: (n: number) => p(n, '# time', '# times'),
  spend: '*X API spend this week* (estimated at pay-per-use prices)',
  spendLine: (calls: number, units: number) => `${p(calls, '# call', '# calls')}, ${num(units)} billed`,
  usd: (x: number) => (x > 0 && x < 0.01 ? '< $0.01' : formatNumber('en', x, { style: 'currency', currency: 'USD' })),
  total: 'Total',
  nothing: 'None.',
  noData: 'no data',
  percent: (ratio: number) => formatPercent('en', ratio),
  interval: (low: string, high: string) => `95% CI ${low}–${high}`,
  minutes: (n: number) => `${num(n)} min`,
  hours: (h: number, m: string) => `${num(h)} h ${m}`,
  days: (n: number) => `${num(n)} d`,
  tooFew: (smallest: number, needed: number) => `Too few to conclude: the smallest group has ${num(smallest)}; at least ${num(needed)} each are needed.`,
  noDifference: 'No clear difference: the intervals overlap.',
  higher: (who: string, what: string) => `${who} clearly has the higher ${what}.`,
  templatesTooFew: (smallest: number, needed: number) =>
    `Too few to compare templates: the smallest has ${num(smallest)}; at least ${num(needed)} each are needed.`,
  footnote:
    'Rates pool the last eight weeks. Intervals are 95% Wilson intervals; a difference is called only when each group has 30 or more and the intervals do not overlap. Unfollows are seen by look-ups 1, 7 and 30 days after the desk dealt with each tracked follower.',
  chart: 'Followers gained, welcomes sent, replies and unfollows over the last 8 weeks',
  chartLabels: { followers: 'Followers gained', welcomes: 'Welcomes sent', replies: 'Replies', unfollows: 'Unfollows (tracked)', title: 'The last 8 weeks' },
};

/** Private answers to clicks, commands and shortcuts. */
const replies = {
  draftChangedBy: (who: string, when: string) => `Changed by ${who} at ${when}: read the card again. Nothing was done.`,
  welcomeGone: 'This welcome no longer exists.',
  status: {
    approved: 'approved',
    sending: 'being sent',
    sent: 'sent',
    failed: 'failed',
    skipped: 'skipped',
    expired: 'expired',
    pending: 'still pending',
  } as Record<string, string>,
  theBot: 'the bot',
  alreadyDecided: (status: string, who: string, when: string | null) =>
    `Already decided: ${status} by ${who}${when ? ` at ${when}` : ''}. Nothing was done.`,
  auditBlocks: 'Not sent: the audit blocks this text. Change it with “Edit…”.',
  notRecorded: 'Your decision could not be recorded (the database is unavailable). Nothing was sent: click again in a moment.',
  writeAMessage: 'Write a message.',
  digestUsage: (command: string) => `Usage: \`${command} digest\` shows this week's digest, just to you.`,
  noAccount: 'No X account is set up yet.',
  // The desk's own refusals.
  fourEyes: 'You edited this draft: another teammate has to approve it (four-eyes rule).',
  draftChanged: 'The draft changed while you were approving it. Nothing was sent: read the card again.',
  cannotCheckApprovers: 'Slack could not tell us who may decide right now. Nothing was done: try again in a moment.',
  notAnApprover: (policy: 'usergroup' | 'channel') =>
    `You cannot decide on these welcomes: that is reserved ${policy === 'usergroup' ? "to members of the approvers' user group" : "to the desk channel's members"}. Nothing was done.`,
  settingsMembersOnly: (channelId: string, handle: string) =>
    `Only members of <#${channelId}> can change the settings of @${handle}. Nothing was changed.`,
  sendGaveUp: 'The send did not go through after 24 hours of attempts.',
  unexpectedError: 'unexpected error.',
};

// When a retry could duplicate a send, the card asks a human to look instead.
const nextStep = (e: XErrorFacts) => (e.retryable ? 'it will be tried again later.' : 'it may have been sent: check X before sending it again.');
const withDetail = (text: string, e: XErrorFacts) => (e.detail ? `${text} (${e.detail})` : text);
const utcTime = (date: Date) => `${formatDate('en', date, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })} UTC`;

/** X's failures in plain words, by kind, for the card and the private answers. */
const xError = {
  'rate-limited': (e: XErrorFacts) => `X's rate limit is reached; it reopens ${e.resetAt ? `at ${utcTime(e.resetAt)}` : 'shortly'} and the bot waits until then.`,
  'dm-refused': (e: XErrorFacts) => withDetail('X refused the DM: this person does not accept direct messages from you.', e),
  forbidden: (e: XErrorFacts) => withDetail('X refused this action for the account or the app.', e),
  'not-found': (e: XErrorFacts) => withDetail('X could not find it: the account or message may have been deleted or suspended.', e),
  unauthorized: (_e: XErrorFacts) => 'X rejected the credentials: check X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET.',
  server: (e: XErrorFacts) => `X is having trouble (HTTP ${e.status ?? '?'}); ${nextStep(e)}`,
  network: (e: XErrorFacts) => `X could not be reached properly (network error); ${nextStep(e)}`,
  invalid: (e: XErrorFacts) => withDetail('X rejected the request as invalid.', e),
};

/** The shared helpers, bound to the language. */
const format = {
  number: num,
  plural: p,
  list: (items: readonly string[]) => formatList('en', items),
  date: (date: Date, options: Intl.DateTimeFormatOptions) => formatDate('en', date, options),
};

/** Why a domain cannot be one of the team's own. */
const ownDomain = {
  'not-a-name': (d: string) => `"${d}" is not a domain name: parts between dots are letters, digits and inner hyphens, such as brand.com`,
  'unknown-suffix': (d: string) => `"${d}" does not end in a known top-level domain such as .com or .fr`,
  'public-suffix': (d: string) => `"${d}" is a public suffix shared by everyone's sites: give your own domain under it, such as brand.${d.replace(/^\./, '')}`,
};

/** Drafts from a language model and the audit's second opinion (issues 13 and 14). */
const model = {
  /** Where the card's draft came from. */
  fromTemplate: (key: string, version: number | null) => `Draft from template \`${key}\`${version === null ? '' : ` (version ${version})`}`,
  fromModel: (name: string) => `Draft written by the language model \`${name}\``,
  writtenByHand: 'No draft: no live template gave one that passes the audit, so a teammate writes it',
  /** A model's draft on an account without X's approval for AI-generated replies. */
  manualOnly:
    'X requires its prior approval before AI-generated replies are sent through the API, and this account has not declared it: once approved, this draft is sent by hand from X (Open in X, then Mark as sent). Or use the template draft instead.',
  useTemplate: 'Use the template draft instead',
  alreadyTemplate: 'This card already shows the template draft.',
  /** The second opinion, as a warning; `reason` is the model's own words. */
  opinion: (name: string, ruleId: string, reason: string) => `Second opinion of the language model ${name}: this may break the house rule ${ruleId}. ${reason}`,
  /** The account setting, in the App Home settings modal. */
  aiRepliesLabel: 'AI-generated replies',
  aiRepliesOption: 'X has approved this account’s AI-generated replies',
  aiRepliesHint:
    'X’s developer guidelines: “Deploying AI-generated replies without approval is a violation, even if the content itself is helpful.” Unticked (the default), drafts written by the language model are sent by hand from X.',
  aiRepliesApproved: 'AI-generated replies: approved by X, sent through the API',
  aiRepliesManual: 'AI-generated replies: sent by hand from X',
};

/** App Home's templates, their editor and the experiment view (issue 13). */
const templateDesk = {
  title: '*Templates and experiment*',
  intro: 'Live templates are drawn at random for each draft; each version keeps its own figures (welcomes of the last eight weeks).',
  group: (lang: string, channel: string) => `*${lang} · ${channel}*`,
  langName: { en: 'English', fr: 'French' } as Record<'en' | 'fr', string>,
  channelName: { dm: 'DM', mention: 'public mention' } as Record<'dm' | 'mention', string>,
  state: { live: 'live', paused: 'paused', retired: 'retired', superseded: 'older version' } as Record<'live' | 'paused' | 'retired' | 'superseded', string>,
  version: (key: string, version: number) => `${key} v${num(version)}`,
  byWhom: (who: string) => `by ${who}`,
  builtIn: 'built in',
  fromCli: 'imported',
  model: (name: string) => `drafts by the language model ${name}`,
  sends: (n: number) => p(n, '# sent', '# sent'),
  replies: 'replies',
  unfollowed7: 'unfollowed by day 7',
  noData: 'no data yet',
  rate: (percent: string, k: number, n: number, low: string, high: string) => `*${percent}* (${num(k)}/${num(n)}, 95% CI ${low}–${high})`,
  verdictTooFew: (smallest: number, needed: number) => `Too few to conclude — ${num(smallest)} of ${num(needed)} needed.`,
  verdictLeads: (key: string) => `${key} leads on replies.`,
  verdictNoLeader: 'No clear leader: the intervals overlap.',
  verdictAlone: 'One arm only: nothing to compare yet.',
  verdictNone: 'No live template: drafts of this kind cannot be written.',
  none: 'No template yet.',
  moreTemplates: (n: number) => `…and ${p(n, '# more template', '# more templates')}: see \`accueil templates list\`.`,
  newTemplate: 'New template…',
  actions: { edit: 'Edit…', duplicate: 'Duplicate…', pause: 'Pause', resume: 'Make live again', promote: 'Promote (only live one)', retire: 'Retire' },
  membersOnly: (channel: string, handle: string) => `Only members of <#${channel}> can change the templates of @${handle}.`,
  gone: 'This template changed or no longer exists: open the Home tab again.',
  // The editor.
  titleNew: 'New template',
  titleEdit: 'Edit template',
  titleDuplicate: 'Duplicate template',
  save: 'Save',
  cancel: 'Cancel',
  key: 'Id',
  keyHint: 'Lowercase letters, digits and dashes, e.g. fr-dm-4. Figures are kept per id and version.',
  lang: 'Language',
  channel: 'Sent as',
  body: 'Text',
  bodyHint: 'Slots: {name}, {topic}, {link}, {account}, {signoff}. A sentence in [[ ]] is dropped when one of its slots is empty or the message runs long.',
  editing: (key: string, next: number, lang: string, channel: string) => `Saving makes version ${num(next)} of \`${key}\` (${lang}, ${channel}); the earlier version keeps its figures.`,
  preview: 'Preview',
  previewTitle: '*Preview for sample followers*',
  previewEmpty: 'Write a text to see it filled for a few sample followers.',
  previewVoice: (address: string, signOff: string) => `French address: *${address}* · sign-off: ${signOff}`,
  defaultSignOff: 'the team’s name',
  notFilled: 'Cannot be filled:',
  warningsShown: 'Warnings do not block saving; errors do.',
  voice: {
    address: 'French: address followers as',
    addressHint: 'Templates and drafts follow it. The seeds use both: vous is the safe default, tu suits a familiar brand.',
    vous: 'vous (formal)',
    tu: 'tu (familiar)',
    signOff: 'Sign-off',
    signOffHint: 'The last line of a DM, e.g. “L’équipe Lumen”: at most 60 characters, no link, @mention or #hashtag. Empty: the team’s name, in the follower’s language.',
    signOffProblem: { 'too-long': 'At most 60 characters.', 'link-or-tag': 'No link, @mention or #hashtag: it ends every DM.' } as Record<'too-long' | 'link-or-tag', string>,
  },
  digestLink: (url: string) => `<${url}|Templates and their experiment, in the app’s Home tab>`,
};

/** The team's own templates (issue 13): the editor's problems on a field, states, the log, previews, the voice. */
const templates: TemplateWords = {
  problem: (problem) => {
    switch (problem.code) {
      case 'unknown-slot':
        return `{${problem.slot}} is not a slot: use {name}, {topic}, {link}, {account} or {signoff}.`;
      case 'unclosed-optional':
        return 'An optional sentence opened with [[ is not closed with ]] on the same line.';
      case 'stray-bracket':
        return 'A lone {, } or ]] is left over: slots are written {name}, optional sentences [[ … ]].';
      case 'nested-optional':
        return 'Optional sentences cannot be nested: close one with ]] before opening the next.';
      case 'slot-not-optional':
        return `{${problem.slot}} may be empty: put its sentence inside [[ … ]], so that it is left out when it is.`;
      case 'empty-body':
        return 'Write the welcome.';
      case 'link-off-domain':
        return `${problem.domain} is not one of the team’s domains: a DM links only to the team’s own site ({link} does).`;
      case 'audit-finding':
        return problem.message ?? problem.ruleId;
      case 'render-failed':
        return 'A slot outside [[ … ]] is empty for a sample follower ({account} needs the team’s name): the draft would be empty.';
      case 'bad-key':
        return 'A key is lowercase letters, digits and dashes, such as fr-dm-4.';
      case 'key-taken':
        return 'Another template already has this key.';
      case 'bad-value':
        return 'Choose a value.';
    }
  },
  state: { live: 'Live', paused: 'Paused', retired: 'Retired', superseded: 'Superseded by a newer version' },
  event: {
    seeded: 'seeded from the built-in set',
    created: 'created',
    edited: 'edited (new version)',
    duplicated: 'duplicated',
    paused: 'paused',
    resumed: 'made live again',
    promoted: 'promoted (the only live one)',
    retired: 'retired',
    imported: 'imported',
  },
  sample: { 'with-topic': 'Bio with a topic', 'without-topic': 'Bio without a topic', 'long-name': 'A long name', 'no-first-name': 'No first name' },
  address: { vous: '“vous” (formal)', tu: '“tu” (informal)' },
  version: (key, version) => `${key} v${num(version)}`,
  modelArm: (model) => `Drafts by ${model}`,
  defaultSignOff: 'The {account} team',
  slotsHelp:
    'Slots: {name} {topic} {link} {account} {signoff}; {de topic} elides in French (d’IA); {vous|tu} gives the words for each French address; [[ … ]] marks an optional sentence, left out when a slot in it is empty or the message runs long.',
};

/** Conversations (issue 12): a follower's messages in their card's thread, and the card's one conversation line. */
const conversation = {
  // The thread message: who, how, when. `who` is a link to their profile, `when` a Slack date.
  wrote: {
    dm: (who: string, when: string) => `${who} wrote you a DM · ${when}`,
    reply: (who: string, when: string) => `${who} replied to the welcome · ${when}`,
    mention: (who: string, when: string) => `${who} mentioned you · ${when}`,
  },
  fallback: (handle: string) => `New message from ${handle}`,
  hiddenDm: 'They wrote you a DM — open in X.',
  emptyText: '(no text)',
  viewOnX: 'View on X',
  openInX: 'Open in X',
  reply: 'Reply…',
  noAnswer: 'No answer needed',
  answeredBy: (who: string) => `✅ Answered by ${who}`,
  noAnswerBy: (who: string) => `☑️ No answer needed — ${who}`,
  optedOut: '🚫 They asked not to be contacted: the desk will never offer them a DM again.',
  // The card's line.
  messages: (n: number) => `💬 ${p(n, '# message', '# messages')}`,
  waitingSince: (at: string) => `waiting for an answer since ${at}`,
  answered: (who: string, after: string) => `answered by ${who} ${after} later`,
  noAnswerNeeded: 'no answer needed',
  after: (seconds: number) =>
    seconds < 60 ? 'under a minute' : seconds < 3600 ? p(Math.round(seconds / 60), '# min', '# min') : seconds < 86_400 ? p(Math.round(seconds / 3600), '# hour', '# hours') : p(Math.round(seconds / 86_400), '# day', '# days'),
  doNotContact: (words: string) => `🚫 Do not contact: they asked (“${words}”). No DM will be offered.`,
  dmRefusedDoNotContact: 'Not sent: they asked not to be contacted before the DM could leave.',
  doNotContactX: '🚫 Do not contact: X says they opted out. No DM will be offered.',
  // App Home settings.
  showDmText: 'DM text in the channel',
  showDmTextOption: { shown: 'Shown in the thread', hidden: 'Hidden (“open in X”)' },
  showDmTextHint: 'DMs are private to the account: hidden, the thread only says a DM arrived, with a link to read it in X.',
};

/** Answering a follower from the card's thread (issue 12). */
const answer: AnswerWords = {
  modalTitle: 'Answer',
  send: 'Send',
  submitForApproval: 'Submit for approval',
  sendAnyway: 'Send anyway',
  cancel: 'Cancel',
  theyWrote: (handle, via, date) => `${handle} wrote ${{ dm: 'by DM', reply: 'in reply to the welcome', mention: 'in a post naming you' }[via]} · ${date}`,
  textLabel: 'Your answer',
  textHint: {
    dm: 'Sent as a DM once approved. Audited first: no sales pitch, no asking for their details, links only to your own site.',
    reply: 'Posted publicly as a reply to their post once approved (280 characters). Audited first.',
  },
  wayLabel: 'How to answer',
  way: { dm: 'By DM', reply: 'Public reply to their post' },
  onlyWay: (way) => `Answer: ${way}`,
  closed: {
    'do-not-contact': 'No DM: they asked not to be contacted.',
    'personal-account': 'No DM: a personal account does not send DMs.',
    'dm-off': 'No DM: DMs are turned off for this account.',
    'dm-closed': 'No DM: they do not accept DMs from you.',
    'not-written-first': 'No DM: they have not written to you first (X allows a DM only after they do).',
    'not-a-post': 'No public reply: they wrote by DM.',
    'already-replied': 'No public reply: the account already replied to that post (X: one reply per post).',
    'manual-send-mode': 'This account sends by hand: answer in X.',
  },
  noWay: 'There is no way to answer this message from Slack.',
  rulesApplied: (rules) => `Checked: ${rules}`,
  warningsFirst: 'Read the warnings below; send again to send it as it is.',
  fourEyesNote: 'Another teammate approves it before it is sent (FOUR_EYES).',
  writeSomething: 'Write an answer.',
  chooseWay: 'Choose how to answer.',
  auditBlocks: 'The audit blocks this answer:',
  fourEyes: 'You wrote this answer: under FOUR_EYES another teammate approves it.',
  messageGone: 'This message is no longer on the desk.',
  alreadyAnswered: (status, who, when) =>
    `${status === 'no-answer-needed' ? 'Marked as needing no answer' : 'Already answered'} by ${who}${when ? ` at ${when}` : ''}.`,
  answerLine: (who, way) => `↩️ ${who} answered · ${way}`,
  status: {
    pending: 'Waiting for a second teammate to approve it.',
    approved: 'Approved, in the send queue.',
    sending: 'Sending…',
    sent: 'Sent.',
    failed: 'Not sent.',
  },
  approvedBy: (who) => `Approved by ${who}.`,
  approve: 'Approve and send',
  hiddenDm: 'Answered by DM: the text stays out of the channel (open the conversation in X).',
  viewOnX: 'View on X',
  notSent: (reason) => `Not sent: ${reason} Reply… again to write another answer.`,
  failure: {
    'do-not-contact': 'they asked not to be contacted meanwhile.',
    'gave-up': 'the send did not go through after 24 hours of attempts.',
    unknown: 'X did not take it.',
  },
  fallback: (who, status) => `Answer by ${who}: ${status}`,
  nudge: (since) => `⏰ This conversation has been waiting for an answer since ${since}.`,
};

/** Conversations in the weekly digest and on App Home (issue 12). */
const conversationReport = {
  // The digest.
  digestTitle: '*Conversations* — followers’ messages this week',
  received: 'Received',
  answered: 'Answered',
  medianAnswer: 'Median time to answer',
  waiting: 'Still waiting',
  // App Home.
  homeTitle: (n: number) => (n === 0 ? '*Conversations waiting for an answer:* none.' : `*Conversations waiting for an answer* (${num(n)}), oldest first:`),
  homeLine: (who: string, since: string, messages: number) => `${who} — ${p(messages, '# message', '# messages')} waiting since ${since}`,
  notPosted: 'not in a thread yet',
  more: (n: number) => `…and ${p(n, '# more conversation', '# more conversations')}.`,
};

export const en = { format, card, audit, home, digest, replies, xError, ownDomain, templates, model, templateDesk, conversation, answer, conversationReport };

/** What every language provides: the English catalogue's keys and signatures. */
export type Catalogue = typeof en;
