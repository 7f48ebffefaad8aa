import { withLearnedReading } from './learned';
import { rememberingLast } from './rule';
import type { WelcomeRuleMeta } from './rule';
import { findAll, WORD_END, WORD_START, wordsPattern } from './text';
import { findTokens, tokenPattern, tokenText } from './tokens';
import type { Token } from './tokens';
import { aboutTheirWork } from './topic';
import type { TextRange } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'sales-pitch',
  severity: 'error',
  description: {
    fr: "Pas d'argumentaire de vente : « achetez », codes promo, remises, offres limitées, majuscules criardes.",
    en: 'No sales pitch: buy now, promo codes, discounts, limited offers, shouting in capitals.',
  },
  rationale: {
    fr: "Le vendeur qui vous saute dessus avant que vous ayez lâché la poignée de la porte : voilà ce qu'est une promo dans un message d'accueil. Il faut donner avant de recevoir ; la vente viendra de la qualité de ce que vous publiez.",
    en: 'A promo in a welcome is the shop assistant who pounces before you let go of the door handle. Give before you take; sales come from the quality of what you post, not from the first message.',
  },
  messages: {
    learned: {
      fr: "Ce message semble pousser une offre ; aucune formule connue, c'est la lecture apprise du message.",
      en: 'This reads like pushing an offer; no known phrase matched, this is the learned reading of the message.',
    },
    pitch: {
      fr: "Argumentaire de vente dans un message d'accueil : on donne d'abord, on vend plus tard.",
      en: 'Sales talk in a welcome: give first, sell later.',
    },
    shouting: {
      fr: 'Des mots entiers en majuscules : ça crie, comme une publicité.',
      en: 'Whole words in capitals: it shouts, like an advert.',
    },
  },
  // A reading, not a phrase: shown to the teammate, it does not block the send.
  messageSeverity: { learned: 'warning' },
};

const SUGGESTIONS = {
  pitch: {
    fr: "Retirez l'offre ; proposez plutôt une ressource utile et gratuite de votre site.",
    en: 'Drop the offer; point to a free, useful resource on your own site instead.',
  },
  shouting: { fr: 'Écrivez en minuscules, sur un ton de conversation.', en: 'Write in lower case, in a conversational tone.' },
};

const SALES_EVENT = '(?:black friday|cyber monday|prime day|singles day|french days|soldes d\'ete|soldes d\'hiver)';

// Selling, not mentioning: a price said in passing ("the workshop is €10") is not a pitch, and
// "gratuit" / "free" alone is often a gift (a free guide), so neither is listed.
const PITCH = wordsPattern([
  'buy (?:now|today|it now|yours|one|ours|our|from us)', 'shop (?:now|today|our)', 'order (?:now|today|yours)',
  // A discount offered, not the word: "discount airlines" is a kind of airline.
  'promo(?:tional)? codes?', 'discount codes?', '(?:a|an|our|my|this|special|exclusive|welcome|member|extra|\\d+ ?%) discount(?! (?:airlines?|carriers?|flights?|stores?|shops?|supermarkets?|chains?|retailers?|brands?|grocers?))', 'discounts? (?:for you|just for you|on|off|of)', 'discounted', 'coupons?', 'use (?:the |my |our )?code', 'vouchers?',
  '(?:save|get) (?:up to )?\\d+ ?%', 'limited(?: time)? (?:offer|deal)', 'limited time', 'special (?:offer|deal|price)', 'exclusive (?:offer|deal|discount)',
  'offer ends', 'sale ends', 'flash sale', 'on sale', 'free shipping', "don't miss (?:out|this offer|our offer)", 'act now', 'hurry (?:up|now|while|before)',
  "don't miss (?:out|(?:this|our|the) (?:\\p{L}+ )?(?:offer|deal|sale|promo|discount|launch price)s?)", 'ne (?:rate|manque|loupe|loupez|rate[sz]?) pas (?:notre|nos|cette|l) ?(?:\\p{L}+ )?(?:offre|promo|vente|remise)s?',
  // Not "last chance to admire your tulips": a chance for their own things is no offer.
  'today only', 'last chance(?! to (?!grab|get|book|claim|secure|reserve|save|order|buy|snag|lock|join|sign|enrol)\\p{L}+ (?:your|ur|his|her|their))', '(?:best|lowest) price', 'deals? of the day', 'bogo',
  // A sales event is a pitch when it is the sender's own or is pushed as on now ("our Black Friday
  // deals are live", "profitez de notre Black Friday"), not when it is the topic ("ton thread sur les
  // promos du Black Friday").
  `(?:our|my|nos|notre|mon|ma|mes|shop|profitez de|profite de|pour) (?:[\\p{L}-]+ )?${SALES_EVENT}`,
  `${SALES_EVENT} (?:deals?|sales?|offers?|discounts?|prices?|codes?|offres?|promos?|soldes|remises?|prix|ventes?|reductions?)(?: are| is| sont| est| start| starts| commencent| commence)? (?:live|on|now|here|started|ici|en cours|lance(?:e|s|es)?|dispo|disponibles?|online|en ligne|aujourd'hui|today)`,
  `${SALES_EVENT} (?:is|est|starts|commence|arrive)(?: here| ici| early| en avance| now)? (?:chez nous|at our|on our|sur notre|today|aujourd'hui|ici|here)`,
  `(?:deals?|sales?|offers?|discounts?|offres?|promos?|soldes|remises?|prix|ventes?|reductions?|codes?) (?:speciale?s? )?${SALES_EVENT} (?:are |is |sont |est )?(?:live|now|ici|here|en cours|disponibles?|chez nous)`, 'buy one get one',
  'add (?:it )?to (?:your )?cart', 'money back',
  'achet(?:ez|e|er)', 'commandez', 'commande[sz]? (?:des maintenant|vite|aujourd\'hui)', 'codes? promo', 'codes? (?:de )?(?:reduction|remise|avantage)',
  'utilise[sz]? le code', 'avec le code', '\\d+ ?% de (?:reduction|remise|rabais)', "jusqu'a ?-? ?\\d+ ?%", 'remises? de \\d+', 'remises? (?:exceptionnelle|immediate)s?', 'rabais',
  // Sales as the sender's own or on now, not the season as a topic ("les soldes de janvier, ça te stresse ?").
  '(?:nos|our|mes|profitez des|profite des) soldes', 'soldes (?:sont la|commencent|continuent|en cours|jusqu|de \\d+|a \\d+|chez nous|sur (?:tout|le site|notre))', 'nos promos', '(?:une|la|grosse|petite|belle) promo (?:de ouf|de folie|en ce moment|du moment|en cours)', 'nos promotions(?! (?:[\\p{L}\\p{N}]+ ){0,4}(?:etudiants|eleves|diplomes|apprentis|stagiaires|alumni))', 'en promo(?:tion)?', 'promo(?:tion)?s? (?:exceptionnelle|speciale|du moment|en cours)s?',
  'offres? (?:limitee|speciale|exclusive|exceptionnelle|de bienvenue|promotionnelle|flash|du moment)s?', 'vente flash', 'profitez en',
  'profitez (?:de|des) (?:nos offres|notre offre|cette offre|la promo|\\d+)', 'derniere chance(?! de (?!reserver|profiter|commander|obtenir|recuperer|decrocher|bloquer|t inscrire|vous inscrire)\\p{L}+ (?:ton|ta|tes|votre|vos|son|sa|ses))', 'livraison (?:gratuite|offerte)', 'frais de port offerts',
  'ne (?:ratez|manquez) pas (?:notre|nos|cette) (?:offre|promo|vente)s?', 'depechez vous', "aujourd'hui seulement", 'prix (?:casses|choc|imbattables?|special|speciaux)',
  'bons? de reduction', 'satisfait ou rembourse', 'ajoute[rz]? au panier', 'dans la limite des stocks',
]);
// "-20 %" has no word start before the minus sign.
const PERCENT_OFF = new RegExp(`(?<![\\p{L}\\p{N}])-\\s?\\d{1,2}\\s?%${WORD_END}|${WORD_START}\\d{1,2}\\s?% off${WORD_END}`, 'gu');
// Three or more words in capitals in a row ("LIMITED TIME OFFER", "ACHETEZ VITE MAINTENANT").
const SHOUTING = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?:[\s,.'’!&-]+\p{Lu}{2,}){2,}(?![\p{L}\p{N}])/gu;
const MIN_SHOUTED_LETTERS = 10;
// A template field in capitals ("[INSERT TOPIC FROM BIO]", "%FIRST_NAME%") is unfilled-placeholder's
// finding, not an advert shouting.
const BRACKETED = /\[[^\]\n]{1,60}\]|\{\{?[^}\n]{1,60}\}\}?|<<?[^>\n]{1,60}>>?|%%?[^%\n]{1,60}%%?/gu;

// Urgency, scarcity, deadlines, price changes and discounts in any notation, over words: the pitch
// without the words "buy" or "promo".
const TIME = [
  '=today', '=tonight', '=midnight', '=tomorrow', '=sunday', '=monday', '=tuesday', '=wednesday', '=thursday', '=friday', '=saturday', '=weekend', '=week', '=month',
  '=soon', '#num', '#dur', '=hours', '=days', '=ce_soir', '=minuit', '=demain', '=dimanche', '=lundi', '=mardi', '=mercredi', '=jeudi', '=vendredi', '=samedi',
  '=semaine', '=mois', '=heures', '=jours', '=bientot', '=fin', '=end',
];
/** What is sold, counted: "il reste deux places", "only 3 kits left". */
const ITEMS = ['=left', '=places', '=slots', '=slot', '=creneaux', '=creneau', '=place', '=spots', '=spot', '=seats', '=seat', '=kits', '=pieces', '=exemplaires', '=tickets', '=billets', '=units', '=boxes', '=items', '=articles', '=kit', '=in_stock', '=en_stock'];
/**
 * How many are left. Said unasked in a welcome it is pressure; said in an answer to their question
 * ("Vous faites des ateliers le samedi ?" — "Oui, il reste deux places") it is the information they asked for.
 */
const ITEMS_LEFT = tokenPattern(
  [
    '=plus_que|=only|=just|=il_ne_reste_que|=il_reste|=que|=reste|=restent ~1 #num|=a_handful|=quelques|=few|=couple|=two|=three|=deux|=trois ~3 @ITEMS',
    '#num|=a_handful|=quelques|=few ~2 @ITEMS ~1 =left|=remain|=remaining|=restant|=restantes|=disponibles|=available',
    '#num @ITEMS =only|=seulement|=uniquement|=max|=maximum',
    '=handful ~3 =remain|=left',
  ],
  'any',
  { ITEMS },
);
const TOKEN_PITCH = tokenPattern(
  [
    // Deadlines: "ends Sunday", "se terminent dimanche", "closes in 24 hours", "valable jusqu'à vendredi".
    '@OFFER ~5 @ENDS ~3 @TIME',
    // A price for a while: "drops to $15 for 72 hours, then it's back to $25".
    '=drops|=drop|=dropped|=down|=baisse|=descend|=tombe|=passe ~1 =to|=a #money',
    '=back_to|=repasse_a|=remonte_a|=revient_a #money',
    '#money ~2 =for|=pendant|=durant ~1 #num|#dur ~1 =hours|=days|=heures|=jours|=h',
    '=presque_plus_rien|=reste_plus_grand_chose|=restera_plus_grand_chose|=almost_nothing_left|=almost_gone|=nearly_gone|=presque_plus_de_place|=presque_plus_de_places',
    '@ENDS ~2 =at|=in|=on|=a|=dans|=le|=ce|=cette ~1 @TIME',
    '=offre|=offer|=deal|=tarif|=price|=rate|=prix ~2 =valable|=valid|=good ~2 =jusque|=until|=till',
    '=jusque|=until|=till ~1 @TIME ~1 =only|=seulement|=uniquement',
    '@TIME =only|=seulement|=uniquement',
    '=encore|=only|=just|=plus_que ~1 #num|#dur|=quelques|=few|=a_few|=deux|=trois|=two|=three ~1 =h|=heures|=hours|=jours|=days|=heure|=hour',
    // Time left to take it: "48 hours left to grab the bundle", "3 jours restants pour en profiter".
    '#num|#dur|=few|=quelques ~1 =left|=to_go|=remaining|=restants|=restantes|=restant ~2 =to_grab|=to_book|=to_get|=to_order|=to_save|=to_join|=to_sign|=to_enrol|=to_claim|=pour_profiter|=pour_en_profiter|=pour_reserver|=pour_commander|=pour_te_inscrire|=pour_vous_inscrire',
    // Places going: "spots are filling up fast", "les places partent vite"; "50 pieces only".
    '@ITEMS ~2 =filling_up|=fill_up|=se_remplissent|=partent|=selling_out|=sell_out|=going_fast|=are_going',
    // Buy some, get one: "2 achetés = 1 offert", "buy 2 get 1 free".
    '#num =achetes|=achete|=achetees|=bought|=purchased ~2 =offert|=offerte|=free|=gratuit|=gratuite',
    '=offre|=offer|=deal|=code|=promo|=remise|=tarif ~2 =valable|=valid|=good ~3 @TIME',
    '=vente_privee|=ventes_privees|=private_sale|=flash_deal|=flash_deals|=members_only_sale',
    // Capacity: a few openings taken on or opened, "premier arrivé, premier servi": "on n'ouvre que 3 créneaux",
    // "we're only taking 2 more brand clients this year", "just 2 commission slots open".
    '@TAKE ~2 =que|=only|=just|=seulement|=plus_que ~1 #num|=two|=three|=four|=five|=deux|=trois|=quatre|=cinq|=quelques|=a_few|=a_handful ~3 @CAPACITY',
    '=only|=just|=seulement ~1 @TAKE ~2 #num|=two|=three|=four|=five|=deux|=trois|=quatre|=cinq|=quelques|=a_few|=a_handful ~3 @CAPACITY',
    '#num|=two|=three|=deux|=trois ~2 =already_gone|=already_taken|=already_booked|=already_spoken_for|=deja_partis|=deja_parties|=deja_pris|=deja_prises|=deja_reserves|=deja_reservees',
    '=first_come|=first_in ~2 =first_served|=first_serve',
    // A cap on a class or a batch, filling: "we're capping the course at 12 people", "limité à 10 personnes".
    'limit*|=capping|=capped|=cap|=caps|plafonn* ~4 =at|=to|=a #num ~1 =people|=persons|=personnes|=participants|=places|=spots|=seats|=students|=eleves|=inscrits',
    '=premier_arrive|=premiers_arrives|=premieres_arrivees|=premiere_arrivee ~3 =premier_servi|=premiers_servis|=premieres_servies|=premiere_servie',
    // Scarcity.
    '=almost|=nearly|=presque|=bientot ~2 =sold_out|=epuise|=epuises|=epuisee|=gone|=complet',
    '=running|=runs ~1 =low|=out', '=stock ~2 limit*', 'limit* ~1 =stock|=stocks|=quantities|=quantites|=quantite|=places|=seats|=spots|=supply|=offer|=offre|=time',
    '=quantites|=quantite ~1 limit*', '=while|=tant_que ~2 =stock|=stocks|=supplies|=it_lasts|=they_last|=il_en_reste|=en_reste|=il_y_en_a', '=bientot|=presque|=almost|=nearly ~2 =en_rupture|=rupture|=out_of_stock',
    // Back for a moment: "our hoodies drop back in stock tomorrow and they'll be gone in hours".
    '=back_in_stock|=de_retour_en_stock|=restock|=restocked|=restocking|=reassort', '=be_gone|=will_be_gone|=sell_out|=will_sell_out|=seront_partis|=seront_parties ~2 =in|=within|=en ~1 #num|#dur|=hours|=minutes|=heures|=a_day|=un_jour', '=won_t_last|=will_not_last',
    '=dernieres|=derniers ~1 =places|=exemplaires|=pieces|=jours|=heures', '=last ~1 =spots|=seats|=places|=chance|=days|=hours',
    '=before ~2 =they_are_gone|=it_is_gone|=gone|=sold_out|=the_price', '=pas_pour_tout_le_monde|=not_for_long|=selling_fast|=partent_vite|=s_arrachent',
    // Haste.
    '=faut_pas_tarder|=ne_faut_pas_tarder|=ne_tarde_pas|=ca_part_vite|=ca_va_partir_vite|=ca_part_tres_vite|=they_go_fast|=these_go_fast|=they_go_quickly',
    '=hurry|=hurry_up|=foncez|=fonce|depech*|=ne_tardez_pas|=ne_trainez_pas|=ne_traine_pas|=don_t_wait|=do_not_wait|=don_t_sleep|=do_not_sleep|=get_in_quick|=act_fast',
    '@GRAB ~3 =now|=today|=maintenant|=vite|=while|=before|=avant|=tant_que|=aujourd_hui|=quickly|=fast|=yours|=la_votre|=le_votre|=a_pair',
    '=c_est_le_moment|=it_is_time_to ~3 =vous_decider|=decide|=commander|=order|=reserver|=book|=te_inscrire|=vous_inscrire|=se_inscrire|=sign_up|=enroll|=join|=en_profiter|=jump_in',
    // Now or never: "now's your chance", "c'est maintenant ou jamais", "last call".
    '=now_is_your_chance|=now_or_never|=maintenant_ou_jamais|=last_call|=dernier_appel|=don_t_miss_out|=ne_rate_pas_ca|=ne_loupe_pas|=ne_manque_pas_ca',
    // Price changes.
    '=price|=prices|=pricing|=prix|=tarif|=tarifs|=rate|=rates ~3 =jumps|=jump|=jumping|=go_up|=going_up|=goes_up|=increase|=increases|=rise|=rises|augment*|=change|=changes|=hausse|=passe_de|=passent_de|=passe_a|=passera_a|=passent_a|=passeront_a|=grimpe|=grimpera|=jumps_to|=goes_to|=moves_to|=doubles|=double',
    '=before|=avant ~2 =price_change|=la_hausse|=the_increase', '=lock_in', '=early_bird|=earlybird|=early_price|=early_rate|=prevente|=tarif_de_lancement|=launch_price|=tarif_preferentiel|=plein_tarif|=full_price',
    // Discounts in any notation.
    '#pct ~2 =off|=de_reduction|=de_remise|=de_rabais|=cheaper|=moins_cher|=discount|=savings|=reduction',
    '=moins|=minus|=save|=economisez|=get|=enjoy|=profitez_de|=here_is|=voici ~1 #pct|#money',
    '#pct|#money ~3 =sur|=on ~3 @PURCHASE', '#money ~2 =off|=de_remise|=de_reduction|=discount|=de_rabais',
    '=from|=de #money =to|=a #money', '#money =instead_of|=au_lieu_de #money', '=half_off|=half_price|=moitie_prix|=a_moitie_prix|=half_off_the',
    '=two_for_the_price_of_one|=deux_pour_le_prix_de_un|=2_pour_1|=2_for_1|=for_the_price_of_one',
    '=code|=with|=avec|=use|=utilisez|=checkout ~2 #code', '#code ~4 #pct|#money', '#pct|#money ~4 #code',
    '=welcome_discount|=remise_de_bienvenue',
    // Shipping given away: "la livraison est offerte", "shipping's on us".
    '=livraison|=shipping|=delivery|=frais_de_port|=port ~2 =offerte|=offerts|=gratuite|=gratuits|=free|=on_us|=included|=inclus|=incluse',
    // Money or a percentage given away: "10 € offerts", "$5 free", "20pct back".
    '#pct|#money ~1 =offerts|=offert|=offerte|=offertes|=free|=gratuits|=en_moins|=de_moins|=back|=cashback',
    // A deal with a deadline: "10 € offerts … jusqu'à dimanche", "20% off until Friday".
    '@GIVEN ~6 =jusque|=until|=till|=through|=thru|=avant|=before|=ends|=by ~2 @TIME',
    // A deadline to sign up by: "si tu t'inscris avant vendredi", "if you join by Monday".
    '=if|=si ~4 @SIGN_UP ~4 =by|=before|=avant|=until|=d_ici|=jusque ~2 @TIME',
  ],
  'any',
  {
    OFFER: [
      '=sale', '=sales', '=soldes', '=offer', '=offre', '=deal', '=promo', '=registration', '=registrations', '=inscriptions', '=doors', '=portes', '=early_bird', '=tarif', '=rate', '=ventes', '=vente', '=bundle',
      // What one signs up or pays for: "enrollment closes tonight", "la billetterie ferme dimanche".
      '=enrollment', '=enrolment', '=enrollments', '=signups', '=sign_ups', '=preorders', '=pre_orders', '=precommandes', '=precommande', '=billetterie', '=admissions', '=applications',
    ],
    ENDS: ['=ends', '=end', 'expir*', '=closes', '=close', '=closing', '=finishes', '=se_termine', '=se_terminent', 'termin*', '=ferme', '=ferment', '=prend_fin', '=disappears', '=disparait', '=ouvertes_encore', '=is_over'],
    ITEMS,
    GRAB: ['=grab', '=snag', '=order', '=book', '=reserve', '=reserv', '=reservez', '=reserve_la', '=commandez', '=commande', '=claim', '=get_yours', '=secure', '=profitez', '=shop'],
    PURCHASE: ['=commande', '=commandes', '=tout', '=site', '=collection', '=boutique', '=achat', '=achats', '=panier', '=order', '=orders', '=purchase', '=box', '=plan', '=everything', '=first', '=premiere', '=premier'],
    TIME: TIME,
    TAKE: ['accept*', '=prend', '=prends', '=prenons', '=prennent', 'ouvr*', '=ouvre', '=ouvrons', 'open*', '=take', '=taking', '=takes', '=take_on', '=taking_on', '=booking', '=accepting'],
    CAPACITY: [
      '=places', '=spots', '=seats', '=slots', '=slot', '=creneaux', '=creneau', '=clients', '=client', '=projets', '=projects', '=commandes', '=orders', '=commissions', '=commission',
      '=eleves', '=students', '=participants', '=inscriptions', '=sessions', '=seances', '=rendez_vous', '=appointments', '=bookings', '=reservations', '=missions',
    ],
    SIGN_UP: ['sign*', 'inscri*', '=start', '=starts', '=commences', '=commencez', 'subscrib*', 'abonn*', '=book', '=reserves', '=reservez', '=order', '=commandes', '=commandez', '=register', '=enrol', '=enroll', '=upgrade'],
    GIVEN: ['#pct', '#money', '=trial', '=essai', '=free_trial', '=essai_gratuit', '=off', '=offerts', '=offert', '=offerte', '=offertes', '=remise', '=reduction', '=discount', '=deal', '=offre', '=offer', '=promo'],
  },
);

/** "No hurry", "pas de rush": a negated haste is a courtesy. */
function negated(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  const index = tokens.findIndex((token) => token.start === range.start);
  const previous = index > 0 ? tokens[index - 1]!.word : '';
  // "Hurry back", "hurry home": a wish to see them again, not haste to buy.
  const next = index >= 0 ? tokens[index + 1]?.word : undefined;
  // "Don't hurry", "ne te dépêche pas".
  const french = tokens.slice(Math.max(0, index - 2), index).some((token) => token.word === 'ne') && tokens[index + 1]?.word === 'pas';
  // "No need to hurry", "no rush to hurry": the negation a few words before.
  const noNeed = tokens.slice(Math.max(0, index - 3), index).some((token) => token.word === 'no' || token.word === 'never');
  return ['no', 'not', 'pas', 'sans', 'aucune', 'aucun', 'never', 'de'].includes(previous) || french || noNeed || (tokens[index]?.word === 'hurry' && (next === 'back' || next === 'home'));
}

// Taking the offer: "last chance to grab your spot" is a pitch even with "your".
const GRAB_VERBS = new Set(['grab', 'get', 'book', 'claim', 'secure', 'reserve', 'save', 'order', 'buy', 'snag', 'lock', 'join', 'sign', 'enrol', 'enroll', 'reserver', 'profiter', 'commander', 'obtenir', 'recuperer', 'decrocher', 'bloquer']);
const READER = new Set(['your', 'ur', 'his', 'her', 'their', 'ton', 'ta', 'tes', 'votre', 'vos', 'son', 'sa', 'ses']);

/** "Last chance to admire your tulips": a chance for something of theirs is no offer. */
function chanceForTheirs(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  const last = tokens.findLastIndex((token) => token.end <= range.end);
  if (last < 0 || tokens[last]!.word !== 'chance') return false;
  const [to, verb, whose] = [tokens[last + 1]?.word, tokens[last + 2], tokens[last + 3]?.word];
  return (to === 'to' || to === 'de') && verb !== undefined && !GRAB_VERBS.has(verb.word) && /^\p{L}+$/u.test(verb.word) && whose !== undefined && READER.has(whose);
}

// A free period: "first 3 months free", "2 mois gratuits", "le premier mois est offert", "3 months on us",
// "free for the first 6 months" — not "two months free of sugar".
const FREE_PERIOD = tokenPattern(
  [
    '#num|=one|=two|=three|=six|=un|=deux|=trois|=six|=premier|=first|=premiers ~1 @PERIOD ~2 @FREE',
    '@FREE ~1 =for|=pendant|=durant ~3 @PERIOD',
    // "Essaie gratuitement notre logiciel pendant 30 jours", "try it free for a month".
    '=gratuitement|=free|=for_free ~4 =pendant|=for|=durant ~1 #num|=un|=one|=a ~1 @PERIOD',
  ],
  'any',
  {
    PERIOD: ['=mois', '=month', '=months', '=semaine', '=semaines', '=week', '=weeks', '=jours', '=days', '=year', '=an', '=annee'],
    FREE: ['=free', '=gratuit', '=gratuits', '=gratuite', '=gratuites', '=offert', '=offerts', '=offerte', '=offertes', '=on_us', '=on_the_house', '=for_free', '=sans_frais'],
  },
);
const NOT_AN_OFFER_AFTER = new Set(['of', 'from', 'de', 'du', 'des']);
/** "Two months free of sugar": what follows makes it a freedom, not a gift. */
function freeOf(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  const next = tokens.find((token) => token.start >= range.end);
  return next !== undefined && NOT_AN_OFFER_AFTER.has(next.word);
}

// "Which book are you reading now?": a grab verb after a determiner is a noun.
const DETERMINERS = new Set(['which', 'what', 'the', 'a', 'an', 'this', 'that', 'your', 'ur', 'my', 'our', 'any', 'each', 'every', 'his', 'her', 'their', 'le', 'la', 'un', 'une', 'ce', 'ton', 'ta', 'mon', 'ma', 'notre', 'votre', 'quel', 'quelle']);
function nounUse(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  const index = tokens.findIndex((token) => token.start === range.start);
  return index > 0 && GRAB_VERBS.has(tokens[index]!.word) && DETERMINERS.has(tokens[index - 1]!.word);
}

// Scarcity, haste and deadlines about the reader's own things are news, not a pitch: "tes illustrations
// partent vite", "plus que 48 h avant ton expo", "only a couple of rows left on that sweater of yours",
// "ton atelier est presque complet ?". The sentence speaks of something of theirs and holds nothing
// on sale: no offer, price, code, gift, item sold or call to take it.
const THEIRS = new Set([...READER, 'yours', 'tien', 'tienne', 'tiens', 'tiennes', 'votre', 'vôtre']);
const ON_SALE = new Set([
  'offer', 'offers', 'offre', 'offres', 'deal', 'deals', 'promo', 'promos', 'price', 'prices', 'pricing', 'prix', 'tarif', 'tarifs', 'rate', 'code', 'discount', 'remise', 'reduction',
  'sale', 'sales', 'soldes', 'vente', 'free', 'gratuit', 'gratuite', 'offert', 'offerte', 'offerts', 'spot', 'spots', 'seat', 'seats', 'place', 'places', 'ticket', 'tickets', 'billets',
  'kit', 'kits', 'slot', 'slots', 'creneaux', 'stock', 'stocks', 'cart', 'panier', 'bundle', 'trial', 'essai', 'plan', 'subscription', 'membership', 'course', 'cours', 'formation',
  'pieces', 'exemplaires', 'creneau',
  // Calls to take it, in the forms GRAB_VERBS leaves out.
  'gift', 'cadeau', 'reservez', 'reserve', 'commandez', 'commande', 'profitez', 'profite', 'inscrivez', 'inscris', 'achetez', 'achete', 'foncez', 'fonce', 'hurry', 'shop', 'buy',
]);
const LAST_CHANCE = /^(?:last chance|derni[eè]re chance|today only|aujourd'hui seulement)/iu;
const OPENINGS = new Set(['inscriptions', 'inscription', 'registration', 'registrations', 'enrollment', 'enrolment', 'enrollments', 'launch', 'lancement', 'preorders', 'precommandes']);
/** The tokens of the sentence that holds the token at `index`. */
function sentenceOf(tokens: readonly Token[], index: number): readonly Token[] {
  const stop = ['.', '!', '?', ';'];
  let from = index;
  while (from > 0 && !stop.includes(tokens[from - 1]!.word)) from--;
  let to = index;
  while (to < tokens.length - 1 && !stop.includes(tokens[to + 1]!.word)) to++;
  return tokens.slice(from, to + 1);
}
function aboutTheirThings(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  const index = tokens.findIndex((token) => token.start === range.start);
  if (index < 0) return false;
  const sentence = sentenceOf(tokens, index);
  return (
    sentence.some((token) => THEIRS.has(token.word)) &&
    !sentence.some(
      (token, at) =>
        ON_SALE.has(token.word) ||
        GRAB_VERBS.has(token.word) ||
        token.en === '#pct' ||
        token.en === '#money' ||
        token.en === '#code' ||
        // "Enrollment closes tonight" sells; "tes inscriptions au marathon ferment samedi" is their own race.
        (OPENINGS.has(token.word) && !THEIRS.has(sentence[at - 1]?.word ?? '')),
    )
  );
}

// A pitch phrase between quotes is named, not used: "your shop's 'last chance' bin".
const QUOTED = /(?<![\p{L}\p{N}])(["“«‘'])\s?[^"”»’'\n]{1,40}?\s?["”»’'](?![\p{L}\p{N}])/gu;
function quotedSpans(text: string): TextRange[] {
  if (!/["“«‘']/u.test(text)) return [];
  return [...text.matchAll(QUOTED)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}
const inside = (range: TextRange, spans: readonly TextRange[]): boolean => spans.some((span) => range.start >= span.start && range.end <= span.end);

const overlapsAny = (range: TextRange, ranges: readonly TextRange[]): boolean => ranges.some((other) => range.start < other.end && other.start < range.end);

// Haste sells only when something is on sale: "hurry, the bundle ends tonight" is a pitch, "hurry up
// and finish that novel" is a friend's nudge.
const HASTE = /^(?:hurry|depech|fonce)/u;
const SELLING = new Set(['sell', 'sells', 'selling', 'sold', 'sellout', 'vend', 'vendent', 'vendu', 'vendus', 'epuise', 'epuises', 'epuisee']);
function hasteWithoutOffer(source: string, range: TextRange): boolean {
  const tokens = tokenText(source).tokens;
  const index = tokens.findIndex((token) => token.start === range.start);
  if (index < 0 || !HASTE.test(tokens[index]!.word)) return false;
  return !sentenceOf(tokens, index).some((token) => token !== tokens[index] && !HASTE.test(token.word) && (ON_SALE.has(token.word) || SELLING.has(token.word) || GRAB_VERBS.has(token.word) || token.en === '#pct' || token.en === '#money' || token.en === '#code'));
}

function patternFindings(context: AuditContext): RuleFinding[] {
  const pitches: TextRange[] = [];
  const quoted = quotedSpans(context.text);
  for (const range of [...findAll(context.text, PITCH), ...findAll(context.text, PERCENT_OFF)]) {
    // "Your last chance to see the comet is tonight": time pressure on their own things.
    const pressure = LAST_CHANCE.test(context.text.slice(range.start, range.end));
    if (!overlapsAny(range, pitches) && !aboutTheirWork(context.text, range) && !inside(range, quoted) && !(pressure && aboutTheirThings(context.text, range)) && !hasteWithoutOffer(context.text, range))
      pitches.push(range);
  }
  for (const range of findTokens(context.text, FREE_PERIOD)) {
    if (!overlapsAny(range, pitches) && !freeOf(context.text, range) && !aboutTheirWork(context.text, range) && !inside(range, quoted)) pitches.push(range);
  }
  for (const range of [...findTokens(context.text, TOKEN_PITCH), ...(context.answering ? [] : findTokens(context.text, ITEMS_LEFT))]) {
    if (
      !overlapsAny(range, pitches) &&
      !negated(context.text, range) &&
      !hasteWithoutOffer(context.text, range) &&
      !aboutTheirWork(context.text, range) &&
      !chanceForTheirs(context.text, range) &&
      !nounUse(context.text, range) &&
      !aboutTheirThings(context.text, range) &&
      !inside(range, quoted)
    ) {
      pitches.push(range);
    }
  }
  const findings: RuleFinding[] = pitches.map((range) => ({ messageId: 'pitch', ...range, suggestion: SUGGESTIONS.pitch }));
  const bracketed = [...context.text.matchAll(BRACKETED)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  SHOUTING.lastIndex = 0;
  for (let match = SHOUTING.exec(context.text); match !== null; match = SHOUTING.exec(context.text)) {
    const shouted = { start: match.index, end: match.index + match[0].length };
    if (bracketed.some((span) => shouted.start >= span.start && shouted.end <= span.end)) continue;
    const letters = match[0].replace(/[^\p{L}]/gu, '').length;
    // "RGPD, CNIL, SIRET…", "NASA, ESA, JAXA": a list of acronyms, names written in capitals, is not shouting.
    if (/^[\p{Lu}]{2,5}(?:\s*,\s*[\p{Lu}]{2,5})+$/u.test(match[0].trim())) continue;
    if (letters >= MIN_SHOUTED_LETTERS) findings.push({ messageId: 'shouting', start: match.index, end: match.index + match[0].length, suggestion: SUGGESTIONS.shouting });
  }
  return findings.sort((a, b) => a.start - b.start);
}

export const check = rememberingLast((context: AuditContext): RuleFinding[] => withLearnedReading('sales-pitch', patternFindings(context), context, SUGGESTIONS.pitch));
