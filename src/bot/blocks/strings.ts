// Every word the card and the edit modal show, in both first-class languages.
// Values are plain words: the builders escape or wrap them, never the other way round.
import type { Lang } from '../../domain';

/** Templates take names and handles ready to show (with their @), escaped by the caller where needed. */
export interface UiStrings {
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
  flagKind: Record<'bot' | 'notable' | 'relevant' | 'info', string>;
  moreItems: (n: number) => string;
  recommendation: string;
  recommend: Record<'dm' | 'mention' | 'none', string>;
  draft: string;
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

const en: UiStrings = {
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
  flagKind: { bot: '🤖 Possible bot/spam (hint):', notable: '⭐', relevant: '🎯', info: 'ℹ️' },
  moreItems: (n) => `and ${n} more`,
  recommendation: 'Recommendation:',
  recommend: { dm: 'send a DM', mention: 'post a public welcome', none: 'send nothing' },
  draft: 'Draft',
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
  queuePosition: (n) => `Position in queue: ${n}`,
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

const fr: UiStrings = {
  cardTitle: (name) => `Nouvel abonné : ${name}`,
  fallbackPending: (name, handle) => `Nouvel abonné : ${name} (${handle}) attend un message d’accueil`,
  fallbackDecided: (handle, outcome) => `Accueil de ${handle} : ${outcome}`,
  verified: 'Vérifié',
  protected: 'Compte protégé',
  noBio: 'Pas de bio.',
  location: 'Lieu',
  website: 'Site',
  joined: 'Sur X depuis',
  followers: 'Abonnés',
  following: 'Abonnements',
  posts: 'Posts',
  dms: 'Messages privés',
  dmsOpen: 'ouverts pour vous',
  dmsClosed: 'fermés pour vous',
  dmsUnknown: 'inconnu',
  mutual: 'Vous le suivez',
  mutualYes: 'oui, abonnement mutuel',
  mutualNo: 'non',
  flagsTitle: 'Indices, pas des verdicts :',
  flagKind: { bot: '🤖 Robot ou spam possible (indice) :', notable: '⭐', relevant: '🎯', info: 'ℹ️' },
  moreItems: (n) => `et ${n} de plus`,
  recommendation: 'Recommandation :',
  recommend: { dm: 'envoyer un message privé', mention: 'publier un accueil public', none: 'ne rien envoyer' },
  draft: 'Brouillon',
  draftFor: { dm: 'Brouillon du MP', mention: 'Brouillon de l’accueil public', reply: 'Brouillon de la réponse (à son post)' },
  replyToPost: 'Répondre à son post',
  approveReply: 'Approuver la réponse',
  dmOutsideGuidelines: '⚠️ Cette personne ne vous a pas envoyé de MP : un MP maintenant sort des règles de X pour les développeurs (« seulement après que l’utilisateur vous a écrit en MP »). La politique de DM « approved » le permet ; le compte en prend le risque.',
  audit: 'Audit',
  severity: { error: '⛔ Bloque l’envoi :', warning: '⚠️', info: '💡' },
  engagedFirst: { dm: (when) => `Vous a écrit en premier (MP) : ${when}`, mention: (when) => `Vous a mentionné en premier : ${when}` },
  dmUnavailable: (reason) => `Message privé indisponible : ${reason}`,
  mentionUnavailable: (reason) => `Accueil public indisponible : ${reason}`,
  sendDm: 'Envoyer le MP',
  postMention: 'Publier l’accueil',
  approveDm: 'Approuver le MP',
  approveMention: 'Approuver l’accueil public',
  manualModeNote: 'Envoi manuel : après approbation, un lien vous permet de l’envoyer vous-même dans X.',
  edit: 'Modifier…',
  skip: 'Ignorer',
  skipConfirmTitle: 'Ignorer cet abonné ?',
  skipConfirmText: (handle) => `${handle} ne recevra aucun message d’accueil, ni maintenant ni plus tard.`,
  skipConfirmYes: 'Ignorer',
  skipConfirmNo: 'Garder',
  retry: 'Réessayer',
  markSent: 'Marquer comme envoyé',
  openInX: 'Ouvrir dans X',
  openInXNoText: 'Le texte est trop long pour un lien : copiez-le ci-dessus.',
  channelName: { dm: 'MP', mention: 'Accueil public' },
  sentBy: (channel, user, when) => `✅ ${channel} envoyé, approuvé par ${user} le ${when}`,
  approvedBy: (channel, user, when) => `⏳ ${channel} approuvé par ${user} le ${when}, en attente d’envoi`,
  sendingNow: (channel, user, when) => `📤 ${channel} approuvé par ${user} le ${when}, envoi en cours`,
  queuePosition: (n) => `Position dans la file : ${n}`,
  expectedAt: (when) => `prévu ${when}`,
  manualSendNext: 'Envoyez-le dans X avec le bouton ci-dessous, puis marquez-le comme envoyé.',
  failedBy: (channel, user, when) => `❌ ${channel} approuvé par ${user} le ${when}, mais l’envoi a échoué`,
  failedReason: 'Réponse de X :',
  unknownError: 'X n’a donné aucune raison.',
  skippedBy: (user, when) => `🚫 Ignoré par ${user} le ${when} : aucun message envoyé`,
  expired: '⌛ Expiré : personne n’a décidé à temps, aucun message n’a été envoyé.',
  whatWasSent: 'Message envoyé :',
  whatWillBeSent: 'Message qui sera envoyé :',
  whatWasTried: 'Message qu’on a tenté d’envoyer :',
  viewPost: 'Voir le post sur X',
  viewConversation: 'Ouvrir la conversation sur X',
  outcome: {
    pending: 'en attente de décision',
    approved: 'approuvé',
    sending: 'envoi en cours',
    sent: 'envoyé',
    failed: 'échec de l’envoi',
    skipped: 'ignoré',
    expired: 'expiré',
  },
  modalTitle: 'Modifier l’accueil',
  modalSave: 'Enregistrer',
  modalCancel: 'Annuler',
  modalLabel: { dm: 'Message privé', mention: 'Accueil public' },
  modalHint: {
    dm: 'Restez bref et personnel. L’audit le vérifie à nouveau à l’enregistrement.',
    mention: 'X compte 280 caractères pondérés, un lien pour 23. L’audit le vérifie à l’enregistrement.',
  },
};

export const STRINGS: Record<Lang, UiStrings> = { en, fr };
