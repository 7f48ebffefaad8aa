// Eight weeks of a desk's life, played on the demo's database so that `accueil digest --preview`,
// its chart and the per-template statistics have something real to show. Nothing here writes a row
// itself: followers arrive on the fake X, the bot's own poll notices them, teammates decide through
// the desk's functions, sends and reads go through the real X client to the fake X, and the tracking
// pass measures replies and unfollows — all under one simulated clock, moved from event to event
// (the desk's `now`, the fake X's clock and the X spend counter all read it). The bot's HTTP loop
// and its job queue are left out (a queue cannot run on a simulated clock); the functions they call
// are not. Seeded: the same seed gives the same history.
import { WebClient } from '@slack/web-api';
import type PgBoss from 'pg-boss';
import { publishCard } from '../bot/cards';
import { createThreadPublisher } from '../bot/threads';
import { loadConfig, type Config } from '../config';
import { upsertAccount } from '../db/accounts';
import { openDatabase, type Database } from '../db/client';
import { digestFigures, type DigestFigures } from '../db/digest-queries';
import { repeatControlDraws } from '../db/tracking';
import { pendingWelcomesCreatedBefore } from '../db/unfinished';
import { getWelcomeContext, type WelcomeContext } from '../db/welcomes';
import { recordXUsage, seedXPrices } from '../db/x-usage';
import { createAccountClients } from '../desk/accounts';
import { approveWelcome, editDraft, skipWelcome } from '../desk/decide';
import { QUEUES, type Desk } from '../desk/desk';
import { sendWelcome, type SendTracker } from '../desk/send';
import { editCheckedTemplate, seedBuiltInTemplates } from '../desk/templates';
import type { Channel, FollowerProfile } from '../domain';
import { pollAccount } from '../jobs/poll-followers';
import { createLogger, type Logger } from '../logger';
import { envForFakes } from '../sandbox/env';
import { startFakeSlack } from '../sandbox/slack';
import type { FakeX } from '../sandbox/x';
import { expireStaleCards } from '../tracking/expiry';
import { trackAccount } from '../tracking/track';
import { createXClient, getAuthenticatedUser } from '../x/api';
import { xUsagePlugin } from '../x/usage';
import { seededRandom } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A clock the simulation moves; once released it follows the real time again (the live demo after the history). */
export interface DemoClock {
  now(): Date;
  /** Milliseconds since the epoch, as the fake X takes its clock. */
  epochMs(): number;
  set(at: number): void;
  release(): void;
}

export function createDemoClock(): DemoClock {
  let fixed: number | null = null;
  const epochMs = () => fixed ?? Date.now();
  return { epochMs, now: () => new Date(epochMs()), set: (at) => void (fixed = at), release: () => void (fixed = null) };
}

export interface HistoryOptions {
  database: Database;
  /** The fake X, started with `now: clock.epochMs`; it keeps the followers afterwards. */
  x: FakeX;
  /** Points at the fakes; its Slack is where the history's cards are posted (not the live demo's, whose channel stays for the live scenario). */
  config: Config;
  clock: DemoClock;
  logger: Logger;
  /** The history ends here (the live demo starts just after). */
  end: Date;
  weeks?: number;
  seed?: number;
  /** Followers already there when the desk started: the baseline. */
  existingFollowers?: number;
}

export interface HistorySummary {
  from: Date;
  to: Date;
  /** Wall-clock milliseconds the generation took. */
  tookMs: number;
  accountId: number;
  /** Figures over the whole history, by the digest's own queries. */
  figures: DigestFigures;
  arrivals: number;
  sends: { dm: number; mention: number };
  replies: number;
  unfollows: number;
  edits: number;
  /** New template versions a teammate made during the history. */
  templateVersions: number;
}

/** Who a follower is, and what they will do: drawn once, at arrival, from the seed. */
type Kind = 'dm-first' | 'mention-first' | 'topical' | 'notable' | 'quiet' | 'bot';

interface Persona {
  kind: Kind;
  lang: 'fr' | 'en';
  profile: Partial<FollowerProfile>;
  xUserId?: string;
  /** What the teammate who opens the card does. */
  decision: 'dm' | 'mention' | 'skip' | 'leave';
  decideAfterMs: number;
  teammate: string;
  /** Rewrites the draft before sending. */
  edits: boolean;
  /** A number in [0, 1) drawn for each later choice, so adding a choice never reshuffles the others. */
  dice: number[];
}

const TEAMMATES = ['U0MARIE01', 'U0PAUL001', 'U0ANNE001'];
/** The desk channel of the history (the live demo's is another fake Slack's). */
export const HISTORY_CHANNEL = 'C0DESK001';

/** Reply chances by channel, and by template number (the built-in ids end in -1, -2, -3): the experiment has something to find. */
const REPLY_RATE = { dm: 0.42, mention: 0.2 } as const;
const TEMPLATE_LIFT: Record<string, number> = { '1': 1, '2': 1.45, '3': 0.6 };
/** Unfollow chances within about a week: welcomed followers stay a little more often than the others. */
const UNFOLLOW_RATE = { welcomed: 0.05, notWelcomed: 0.11, bot: 0.3 } as const;

const FR_NAMES = ['Léa Martin', 'Hugo Bernard', 'Chloé Petit', 'Louis Durand', 'Manon Leroy', 'Jules Moreau', 'Camille Fournier', 'Inès Girard', 'Arthur Lambert', 'Zoé Bonnet', 'Nathan Rousseau', 'Élise Faure', 'Théo Mercier', 'Margaux Blanc', 'Lucas Garnier', 'Anaïs Chevalier'];
const EN_NAMES = ['Sam Carter', 'Olivia Reed', 'Jack Turner', 'Emily Hughes', 'Noah Bennett', 'Grace Walker', 'Leo Foster', 'Ava Mitchell', 'Harry Cooper', 'Isla Ward', 'Oscar Price', 'Ruby Hayes'];
const FR_TOPICAL = [
  'Céramiste à Lyon. Tournage, émaux et beaucoup de thé.',
  'Passionnée de céramique et de jardins. Je partage mes découvertes.',
  'Artisanat, bois et métal : je fabrique des meubles à la main en Bretagne.',
  'Architecte d’intérieur, amoureuse du design scandinave et des objets bien faits.',
  'Je collectionne la céramique japonaise et les carnets de voyage.',
  'Ébéniste. L’artisanat comme art de vivre, dans un atelier à Nantes.',
];
const EN_TOPICAL = [
  'Product designer. I love handmade things and good design.',
  'Potter and teacher. Wheel-thrown ceramics, slow mornings.',
  'Interior design student in Bristol, collecting mugs and ideas.',
  'Woodworker and furniture maker. Design that lasts.',
];
const FR_QUIET = ['Maman, lectrice, toujours un café à la main.', 'Supporter de l’OL. Randonnées le dimanche.', 'Étudiante en droit à Bordeaux.', 'Cuisine du marché et photos de chats.'];
const EN_QUIET = ['Runner, reader, dog person.', 'Coffee first. Then everything else.', 'Football, films and Sunday roasts.', 'Nurse in Leeds. Views my own.'];
const FR_DM = ['Bonjour ! J’adore vos vases, vous exposez bientôt ?', 'Bonjour, est-ce que vous faites des pièces sur commande ?', 'Merci pour vos posts, ils m’inspirent beaucoup !'];
const EN_DM = ['Hi! Do you ship your pieces to the UK?', 'Hello, I love your latest collection. Any workshop soon?', 'Hi there, just wanted to say your work is lovely.'];
const FR_REPLY = ['Merci beaucoup, c’est adorable !', 'Merci ! Hâte de voir la suite.', 'Avec plaisir, et merci pour le mot !'];
const EN_REPLY = ['Thank you, that is so kind!', 'Thanks! Looking forward to more.', 'Aw, thanks for the welcome!'];
const TEMPLATE_EDIT = 'Welcome, {name}! Lovely to have you with us. [[We saw {topic} in your bio: we talk about it a lot here.]]';
const FR_EDIT = 'Au plaisir d’échanger avec vous.';
const EN_EDIT = 'Happy to chat any time.';

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function drawPersona(rand: () => number, serial: number, at: number): Persona {
  const r = rand();
  const kind: Kind = r < 0.17 ? 'dm-first' : r < 0.25 ? 'mention-first' : r < 0.58 ? 'topical' : r < 0.63 ? 'notable' : r < 0.88 ? 'quiet' : 'bot';
  const lang = rand() < 0.62 ? 'fr' : 'en';
  const name = pick(rand, lang === 'fr' ? FR_NAMES : EN_NAMES);
  const handle = `${name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}_${(serial * 7919 + 1009) % 100_000}`.slice(0, 15);
  const topical = kind === 'topical' || kind === 'dm-first' || kind === 'mention-first';
  const bio = topical ? pick(rand, lang === 'fr' ? FR_TOPICAL : EN_TOPICAL) : pick(rand, lang === 'fr' ? FR_QUIET : EN_QUIET);
  const profile: Partial<FollowerProfile> =
    kind === 'bot'
      ? {
          name: `Promo${serial}`,
          handle: `deals${String(serial).padStart(3, '0')}83749201`.slice(0, 15),
          bio: '',
          defaultAvatar: true,
          followersCount: 3 + (serial % 20),
          followingCount: 4000 + serial * 13,
          createdAt: new Date(at - (2 + (serial % 10)) * DAY).toISOString(),
        }
      : {
          name,
          handle,
          bio,
          location: lang === 'fr' ? pick(rand, ['Lyon', 'Paris', 'Nantes', 'Bordeaux', null]) : pick(rand, ['Bristol', 'London', 'Leeds', null]),
          followersCount: kind === 'notable' ? 12_000 + Math.floor(rand() * 40_000) : 40 + Math.floor(rand() * 2_000),
          followingCount: 80 + Math.floor(rand() * 900),
          createdAt: new Date(at - (200 + Math.floor(rand() * 3_000)) * DAY).toISOString(),
          receivesYourDm: kind === 'dm-first' ? true : rand() < 0.8,
        };
  const d = rand();
  const decision: Persona['decision'] =
    kind === 'dm-first'
      ? d < 0.93 ? 'dm' : 'skip'
      : kind === 'mention-first'
        ? d < 0.9 ? 'mention' : 'skip'
        : kind === 'topical' || kind === 'notable'
          ? d < 0.78 ? 'mention' : 'skip'
          : kind === 'quiet'
            ? d < 0.65 ? 'skip' : 'leave'
            : d < 0.93 ? 'skip' : 'leave';
  // Most cards are decided within the working day; a few wait overnight.
  const decideAfterMs = 10 * MINUTE + rand() * rand() * 30 * HOUR;
  const teammate = TEAMMATES[Math.min(TEAMMATES.length - 1, Math.floor(rand() * rand() * 3.4))]!;
  return { kind, lang, profile, decision, decideAfterMs, teammate, edits: rand() < 0.15, dice: Array.from({ length: 8 }, rand) };
}

/** Timed actions, run in order of time (then of scheduling). */
class Timeline {
  private events: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  add(at: number, run: () => Promise<void>): void {
    const event = { at, seq: this.seq++, run };
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, event);
  }
  next(until: number) {
    return this.events.length > 0 && this.events[0]!.at <= until ? this.events.shift()! : undefined;
  }
}

/**
 * Plays the history into `database` (migrated, and otherwise empty) and returns what it made. The
 * fake X keeps its followers, DMs and posts afterwards, and the clock is left at `end`.
 */
export async function generateHistory(opts: HistoryOptions): Promise<HistorySummary> {
  const started = Date.now();
  const { database, x, config, clock, logger } = opts;
  const weeks = opts.weeks ?? 8;
  const end = opts.end.getTime();
  const from = end - weeks * 7 * DAY;
  const rand = seededRandom(opts.seed ?? 20260302);
  const db = database.db;
  clock.set(from - HOUR);

  x.addFollowers(opts.existingFollowers ?? 1_200);
  const me = await getAuthenticatedUser(createXClient(config.x));
  const account = await upsertAccount(db, { xUserId: me.id, handle: me.handle, name: me.name }, config.account, config.slack.channelId);
  await seedXPrices(db);
  await seedBuiltInTemplates(db);
  await repeatControlDraws(db, ((opts.seed ?? 20260302) % 1000) / 1000);

  const timeline = new Timeline();
  const personas = new Map<string, Persona>();
  /** Cards with a teammate's decision to come, and cards decided once (a reopened card is answered). */
  const planned = new Set<number>();
  const decided = new Set<number>();
  const counts = { arrivals: 0, dm: 0, mention: 0, replies: 0, unfollows: 0, edits: 0, templateVersions: 0 };

  // The job queue the desk's functions hand work to, run on the simulated clock instead of pg-boss's.
  const queue = {
    send: async (name: string, data: { welcomeId?: number }, options: { startAfter?: Date | number } = {}) => {
      const welcomeId = data.welcomeId;
      if (welcomeId === undefined) return null;
      const after = options.startAfter instanceof Date ? options.startAfter.getTime() : clock.epochMs() + (options.startAfter ?? 0) * 1000;
      const at = Math.max(clock.epochMs(), after) + 20_000;
      if (name === QUEUES.send) timeline.add(at, () => send(welcomeId));
      return null;
    },
  };
  const boss = queue as unknown as PgBoss;
  const slackClient = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl });
  const cardDeps = { db, boss, slack: slackClient, logger, now: clock.now, lang: config.deskLang };
  const carded = new Set<number>();
  const xClients = createAccountClients(config, db, (row) => [xUsagePlugin({ record: (entry) => recordXUsage(db, entry), xUserId: row.xUserId, now: clock.now, logger })]);
  const desk: Desk = {
    db,
    boss,
    slack: slackClient,
    xClient: xClients,
    logger,
    now: clock.now,
    random: (n) => Math.floor(rand() * n),
    // What followers write back lands in their card's thread, as in the bot.
    threads: createThreadPublisher(cardDeps),
    cards: {
      // Each new card is posted (to the history's own fake Slack) and a teammate will decide on it.
      // Later redraws of a card nobody will look at again are left out: they change nothing in the
      // database's history. A card reopened because its follower wrote is posted anew after the tracking pass.
      refresh: async (welcomeId) => {
        if (carded.has(welcomeId)) return;
        carded.add(welcomeId);
        await publishCard(cardDeps, welcomeId);
        const ctx = await getWelcomeContext(db, welcomeId);
        if (ctx?.welcome.status === 'pending') plan(ctx);
      },
    },
  };
  const tracker: SendTracker = { instanceId: 'demo-history', inFlight: new Set() };

  function plan(ctx: WelcomeContext): void {
    const persona = personas.get(ctx.follower.xUserId);
    if (!persona) return;
    if (planned.has(ctx.welcome.id)) return;
    // A card that comes back because its follower wrote, or one left unopened until they did: the team answers in public.
    const answers = decided.has(ctx.welcome.id) || (persona.decision === 'leave' && ctx.follower.engagedFirstAt !== null);
    const decision = answers ? 'mention' : persona.decision;
    if (decision === 'leave') return; // nobody opens it: it expires
    planned.add(ctx.welcome.id);
    timeline.add(clock.epochMs() + persona.decideAfterMs, () => decide(ctx.welcome.id, persona, decision));
  }

  async function decide(welcomeId: number, persona: Persona, decision: Persona['decision']): Promise<void> {
    planned.delete(welcomeId);
    decided.add(welcomeId);
    const userId = persona.teammate;
    if (decision === 'dm' || decision === 'mention') {
      const channel: Channel = decision;
      if (persona.edits) {
        const ctx = await getWelcomeContext(db, welcomeId);
        const draft = ctx?.welcome.drafts[channel];
        if (draft) {
          const edited = await editDraft(desk, { welcomeId, channel, userId, text: withPersonalLine(draft, persona.lang === 'fr' ? FR_EDIT : EN_EDIT) });
          if (edited.ok) counts.edits++;
        }
      }
      const outcome = await approveWelcome(desk, { welcomeId, channel, userId });
      if (outcome.ok) return;
    }
    await skipWelcome(desk, { welcomeId, userId });
  }

  async function send(welcomeId: number): Promise<void> {
    await sendWelcome(desk, welcomeId, tracker);
    const ctx = await getWelcomeContext(db, welcomeId);
    if (ctx?.welcome.status !== 'sent') return;
    const persona = personas.get(ctx.follower.xUserId);
    if (!persona) return;
    const channel = ctx.welcome.channel === 'dm' ? 'dm' : 'mention';
    counts[channel]++;
    const lift = TEMPLATE_LIFT[ctx.welcome.templateId?.split('-').at(-1) ?? ''] ?? 1;
    if (persona.dice[0]! < REPLY_RATE[channel] * lift) {
      const at = clock.epochMs() + 20 * MINUTE + persona.dice[1]! * persona.dice[1]! * 3 * DAY;
      const text = pick(seededRandom(welcomeId), persona.lang === 'fr' ? FR_REPLY : EN_REPLY);
      const postId = ctx.welcome.xPostId;
      timeline.add(at, async () => {
        counts.replies++;
        if (channel === 'dm' || !postId) x.writeDm(ctx.follower.xUserId, text);
        else x.reply(ctx.follower.xUserId, postId, text);
      });
    }
  }

  // Arrivals: a few a day, more on weekdays, slowly growing as the account does.
  for (let day = 0; day < weeks * 7; day++) {
    const dayStart = from + day * DAY;
    if (dayStart > end - 2 * DAY) break;
    const weekday = new Date(dayStart).getUTCDay();
    const expected = (weekday === 0 || weekday === 6 ? 2 : 3.5) * (1 + (0.8 * day) / (weeks * 7));
    const n = Math.max(0, Math.round(expected + (rand() - 0.5) * 3));
    for (let k = 0; k < n; k++) {
      const at = dayStart + (7 + rand() * 15) * HOUR;
      const persona = drawPersona(rand, ++counts.arrivals, at);
      timeline.add(at, async () => arrive(persona));
    }
  }

  async function arrive(persona: Persona): Promise<void> {
    const follower = x.addFollower(persona.profile);
    persona.xUserId = follower.xUserId;
    personas.set(follower.xUserId, persona);
    const now = clock.epochMs();
    const [d2, d3, d4, d5] = persona.dice.slice(2);
    if (persona.kind === 'dm-first') timeline.add(now + 2 * MINUTE + d2! * 40 * MINUTE, async () => void x.writeDm(follower.xUserId, pick(seededRandom(now), persona.lang === 'fr' ? FR_DM : EN_DM)));
    if (persona.kind === 'mention-first') timeline.add(now + 5 * MINUTE + d2! * 30 * MINUTE, async () => void x.mention(follower.xUserId, persona.lang === 'fr' ? 'Très belle découverte, merci pour ce compte !' : 'Lovely account, so glad I found you!'));
    // Someone nobody welcomed sometimes writes anyway: the control group's replies.
    if ((persona.decision === 'skip' || persona.decision === 'leave') && persona.kind !== 'bot' && d5! < 0.06) {
      timeline.add(now + (2 + d3! * 10) * DAY, async () => void x.mention(follower.xUserId, persona.lang === 'fr' ? 'Je découvre vos pièces, superbe travail.' : 'Just discovered your pieces, beautiful work.'));
    }
    const welcomed = persona.decision === 'dm' || persona.decision === 'mention';
    const unfollowRate = persona.kind === 'bot' ? UNFOLLOW_RATE.bot : welcomed ? UNFOLLOW_RATE.welcomed : UNFOLLOW_RATE.notWelcomed;
    if (d4! < unfollowRate) {
      const at = now + persona.decideAfterMs + (0.5 + d3! * 6) * DAY;
      timeline.add(at, async () => {
        counts.unfollows++;
        x.removeFollower(follower.xUserId);
      });
    } else if (d4! < unfollowRate + 0.03) {
      timeline.add(now + (9 + d3! * 20) * DAY, async () => void x.removeFollower(follower.xUserId));
    }
  }

  // The bot's own rhythm: polls, tracking passes and card expiry (less often than the bot runs them, same work).
  const every = (startAt: number, periodMs: number, run: () => Promise<unknown>) => {
    const tick = async (at: number) => {
      await run();
      if (at + periodMs <= end) timeline.add(at + periodMs, () => tick(at + periodMs));
    };
    timeline.add(startAt, () => tick(startAt));
  };
  every(from, 6 * HOUR, () => pollAccount(desk, account.id, config.baseline));
  every(from + 30 * MINUTE, 12 * HOUR, async () => {
    const tracked = await trackAccount(desk, account.id);
    // A follower who wrote first updates their card, or reopens it when it was skipped for want of an exchange: the team answers.
    if (tracked.replies.engagedFirst === 0) return;
    for (const { id } of await pendingWelcomesCreatedBefore(db, clock.now())) {
      const ctx = await getWelcomeContext(db, id);
      if (ctx?.welcome.slackTs === null) await publishCard(cardDeps, id);
      if (ctx) plan(ctx);
    }
  });
  every(from + 45 * MINUTE, DAY, () => expireStaleCards(desk, { days: config.cardExpiryDays }));

  // Half-way through, a teammate rewrites one template in the editor: a second version, whose statistics start at zero.
  timeline.add(from + Math.floor(weeks / 2) * 7 * DAY + 10 * HOUR, async () => {
    const edited = await editCheckedTemplate(db, account, 'en-mention-2', TEMPLATE_EDIT, { by: TEAMMATES[0]!, source: 'slack' });
    if (edited.ok) counts.templateVersions++;
    else logger.warn({ problems: edited.problems }, 'demo history: the template edit was refused');
  });

  for (let event = timeline.next(end); event; event = timeline.next(end)) {
    clock.set(event.at);
    await event.run();
  }
  // The team catches up before the demo starts: no card left waiting, nothing left to send.
  clock.set(end);
  for (const { id } of await pendingWelcomesCreatedBefore(db, new Date(end + 1))) {
    const ctx = await getWelcomeContext(db, id);
    const persona = ctx && personas.get(ctx.follower.xUserId);
    if (persona) await decide(id, persona, persona.decision === 'leave' ? 'skip' : persona.decision);
  }
  for (let event = timeline.next(end + 10 * MINUTE); event; event = timeline.next(end + 10 * MINUTE)) {
    clock.set(Math.max(end, event.at));
    await event.run();
  }
  const figures = await digestFigures(db, account, { from: new Date(from), to: new Date(clock.epochMs() + 1) });
  return {
    from: new Date(from),
    to: new Date(end),
    tookMs: Date.now() - started,
    accountId: account.id,
    figures,
    arrivals: counts.arrivals,
    sends: { dm: counts.dm, mention: counts.mention },
    replies: counts.replies,
    unfollows: counts.unfollows,
    edits: counts.edits,
    templateVersions: counts.templateVersions,
  };
}

/** A teammate's touch: one personal line before the sign-off (the draft's last line). */
function withPersonalLine(draft: string, line: string): string {
  const lines = draft.split('\n');
  if (lines.length < 2) return `${draft} ${line}`;
  return [...lines.slice(0, -1), line, lines.at(-1)!].join('\n');
}

/**
 * The history, played into the embedded database in `dataDir` (created and migrated here, closed
 * at the end so the live demo can open it), with its own fake Slack for the history's cards.
 */
export async function playHistoryInto(dataDir: string, opts: { x: FakeX; clock: DemoClock; end: Date; seed?: number }): Promise<HistorySummary> {
  const slack = await startFakeSlack({ strictTriggers: false });
  const config = loadConfig(envForFakes({ x: opts.x, slack }, { signingSecret: 'demo-history', channelId: HISTORY_CHANNEL }, { DATA_DIR: dataDir }));
  // One connection: the seeded control draws (repeatControlDraws) hold for the session they were set in.
  const database = await openDatabase({ dataDir, poolSize: 1 });
  try {
    await database.migrate();
    return await generateHistory({ database, x: opts.x, config, clock: opts.clock, logger: createLogger('silent'), end: opts.end, seed: opts.seed });
  } finally {
    await database.close();
    await slack.close();
  }
}
