// A follower and a card as the desk would see them, overridable piece by piece.
import type { types } from '@slack/bolt';
import type { CardView } from '../../../src/bot/blocks/card';
import type { FollowerProfile } from '../../../src/domain';

export function follower(overrides: Partial<FollowerProfile> = {}): FollowerProfile {
  return {
    xUserId: '1460000000000000001',
    handle: 'ada_bakes',
    name: 'Ada Lovelace',
    bio: 'Baker in Lyon. Sourdough, rye and long fermentation.',
    location: 'Lyon, France',
    url: 'https://ada-bakes.example/shop',
    createdAt: '2019-03-04T10:00:00.000Z',
    followersCount: 1234,
    followingCount: 321,
    postsCount: 4567,
    verified: false,
    protected: false,
    defaultAvatar: false,
    receivesYourDm: true,
    connectionStatus: ['followed_by'],
    ...overrides,
  };
}

export function pendingCard(overrides: Partial<CardView> = {}): CardView {
  return {
    welcomeId: 42,
    status: 'pending',
    profile: follower(),
    lang: 'en',
    flags: [{ id: 'relevant', label: 'Bio mentions sourdough', kind: 'relevant' }],
    recommendation: { channel: 'dm', reason: 'They wrote to you first and their DMs are open.' },
    draft: 'Thank you for following, Ada! Our rye guide may help: https://acme.example/rye',
    findings: [{ ruleId: 'too-long', severity: 'info', message: 'Short and sweet: fine.', start: 0, end: 10 }],
    dm: { allowed: true, reason: null },
    mention: { allowed: true, reason: null },
    engagedFirst: { via: 'dm', at: '2026-05-01T09:00:00.000Z' },
    sendMode: 'api',
    decision: null,
    ...overrides,
  };
}

export function decided(status: CardView['status'], decision: Partial<NonNullable<CardView['decision']>> = {}, overrides: Partial<CardView> = {}): CardView {
  return pendingCard({
    status,
    decision: {
      by: 'U0MARIE01',
      at: '2026-05-02T14:30:00.000Z',
      channel: 'dm',
      text: 'Thank you for following, Ada!',
      link: null,
      error: null,
      ...decision,
    },
    ...overrides,
  });
}

type AnyBlock = types.KnownBlock | types.Block;

/** Every button on the card, wherever it sits. */
export function buttons(blocks: AnyBlock[]): types.Button[] {
  return blocks.flatMap((b) => {
    if (b.type === 'actions') return (b as types.ActionsBlock).elements.filter((e): e is types.Button => e.type === 'button');
    if (b.type === 'section' && (b as types.SectionBlock).accessory?.type === 'button') return [(b as types.SectionBlock).accessory as types.Button];
    return [];
  });
}

/** Every text object on the card, with its type, in order. */
export function texts(blocks: AnyBlock[]): { type: 'plain_text' | 'mrkdwn'; text: string }[] {
  const out: { type: 'plain_text' | 'mrkdwn'; text: string }[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if ((o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string') out.push({ type: o.type, text: o.text });
    Object.values(o).forEach(visit);
  };
  visit(blocks);
  return out;
}

export const mrkdwnTexts = (blocks: AnyBlock[]) => texts(blocks).filter((t) => t.type === 'mrkdwn').map((t) => t.text);
export const plainTexts = (blocks: AnyBlock[]) => texts(blocks).filter((t) => t.type === 'plain_text').map((t) => t.text);

/**
 * The spans Slack would format in mrkdwn: a marker at a word boundary, content, the same marker
 * at a word boundary. A zero-width space is not a boundary, which is what the escaping relies on.
 */
export function formattedSpans(mrkdwn: string): string[] {
  const spans: string[] = [];
  const re = /(?<=^|[\s(])([*_~`])([^\s*_~`](?:[^\n]*?[^\s])?)\1(?=$|[\s.,:;!?)])/gm;
  for (const m of mrkdwn.matchAll(re)) spans.push(m[2] as string);
  return spans;
}

/** Lines starting with a quote marker, which Slack renders as a block quote. */
export function quotedLines(mrkdwn: string): string[] {
  return mrkdwn.split('\n').filter((l) => /^\s*(>|&gt;)/.test(l));
}
