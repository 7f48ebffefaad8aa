// Word lists the meaning-based rules share, written in folded form (lower case, no accents) for
// the token patterns of ./tokens: "=" marks an exact word, "*" a prefix, "_" joins a phrase.

/** Networks and their nicknames: exact words, since stemming would blur "ig" or "yt". */
export const NETWORKS = [
  '=facebook', '=fb', '=face_book', '=insta', '=instagram', '=ig', '=the_gram', '=le_gram', '=linkedin', '=linked_in', '=li',
  '=youtube', '=yt', '=you_tube', '=tiktok', '=tik_tok', '=snapchat', '=snap', '=threads', '=bluesky', '=bsky', '=mastodon',
  '=discord', '=slack', '=telegram', '=whatsapp', '=twitch', '=reddit', '=subreddit', '=pinterest', '=messenger', '=tumblr',
  '=spotify', '=soundcloud', '=vimeo', '=signal', '=viber', '=wechat', '=clubhouse', '=patreon', '=kick',
  // Newer networks and the short forms people type (Substack is a mailing list: no-contact-harvest).
  '=bereal', '=lkdn', '=lnkd', '=linkdin', '=ytb', '=tiktoks', '=masto', '=fediverse', '=snap_chat', '=watsap', '=wsp', '=telegramme',
  '=lemon8', '=vk', '=onlyfans', '=kofi', '=linktree', '=fanpage', '=behance', '=dribbble', '=gram',
  // Nicknames that name a network without its name: Bluesky's butterfly, the fediverse, Telegram's "tg".
  '=butterfly_app', '=butterfly_site', '=butterfly_network', '=butterfly_place', '=blue_butterfly', '=papillon_bleu', '=app_au_papillon',
  '=app_du_papillon', '=reseau_au_papillon', '=reseau_du_papillon', '=fedi', '=fedivers', '=fediverso', '=pixelfed', '=lemmy', '=tg', '=subreddits',
] as const;

/** The name people know, for a message: keyed by the folded word. */
export const NETWORK_NAMES: Record<string, string> = {
  facebook: 'Facebook', fb: 'Facebook', insta: 'Instagram', instagram: 'Instagram', ig: 'Instagram', gram: 'Instagram',
  linkedin: 'LinkedIn', linked: 'LinkedIn', li: 'LinkedIn', youtube: 'YouTube', yt: 'YouTube', tube: 'YouTube', tiktok: 'TikTok', tik: 'TikTok',
  snapchat: 'Snapchat', snap: 'Snapchat', threads: 'Threads', bluesky: 'Bluesky', bsky: 'Bluesky', mastodon: 'Mastodon', discord: 'Discord',
  slack: 'Slack', telegram: 'Telegram', whatsapp: 'WhatsApp', twitch: 'Twitch', reddit: 'Reddit', subreddit: 'Reddit', pinterest: 'Pinterest',
  messenger: 'Messenger', tumblr: 'Tumblr', spotify: 'Spotify', soundcloud: 'SoundCloud', vimeo: 'Vimeo', signal: 'Signal', viber: 'Viber',
  wechat: 'WeChat', clubhouse: 'Clubhouse', patreon: 'Patreon', kick: 'Kick',
  bereal: 'BeReal', lkdn: 'LinkedIn', lnkd: 'LinkedIn', linkdin: 'LinkedIn', ytb: 'YouTube', tiktoks: 'TikTok',
  masto: 'Mastodon', fediverse: 'Mastodon', watsap: 'WhatsApp', wsp: 'WhatsApp', telegramme: 'Telegram', lemon8: 'Lemon8',
  vk: 'VK', onlyfans: 'OnlyFans', kofi: 'Ko-fi', linktree: 'Linktree', fanpage: 'Facebook', behance: 'Behance', dribbble: 'Dribbble',
  butterfly: 'Bluesky', papillon: 'Bluesky', fedi: 'Mastodon', fedivers: 'Mastodon', fediverso: 'Mastodon', pixelfed: 'Pixelfed', lemmy: 'Lemmy', tg: 'Telegram',
  subreddits: 'Reddit',
};

/** Places on a network one can be sent to. */
export const VENUES = [
  'group', 'groupe', '=groupes', '=canal', '=canaux', 'channel', '=chaine', '=chaines', 'server', '=serveur', 'page', 'community', '=communaute', '=compte', 'account',
  'profile', '=profil', 'board', 'story', 'stories', '=live', '=lives', '=subreddit', '=forum', '=commu', '=crew', '=squad', '=gc', '=group_chat',
] as const;

/** The sender speaking of itself. */
export const OURS = ['=our', '=my', '=notre', '=nos', '=mon', '=ma', '=mes'] as const;

/** Words that address the reader. */
export const YOURS = ['=your', '=ur', '=votre', '=vos', '=ton', '=ta', '=tes'] as const;

/** Sentence ends. */
export const ENDS = ['<.>', '<?>', '<!>'] as const;
