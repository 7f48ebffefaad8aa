import { withLearnedReading } from './learned';
import type { WelcomeRuleMeta } from './rule';
import { findAll, phrase, within, WORD_END, WORD_START } from './text';
import { findTokens, tokenPattern } from './tokens';
import type { TokenPattern } from './tokens';
import type { TextRange } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'interrogation',
  severity: 'warning',
  description: {
    fr: "Pas d'interrogatoire : « pourquoi tu me suis ? », « comment nous avez-vous trouvés ? », « qu'attendez-vous de nous ? ». Une vraie question, amicale, reste bienvenue.",
    en: 'No interrogation: "why did you follow me?", "how did you find us?", "what do you expect from us?". A genuine, friendly question is fine.',
  },
  rationale: {
    fr: "Ces questions servent celui qui les pose, pas celui qui arrive : on se sent sommé de justifier sa présence (« mais qu'est-ce que tu fais là, toi ? »). Une question sur la personne et son travail ouvre la conversation ; une question sur vous la referme.",
    en: 'These questions serve the one who asks, not the one arriving: people feel summoned to justify being there. A question about them and their work opens a conversation; a question about you shuts it.',
  },
  messages: {
    learned: {
      fr: "Ce message semble demander pourquoi ou comment la personne vous suit ; aucune formule connue, c'est la lecture apprise du message.",
      en: 'This reads like asking why or how they followed you; no known phrase matched, this is the learned reading of the message.',
    },
    whyFollow: {
      fr: 'Demander pourquoi la personne vous suit la met sur la défensive.',
      en: 'Asking why they followed you puts them on the spot.',
    },
    howFound: {
      fr: 'Demander comment la personne vous a trouvé sert vos statistiques, pas elle.',
      en: 'Asking how they found you serves your analytics, not them.',
    },
    whatExpect: {
      fr: 'Demander ce que la personne attend de vous lui fait justifier son abonnement.',
      en: 'Asking what they expect from you makes them justify the follow.',
    },
  },
};

const SUGGESTION = {
  fr: 'Posez plutôt une question sur elle, par exemple « Sur quoi travaillez-vous en ce moment ? », ou ne posez pas de question.',
  en: 'Ask about them instead, e.g. "What are you working on these days?", or ask nothing at all.',
};

const words = (list: readonly string[]): string => `(?:${list.join('|')})`;
/** Patterns are written as readable phrases: spaces and apostrophes are made flexible once, here. */
const question = (source: string): RegExp => new RegExp(phrase(source), 'gu');
const US = "(?:us|me|this account|here)";
const PLACE = "(?:account|profile|page|feed|timeline|tweets|posts)";
// Elided "m'" and "t'" need their apostrophe (\x27, which phrase() leaves alone): else the "t" of "as-tu" reads as "t'".
const NOUS = "(?:nous|me|m\\x27|moi|te|t\\x27)";
const QUESTION_END = '[^.!?]*\\?';

const PATTERNS: Array<[string, RegExp]> = [
  // "Why did you follow me?", "why are you following us"; not "why not follow our blog".
  ['whyFollow', question(`${WORD_START}why(?!${' not'})${within(25)}${WORD_START}follow(?:ed|ing|s)?${WORD_END}`)],
  ['whyFollow', question(`${WORD_START}what ${words(['made', 'makes', 'brought', 'brings', 'led', 'got'])} you ${words(['(?:to )?follow', 'here', 'to us', 'to me', `to (?:our|my) ${PLACE}`])}${WORD_END}`)],
  // "Qu'est-ce qui vous amène ici ?", "qu'est-ce qui t'a donné envie de nous suivre" — not "qu'est-ce qui vous amène à la poterie ?".
  ['whyFollow', question(`${WORD_START}qu'est ce qui ${words(["t'", 'te', 'vous'])} ?(?:a )?${words(['amene\\p{L}*(?: ici| chez nous| sur (?:notre|mon|ma|ce|cette) \\p{L}+)?(?= ?\\?)', 'amene\\p{L}* (?:ici|chez nous)', '(?:pousse|donne envie|decide)\\p{L}*(?: a| de)? nous suivre'])}`)],
  // "Pourquoi tu me suis ?", "pourquoi nous suivez-vous", "pourquoi t'es-tu abonné"; not "pourquoi je suis ravi".
  ['whyFollow', question(`${WORD_START}pourquoi(?!${' ne pas| pas'})${within(30)}(?:${WORD_START}${NOUS} ?sui[st]|${WORD_START}(?:suivi[es]?|suivies|suivez|suivre|suis tu|abonne\\p{L}*))${WORD_END}`)],
  // "How did you find us?", "how'd you hear about us"; not "how did you find our workshop?".
  ['howFound', question(`${WORD_START}how${words([' did', " ?'d", ' do', ' have'])} you${within(15)}${WORD_START}${words([`(?:find|found|discover(?:ed)?|come across|stumble (?:on|upon|across)|end up (?:on|with|following)|land on|get to|know) (?:${US}|(?:our|my) ${PLACE})`, 'hear (?:about|of)', 'get here'])}${WORD_END}`)],
  ['howFound', question(`${WORD_START}${words(['where did you', 'who told you about', 'who sent you', 'who referred you'])}${within(20)}${WORD_START}${words(['us', 'me', 'find', 'hear', 'discover'])}${WORD_END}`)],
  // "Comment nous avez-vous trouvés ?", "comment m'as-tu découvert", "comment es-tu arrivé sur ma page" — not "comment avez-vous trouvé l'atelier ?".
  ['howFound', question(`${WORD_START}comment${within(30)}${WORD_START}${NOUS}${within(15)}(?:trouve|decouv|connu|repere)\\p{L}*`)],
  ['howFound', question(`${WORD_START}comment${within(30)}${WORD_START}${words(["entendu parler (?:de nous|de moi|de notre|de mon|de ma)", 'connu (?:nous|notre|mon|ma|nos|ce compte)', "(?:arrive|tombe)\\p{L}* (?:ici|sur (?:mon|ma|notre|nos|ce|cette)|chez nous|jusqu'a nous)", 'atterri\\p{L}*'])}${WORD_END}`)],
  ['howFound', question(`${WORD_START}${words(["d'ou", 'ou', 'par quel \\p{L}+', 'qui (?:vous|t\') a parle de'])}${within(15)}${WORD_START}${words(['nous', 'me', "m'", 'moi'])}${within(15)}(?:connu|trouve|decouv|connaiss|connai)\\p{L}*`)],
  ['howFound', question(`${WORD_START}qui ${words(['vous', "t'", 'te'])} ?a ${words(['parle de (?:nous|moi)', 'envoye', 'recommande (?:notre|mon|ce) compte'])}${WORD_END}`)],
  // "What do you expect from us?", "Qu'attendez-vous de nous ?" — only as a question.
  ['whatExpect', question(`${WORD_START}what${within(25)}${WORD_START}${words(['expect\\p{L}*', 'want\\p{L}*', 'hop(?:e|ing) to (?:get|find|see)', 'looking for', 'need'])}${within(15)}${WORD_START}${words(['from', 'of'])} ${words(['us', 'me', 'our', 'my', 'this account'])}${WORD_END}${QUESTION_END}`)],
  ['whatExpect', question(`(?:${WORD_START}qu' ?)?(?:attend|espere|esper|cherch|recherch|veu|voul)\\p{L}*${within(8)}${WORD_START}${words(['de nous', 'de moi', 'de notre', 'de mon', 'de ma', 'de nos', 'chez nous'])}${WORD_END}${QUESTION_END}`)],
];

// The three questions as concepts over words, asked directly, inverted, indirectly ("tell us
// why…", "curious what brought you…") or with no question mark at all.
const LEXICONS = {
  WHY: [
    '=why', '=pourquoi', '=what_made', '=what_makes', '=what_brought', '=what_brings', '=what_led', '=what_drew', '=what_draws', '=what_got', '=what_prompted',
    '=what_pushed', '=what_motivated', '=what_inspired', '=que_est_ce_qui', '=ce_qui', '=reason', '=raison', '=qui_vous_a', '=qui_t_a',
  ],
  FOLLOW: ['follow*', 'subscrib*', 'suiv*', '=suis', '=suit', 'abonn*', '=hit_follow', '=follow'],
  TARGET_PLACE: [
    '=here', '=ici', '=to_us', '=to_me', '=chez_nous', '=our_account', '=our_page', '=our_profile', '=our_feed', '=my_account', '=my_page', '=my_profile', '=my_feed',
    '=to_our', '=to_my', '=this_account', '=notre_compte', '=mon_compte', '=notre_profil', '=mon_profil', '=notre_page', '=ma_page', '=ce_compte', '=our_way', '=vers_nous',
  ],
  AMENE: ['amen*', 'pouss*', 'brought', 'bring*', 'drew', 'draw*', 'led', 'lead*', 'fait_venir', 'conduit'],
  HOW: ['=how', '=where', '=comment', '=ou', '=d_ou', '=par_quel', '=par_quelle', '=what_way', '=qui', '=who'],
  FIND_EN: [
    '=find', '=found', 'discover*', '=hear_about', '=hear_of', '=heard_about', '=heard_of', '=come_across', '=came_across', 'stumbl*', '=end_up', '=ended_up', '=land_on',
    '=landed_on', '=get_here', '=got_here', '=end_up_here', '=pointed_you', '=told_you_about', '=sent_you', '=referred_you', '=run_into', '=ran_into',
  ],
  US_EN: ['=us', '=me', '=here', '=our_account', '=our_page', '=our_profile', '=our_feed', '=my_account', '=my_page', '=my_profile', '=my_feed', '=this_account', '=our_tweets', '=our_way', '=my_way'],
  FIND_FR: ['trouv*', 'decouv*', '=connu', '=connus', '=connue', 'connai*', '=entendu_parler', '=tombe', '=tombee', '=tombes', '=arrive', '=arrivee', '=arrives', 'atterri*', 'repere*', 'amen*'],
  US_FR_BEFORE: ['=nous', '=me', '=m', '=moi'],
  US_FR_AFTER: ['=de_nous', '=de_moi', '=sur_nous', '=sur_notre', '=sur_nos', '=sur_mon', '=sur_ma', '=sur_ce_compte', '=notre_compte', '=mon_compte', '=notre_profil', '=ici', '=chez_nous', '=jusqu_a_nous', '=jusque_a_nous', '=nous'],
  WHAT: ['=what', '=whats', '=que', '=quoi', '=quel', '=quelle', '=quels', '=quelles', '=ce_que'],
  // The cause asked for, split from its question word: "what was it that made you follow", "ce qui au fond t'a poussé à t'abonner".
  WHAT_IT: ['=what', '=whats', '=which', '=ce_qui', '=qu_est_ce_qui', '=quoi', '=quel', '=quelle', '=why', '=pourquoi'],
  CAUSED: [
    '=made', '=makes', '=brought', '=brings', '=led', '=got', '=drew', '=draws', '=prompted', '=inspired', '=pushed', '=convinced', '=tempted', '=persuaded', '=sold',
    '=sent', '=pointed', '=steered',
    '=amene', '=a_amene', '=pousse', '=a_pousse', '=a_donne_envie', '=donne_envie', '=decide', '=a_decide', '=convaincu', '=a_convaincu', '=motive', '=a_motive', '=attire', '=a_attire',
  ],
  EXPECT: ['expect*', 'hope', 'hoping', '=looking_for', '=want', '=wanting', 'search*', '=get_out_of', '=after', 'attend*', 'attent*', 'esper*', 'cherch*', '=venez_chercher', '=viens_chercher'],
  SOMEONE: ['=someone', '=somebody', '=anyone', '=anybody', '=a_friend', '=who', '=qui', '=quelquun', '=un_ami', '=une_amie', '=un_pote', '=une_pote'],
  SENT: ['=send', '=sent', '=point', '=pointed', '=refer', '=referred', '=recommend', '=recommended', '=tell', '=told', '=envoye', '=envoyee', '=a_envoye', '=recommande', '=a_recommande', '=parle', '=a_parle', '=oriente', '=a_oriente'],
  OUR_WAY: ['=our_way', '=my_way', '=here', '=to_us', '=to_me', '=about_us', '=about_me', '=ici', '=vers_nous', '=chez_nous', '=de_nous', '=de_moi', '=notre_compte', '=mon_compte', '=ce_compte', '=our_account', '=this_account'],
  FROM_EN: ['=from', '=of', '=out_of', '=on', '=in', '=at', '=following', '=when_you_found'],
  US_EXPECT_EN: ['=us', '=me', '=our', '=my', '=this_account', '=this_page', '=here', '=following_us'],
  // What the follow itself should bring them: "qu'espères-tu trouver en nous suivant", "what are you hoping to get by following the shop".
  GAIN: ['expect*', 'hop*', 'esper*', 'attend*', 'attent*', '=comptes', '=comptez', '=compte', 'want*', '=get', 'gain*', 'trouv*', '=find', 'bring', 'apport*', 'cherch*', 'souhait*'],
  BY_FOLLOWING: [
    '=en_nous_suivant', '=en_me_suivant', '=en_suivant_notre', '=en_suivant_ce', '=en_t_abonnant', '=en_vous_abonnant', '=en_s_abonnant', '=en_nous_rejoignant',
    '=by_following', '=from_following', '=out_of_following', '=in_following', '=by_subscribing', '=from_subscribing', '=this_follow', '=the_follow', '=your_follow',
    '=cet_abonnement', '=ce_follow', '=ton_abonnement', '=votre_abonnement', '=ton_follow', '=cet_abo', '=ton_abo',
  ],
  // The team named as a thing, where "nous" would be: "par quel biais as-tu découvert le studio ?", "how did you come across the shop?".
  HOW_WAY: [
    '=how', '=where', '=comment', '=ou', '=d_ou', '=par_quel', '=par_quelle', '=par_qui', '=de_quelle_facon', '=de_quelle_maniere', '=which_way', '=by_what', '=through_what',
  ],
  DISCOVER: [
    'decouv*', '=connu', '=connue', '=connus', '=connues', '=entendu_parler', '=tombe_sur', '=tombee_sur', '=tombes_sur', '=arrive', '=arrivee', '=arrives', 'atterri*', 'repere*',
    'discover*', '=come_across', '=came_across', 'stumbl*', '=hear_about', '=heard_about', '=hear_of', '=heard_of', '=learn_about', '=learned_about', '=learnt_about',
    '=end_up', '=ended_up', '=land_on', '=landed_on', '=wind_up', '=wound_up',
  ],
  THE: ['=le', '=la', '=les', '=the', '=this', '=ce', '=cette', '=notre', '=our', '=my', '=mon', '=ma', '=nos'],
  TEAM_NOUN: [
    '=studio', '=atelier', '=boutique', '=shop', '=store', '=brand', '=marque', '=agence', '=agency', '=collectif', '=collective', '=team', '=equipe', '=account', '=compte',
    '=page', '=profil', '=profile', '=label', '=maison', '=cabinet', '=company', '=entreprise',
    '=association', '=asso', '=museum', '=musee', '=club', '=podcast', '=school', '=ecole', '=library', '=bibliotheque', '=festival', '=theatre', '=gallery', '=galerie',
  ],
  FROM_FR: ['=de_nous', '=de_moi', '=de_notre', '=de_nos', '=de_mon', '=de_ma', '=de_mes', '=de_ce_compte', '=sur_notre', '=sur_nos', '=sur_mon', '=sur_ce_compte', '=chez_nous', '=ici', '=vis_a_vis_de_notre', '=vis_a_vis_de_nos', '=envers_nous'],
};

const TOKEN_PATTERNS: Array<[string, TokenPattern[]]> = [
  ['whyFollow', tokenPattern(['@WHY ~6 @FOLLOW', '@WHY ~4 @AMENE? @TARGET_PLACE', '@WHAT_IT ~4 @CAUSED =you ~4 @FOLLOW', '@WHAT_IT ~4 @CAUSED =you ~2 @TARGET_PLACE', '@WHAT_IT ~3 =vous|=te ~1 @CAUSED ~4 @FOLLOW',
    // "Was it the giveaway that got you here?": the cause asked by a cleft, with its question mark.
    '@CAUSED =you ~1 =here|=to_us|=to_me|=our_way|=my_way|=to_our|=to_my ~4 <?>',
    '@WHAT_IT ~2 =drew|=draws|=pulled|=lured|=hooked|=sucked =you =in',
    // Us described rather than named: "what brings you to a pottery account like ours?".
    '@WHAT_IT ~2 @CAUSED =you ~6 =like_ours|=like_us|=like_mine|=like_me|=comme_le_notre|=comme_la_notre|=comme_nous|=comme_moi',
    '=why_us|=why_me|=why_this_account|=why_our_account|=pourquoi_nous|=pourquoi_moi|=pourquoi_ce_compte|=pourquoi_notre_compte',
    // "Tu nous suis pour quelle raison ?".
    // "What's the draw of following a tiny bakery like ours?", "quel est l'intérêt de nous suivre ?".
    '@WHAT ~2 =draw|=appeal|=point|=reason|=interet|=attrait|=le_but ~3 @FOLLOW ~5 =us|=me|=ours|=our|=my|=this_account|=nous|=notre|=nos|=moi|=ce_compte',
    '@WHAT ~2 =draw|=appeal|=point|=reason|=interet|=attrait|=le_but ~3 =nous|=me|=m ~1 @FOLLOW',
    // "Tu t'es abonné suite à quoi ?".
    '@FOLLOW ~2 =suite_a_quoi|=a_cause_de_quoi|=grace_a_quoi|=via_quoi|=because_of_what|=thanks_to_what',
    '=nous|=me|=m|=us ~1 @FOLLOW ~4 =pour_quelle_raison|=pourquoi|=pour_quoi|=dans_quel_but|=a_quelle_fin|=why|=how_come|=for_what_reason|=what_for'], 'any', LEXICONS)],
  ['howFound', tokenPattern([
    // A referral asked about: "did someone send you our way?", "quelqu'un t'a recommandé notre compte ?".
    '@SOMEONE ~2 @SENT =you|=te|=vous ~2 @OUR_WAY ~4 <?>',
    '@SOMEONE =te|=vous ~1 @SENT ~3 @OUR_WAY ~4 <?>',
    // "Was it a friend who pointed you to the studio?".
    '@SOMEONE ~2 @SENT =you|=te|=vous ~2 @THE @TEAM_NOUN ~4 <?>',
    '@SOMEONE =te|=vous ~1 @SENT ~3 @THE @TEAM_NOUN ~4 <?>',
    // "Tu es arrivé ici comment ?".
    '@FIND_FR ~3 @US_FR_AFTER ~1 =comment|=d_ou|=par_ou|=how',
    '@HOW ~6 @FIND_EN ~2 @US_EN',
    // "How'd you end up following a tiny label like us?".
    '@HOW ~6 =end_up|=ended_up|=come_to|=came_to|=get_to|=got_to|=decide_to|=decided_to @FOLLOW ~5 =us|=me|=like_us|=like_ours|=our|=my|=this_account', '@HOW ~3 @US_FR_BEFORE ~4 @FIND_FR', '@HOW ~5 @FIND_FR ~3 @US_FR_AFTER', '@US_FR_BEFORE ~3 @FIND_FR =comment|=ou|=d_ou'], 'any', LEXICONS)],
  // The team noun ends the clause ("…découvert le studio ?"), else it is a thing of theirs ("the studio lights you use").
  ['howFound', tokenPattern(['@HOW_WAY ~5 @DISCOVER ~3 @THE @TEAM_NOUN ^2 <?>|<.>|<!>|<,>'], 'any', LEXICONS)],
  // "Where did you first come across the museum's account?", "avez-vous connu l'association par le bouche-à-oreille ou par un article ?":
  // the way they came asked about, the team named as a thing or its account.
  ['howFound', tokenPattern([
    '@HOW_WAY ~5 @DISCOVER ~4 =account|=page|=profile|=feed|=compte|=profil ~1 <?>',
    '@DISCOVER ~1 @THE @TEAM_NOUN ~1 =par|=via|=through|=thanks_to|=grace_a ~8 <?>',
  ], 'any', LEXICONS)],
  ['whatExpect', tokenPattern(['@WHAT ~6 @GAIN ~6 @BY_FOLLOWING', '@GAIN ~2 =quoi|=what ~6 @BY_FOLLOWING', '@WHAT ~4 @BY_FOLLOWING ~3 @GAIN'], 'any', LEXICONS)],
  // How we came to their notice: "how did the brand end up on your radar?".
  ['howFound', tokenPattern(['@HOW_WAY ~8 =on_your_radar|=onto_your_radar|=sur_ton_radar|=sur_votre_radar|=to_your_attention|=a_ton_attention|=a_votre_attention'], 'any', LEXICONS)],
  // What drew their interest to us: "what got you interested in the shop?".
  ['whyFollow', tokenPattern([
    '@WHAT_IT ~3 @CAUSED =you|=te|=vous ~2 =interested_in|=curious_about|=interesse_a|=interessee_a|=interesse_par|=interessee_par =us|=me|=nous|=moi|=our_work|=our_account|=notre_compte',
    '@WHAT_IT ~3 @CAUSED =you|=te|=vous ~2 =interested_in|=curious_about|=interesse_a|=interessee_a|=interesse_par|=interessee_par @THE @TEAM_NOUN',
  ], 'any', LEXICONS)],
  ['whatExpect', tokenPattern([
    // "Tell us what you're after here", "what you're hoping for from this account".
    '@WHAT ~3 =after|=looking_for|=hoping_for|=hoping_to_find|=hoping_to_get =here|=from_us|=with_us|=on_this_account|=from_this_account','@WHAT ~6 @EXPECT ~6 @FROM_EN @US_EXPECT_EN', '@WHAT ~4 @EXPECT ~4 @FROM_FR', '@EXPECT ~4 @FROM_FR ~3 <?>', '=your|=vos|=tes @EXPECT ~4 @FROM_EN @US_EXPECT_EN', '=vos|=tes @EXPECT ~4 @FROM_FR'], 'any', LEXICONS)],
];

function patternFindings(context: AuditContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const seen: TextRange[] = [];
  const ranges: Array<[string, TextRange[]]> = [
    ...PATTERNS.map(([messageId, pattern]): [string, TextRange[]] => [messageId, findAll(context.text, pattern)]),
    ...TOKEN_PATTERNS.map(([messageId, patterns]): [string, TextRange[]] => [messageId, findTokens(context.text, patterns)]),
  ];
  for (const [messageId, found] of ranges) {
    for (const range of found) {
      if (seen.some((other) => range.start < other.end && other.start < range.end)) continue;
      seen.push(range);
      findings.push({ messageId, ...range, suggestion: SUGGESTION });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

export function check(context: AuditContext): RuleFinding[] {
  return withLearnedReading('interrogation', patternFindings(context), context, SUGGESTION);
}
