// The words of the audit reports, the audit modal and follower histories, in both languages.
// Values are plain words: builders escape whatever untrusted text they put into them.
import type { Channel, Lang, WelcomeStatus } from '../../domain';
import type { Severity, Verdict } from '../../rules/types';

export interface AuditStrings {
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
  and: string;
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
  manualXFailed: (handle: string, reason: string) => string;
  manualUsage: (command: string) => string;
  manualNoAccount: string;
  noProfileLink: string;
  noTextToAudit: string;
  modalFailed: (command: string) => string;
}

const en: AuditStrings = {
  verdict: { pass: 'Pass', warn: 'Warn', fail: 'Fail' },
  verdictIcon: { pass: '✅', warn: '⚠️', fail: '⛔' },
  severity: { error: 'Error', warning: 'Warning', info: 'Advice' },
  severityIcon: { error: '⛔', warning: '⚠️', info: '💡' },
  kindName: { dm: 'a DM', mention: 'a public mention' },
  channelName: { dm: 'DM', mention: 'public mention' },
  langName: { en: 'English', fr: 'French' },
  auditedAs: (kind, lang) => `audited as ${kind}, in ${lang}`,
  counts: (errors, warnings, infos) =>
    [plural(errors, 'error', 'errors'), plural(warnings, 'warning', 'warnings'), plural(infos, 'piece of advice', 'pieces of advice')]
      .filter(Boolean)
      .join(', ') || 'no findings',
  noFindings: 'Nothing to fix: this text follows every rule the audit could check.',
  where: 'Where:',
  wholeText: 'the whole text',
  atCharacter: (n) => `at character ${n}`,
  characters: (from, to) => `characters ${from}–${to}`,
  suggestion: 'Suggestion:',
  moreFindings: (n) => `…and ${n} more ${n === 1 ? 'finding' : 'findings'} not shown.`,
  asMention: (verdict, extra) => `As a public mention it would be: ${verdict}${extra ? ` — also ${extra}` : ''}.`,
  needHistory: (rules) => `${rules} need history: run it on a card or with @handle.`,
  needFollower: (rules) => `${rules} skipped: no follower to check the mention against (it runs on cards).`,
  and: 'and',
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
  manualXFailed: (handle, reason) => `Could not look ${handle} up on X, so no card was posted. ${reason}`,
  manualUsage: (command) => `Name one X account: \`${command} @handle\` or \`${command} https://x.com/handle\`.`,
  manualNoAccount: 'No X account is set up for the desk yet.',
  noProfileLink: 'No X profile link (x.com/handle or twitter.com/handle) in this message.',
  noTextToAudit: 'This message has no text to audit.',
  modalFailed: (command) => `Slack would not open the audit form. Try again, or audit a text directly: \`${command} your text\`.`,
};

const fr: AuditStrings = {
  verdict: { pass: 'Conforme', warn: 'À revoir', fail: 'Bloqué' },
  verdictIcon: en.verdictIcon,
  severity: { error: 'Erreur', warning: 'Avertissement', info: 'Conseil' },
  severityIcon: en.severityIcon,
  kindName: { dm: 'message privé', mention: 'mention publique' },
  channelName: { dm: 'message privé', mention: 'mention publique' },
  langName: { en: 'anglais', fr: 'français' },
  auditedAs: (kind, lang) => `audité comme ${kind}, en ${lang}`,
  counts: (errors, warnings, infos) =>
    [plural(errors, 'erreur', 'erreurs'), plural(warnings, 'avertissement', 'avertissements'), plural(infos, 'conseil', 'conseils')]
      .filter(Boolean)
      .join(', ') || 'rien à signaler',
  noFindings: 'Rien à corriger : ce texte respecte toutes les règles que l’audit a pu vérifier.',
  where: 'Où :',
  wholeText: 'tout le texte',
  atCharacter: (n) => `au caractère ${n}`,
  characters: (from, to) => `caractères ${from} à ${to}`,
  suggestion: 'Suggestion :',
  moreFindings: (n) => `…et ${n} ${n === 1 ? 'autre remarque non affichée' : 'autres remarques non affichées'}.`,
  asMention: (verdict, extra) => `En mention publique, ce serait : ${verdict}${extra ? ` — en plus : ${extra}` : ''}.`,
  needHistory: (rules) => `${rules} ont besoin de l’historique : lancez l’audit sur une carte ou avec @pseudo.`,
  needFollower: (rules) => `${rules} non vérifié : aucun abonné à qui comparer la mention (la règle s’applique sur les cartes).`,
  and: 'et',
  fallback: (verdict, counts) => `Audit : ${verdict} (${counts})`,
  modalTitle: 'Auditer un message',
  modalSubmit: 'Auditer',
  modalClose: 'Fermer',
  modalTextLabel: 'Texte du message d’accueil',
  modalTextHint: 'Collez le message que vous enverriez. Rien n’est envoyé : l’audit le lit seulement.',
  modalKindLabel: 'Envoyé comme',
  modalKindDm: 'Message privé',
  modalKindMention: 'Mention publique',
  modalEmpty: 'Collez un texte à auditer.',
  modalAgain: 'Modifiez le texte ou le type et auditez à nouveau.',
  historyTitle: (handle, account) => `${handle} et ${account}`,
  unknownFollower: (handle) => `Abonné inconnu : le bureau n’a pas encore vu ${handle}.`,
  unknownNewWelcome: (command) => `Un message d’accueil serait permis : ${command} le cherche sur X et publie une carte.`,
  firstSeen: 'Vu pour la première fois',
  source: {
    baseline: 'déjà abonné au démarrage du bureau',
    poll: 'repéré par le relevé des abonnés',
    webhook: 'repéré par le webhook X',
    manual: 'ajouté à la main',
  },
  wroteFirst: 'Vous a écrit en premier',
  wroteFirstVia: { dm: (when) => `oui, en message privé, ${when}`, mention: (when) => `oui, en vous mentionnant, ${when}` },
  wroteFirstNo: 'pas à la connaissance du bureau',
  unfollowed: 'Désabonné',
  unfollowedNo: 'non',
  welcome: 'Accueil',
  noWelcome: 'aucun pour l’instant',
  status: {
    pending: 'en attente de décision',
    approved: 'approuvé, en attente d’envoi',
    sending: 'en cours d’envoi',
    sent: 'envoyé',
    failed: 'échec de l’envoi',
    skipped: 'ignoré',
    expired: 'expiré, rien envoyé',
  },
  welcomeLine: (status, channel, who, when) => `${status}${channel ? ` (${channel})` : ''}${who ? ` par ${who}` : ''}, ${when}`,
  whatWasSent: {
    pending: 'Brouillon sur la carte :',
    approved: 'Message qui sera envoyé :',
    sending: 'Message en cours d’envoi :',
    sent: 'Message envoyé :',
    failed: 'Message qu’on a tenté d’envoyer :',
    skipped: 'Le brouillon jamais envoyé :',
    expired: 'Le brouillon jamais envoyé :',
  },
  viewOnX: 'Voir sur X',
  xError: 'Réponse de X :',
  newWelcomeYes: '*Un nouvel accueil :* oui — aucun accueil pour l’instant.',
  newWelcomeNo: (why) => `*Un nouvel accueil :* non — un seul accueil par abonné, pour toujours : ${why}.`,
  newWelcomeWhy: {
    sent: (who, when) => `déjà envoyé, approuvé par ${who} le ${when}`,
    approved: (who, when) => `déjà approuvé par ${who} le ${when}, en route`,
    sending: (who, when) => `déjà approuvé par ${who} le ${when}, envoi en cours`,
    pending: (_who, when) => `une carte attend une décision depuis ${when}`,
    failed: (who, when) => `approuvé par ${who} le ${when} mais l’envoi a échoué : relancez-le depuis sa carte`,
    skipped: (who, when) => `ignoré par ${who} le ${when}`,
    expired: (_who, when) => `sa carte, publiée ${when}, a expiré sans réponse`,
  },
  theBot: 'le bot',
  manualCarded: (handle, channel) => `Carte publiée dans ${channel} pour ${handle} : elle y attend la décision d’un coéquipier.`,
  manualAlready: (handle) => `Pas de nouvelle carte pour ${handle} : cette personne a déjà eu son unique accueil.`,
  manualKnown: (handle) =>
    `Pas de carte pour ${handle} : le bureau connaît déjà cette personne et ne fait de carte que pour quelqu’un qu’il voit pour la première fois.`,
  manualUnderWay: (handle) => `Pas de nouvelle carte pour ${handle} : sa carte est déjà en route (quelqu’un l’a demandée au même moment).`,
  manualNotFound: (handle) => `Aucun compte X ${handle} trouvé.`,
  manualXFailed: (handle, reason) => `Impossible de trouver ${handle} sur X, aucune carte publiée. ${reason}`,
  manualUsage: (command) => `Indiquez un compte X : \`${command} @pseudo\` ou \`${command} https://x.com/pseudo\`.`,
  manualNoAccount: 'Aucun compte X n’est encore configuré pour le bureau.',
  noProfileLink: 'Aucun lien de profil X (x.com/pseudo ou twitter.com/pseudo) dans ce message.',
  noTextToAudit: 'Ce message n’a pas de texte à auditer.',
  modalFailed: (command) => `Slack n’a pas ouvert le formulaire d’audit. Réessayez, ou auditez directement : \`${command} votre texte\`.`,
};

function plural(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}

export const AUDIT_STRINGS: Record<Lang, AuditStrings> = { en, fr };
