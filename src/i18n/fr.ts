// Every sentence the bot shows, in French: the same keys as en.ts, checked by the compiler.
// French typography: a space before « : ; ? ! », typographic apostrophes, and 0 and 1 are singular.
import type { Catalogue } from './en';
import { formatDate, formatList, formatNumber, formatPercent, plural } from './format';
import type { TemplateWords, XErrorFacts } from './shapes';

const num = (n: number) => formatNumber('fr', n);
const p = (n: number, one: string, other: string) => plural('fr', n, { one, other });
/** A count, or nothing when there are none (the audit lists only what it found). */
const count = (n: number, one: string, other: string) => (n === 0 ? '' : p(n, one, other));

const card: Catalogue['card'] = {
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
  flagKind: { bot: '🤖 Semble automatisé :', notable: '⭐', relevant: '🎯', info: 'ℹ️' },
  hint: {
    'default-avatar': () => 'photo par défaut',
    'no-bio': () => 'bio vide',
    'follow-ratio': ({ following = 0, followers = 0 }) => `suit ${num(following)} comptes, ${p(followers, '# abonné', '# abonnés')}`,
    'new-account': ({ days = 0 }) => (days === 0 ? 'créé aujourd’hui' : `créé il y a ${p(days, '# jour', '# jours')}`),
    'digit-handle': () => 'identifiant plein de chiffres',
    notable: ({ followers = 0 }) => `grosse audience, ${p(followers, '# abonné', '# abonnés')}`,
    relevant: ({ topic = '' }) => `sa bio parle de « ${topic} », un de vos sujets`,
    protected: () => 'compte protégé (publications privées)',
    'dms-closed': () => 'n’accepte pas vos messages privés',
    mutual: () => 'vous vous suivez mutuellement',
  },
  moreItems: (n) => `et ${num(n)} de plus`,
  recommendation: 'Recommandation :',
  recommend: { dm: 'envoyer un message privé', mention: 'publier un accueil public', none: 'ne rien envoyer' },
  draft: 'Brouillon',
  draftChangedBy: (who, when) => `Modifié par ${who} à ${when} — rouvrez pour le voir. Votre texte n’a pas été enregistré.`,
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
  queuePosition: (n) => `Position dans la file : ${num(n)}`,
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

const audit: Catalogue['audit'] = {
  verdict: { pass: 'Conforme', warn: 'À revoir', fail: 'Bloqué' },
  verdictIcon: { pass: '✅', warn: '⚠️', fail: '⛔' },
  severity: { error: 'Erreur', warning: 'Avertissement', info: 'Conseil' },
  severityIcon: { error: '⛔', warning: '⚠️', info: '💡' },
  kindName: { dm: 'message privé', mention: 'mention publique' },
  channelName: { dm: 'message privé', mention: 'mention publique' },
  langName: { en: 'anglais', fr: 'français' },
  auditedAs: (kind, lang) => `audité comme ${kind}, en ${lang}`,
  counts: (errors, warnings, infos) =>
    [count(errors, '# erreur', '# erreurs'), count(warnings, '# avertissement', '# avertissements'), count(infos, '# conseil', '# conseils')]
      .filter(Boolean)
      .join(', ') || 'rien à signaler',
  noFindings: 'Rien à corriger : ce texte respecte toutes les règles que l’audit a pu vérifier.',
  where: 'Où :',
  wholeText: 'tout le texte',
  atCharacter: (n) => `au caractère ${n}`,
  characters: (from, to) => `caractères ${from} à ${to}`,
  suggestion: 'Suggestion :',
  moreFindings: (n) => `…et ${p(n, '# autre remarque non affichée', '# autres remarques non affichées')}.`,
  asMention: (verdict, extra) => `En mention publique, ce serait : ${verdict}${extra ? ` — en plus : ${extra}` : ''}.`,
  needHistory: (rules) => `${rules} ont besoin de l’historique : lancez l’audit sur une carte ou avec @pseudo.`,
  needFollower: (rules) => `${rules} non vérifié : aucun abonné à qui comparer la mention (la règle s’applique sur les cartes).`,
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
  manualSuspended: (handle) => `X a suspendu le compte ${handle}, aucune carte publiée : un message d’accueil ne pourrait pas l’atteindre.`,
  manualXFailed: (handle, reason) => `Impossible de trouver ${handle} sur X, aucune carte publiée. ${reason}`,
  manualUsage: (command) => `Indiquez un compte X : \`${command} @pseudo\` ou \`${command} https://x.com/pseudo\`.`,
  manualNoAccount: 'Aucun compte X n’est encore configuré pour le bureau.',
  noProfileLink: 'Aucun lien de profil X (x.com/pseudo ou twitter.com/pseudo) dans ce message.',
  noTextToAudit: 'Ce message n’a pas de texte à auditer.',
  modalFailed: (command) => `Slack n’a pas ouvert le formulaire d’audit. Réessayez, ou auditez directement : \`${command} votre texte\`.`,
};


const home: Catalogue['home'] = {
  title: 'accueil — le bureau d’accueil',
  intro: 'Chaque nouvel abonné reçoit une carte dans le canal du bureau de son compte ; rien ne part sans l’accord d’un coéquipier.',
  none: 'Aucun compte X pour l’instant. Démarrez le bot avec les variables X_, ou ajoutez-en un avec `accueil accounts add`.',
  deskIn: (channel) => `Bureau : <#${channel}>`,
  week: '*7 derniers jours*',
  newFollowers: 'Nouveaux abonnés',
  cards: 'Cartes',
  sentDm: 'Envoyés en DM',
  sentMention: 'Envoyés en mention',
  skipped: 'Ignorés',
  pending: 'En attente',
  queue: (n) => (n === 0 ? '*File :* rien n’attend. 🎉' : `*File :* ${p(n, '# carte', '# cartes')} en attente, la plus ancienne d’abord`),
  waitingSince: (at) => `en attente depuis ${at}`,
  notPosted: 'carte pas encore publiée',
  more: (n) => `…et ${num(n)} de plus dans le canal.`,
  settings: '*Réglages*',
  kind: 'Compte',
  dmPolicy: 'Politique DM',
  sendModeSwitched: (handle, mode, left) =>
    `${handle} envoie désormais ${mode === 'api' ? 'par l’API' : 'à la main (manuel)'}. ` +
    (left === 0
      ? 'Aucune carte approuvée n’attend dans l’autre mode.'
      : p(left, '# carte approuvée garde le mode de son approbation, telle quelle.', '# cartes approuvées gardent le mode de leur approbation, telles quelles.')),
  dmPolicyHint: 'Les règles de X pour les développeurs n’autorisent un MP qu’après celui de la personne (Après leur premier MP). « Tout DM approuvé » en sort : le compte s’expose aux sanctions de X.',
  sendMode: 'Envoi',
  ownDomains: 'Domaines',
  topics: 'Sujets',
  empty: '—',
  edit: 'Modifier',
  moreAccounts: (n) => `${p(n, '# compte', '# comptes')} de plus : voir \`accueil accounts list\`.`,
  modalTitle: 'Réglages du compte',
  save: 'Enregistrer',
  cancel: 'Annuler',
  ok: 'OK',
  channel: 'Canal du bureau',
  domainsHint: 'Séparés par des virgules, p. ex. marque.fr, boutique.marque.fr. Les autres liens sont signalés.',
  topicsHint: 'Mots de votre domaine, séparés par des virgules ; une bio qui en contient un est signalée pertinente.',
  refusalTitle: 'Non autorisé',
  badDomain: (d) => `« ${d} » n’est pas un nom de domaine comme marque.fr.`,
  missing: 'Choisissez une valeur.',
  accountGone: 'Ce compte n’existe plus.',
  option: {
    business: 'Professionnel',
    personal: 'Personnel (jamais de DM)',
    'engaged-only': 'Après leur premier MP',
    approved: 'Tout DM approuvé (hors règles de X)',
    off: 'Désactivés (mentions seules)',
    api: 'Par l’API X',
    manual: 'À la main (Ouvrir dans X)',
  },
};

const digest: Catalogue['digest'] = {
  title: (from, to) => `Bilan de la semaine · ${from} → ${to}`,
  newFollowers: 'Nouveaux abonnés',
  cards: 'Cartes',
  welcomed: (dm, mention, manual) => `MP ${num(dm)} · mention ${num(mention)} · envoi manuel ${num(manual)}`,
  welcomedLabel: 'Bienvenues',
  skipped: 'Passées',
  expired: 'Expirées',
  decision: 'Délai médian entre l’abonnement et la décision',
  effect: (weeks) => `*Souhaiter la bienvenue, ça aide ?* (bienvenues ${p(weeks, 'de la dernière semaine', 'des # dernières semaines')})`,
  replyRate: 'Taux de réponse',
  unfollowRate: 'Taux de désabonnement à 7 jours',
  welcomedVs: 'accueillis',
  notWelcomed: 'non accueillis (échantillon témoin)',
  templates: '*Modèles*',
  replies: 'réponses',
  unfollowed7: 'désabonnés à 7 jours',
  teammates: '*L’équipe cette semaine*',
  teammate: (t) =>
    `approuvées ${num(t.approved)} · passées ${num(t.skipped)} · modifiées ${num(t.edited)}${t.sentManually ? ` · envoyées à la main ${num(t.sentManually)}` : ''}`,
  audit: '*Ce que l’audit a relevé cette semaine*',
  auditNone: 'Rien à signaler.',
  runs: (n) => `${num(n)} fois`,
  spend: '*Dépenses API X de la semaine* (estimées aux prix à l’usage)',
  spendLine: (calls, units) => `${p(calls, '# appel', '# appels')}, ${p(units, '# facturé', '# facturés')}`,
  usd: (x) => (x > 0 && x < 0.01 ? '< 0,01 $US' : formatNumber('fr', x, { style: 'currency', currency: 'USD' })),
  total: 'Total',
  nothing: 'Aucun.',
  noData: 'aucune donnée',
  percent: (ratio) => formatPercent('fr', ratio),
  interval: (low, high) => `IC 95 % ${low}–${high}`,
  minutes: (n) => `${num(n)} min`,
  hours: (h, m) => `${num(h)} h ${m}`,
  days: (n) => `${num(n)} j`,
  tooFew: (smallest, needed) => `Trop peu pour conclure : le plus petit groupe compte ${num(smallest)} ; il en faut au moins ${num(needed)} par groupe.`,
  noDifference: 'Pas de différence nette : les intervalles se chevauchent.',
  higher: (who, what) => `${who} a nettement le plus haut ${what}.`,
  templatesTooFew: (smallest, needed) =>
    `Trop peu pour comparer les modèles : le plus petit en compte ${num(smallest)} ; il en faut au moins ${num(needed)} chacun.`,
  footnote:
    'Les taux portent sur les huit dernières semaines. Intervalles de Wilson à 95 % ; une différence n’est annoncée que si chaque groupe compte au moins 30 personnes et que les intervalles ne se chevauchent pas. Les désabonnements sont constatés 1, 7 et 30 jours après le traitement de chaque abonné suivi.',
  chart: 'Abonnés gagnés, bienvenues envoyées, réponses et désabonnements sur 8 semaines',
  chartLabels: {
    followers: 'Nouveaux abonnés',
    welcomes: 'Bienvenues envoyées',
    replies: 'Réponses',
    unfollows: 'Désabonnements (suivis)',
    title: 'Les 8 dernières semaines',
  },
};

const replies: Catalogue['replies'] = {
  draftChangedBy: (who, when) => `Modifié par ${who} le ${when} : relisez la carte. Rien n’a été fait.`,
  welcomeGone: 'Ce message de bienvenue n’existe plus.',
  status: {
    approved: 'approuvé',
    sending: 'en cours d’envoi',
    sent: 'envoyé',
    failed: 'en échec',
    skipped: 'passé',
    expired: 'expiré',
    pending: 'toujours en attente',
  },
  theBot: 'le bot',
  alreadyDecided: (status, who, when) => `Déjà décidé : ${status} par ${who}${when ? ` le ${when}` : ''}. Rien n’a été fait.`,
  auditBlocks: 'Pas envoyé : l’audit bloque ce texte. Modifiez-le avec « Modifier… ».',
  notRecorded: 'Votre décision n’a pas pu être enregistrée (base de données indisponible). Rien n’a été envoyé : cliquez à nouveau dans un instant.',
  writeAMessage: 'Écrivez un message.',
  digestUsage: (command) => `Utilisation : \`${command} digest\` affiche le bilan de la semaine, pour vous seul.`,
  noAccount: 'Aucun compte X n’est encore configuré.',
  fourEyes: 'Vous avez modifié ce brouillon : un autre membre de l’équipe doit l’approuver (règle des quatre yeux).',
  draftChanged: 'Le brouillon a changé pendant votre approbation. Rien n’a été envoyé : relisez la carte.',
  cannotCheckApprovers: 'Impossible de vérifier auprès de Slack qui peut décider. Rien n’a été fait : réessayez dans un instant.',
  notAnApprover: (policy) =>
    `Vous ne pouvez pas décider de ces messages de bienvenue : c’est réservé ${policy === 'usergroup' ? 'aux membres du groupe d’utilisateurs des approbateurs' : 'aux membres du canal du bureau'}. Rien n’a été fait.`,
  settingsMembersOnly: (channelId, handle) => `Seuls les membres de <#${channelId}> peuvent modifier les réglages de @${handle}. Rien n’a été changé.`,
  sendGaveUp: 'L’envoi n’a pas abouti après 24 h d’essais.',
  unexpectedError: 'erreur inattendue.',
};

// Quand un nouvel essai pourrait envoyer deux fois, la carte demande à quelqu’un de vérifier.
const nextStep = (e: XErrorFacts) => (e.retryable ? 'nouvel essai plus tard.' : 'le message est peut-être parti : vérifiez sur X avant de le renvoyer.');
const withDetail = (text: string, e: XErrorFacts) => (e.detail ? `${text} (${e.detail})` : text);
const utcTime = (date: Date) => `${formatDate('fr', date, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })} UTC`;

const xError: Catalogue['xError'] = {
  'rate-limited': (e) => `La limite de débit de X est atteinte ; elle se rouvre ${e.resetAt ? `à ${utcTime(e.resetAt)}` : 'bientôt'} et le bot attend jusque-là.`,
  'dm-refused': (e) => withDetail('X a refusé le message privé : cette personne n’accepte pas vos messages privés.', e),
  forbidden: (e) => withDetail('X a refusé cette action pour le compte ou l’application.', e),
  'not-found': (e) => withDetail('X ne trouve pas : le compte ou le message a peut-être été supprimé ou suspendu.', e),
  unauthorized: () => 'X a rejeté les identifiants : vérifiez X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN et X_ACCESS_SECRET.',
  server: (e) => `X rencontre un problème (HTTP ${e.status ?? '?'}) ; ${nextStep(e)}`,
  network: (e) => `X n’a pas pu être joint correctement (erreur réseau) ; ${nextStep(e)}`,
  invalid: (e) => withDetail('X a rejeté la requête comme invalide.', e),
};

const format: Catalogue['format'] = {
  number: num,
  plural: p,
  list: (items) => formatList('fr', items),
  date: (date, options) => formatDate('fr', date, options),
};

const ownDomain: Catalogue['ownDomain'] = {
  'not-a-name': (d) => `« ${d} » n’est pas un nom de domaine : entre les points, des lettres, des chiffres et des tirets intérieurs, comme marque.fr`,
  'unknown-suffix': (d) => `« ${d} » ne se termine pas par un domaine de premier niveau connu comme .fr ou .com`,
  'public-suffix': (d) => `« ${d} » est un suffixe public, partagé par les sites de tout le monde : donnez votre domaine sous lui, comme marque.${d.replace(/^\./, '')}`,
};

const model: Catalogue['model'] = {
  fromTemplate: (key, version) => `Brouillon du modèle \`${key}\`${version === null ? '' : ` (version ${version})`}`,
  fromModel: (name) => `Brouillon écrit par le modèle de langage \`${name}\``,
  writtenByHand: 'Pas de brouillon : aucun modèle de message actif n’en a donné un qui passe l’audit, l’équipe l’écrit',
  manualOnly:
    'X exige son accord préalable avant que des réponses générées par IA soient envoyées par l’API, et ce compte ne l’a pas déclaré : une fois approuvé, ce brouillon s’envoie à la main depuis X (Ouvrir dans X, puis Marquer comme envoyé). Ou bien reprenez le brouillon du modèle de message.',
  useTemplate: 'Reprendre le brouillon du modèle de message',
  alreadyTemplate: 'Cette carte montre déjà le brouillon du modèle de message.',
  opinion: (name, ruleId, reason) => `Second avis du modèle de langage ${name} : ce message enfreint peut-être la règle ${ruleId}. ${reason}`,
  aiRepliesLabel: 'Réponses générées par IA',
  aiRepliesOption: 'X a approuvé les réponses générées par IA de ce compte',
  aiRepliesHint:
    'Règles de X pour les développeurs : « Deploying AI-generated replies without approval is a violation, even if the content itself is helpful » (déployer des réponses générées par IA sans accord est une infraction, même si le contenu est utile). Décoché (par défaut), les brouillons du modèle de langage s’envoient à la main depuis X.',
  aiRepliesApproved: 'Réponses générées par IA : accord de X, envoyées par l’API',
  aiRepliesManual: 'Réponses générées par IA : envoyées à la main depuis X',
};

/** Les modèles dans l’onglet Accueil, leur éditeur et la vue de l’expérience (issue 13). */
const templateDesk: Catalogue['templateDesk'] = {
  title: '*Modèles et expérience*',
  intro: 'Les modèles actifs sont tirés au hasard pour chaque brouillon ; chaque version garde ses propres chiffres (accueils des huit dernières semaines).',
  group: (lang, channel) => `*${lang} · ${channel}*`,
  langName: { en: 'Anglais', fr: 'Français' },
  channelName: { dm: 'message privé', mention: 'mention publique' },
  state: { live: 'actif', paused: 'en pause', retired: 'retiré', superseded: 'version antérieure' },
  version: (key, version) => `${key} v${num(version)}`,
  byWhom: (who) => `par ${who}`,
  builtIn: 'intégré',
  fromCli: 'importé',
  model: (name) => `brouillons du modèle de langage ${name}`,
  sends: (n) => p(n, '# envoyé', '# envoyés'),
  replies: 'réponses',
  unfollowed7: 'désabonnés à J+7',
  noData: 'pas encore de données',
  rate: (percent, k, n, low, high) => `*${percent}* (${num(k)}/${num(n)}, IC 95 % ${low}–${high})`,
  verdictTooFew: (smallest, needed) => `Trop peu pour conclure — ${num(smallest)} sur ${num(needed)} nécessaires.`,
  verdictLeads: (key) => `${key} est en tête pour les réponses.`,
  verdictNoLeader: 'Pas de meneur net : les intervalles se chevauchent.',
  verdictAlone: 'Un seul bras : rien à comparer pour l’instant.',
  verdictNone: 'Aucun modèle actif : aucun brouillon de ce type ne peut être écrit.',
  none: 'Aucun modèle pour l’instant.',
  moreTemplates: (n) => `…et ${p(n, '# autre modèle', '# autres modèles')} : voir \`accueil templates list\`.`,
  newTemplate: 'Nouveau modèle…',
  actions: { edit: 'Modifier…', duplicate: 'Dupliquer…', pause: 'Mettre en pause', resume: 'Réactiver', promote: 'Promouvoir (seul actif)', retire: 'Retirer' },
  membersOnly: (channel, handle) => `Seuls les membres de <#${channel}> peuvent modifier les modèles de @${handle}.`,
  gone: 'Ce modèle a changé ou n’existe plus : rouvrez l’onglet Accueil.',
  titleNew: 'Nouveau modèle',
  titleEdit: 'Modifier le modèle',
  titleDuplicate: 'Dupliquer le modèle',
  save: 'Enregistrer',
  cancel: 'Annuler',
  key: 'Identifiant',
  keyHint: 'Minuscules, chiffres et tirets, p. ex. fr-dm-4. Les chiffres sont tenus par identifiant et par version.',
  lang: 'Langue',
  channel: 'Envoyé en',
  body: 'Texte',
  bodyHint: 'Emplacements : {name}, {topic}, {link}, {account}, {signoff}. Une phrase entre [[ ]] est retirée quand l’un de ses emplacements est vide ou que le message est trop long.',
  editing: (key, next, lang, channel) => `Enregistrer crée la version ${num(next)} de \`${key}\` (${lang}, ${channel}) ; la version précédente garde ses chiffres.`,
  preview: 'Aperçu',
  previewTitle: '*Aperçu pour des abonnés types*',
  previewEmpty: 'Écrivez un texte pour le voir rempli pour quelques abonnés types.',
  previewVoice: (address, signOff) => `Adresse en français : *${address}* · signature : ${signOff}`,
  defaultSignOff: 'le nom de l’équipe',
  notFilled: 'Impossible à remplir :',
  warningsShown: 'Les avertissements n’empêchent pas d’enregistrer ; les erreurs, si.',
  voice: {
    address: 'En français, s’adresser aux abonnés par',
    addressHint: 'Les modèles et les brouillons le suivent. Les articles emploient les deux : le vous est le choix sûr, le tu va à une marque familière.',
    vous: 'vous (soutenu)',
    tu: 'tu (familier)',
    signOff: 'Signature',
    signOffHint: 'La dernière ligne d’un message privé, p. ex. « L’équipe Lumen » : 60 caractères au plus, sans lien, @mention ni #hashtag. Vide : le nom de l’équipe, dans la langue de l’abonné.',
    signOffProblem: { 'too-long': '60 caractères au plus.', 'link-or-tag': 'Ni lien, ni @mention, ni #hashtag : elle termine chaque message privé.' },
  },
  digestLink: (url) => `<${url}|Les modèles et leur expérience, dans l’onglet Accueil de l’application>`,
};

/** Les modèles de l’équipe (ticket 13) : problèmes sur un champ, états, journal, aperçus, la voix. */
const templates: TemplateWords = {
  problem: (problem) => {
    switch (problem.code) {
      case 'unknown-slot':
        return `{${problem.slot}} n’est pas un champ : utilisez {name}, {topic}, {link}, {account} ou {signoff}.`;
      case 'unclosed-optional':
        return 'Une phrase facultative ouverte par [[ n’est pas fermée par ]] sur la même ligne.';
      case 'stray-bracket':
        return 'Un {, } ou ]] isolé reste dans le texte : les champs s’écrivent {name}, les phrases facultatives [[ … ]].';
      case 'nested-optional':
        return 'Les phrases facultatives ne s’imbriquent pas : fermez-en une par ]] avant d’ouvrir la suivante.';
      case 'slot-not-optional':
        return `{${problem.slot}} peut être vide : mettez sa phrase entre [[ … ]], pour qu’elle soit omise quand il l’est.`;
      case 'empty-body':
        return 'Écrivez le message d’accueil.';
      case 'link-off-domain':
        return `${problem.domain} n’est pas un domaine de l’équipe : un DM ne renvoie que vers le site de l’équipe (ce que fait {link}).`;
      case 'audit-finding':
        return problem.message ?? problem.ruleId;
      case 'render-failed':
        return 'Un champ hors de [[ … ]] est vide pour un abonné d’exemple ({account} demande le nom de l’équipe) : le brouillon serait vide.';
      case 'bad-key':
        return 'Un identifiant s’écrit en minuscules, chiffres et tirets, comme fr-dm-4.';
      case 'key-taken':
        return 'Un autre modèle porte déjà cet identifiant.';
      case 'bad-value':
        return 'Choisissez une valeur.';
    }
  },
  state: { live: 'Actif', paused: 'En pause', retired: 'Retiré', superseded: 'Remplacé par une version plus récente' },
  event: {
    seeded: 'repris des modèles intégrés',
    created: 'créé',
    edited: 'modifié (nouvelle version)',
    duplicated: 'dupliqué',
    paused: 'mis en pause',
    resumed: 'réactivé',
    promoted: 'promu (seul actif)',
    retired: 'retiré',
    imported: 'importé',
  },
  sample: { 'with-topic': 'Bio avec un sujet', 'without-topic': 'Bio sans sujet', 'long-name': 'Un nom long', 'no-first-name': 'Sans prénom' },
  address: { vous: '« vous » (vouvoiement)', tu: '« tu » (tutoiement)' },
  version: (key, version) => `${key} v${num(version)}`,
  modelArm: (model) => `Brouillons de ${model}`,
  defaultSignOff: 'L’équipe {account}',
  slotsHelp:
    'Champs : {name} {topic} {link} {account} {signoff} ; {de topic} fait l’élision (d’IA) ; {vous|tu} donne les mots pour chaque forme d’adresse ; [[ … ]] marque une phrase facultative, omise quand un de ses champs est vide ou que le message est trop long.',
};

/** Conversations (ticket 12) : les messages d’un abonné dans le fil de sa carte, et la ligne de conversation de la carte. */
const conversation: Catalogue['conversation'] = {
  wrote: {
    dm: (who, when) => `${who} vous a écrit en MP · ${when}`,
    reply: (who, when) => `${who} a répondu au message d’accueil · ${when}`,
    mention: (who, when) => `${who} vous a mentionné · ${when}`,
  },
  fallback: (handle) => `Nouveau message de ${handle}`,
  hiddenDm: 'Cette personne vous a écrit en MP — ouvrez-le dans X.',
  emptyText: '(sans texte)',
  viewOnX: 'Voir sur X',
  openInX: 'Ouvrir dans X',
  reply: 'Répondre…',
  noAnswer: 'Pas de réponse nécessaire',
  answeredBy: (who) => `✅ Répondu par ${who}`,
  noAnswerBy: (who) => `☑️ Pas de réponse nécessaire — ${who}`,
  optedOut: '🚫 Cette personne a demandé à ne plus être contactée : le bureau ne lui proposera plus jamais de MP.',
  messages: (n) => `💬 ${p(n, '# message', '# messages')}`,
  waitingSince: (at) => `attend une réponse depuis ${at}`,
  answered: (who, after) => `répondu par ${who} ${after} après`,
  noAnswerNeeded: 'pas de réponse nécessaire',
  after: (seconds) =>
    seconds < 60 ? 'moins d’une minute' : seconds < 3600 ? p(Math.round(seconds / 60), '# min', '# min') : seconds < 86_400 ? p(Math.round(seconds / 3600), '# heure', '# heures') : p(Math.round(seconds / 86_400), '# jour', '# jours'),
  doNotContact: (words) => `🚫 Ne pas contacter : cette personne l’a demandé (« ${words} »). Aucun MP ne sera proposé.`,
  dmRefusedDoNotContact: 'Non envoyé : cette personne a demandé à ne plus être contactée avant le départ du MP.',
  doNotContactX: '🚫 Ne pas contacter : X indique que cette personne refuse d’être contactée. Aucun MP ne sera proposé.',
  showDmText: 'Texte des MP dans le canal',
  showDmTextOption: { shown: 'Affiché dans le fil', hidden: 'Masqué (« ouvrir dans X »)' },
  showDmTextHint: 'Les MP sont privés au compte : masqués, le fil dit seulement qu’un MP est arrivé, avec un lien pour le lire dans X.',
};

const answer: Catalogue['answer'] = {
  modalTitle: 'Répondre',
  send: 'Envoyer',
  submitForApproval: 'Soumettre',
  sendAnyway: 'Envoyer quand même',
  cancel: 'Annuler',
  theyWrote: (handle, via, date) => `${handle} a écrit ${{ dm: 'en DM', reply: 'en réponse à l’accueil', mention: 'dans un post qui vous nomme' }[via]} · ${date}`,
  textLabel: 'Votre réponse',
  textHint: {
    dm: 'Envoyée en DM une fois approuvée. Auditée avant : pas d’argumentaire de vente, pas de demande de coordonnées, des liens vers votre site seulement.',
    reply: 'Publiée en réponse à son post une fois approuvée (280 caractères). Auditée avant.',
  },
  wayLabel: 'Comment répondre',
  way: { dm: 'En DM', reply: 'Réponse publique à son post' },
  onlyWay: (way) => `Réponse : ${way}`,
  closed: {
    'do-not-contact': 'Pas de DM : cette personne a demandé à ne plus être contactée.',
    'personal-account': 'Pas de DM : un compte personnel n’envoie pas de DM.',
    'dm-off': 'Pas de DM : les DM sont désactivés pour ce compte.',
    'dm-closed': 'Pas de DM : cette personne n’accepte pas vos DM.',
    'not-written-first': 'Pas de DM : cette personne ne vous a pas écrit la première (X n’autorise un DM qu’après).',
    'not-a-post': 'Pas de réponse publique : elle a écrit en DM.',
    'already-replied': 'Pas de réponse publique : le compte a déjà répondu à ce post (X : une réponse par post).',
    'manual-send-mode': 'Ce compte envoie à la main : répondez dans X.',
  },
  noWay: 'Impossible de répondre à ce message depuis Slack.',
  rulesApplied: (rules) => `Vérifié : ${rules}`,
  warningsFirst: 'Lisez les avertissements ci-dessous ; envoyez de nouveau pour l’envoyer tel quel.',
  fourEyesNote: 'Un autre membre de l’équipe l’approuve avant l’envoi (FOUR_EYES).',
  writeSomething: 'Écrivez une réponse.',
  chooseWay: 'Choisissez comment répondre.',
  auditBlocks: 'L’audit bloque cette réponse :',
  fourEyes: 'Vous avez écrit cette réponse : avec FOUR_EYES, un autre membre de l’équipe l’approuve.',
  messageGone: 'Ce message n’est plus sur le desk.',
  alreadyAnswered: (status, who, when) =>
    `${status === 'no-answer-needed' ? 'Marqué sans réponse nécessaire' : 'Déjà répondu'} par ${who}${when ? ` à ${when}` : ''}.`,
  answerLine: (who, way) => `↩️ ${who} a répondu · ${way}`,
  status: {
    pending: 'En attente de l’approbation d’un second membre de l’équipe.',
    approved: 'Approuvée, dans la file d’envoi.',
    sending: 'Envoi en cours…',
    sent: 'Envoyée.',
    failed: 'Non envoyée.',
  },
  approvedBy: (who) => `Approuvée par ${who}.`,
  approve: 'Approuver et envoyer',
  hiddenDm: 'Réponse en DM : le texte reste hors du canal (ouvrez la conversation dans X).',
  viewOnX: 'Voir sur X',
  notSent: (reason) => `Non envoyée : ${reason} Répondre… de nouveau pour écrire une autre réponse.`,
  failure: {
    'do-not-contact': 'cette personne a demandé entre-temps à ne plus être contactée.',
    'gave-up': 'l’envoi n’a pas abouti après 24 heures d’essais.',
    unknown: 'X ne l’a pas pris.',
  },
  fallback: (who, status) => `Réponse de ${who} : ${status}`,
  nudge: (since) => `⏰ Cette conversation attend une réponse depuis ${since}.`,
};

const conversationReport: Catalogue['conversationReport'] = {
  digestTitle: '*Conversations* — messages des abonnés cette semaine',
  received: 'Reçus',
  answered: 'Répondus',
  medianAnswer: 'Délai médian de réponse',
  waiting: 'En attente',
  homeTitle: (n) => (n === 0 ? '*Conversations en attente de réponse :* aucune.' : `*Conversations en attente de réponse* (${num(n)}), les plus anciennes d’abord :`),
  homeLine: (who, since, messages) => `${who} — ${p(messages, '# message', '# messages')} en attente depuis ${since}`,
  notPosted: 'pas encore dans un fil',
  more: (n) => `…et ${p(n, '# autre conversation', '# autres conversations')}.`,
};

export const fr: Catalogue = { format, card, audit, home, digest, replies, xError, ownDomain, templates, model, templateDesk, conversation, answer, conversationReport };
