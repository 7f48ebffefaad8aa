import { withLearnedReading } from './learned';
import { rememberingLast } from './rule';
import type { WelcomeRuleMeta } from './rule';
import { YOURS } from './lexicon';
import { findAll, phrase, within, WORD_END, WORD_START } from './text';
import { findTokens, tokenGate, tokenPattern, tokenText } from './tokens';
import { aboutTheirWork } from './topic';
import type { TextRange } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'no-contact-harvest',
  severity: 'error',
  description: {
    fr: "Ne demander ni e-mail, ni numéro de téléphone, ni inscription à une newsletter.",
    en: 'Do not ask for an e-mail address, a phone number or a newsletter sign-up.',
  },
  rationale: {
    fr: "Donner, écouter, ne rien demander. La personne vient de faire l'effort de vous suivre ; lui réclamer son adresse ou son numéro dès le premier message, c'est prendre avant d'avoir donné.",
    en: 'Give, listen, ask for nothing. The person just made the effort to follow you; asking for their address or number in the first message takes before it gives.',
  },
  messages: {
    learned: {
      fr: "Ce message semble demander un moyen de joindre la personne ; aucune formule connue, c'est la lecture apprise du message.",
      en: 'This reads like asking for a way to reach them; no known phrase matched, this is the learned reading of the message.',
    },
    email: {
      fr: "Demande d'adresse e-mail : un message d'accueil ne réclame rien.",
      en: 'Asking for an e-mail address: a welcome asks for nothing.',
    },
    phone: {
      fr: "Demande de numéro de téléphone : un message d'accueil ne réclame rien.",
      en: 'Asking for a phone number: a welcome asks for nothing.',
    },
    details: {
      fr: "Demande de coordonnées : un message d'accueil ne réclame rien.",
      en: 'Asking for contact details: a welcome asks for nothing.',
    },
    newsletter: {
      fr: "Invitation à s'inscrire à une newsletter : pas dans un message d'accueil.",
      en: 'Pushing a newsletter sign-up: not in a welcome.',
    },
    form: {
      fr: "Invitation à remplir un formulaire : pas dans un message d'accueil.",
      en: 'Asking them to fill in a form: not in a welcome.',
    },
  },
  // A reading, not a phrase: shown to the teammate, it does not block the send.
  messageSeverity: { learned: 'warning' },
};

const SUGGESTION = {
  fr: "Retirez la demande ; offrez plutôt quelque chose d'utile, sans contrepartie.",
  en: 'Drop the request; offer something useful instead, with nothing asked in return.',
};

const EMAIL = "e-?mail(?: address)?|mail|adresse (?:e-?mail|mail|electronique|courriel)|courriel";
const PHONE = "phone(?: number)?|number|digits|num|mobile(?: number)?|cell(?: number)?|numero(?: de (?:telephone|portable|mobile|tel))?|telephone|tel|portable|06|07|whatsapp";
const DETAILS = "contact details|contact info(?:rmation)?|details|deets|address|coordonnees|coordos|coords|adresse(?: postale)?";
const YOUR = "(?:your|ur|ton|ta|tes|votre|vos)(?: best| meilleur| meilleure| personal| perso| professional| pro)?";
const THING = `${YOUR} (?:${EMAIL}|${PHONE}|${DETAILS})`;
const ASK = [
  'send', 'give', 'share', 'drop', 'leave', 'tell', 'provide', 'dm', 'reply with', 'text', "what's", 'what is', 'whats',
  '(?:can|could|may) (?:i|we) (?:get|have)', 'need', "we'd love", 'would love', 'enter', 'type', 'fill in',
  'envoie', 'envoyez', 'donne', 'donnez', 'laisse', 'laissez', 'partage', 'partagez', 'communique', 'communiquez', 'indique', 'indiquez',
  'transmets', 'transmettez', 'ecris', 'ecrivez', 'quel est', 'quelle est', 'puis je avoir', 'pourriez vous', 'peux tu', 'pouvez vous',
  'as tu', 'avez vous', 'besoin de', 'renseigne', 'renseignez', 'saisis', 'saisissez',
].map(phrase).join('|');

const PATTERNS: RegExp[] = [
  // "Send us your email", "Laissez-nous votre numéro", "Quel est ton 06 ?"
  new RegExp(`${WORD_START}(?:${ASK})${WORD_END}${within(40)}${WORD_START}${phrase(THING)}${WORD_END}`, 'gu'),
  // "Your email?", "Votre numéro ?"
  new RegExp(`${WORD_START}${phrase(THING)}${WORD_END}[^.!?\\n]{0,20}\\?`, 'gu'),
  // "Subscribe to our newsletter", "Inscrivez-vous à notre newsletter", "join our mailing list"
  new RegExp(
    `${WORD_START}(?:${['sign up', 'signup', 'subscribe', 'register', 'join', 'get on', 'inscri(?:vez|s|re|ption) (?:vous|toi)?', 'abonne[zr] (?:vous|toi)?', 'abonne toi', 'rejoignez', 'rejoins'].map(phrase).join('|')})${within(40)}${WORD_START}(?:${['newsletter', 'news letter', 'mailing list', 'e-?mail list', 'mailing', "lettre d'info(?:rmation)?s?", 'infolettre', 'liste de diffusion'].map(phrase).join('|')})${WORD_END}`,
    'gu',
  ),
  // "Notre newsletter : inscrivez-vous"
  new RegExp(`${WORD_START}(?:newsletter|infolettre|mailing list)${WORD_END}${within(30)}${WORD_START}(?:${['sign up', 'subscribe', 'inscri(?:vez|s) vous', 'abonnez vous'].map(phrase).join('|')})${WORD_END}`, 'gu'),
  // "Fill in this form", "Remplissez notre formulaire"
  new RegExp(`${WORD_START}(?:${['fill (?:in|out)', 'complete', 'remplis(?:sez)?', 'remplir', 'completez', 'complete'].map(phrase).join('|')})${within(20)}${WORD_START}(?:form|survey|questionnaire|formulaire|sondage)${WORD_END}`, 'gu'),
];

// The same requests over words: a way to reach them asked for in other words, a moment to call
// them, a mailing list by its platform's name.
let LEXICONS: Record<string, readonly string[]>;
const TOKEN_PATTERNS = tokenPattern(
  [
    '@ASK ~4 @YOURS ~2 @THING',
    // "On peut avoir ton mail ?", "could we grab your number?".
    '=peut|=peux|=pourrait|=pourrais|=pourrions|=puis|=can|=could|=may ~3 =avoir|=have|=get|=grab ~2 @YOURS ~2 @THING',
    '@ASK ~3 =a|=an|=un|=une|=le|=the|=des ~1 @THING',
    '@ASK ~2 @THING ~1 =in|=en ~1 =reply|=response|=reponse|=retour|=dm',
    '@QWORD ~6 @REACH',
    // A moment asked for a call: "when's a good time for a quick call?", "un créneau pour un coup de fil ?".
    '=good_time|=best_time|=bon_moment|=meilleur_moment|=creneau|=dispo|=disponible|=available|=free ~4 =call|=appel|=coup_de_fil|=phone_call|=visio|=zoom',
    '=be|=etre ~1 =joint|=joints|=jointe|contacte*|=reached|=contacted|=called ~2 =par|=by|=via|=on @THING',
    '@SUBSCRIBE ~5 @LIST',
    // Putting them on a list: "mind if we add you to our mailing list?", "on t'ajoute à la liste de diffusion".
    '@ADD_TO =you|=vous|=te ~4 @ANY_LIST',
    '@ANY_LIST ~8 @ADD_TO =you|=vous|=te', '@ANY_LIST ~8 =te|=vous @ADD_TO',
    // Our list offered to them: "tu veux recevoir notre newsletter ?", "want to get our weekly letter?".
    '@RECEIVE_WANT ~3 @OURS @ADJ? @ANY_LIST',
    // "Sign up to our list", "subscribe to our emails", "put your name down for the newsletter".
    '@SUBSCRIBE ~2 @OURS @ADJ? =list|=liste|=emails|=mails|=mailer|=letter|=lettre|=updates',
    '=put|=add|=write|=pop|=mets|=ajoute|=inscris|=note =your|=ton|=votre =name|=nom ~4 @ANY_LIST',
    // Asked whether we may reach them: "on peut t'appeler un de ces jours ?", "can we email you?".
    '=peut|=peux|=pourrait|=pourrais|=pourrions|=can|=could|=may ~2 @REACH_YOU ~6 <?>',
    // A call proposed with a time to find: "happy to set up a quick call, when works for you?", "un petit appel, tu es dispo quand ?".
    '@CALL_NOUN ~6 @WHEN', '@WHEN ~6 @CALL_NOUN',
    '=vous|=te @ADD_TO ~4 @ANY_LIST',
    // Mail delivered to them: "straight to your inbox", "directement dans ta boîte mail"; "tell me where to send it".
    '=to|=in|=into|=dans|=sur =your|=ur|=ton|=ta|=votre @ADJ? =inbox|=mailbox|=boite_mail|=boite_aux_lettres|=boite_de_reception|=boite_e_mail',
    '=where_to_send|=where_we_can_send|=where_i_can_send|=ou_envoyer|=ou_vous_envoyer|=ou_te_envoyer|=ou_t_envoyer|=where_should_we_send|=where_should_i_send',
    '@LIST ~8 @SUBSCRIBE',
    '@RECEIVE ~5 =par|=by|=via|=in ~1 @MAIL',
    '@MAIL ~1 =en_retour|=in_reply|=back ~1 =avec|=with',
    '@YOURS @STRICT ~6 <?>',
    '@YOURS @ADJ? @DETAILS',
    // A number asked for by its French mobile prefix or in slang: "un petit 06 ?", "ton 07", "drop ur digits".
    '=un|=une|=ton|=votre|=your|=ur|=a|=le @ADJ? @ADJ? @MOBILE ~6 <?>',
    '@ASK ~3 @ADJ? @MOBILE',
    // Asked so they can be reached: "un petit 06 pour qu'on puisse vous joindre", "your number so we can call you".
    '@THING ~4 =pour|=so|=afin|=to|=in_order ~4 @REACH',
    // Where or how they can be reached: "où es-tu joignable ?", "are you reachable on WhatsApp?".
    '=ou|=where|=how|=comment|=quand|=when|=quel|=quelle|=best|=meilleur ~4 =joignable|=joignables|=reachable|=contactable',
    '=joignable|=joignables|=reachable|=contactable ~4 <?>',
    '=vous|=tu|=you|=es_tu|=etes_vous|=are_you ~2 =joignable|=joignables|=reachable|=contactable',
    // Moving them to a messaging app to get their number: "WhatsApp me", "écris-moi sur WhatsApp".
    '=whatsapp =me|=us|=moi|=nous',
    '@ASK =me|=moi|=nous|=us ~2 =sur|=on|=via|=par =whatsapp|=sms|=signal|=telegram',
  ],
  'any',
  (LEXICONS = {
    YOURS,
    ASK: [
      'send', 'give', 'share', 'drop', '=hit_me', '=hit_us', 'leave', 'tell', 'provide', '=dm', 'reply', 'text', 'pop', 'shoot', 'let_us_know', '=what_is', '=whats', 'need', 'enter', 'type', 'post',
      'envoi*', 'envoy*', 'donn*', 'laiss*', 'partag*', 'communiqu*', 'indiqu*', 'transm*', 'ecri*', '=quel_est', '=quelle_est', '=dites', '=dis', 'repond*', 'renseign*', 'saisi*', 'glisse*',
      // Slang for handing over: "files-moi ton mail", "balance ton 06", "ping me your deets", "fire over your email".
      '=file', '=files', '=filez', '=refile', '=refiles', '=balance', '=balances', '=balancez', '=mets', '=mettez', '=note', '=notez', '=ping', '=fire', '=toss',
      '=slide', '=flick', '=pass_along', '=send_over', '=jot', '=mind_sending', '=mind_sharing', '=shoot_over', '=drop_us', '=drop_me',
    ],
    THING: [
      '=email', '=emails', '=e_mail', '=mail', '=mails', '=courriel', '=adresse', '=address', '=number', '=numero', '=phone', '=telephone', '=tel', '=mobile', '=portable',
      '=cell', '=06', '=07', '=whatsapp', '=details', '=deets', '=coordonnees', '=coordos', '=coords', '=coordonnee', '=digits', '=num', '=numeros',
      '=phone_number', '=cell_number', '=mobile_number', '=numero_de_tel', '=email_address', '=mail_address', '=adresse_mail', '=insta_handle', '=contact_info', '=contact_details', '=infos_de_contact', '=contact', '=inbox',
      // Slang and short forms: "your addy", "ton num", "tes coords", "your deets".
      '=addy', '=addie', '=email_addy', '=e_addy', '=numero_perso', '=mel', '=mail_perso', '=adresse_perso', '=adresse_postale', '=postal_address', '=home_address',
      '=whatsapp_number', '=numero_whatsapp', '=signal_number', '=contact_information', '=contact_infos', '=infos_contact', '=number_and_email', '=mail_et_numero',
    ],
    QWORD: ['=how', '=when', '=what', '=best', '=comment', '=quand', '=quel', '=quelle', '=meilleur', '=meilleure', '=moment', '=creneau', '=heure', '=time'],
    REACH: [
      '=reach_you', '=contact_you', '=call_you', '=ring_you', '=text_you', '=phone_you', '=call_with_you', '=vous_joindre', '=te_joindre', '=vous_appeler', '=t_appeler', '=te_appeler',
      '=vous_contacter', '=te_contacter', '=vous_rappeler', '=te_rappeler', '=coup_de_fil', '=vous_passer_un', '=joindre', '=a_call', '=give_you_a_call',
      // Being in touch, in other words: "get in touch with you", "get hold of you", "te recontacter", "t'écrire en direct".
      '=get_in_touch_with_you', '=be_in_touch_with_you', '=stay_in_touch_with_you', '=keep_in_touch_with_you', '=get_hold_of_you', '=reach_out_to_you',
      '=email_you', '=mail_you', '=message_you', '=ping_you', '=vous_recontacter', '=te_recontacter', '=vous_ecrire', '=te_ecrire', '=t_ecrire',
      '=rester_en_contact', '=garder_le_contact', '=reste_en_contact', '=restions_en_contact', '=rester_en_lien', '=keep_in_touch', '=stay_in_touch', '=stay_connected', '=vous_envoyer_un', '=t_envoyer_un', '=te_envoyer_un',
    ],
    // Reaching them by a channel (not "can we keep in touch?", which asks for nothing).
    REACH_YOU: [
      '=reach_you', '=contact_you', '=call_you', '=ring_you', '=text_you', '=phone_you', '=email_you', '=mail_you', '=message_you', '=vous_joindre', '=te_joindre',
      '=vous_appeler', '=t_appeler', '=te_appeler', '=vous_contacter', '=te_contacter', '=vous_rappeler', '=te_rappeler', '=te_ecrire', '=t_ecrire', '=vous_ecrire',
    ],
    SUBSCRIBE: [
      'sign_up', 'signup', 'subscrib*', 'register', 'join', 'get_on', 'hop_on', 'jump_on', 'inscri*', 'abonn*', 'rejoign*', 'rejoin*',
      // Said as an offer: "want in?", "ça te dit ?", "partant ?".
      '=want_in', '=ca_te_dit', '=ca_vous_dit', '=partant', '=partante', '=partants', '=interested',
    ],
    LIST: [
      'newsletter', '=news_letter', '=mailing_list', '=mailing', '=email_list', '=liste_de_diffusion', '=lettre_de_info', '=lettre_de_information', '=infolettre', '=digest',
      '=substack', '=mailchimp', '=beehiiv', '=sendinblue', '=brevo', '=convertkit', '=buttondown', '=revue', '=par_courriel', '=par_e_mail', '=par_mail', '=by_email', '=via_email', '=letter',
      '=lettre', '=lettre_hebdo', '=lettre_mensuelle', '=mailer', '=mailers', '=weekly_letter', '=weekly_email', '=monthly_email', '=email_digest', '=mailing_hebdo', '=tinyletter', '=mailerlite',
    ],
    STRICT: [
      '=mail_perso', '=email_perso', '=e_mail_perso', '=mail_pro', '=email_pro', '=tel_perso', '=numero_perso', '=personal_email', '=work_email','=adresse_electronique', '=adresse_e_mail', '=adresse_mail', '=email', '=e_mail', '=numero', '=number', '=phone_number', '=coordonnees', '=contact_details', '=infos_de_contact', '=06', '=mobile'],
    RECEIVE: ['recev*', '=receive', '=get'],
    RECEIVE_WANT: ['recev*', '=receive', '=get', '=want', '=veux', '=voulez', '=aimerais', '=aimeriez', '=like', '=love', '=interested', '=interesse', '=interessee', '=envie'],
    OURS: ['=our', '=my', '=notre', '=nos', '=mon', '=ma', '=mes', '=the', '=la', '=le'],
    CALL_NOUN: [
      '=quick_call', '=short_call', '=a_call', '=phone_call', '=video_call', '=zoom_call', '=intro_call', '=discovery_call', '=call_sometime', '=un_appel', '=petit_appel',
      '=coup_de_fil', '=visio', '=une_visio', '=zoom', '=un_call', '=petit_call', '=appel_decouverte', '=appel_rapide',
    ],
    WHEN: [
      '=when_works', '=when_would', '=when_are_you', '=when_is', '=what_time', '=which_day', '=what_day', '=a_good_time', '=free_this', '=free_next', '=available_this',
      '=available_next', '=quand', '=dispo', '=dispos', '=disponible', '=disponibles', '=quel_jour', '=quelle_heure', '=un_creneau', '=quel_creneau', '=slot',
    ],
    ADD_TO: ['=add', '=put', '=pop', '=sign', '=subscribe', '=enroll', '=ajoute', '=ajouter', '=ajoutons', '=ajoutera', '=ajouterons', '=mets', '=mettre', '=met', '=mettons', '=inscris', '=inscrire', '=inscrit', '=inscrivons', '=abonne', '=abonner'],
    ANY_LIST: [
      'newsletter', '=mailing_list', '=mailing', '=email_list', '=list', '=liste', '=mailer', '=waitlist', '=waiting_list', '=liste_de_attente', '=liste_de_diffusion', '=lettre', '=infolettre',
      '=substack', '=mailchimp', '=beehiiv', '=digest',
    ],
    MOBILE: ['=06', '=07', '=digits', '=num', '=tel', '=numero', '=number', '=phone_number', '=portable', '=mobile', '=cell', '=whatsapp'],
    ADJ: ['=petit', '=petite', '=p_tit', '=ptit', '=best', '=meilleur', '=quick', '=little', '=perso', '=personal', '=direct', '=mobile', '=cell'],
    MAIL: ['=e_mail', '=email', '=mail', '=courriel', '=inbox', '=sms'],
    // Words that name a way to reach a person and nothing else: said of the reader, they are asked for.
    DETAILS: [
      '=coordonnees', '=coordos', '=coords', '=contact_details', '=contact_info', '=contact_infos', '=contact_information', '=infos_de_contact', '=infos_contact',
      '=phone_number', '=numero_de_telephone', '=numero_de_tel', '=numero_de_portable', '=email_address', '=adresse_mail', '=adresse_e_mail', '=adresse_email',
      '=adresse_electronique', '=addy', '=deets', '=digits', '=06', '=07',
    ],
  }),
);

// Every token pattern names a contact channel, a list, or reaching them.
const MAY_HARVEST = tokenGate([
  ...LEXICONS.THING!, ...LEXICONS.STRICT!, ...LEXICONS.LIST!, ...LEXICONS.MAIL!,
  '=reach', '=contact', '=call', '=ring', '=text', '=phone', '=joindre', '=joint', '=joints', '=jointe', 'contact*', 'appel*', 'rappel*', '=coup', '=reached', '=called',
  '=joignable', '=joignables', '=reachable', '=sms', '=texto', '=digits', '=num', '=tel',
  '=touch', '=hold', '=recontacter', '=ecrire', '=ping', '=contact', ...LEXICONS.DETAILS!, ...LEXICONS.ANY_LIST!,
  '=inbox', '=mailbox', '=boite', '=where', '=envoyer', '=zoom', '=visio', '=appel', '=call', '=coup',
]);

const KINDS: Array<[RegExp, string]> = [
  [/\baddy\b|\baddie\b/u, 'email'],
  [/inbox|mailbox|boite/u, 'newsletter'],
  [/touch|hold of|where (?:to|we can|i can|should (?:we|i)) send|ou (?:t'|te |vous )?envoyer/u, 'details'],
  [new RegExp(`${WORD_START}(?:${phrase(EMAIL)})${WORD_END}`, 'u'), 'email'],
  [new RegExp(`${WORD_START}(?:${phrase(PHONE)})${WORD_END}`, 'u'), 'phone'],
  [new RegExp(`${WORD_START}(?:${phrase(DETAILS)})${WORD_END}`, 'u'), 'details'],
  [/newsletter|infolettre|mailing|mailer|list|lettre|liste|substack|mailchimp|beehiiv|sendinblue|brevo|convertkit|buttondown|digest|courriel/u, 'newsletter'],
  // Reaching them, in other words: a call, a ring, "vous joindre".
  [/call|ring|appel|coup de fil|joindre|joint|whatsapp|sms|texto|text/u, 'phone'],
  [/reach|contact|deets|infos?|joignable|coordo/u, 'details'],
];

function kindOf(excerpt: string): string {
  const folded = excerpt.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return KINDS.find(([pattern]) => pattern.test(folded))?.[1] ?? 'form';
}

// "Your number one tip", "ton numéro un": a rank, not a phone number. Masked with a letter, same
// length, so the offsets hold.
const RANK = /(?<![\p{L}\p{N}])(number|num[eé]ro|no\.?) (one|1|un|uno|two|2|deux)(?![\p{L}\p{N}])/giu;

const READER = new Set(['your', 'ur', 'ton', 'ta', 'tes', 'votre', 'vos']);
const THIRD = new Set(['his', 'her', 'their', 'son', 'sa', 'ses', 'leur', 'leurs']);
const SENDER = new Set(['we', 'i', 'nous', 'je', 'on', 'already', 'deja', 'just']);
const LIST_WORDS = new Set([
  'newsletter', 'newsletters', 'infolettre', 'mailing', 'list', 'liste', 'lettre', 'digest', 'substack', 'mailchimp', 'beehiiv', 'sendinblue', 'brevo', 'convertkit', 'buttondown', 'revue',
]);

/**
 * Not a request: a list that is the reader's own ("your newsletter … we subscribed"), the sender
 * signing up ("we subscribed already"), or a call to someone else ("the best time to call your grandparents").
 */
function theirsOrOurs(text: string, range: TextRange): boolean {
  const tokens = tokenText(text).tokens;
  const first = tokens.findIndex((token) => token.start >= range.start);
  if (first === -1) return false;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.end <= range.end) last++;
  const list = tokens.slice(first, last + 1).findIndex((token) => LIST_WORDS.has(token.word));
  if (list !== -1 && first + list > 0 && READER.has(tokens[first + list - 1]!.word)) return true;
  if (list !== -1 && first > 0 && READER.has(tokens[first - 1]!.word) && list === 0) return true;
  const subscribe = tokens.slice(first, last + 1).findIndex((token) => /^(?:subscri|signed|joined|abonn|inscri)/.test(token.word));
  if (subscribe !== -1 && first + subscribe > 0 && SENDER.has(tokens[first + subscribe - 1]!.word)) return true;
  const after = tokens[last + 1];
  return after !== undefined && (READER.has(after.word) || THIRD.has(after.word)) && /^(?:call|appel|ring|text|phone|joindre)/.test(tokens[last]!.word);
}

function patternFindings(context: AuditContext): RuleFinding[] {
  const ranges: TextRange[] = [];
  const text = context.text.replace(RANK, (_match, noun: string, rank: string) => `${noun}x${rank}`);
  for (const range of [...PATTERNS.flatMap((pattern) => findAll(text, pattern)), ...(MAY_HARVEST(text) ? findTokens(text, TOKEN_PATTERNS) : [])]) {
    if (ranges.some((seen) => seen.start < range.end && range.start < seen.end)) continue;
    if (aboutTheirWork(text, range) || theirsOrOurs(text, range)) continue;
    ranges.push(range);
  }
  return ranges
    .sort((a, b) => a.start - b.start)
    .map((range) => ({ messageId: kindOf(context.text.slice(range.start, range.end)), ...range, suggestion: SUGGESTION }));
}

// An address written out is the team's own, given ("écrivez-nous à aide@brand.fr"): the patterns
// read such a message, the learned reading, which has seen few, does not.
const WRITTEN_ADDRESS = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}]{2,}|\+?\d[\d .-]{7,}\d/u;

export const check = rememberingLast((context: AuditContext): RuleFinding[] => {
  const findings = patternFindings(context);
  return WRITTEN_ADDRESS.test(context.text) ? findings : withLearnedReading('no-contact-harvest', findings, context, SUGGESTION);
});
