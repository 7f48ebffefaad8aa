import { extractLinks } from './links';
import { withLearnedReading } from './learned';
import { rememberingLast } from './rule';
import type { WelcomeRuleMeta } from './rule';
import { NETWORK_NAMES as NETWORK_NAMED, NETWORKS, OURS, VENUES } from './lexicon';
import { findAll, phrase, within, WORD_END, WORD_START } from './text';
import { findTokens, tokenGate, tokenPattern, tokenText } from './tokens';
import type { TextRange } from './text';
import type { AuditContext, RuleFinding } from './types';

export const meta: WelcomeRuleMeta = {
  id: 'no-social-redirect',
  severity: 'error',
  description: {
    fr: "Ne pas envoyer l'abonné vers Facebook, Instagram, LinkedIn, YouTube, TikTok… (« likez notre page »).",
    en: 'Do not push the follower to Facebook, Instagram, LinkedIn, YouTube, TikTok… ("like our page").',
  },
  rationale: {
    fr: "La personne vient de vous choisir sur X. Sa première récompense ne peut pas être une invitation à aller ailleurs : « abonnez-vous à notre page Facebook » est le cliché du DM automatique, et dit que vous ne tenez pas à la conversation ici.",
    en: 'The person just chose you on X. Sending them off to another network straight away is the cliché of the automated DM, and says the conversation here does not matter to you.',
  },
  messages: {
    learned: {
      fr: "Ce message semble envoyer la personne vers un autre réseau ou un autre espace ; aucune formule connue, c'est la lecture apprise du message.",
      en: 'This reads like sending them to another network or space; no known phrase matched, this is the learned reading of the message.',
    },
    socialLink: {
      fr: 'Lien vers {network} : on ne redirige pas un nouvel abonné vers un autre réseau.',
      en: 'Link to {network}: do not send a new follower to another network.',
    },
    pageCallToAction: {
      fr: "Invitation à aimer une page ou à rejoindre une chaîne ailleurs : restez sur X avec la personne qui vient de vous suivre.",
      en: 'Asking them to like a page or join a channel elsewhere: stay on X with the person who just followed you.',
    },
    callToAction: {
      fr: 'Appel à vous suivre sur {network} : restez sur X avec la personne qui vient de vous suivre.',
      en: 'Asking them to follow you on {network}: stay on X with the person who just followed you.',
    },
  },
  // A reading, not a phrase: shown to the teammate, it does not block the send.
  messageSeverity: { learned: 'warning' },
};

const SUGGESTION = {
  fr: "Retirez l'invitation ; s'il faut un lien, mettez une page utile de votre propre site.",
  en: 'Drop the invitation; if a link helps, link to a useful page on your own site instead.',
};

// Registrable domains (and their own shorteners) of the networks, with the name people know.
const NETWORK_DOMAINS: Record<string, string> = {
  'facebook.com': 'Facebook', 'fb.com': 'Facebook', 'fb.me': 'Facebook', 'fb.watch': 'Facebook', 'messenger.com': 'Messenger', 'm.me': 'Messenger',
  'instagram.com': 'Instagram', 'instagr.am': 'Instagram',
  'linkedin.com': 'LinkedIn', 'lnkd.in': 'LinkedIn',
  'youtube.com': 'YouTube', 'youtu.be': 'YouTube',
  'tiktok.com': 'TikTok',
  'pinterest.com': 'Pinterest', 'pinterest.fr': 'Pinterest', 'pin.it': 'Pinterest',
  'snapchat.com': 'Snapchat',
  'threads.net': 'Threads', 'threads.com': 'Threads',
  'bsky.app': 'Bluesky',
  'whatsapp.com': 'WhatsApp', 'wa.me': 'WhatsApp',
  't.me': 'Telegram', 'telegram.me': 'Telegram',
  'discord.gg': 'Discord', 'discord.com': 'Discord',
  'twitch.tv': 'Twitch',
  'reddit.com': 'Reddit',
  'tumblr.com': 'Tumblr',
  'bere.al': 'BeReal', 'bereal.com': 'BeReal',
  'bsky.social': 'Bluesky', 'mastodon.social': 'Mastodon', 'mstdn.social': 'Mastodon',
  'chat.whatsapp.com': 'WhatsApp', 'slack.com': 'Slack', 'patreon.com': 'Patreon', 'linktr.ee': 'Linktree', 'snapchat.fr': 'Snapchat',
};

// Names as written in folded text, with the name people know.
const NETWORK_NAMES: Array<[string, string]> = [
  ['facebook|fb', 'Facebook'],
  ['instagram|insta|ig', 'Instagram'],
  ['linked ?in', 'LinkedIn'],
  ['you ?tube|yt', 'YouTube'],
  ['tik ?tok', 'TikTok'],
  ['pinterest', 'Pinterest'],
  ['snapchat', 'Snapchat'],
  ['threads', 'Threads'],
  ['bluesky|bsky', 'Bluesky'],
  ['whatsapp', 'WhatsApp'],
  ['telegram', 'Telegram'],
  ['discord', 'Discord'],
  ['twitch', 'Twitch'],
  ['messenger', 'Messenger'],
];
const NETWORK = `(?:${NETWORK_NAMES.map(([names]) => names).join('|')})`;
const NETWORK_NAME_PATTERNS = NETWORK_NAMES.map(([names, name]) => [new RegExp(`${WORD_START}(?:${names})${WORD_END}`, 'u'), name] as const);

// Imperatives and nudges that send someone somewhere: "follow us", "rejoignez-nous", "n'hésitez pas à nous suivre".
const CALLS = [
  'follow us', 'follow me', 'follow our', 'join us', 'join our', 'like us', 'like our', 'subscribe', 'find us', 'connect with us',
  'check out our', 'come say hi', 'add us', 'say hi', 'hit (?:the )?(?:like|subscribe)', "don't forget to (?:follow|like|subscribe|join)",
  'feel free to (?:follow|like|subscribe|join)', 'make sure to (?:follow|like|subscribe)',
  'suivez nous', 'suis nous', 'suivez notre', 'suis notre', 'suivez mon', 'rejoignez nous', 'rejoins nous', 'rejoignez notre', 'rejoins notre',
  'likez', 'like[sz]? notre', 'aimez notre', 'aime notre', 'abonnez vous', 'abonne toi', 'retrouvez nous', 'retrouve nous', 'retrouvez notre',
  'venez nous (?:voir|rejoindre|suivre)', 'passez nous voir', 'ajoutez nous', 'ajoute nous', 'decouvrez notre (?:page|chaine|compte|groupe)',
  "(?:pensez a|n'hesitez pas a|n'hesite pas a|n'oubliez pas de|n'oublie pas de) nous (?:suivre|rejoindre|retrouver|liker|ajouter)",
];
const CALL = `(?:${CALLS.map(phrase).join('|')})`;

const CALL_PATTERNS = [
  // "Suivez-nous sur Instagram", "join our Facebook group".
  new RegExp(`${WORD_START}${CALL}${within(50)}${WORD_START}${NETWORK}${WORD_END}`, 'gu'),
  // "Sur Instagram, suivez-nous".
  new RegExp(`${WORD_START}${NETWORK}${WORD_END}${within(30)}${WORD_START}${CALL}${WORD_END}`, 'gu'),
  // The network is implied: "like our page", "aimez notre page", "subscribe to our channel".
  new RegExp(
    `${WORD_START}(?:${[
      'like our (?:fan )?page', 'join our group', 'subscribe to (?:our|my) channel',
      '(?:likez|aimez|aime|like) (?:notre|ma) page', 'rejoignez notre groupe', 'abonnez vous a (?:notre|ma) chaine', 'abonne toi a (?:notre|ma) chaine',
    ].map(phrase).join('|')})${WORD_END}`,
    'gu',
  ),
];

// The same idea over words: a call, a network, and nothing addressed to the reader in between
// (so "I loved your LinkedIn post" stays fine), in either language or both at once.
const LEXICONS = {
  NETWORK: NETWORKS,
  VENUE: VENUES,
  OURS,
  CALL: [
    'follow', 'join', 'like_us', 'like_our', 'like_the', 'subscrib*', 'find_us', 'find_our', 'find_the', 'find_me', 'find_more', 'catch_us', 'catch_our',
    'connect', 'add_us', 'add_me', 'check_out', 'check_our', 'check_us', 'visit', 'hang_out', 'hop', 'jump', 'pop', 'head', 'come', 'swing_by',
    'say_hi', 'say_hello', 'hit', 'give_us', 'give_our', 'tap', 'see_us', 'meet_us', 'be_part', 'tune_in', 'watch_us', '=stream',
    '=suivez', '=suivre', '=suis_nous', '=suis_moi', 'rejoign*', 'rejoin*', '=rejoindre', '=abonnez', '=abonne_toi', '=abonner', '=abonnes_toi', 'lik*', 'aimez', 'aime_notre',
    'retrouv*', 'venez', '=viens', 'passez', 'passe_nous', 'ajout*', 'decouvr*', 'connect*', 'integr*', 'discut*', 'faites_un_tour', 'fais_un_tour',
    '=rendez_vous', 'pensez_a', 'ecoutez', '=connectez_vous', '=abonnez_vous', '=inscrivez_vous', '=ajoutez_nous',
    // Second person, informal: "go sub to our channel", "slide into our Discord", "jette un œil à notre chaîne".
    '=sub', '=subs', '=sub_to', '=go_follow', '=go_check', '=go_sub', '=go_see', 'slide', '=pull_up', '=drop_by', '=stop_by', '=look_us_up', '=look_for_us',
    '=take_a_look', '=have_a_look', '=peep', 'jett*', '=jetez', '=jeter_un', '=va_voir', '=allez_voir', '=va_jeter', '=allez_jeter', '=fonce', '=foncez', '=clique', '=cliquez',
    '=passe', '=cherche_nous', '=cherchez_nous', '=tape', '=tapez',
    // Waiting for them there: "on t'attend sur Bluesky", "we'll be waiting for you on Discord".
    '=attend', '=attends', '=attendons', '=waiting', '=await', '=awaits',
  ],
  // After the network: "on FB, see you there", "sur TikTok, rejoignez-nous".
  CALL_AFTER: [
    'see_you', 'come_along', 'come_say', 'pop_by', 'jump_in', 'hop_in', 'join_us', 'follow_us', '=venez', 'rejoignez', '=rejoins', 'abonnez', '=suivez',
    '=viens', 'ajout*', '=add_us', '=add_me', '=follow', 'retrouv*', '=suis_nous', '=suis_moi', 'jett*', '=jetez', '=come', '=say_hi', '=sub', '=subscribe', 'abonne_toi',
    '=check_it', '=check_us', '=go_check', '=passe', '=passez', '=find_us', '=find_me', '=catch_us', '=tap_in', '=hop_over', '=pop_over', '=swing_by',
  ],
  // Our account there, named by the handle it shares with this one: "on Threads, same handle".
  SAME_HANDLE: ['=same_handle', '=same_name', '=same_username', '=same_user', '=same_at', '=meme_pseudo', '=meme_nom', '=meme_compte', '=meme_identifiant', '=same_account'],
  // Moving the conversation elsewhere: "we're moving most convos over to Bluesky", "on migre sur Mastodon".
  MOVE: [
    '=moved', '=moving', '=move', '=migrated', '=migrating', '=migrate', '=switched', '=switching', '=shifted', '=shifting', '=relocated', '=heading', '=headed',
    '=demenage', '=demenageons', '=demenagent', '=migre', '=migrons', '=bascule', '=basculons', '=basculent', '=passe', '=passons', '=partis', '=parti',
  ],
  VENUE_NOUN: ['=canal', '=canaux', 'group', 'groupe', 'channel', '=chaine', 'server', '=serveur', 'page', 'community', '=communaute', '=commu', '=sub', '=forum'],
  // Where the content lives, without a call: "our tutorials live on the YT channel", "nos vidéos sont sur TikTok".
  LIVE: [
    '=live', '=lives', '=is', '=are', '=sont', '=est', '=vivent', '=vit', '=happen', '=happens', '=go_up', '=goes_up', '=go_live', '=goes_live', '=drop', '=drops',
    '=land', '=lands', '=se_trouvent', '=se_trouve', '=hosted', 'retransmi*', 'diffuse*', 'rediffus*', '=streamed', '=broadcast', '=filmed', '=filmees', '=filmes', '=filmee', '=dispo', '=available', '=disponible', '=disponibles', '=en_ligne', '=up', '=tombent', '=sortent', '=sort',
  ],
  CONTENT: [
    'tutorial*', 'tuto*', 'video*', 'recett*', 'recipe*', '=content', 'session*', 'workshop*', '=ateliers', 'concert*', '=shows', 'spectacle*', 'conference*', '=talks', '=matchs', '=matches', '=emissions', 'fournee*', 'cuisson*', 'degustation*', 'tasting*', 'contenu*', '=coulisses', '=behind_the_scenes', '=bts', '=stories', '=lives', '=replays', '=replay',
    'podcast*', 'episod*', '=posts', '=photos', '=pics', '=reels', '=shorts', '=streams', '=news', '=actus', '=updates', '=tips', '=astuces', '=guides', '=demos', '=live_sessions',
    '=stuff', '=work', '=art', '=drawings', '=sketches', '=dessins', '=creations', '=projets', '=projects', '=clips', '=vlogs', '=courses', '=cours', '=lessons', '=lecons',
  ],
  THE_MOST: ['=the', '=les', '=all', '=tous', '=toutes', '=most', '=la_plupart_de', '=la_plupart_des', '=nos', '=our', '=mes', '=my'],
  // After a cleft "c'est sur Insta que…", what makes it a redirect: it happens there, you find things there, we post there
  // (not "que je t'ai découvert", how the sender found the reader).
  CLEFT_NEXT: [
    '=ca', '=tout', '=vous_les', '=vous_le', '=vous_la', '=vous_trouverez', '=vous_pourrez', '=vous_verrez', '=vous_allez', '=vous_nous', '=tu_les', '=tu_le', '=tu_la',
    '=tu_trouveras', '=tu_pourras', '=tu_verras', '=tu_vas', '=tu_nous', '=you_will', '=you_can', '=you_ll', '=you_find', '=you_get', '=on_poste', '=on_partage', '=on_publie', '=on_est', '=on_vous', '=on_te', '=les', '=la', '=le', '=nos', '=notre', '=nous_postons',
    '=nous_partageons', '=nous_publions', '=nous_sommes', '=se', '=il_y_a', '=the', '=our', '=we', '=all', '=everything', '=it_all', '=the_magic', '=la_magie',
  ],
  // The team on air there: "on fait un live sur Twitch", "we bake live on Twitch every Sunday".
  ON_AIR: ['=live', '=en_live', '=en_direct', '=in_live', '=streaming', 'livestream*', '=en_stream', '=en_streaming', 'retransmi*'],
  // Filming or recording for a network: "on filme nos fournées… sur Twitch", "we record the Q&A on YouTube Live".
  FILM: ['film*', 'record*', 'stream*', 'host*', 'montr*', '=show', '=shows', '=showing', 'organis*', 'organiz*', 'anim*', '=hold', '=holds', 'enregistr*', 'livestream*', 'retransmet*', 'retransmett*'],
  // Not "the team": "our team is on Slack all day" is where it works, not where it sends them.
  TEAM_THING: [
    '=bakery', '=shop', '=studio', '=brand', '=atelier', '=boutique', '=marque', '=agence', '=agency', '=label', '=store', '=company', '=cafe', '=brewery',
    '=farm', '=ferme', '=boulangerie', '=collectif', '=collective', '=club', '=asso', '=association', '=maison',
  ],
  THERE_IS: ['=there_is', '=there_are', '=il_y_a', '=y_a', '=il_existe', '=voici', '=here_is', '=on_a', '=we_have', '=we_have_got', '=nous_avons'],
  WE: ['=we', '=nous', '=on', '=us'],
  BE: ['=are', '=sommes', '=est', '=is'],
  ADVERB: [
    '=also', '=too', '=now', '=mostly', '=more', '=most', '=way', '=much', '=very', '=super', '=really', '=active', '=actively', '=live', '=present', '=over',
    '=plus', '=aussi', '=surtout', '=egalement', '=tres', '=actif', '=actifs', '=active', '=actives', '=presents', '=dispo', '=disponibles', '=deja', '=even', '=there', '=here', '=just',
  ],
  OPEN: ['=opened', '=launched', '=started', '=created', '=run', '=have', '=lance', '=ouvert', '=cree', '=avons', '=a', '=anime', '=animons'],
  A: ['=a', '=an', '=un', '=une', '=our', '=notre', '=new', '=nouveau', '=nouvelle'],
  POST: ['post*', 'share*', 'stream*', 'publi*', 'partag*', 'diffus*', 'upload*', 'hang', 'chat*'],
  JOIN_VENUE: ['join', 'rejoign*', 'rejoin*', 'like', 'lik*', 'aim*', 'subscrib*', 'abonn*', 'be_part_of', 'integr*', 'come_to', 'venez_dans', 'venez_sur'],
  THE_OURS: ['=our', '=notre', '=nos', '=the', '=la', '=le', '=ma', '=my'],
  // The reader placed on a network, to send them there: "if you're on LI", "vous êtes sur Insta ?", "t'es sur TikTok".
  YOU_ARE: ['=you_are', '=you_re', '=u_r', '=you_use', '=you_hang', '=vous_etes', '=tu_es', '=te_es', '=vous_utilisez', '=tu_utilises', '=tu_traines', '=vous_trainez'],
  // What follows it: any call, or the network taken up again ("on y partage", "we post there").
  INVITE: [
    'follow', 'join', 'connect', 'add_us', 'add_me', 'add_our', 'check_out', 'check_our', 'come', 'hop', 'jump', 'pop', 'say_hi', 'say_hello', 'find_us', 'find_our', 'see_you',
    '=suivez', '=suis_nous', '=suis_moi', 'rejoign*', '=rejoins', 'abonn*', 'ajout*', 'retrouv*', '=venez', '=viens', 'passez', 'passe_nous', 'connect*',
    '=on_y', '=nous_y', '=we_post', '=we_share', '=we_are_there', '=there_too',
  ],
  WE_THERE: [
    '=we_are_there', '=we_re_there', '=we_are_on_it', '=on_y_est', '=on_y_poste', '=nous_y_sommes', '=on_a_un', '=on_a_une', '=we_have_a', '=we_run_a', '=nous_avons_un',
    '=nous_avons_une', '=find_us', '=join_us', '=rejoins_nous', '=rejoignez_nous', '=retrouve_nous', '=retrouvez_nous', '=come_say', '=viens_nous', '=venez_nous',
  ],
  VENUE_STRICT: ['=canal', '=canaux', 'group', 'groupe', '=groupes', 'channel', '=chaine', 'server', '=serveur', 'page', 'community', '=communaute', '=subreddit', '=forum'],
};
const TOKEN_CALLS = tokenPattern(
  [
    '@CALL ^5 @NETWORK',
    '@WE @ADVERB? @OPEN @OPEN? @A @A? @VENUE? @NETWORK',
    // "We also have a little Discord for makers", "on a un petit serveur Discord".
    '@WE @ADVERB? @OPEN ^3 @NETWORK',
    '@NETWORK ^3 @CALL_AFTER',
    '@WE @BE? @ADVERB? @ADVERB? @ADVERB? on|sur|over_on @THE_OURS? @NETWORK',
    // "We're way chattier over on Threads", "on est bien plus présents sur le papillon bleu".
    '@WE @BE ^3 =on|=sur|=over_on|=over_at|=over_in @THE_OURS? @NETWORK',
    // The team named as a thing: "the bakery's also on Insta", "l'atelier est aussi sur TikTok".
    '=the|=our|=le|=la|=notre ~1 @TEAM_THING @BE @ADVERB? @ADVERB? =on|=sur|=over_on|=over_at @THE_OURS? @NETWORK',
    '@WE ~3 @MOVE ~4 =to|=over_to|=sur|=vers|=on|=over|=chez @THE_OURS? @NETWORK',
    '@NETWORK <,>? ~1 @SAME_HANDLE',
    // "Our sub, r/kilnfails", "notre serveur : Discord".
    '@OURS @VENUE_NOUN <,>|<:> @NETWORK',
    // "Our community lives on the butterfly app now" (a place for them, not "our team is on Slack all day").
    '@OURS @VENUE_NOUN ^2 @LIVE @ADVERB? =on|=sur|=over_on|=over_at @THE_OURS? @NETWORK',
    '@WE @POST ^4 on|sur @NETWORK',
    // French "on" only before "sur": an English "on" is a preposition ("your tips on recording vocals on YouTube").
    '=we|=nous @BE? @ADVERB? @FILM ^4 =on|=sur|=over_on @THE_OURS? @NETWORK',
    '=on @FILM ^4 =sur @THE_OURS? @NETWORK',
    '=we|=nous ^6 @ON_AIR ~1 =on|=sur|=over_on @THE_OURS? @NETWORK',
    '=on ^5 @ON_AIR ~1 =sur @THE_OURS? @NETWORK',
    // A broadcast named by its network: "l'équipe anime un live YouTube", "our weekly Twitch streams".
    '=un|=une|=a|=our|=nos|=notre|=des|=weekly|=monthly|=daily ~1 =live|=lives|=stream|=streams|=livestream|=livestreams @NETWORK',
    '=un|=une|=a|=our|=nos|=notre|=des|=weekly|=monthly|=daily ~1 @NETWORK =live|=lives|=stream|=streams|=livestream|=livestreams',
    // Where the content lives: "our tutorials live on the YT channel", "the replays are on Twitch".
    '@THE_MOST ^2 @CONTENT ^3 @LIVE @ADVERB? @ADVERB? =on|=sur|=over_on @THE_OURS? @NETWORK',
    // The reader finding our things there: "tu trouveras toutes nos astuces sur Insta", "you'll find all our BTS on TikTok".
    '=you|=tu|=vous ~2 find|trouv*|retrouv* ~3 @OURS ~3 =on|=sur|=over_on @THE_OURS? @NETWORK',
    // "Nos lives, c'est tous les jeudis sur Twitch".
    '@OURS @CONTENT <,>? =ce|=it =est|=is ~4 =sur|=on|=over_on @THE_OURS? @NETWORK',
    // "Direction TikTok !", "RDV sur Insta", "see you over on Insta".
    '=direction|=cap_sur|=rdv =sur|=on? @THE_OURS? @VENUE? @NETWORK',
    // "If TikTok is your thing, we're there too", "si tu es sur Discord, on a un serveur".
    '=if|=si ~5 @NETWORK +8 @WE_THERE',
    // "Tu nous trouveras aussi sur Threads".
    '=you|=tu|=vous ~1 =nous|=us|=me|=moi ~1 find|trouv*|retrouv* ~3 =on|=sur|=over_on @THE_OURS? @NETWORK',
    '=see_you|=catch_you|=a_bientot|=a_tout_de_suite =over_on|=on|=sur|=over|=there_on @NETWORK',
    // Clefts: "c'est sur Insta que ça se passe", "c'est sur TikTok que vous les trouverez", "it's on Discord that we hang out".
    '=ce|=it =est|=is @ADVERB? @ADVERB? =sur|=on|=over_on @NETWORK =que|=that|=where @CLEFT_NEXT',
    '@NETWORK ~2 =est|=is =la_que|=la_ou|=where|=ou @CLEFT_NEXT',
    // "There's a Discord server for followers", "il y a un groupe WhatsApp".
    '@THERE_IS @A ~1 @NETWORK @VENUE_STRICT',
    '@THERE_IS @A ~1 @VENUE_STRICT ~1 @NETWORK',
    '@OURS @VENUE? @NETWORK',
    '@OURS @VENUE on|sur @NETWORK',
    '@JOIN_VENUE ~2 @THE_OURS @VENUE_STRICT',
    '@YOU_ARE @ADVERB? on|sur @NETWORK +10 @INVITE',
  ],
  'any',
  LEXICONS,
);

// Every token pattern above names a network or a venue.
const MAY_REDIRECT = tokenGate([...LEXICONS.NETWORK, ...LEXICONS.VENUE_STRICT]);

/** The network a call names, if it names one ("like our page" does not). */
function networkInTokens(text: string, range: TextRange): string | undefined {
  const token = tokenText(text).tokens.find((candidate) => candidate.start >= range.start && candidate.end <= range.end && NETWORK_NAMED[candidate.word] !== undefined);
  return token ? NETWORK_NAMED[token.word] : undefined;
}

/** The network a call names, if it names one ("like our page" does not). */
function networkNamed(excerpt: string): string | undefined {
  const folded = excerpt.normalize('NFD').toLowerCase();
  return NETWORK_NAME_PATTERNS.find(([pattern]) => pattern.test(folded))?.[1];
}

const overlaps = (a: TextRange, b: TextRange): boolean => a.start < b.end && b.start < a.end;

// A subreddit written as such ("r/kilnfails") names Reddit: read as the word, same length, so the
// offsets hold.
const SUBREDDIT = /(?<![\p{L}\p{N}/.])r\/[A-Za-z0-9_]{4,21}(?![\p{L}\p{N}_/])/gu;
const asReddit = (name: string): string => 'reddit'.padEnd(name.length, ' ');

function patternFindings(context: AuditContext): RuleFinding[] {
  const text = context.text.includes('r/') ? context.text.replace(SUBREDDIT, asReddit) : context.text;
  const links: RuleFinding[] = [];
  for (const link of extractLinks(context.text)) {
    const network = NETWORK_DOMAINS[link.domain ?? link.host] ?? NETWORK_DOMAINS[link.host];
    if (network) links.push({ messageId: 'socialLink', start: link.start, end: link.end, data: { network }, suggestion: SUGGESTION });
  }
  const calls: RuleFinding[] = [];
  for (const pattern of CALL_PATTERNS) {
    for (const range of findAll(context.text, pattern)) {
      if (calls.some((call) => overlaps(call, range))) continue;
      const network = networkNamed(context.text.slice(range.start, range.end));
      calls.push(
        network
          ? { messageId: 'callToAction', ...range, data: { network }, suggestion: SUGGESTION }
          : { messageId: 'pageCallToAction', ...range, suggestion: SUGGESTION },
      );
    }
  }
  for (const range of MAY_REDIRECT(text) ? findTokens(text, TOKEN_CALLS) : []) {
    if (calls.some((call) => overlaps(call, range))) continue;
    // A subreddit read as "reddit" is reported whole.
    while (range.end < text.length && text[range.end] === ' ' && context.text[range.end] !== ' ') range.end++;
    const network = networkInTokens(text, range);
    calls.push(
      network
        ? { messageId: 'callToAction', ...range, data: { network }, suggestion: SUGGESTION }
        : { messageId: 'pageCallToAction', ...range, suggestion: SUGGESTION },
    );
  }
  // "Follow us on instagram.com/brand" is one redirect, not two: the call absorbs the link that
  // names or follows it.
  const findings = [...calls];
  for (const link of links) {
    const call = calls.find((candidate) => overlaps(candidate, link) || (link.start >= candidate.end && link.start - candidate.end <= 4));
    if (!call) {
      findings.push(link);
      continue;
    }
    call.end = Math.max(call.end, link.end);
    // "Subscribe to our channel: youtu.be/xyz": the link says which network the call meant.
    if (call.messageId === 'pageCallToAction') Object.assign(call, { messageId: 'callToAction', data: link.data });
  }
  return findings.sort((a, b) => a.start - b.start);
}

export const check = rememberingLast((context: AuditContext): RuleFinding[] => withLearnedReading('no-social-redirect', patternFindings(context), context, SUGGESTION));
