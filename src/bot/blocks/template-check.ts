// The editor's check (issue 13): the body parsed, then filled for a few sample followers by the
// same draft code the cards use, each text audited. Pure — no database, no Slack — so a
// submission is answered right after it; what it needs of the account rides in the modal.
import type { Channel, FollowerProfile, Lang } from '../../domain';
import { TEMPLATE_KEY, type VoiceAddress } from '../../domain/templates';
import { t as words } from '../../i18n';
import { auditMessage } from '../../rules/audit';
import { draftWelcome } from '../../rules/draft';
import { parseTemplateBody } from '../../rules/render-template';
import type { AuditReport } from '../../rules/types';

/** What the check needs of the account: read when the editor opens, carried in private_metadata. */
export interface EditorContext {
  /** The account's handle: the `{account}` slot, and the modal's heading. */
  account: string;
  ownDomains: string[];
  voice: { address: VoiceAddress; signOff: string | null };
  /** The account's template keys (retired ones included): a new id must be none of them. */
  takenKeys: string[];
  /** Edit: the key's language and channel, which an edit keeps. */
  lang?: Lang;
  channel?: Channel;
}

export interface SampleFollower {
  label: string;
  profile: FollowerProfile;
  topic: string | null;
}

export type EditorPreview =
  | { sample: SampleFollower; text: string; dropped: number; report: AuditReport }
  | { sample: SampleFollower; error: string };

export interface TemplateDraftCheck {
  previews: EditorPreview[];
  /** block_id → why, as Slack shows it under the field (response_action: errors). Empty: it may be saved. */
  fieldErrors: Record<string, string>;
}

/** The fields the check reads (those of the editor). */
export interface DraftFields {
  key: string;
  lang: Lang | null;
  channel: Channel | null;
  body: string;
}

/** block_ids of the editor's fields (kept here so the check and the modal agree). */
export const EDITOR_BLOCKS = { key: 'template_key', lang: 'template_lang', channel: 'template_channel', body: 'template_body' } as const;

const profile = (handle: string, name: string, bio: string): FollowerProfile => ({
  xUserId: '0',
  handle,
  name,
  bio,
  location: null,
  url: null,
  createdAt: null,
  followersCount: 120,
  followingCount: 180,
  postsCount: 300,
  verified: false,
  protected: false,
  defaultAvatar: false,
  receivesYourDm: true,
  connectionStatus: ['followed_by'],
});

/** The sample followers of each language: with a topic in the bio, without one, and a long name. */
export function sampleFollowers(lang: Lang, uiLang: Lang): SampleFollower[] {
  const s = words(uiLang).templateDesk.sample;
  if (lang === 'fr') {
    return [
      { label: s.topic('Camille Martin', 'design'), profile: profile('camille_m', 'Camille Martin', 'Designer à Lyon.'), topic: 'design' },
      { label: s.noTopic('Lucas'), profile: profile('lucas_b', 'Lucas', 'Jardins et vélo.'), topic: null },
      {
        label: s.longName('Marie-Charlotte de La Tour d’Auvergne-Lauraguais'),
        profile: profile('mc_latour', 'Marie-Charlotte de La Tour d’Auvergne-Lauraguais', 'Céramiste, émailleuse, amoureuse des fours à bois et des longues cuissons.'),
        topic: 'céramique',
      },
    ];
  }
  return [
    { label: s.topic('Sam Taylor', 'design'), profile: profile('samtaylor', 'Sam Taylor', 'Designer in Leeds.'), topic: 'design' },
    { label: s.noTopic('Alex'), profile: profile('alex_r', 'Alex', 'Gardens and bikes.'), topic: null },
    {
      label: s.longName('Christopher-Alexander Montgomery-Wellington'),
      profile: profile('cam_wellington', 'Christopher-Alexander Montgomery-Wellington', 'Potter, glaze chemist, wood-fired kilns and very long firings.'),
      topic: 'ceramics',
    },
  ];
}

/** The check of a template draft: problems per field, and the previews with their audits. */
export function checkTemplateDraft(fields: DraftFields, ctx: EditorContext, uiLang: Lang): TemplateDraftCheck {
  const t = words(uiLang).templateDesk;
  const fieldErrors: Record<string, string> = {};
  const add = (block: string, text: string) => {
    if (!fieldErrors[block]) fieldErrors[block] = text.slice(0, 1900);
  };
  if (!ctx.lang) {
    // A new key (create, duplicate; an edit keeps its key, language and channel): well formed and not taken.
    if (!TEMPLATE_KEY.test(fields.key)) add(EDITOR_BLOCKS.key, t.problem['bad-key']);
    else if (ctx.takenKeys.includes(fields.key)) add(EDITOR_BLOCKS.key, t.problem['key-taken']);
  }
  if (!fields.lang) add(EDITOR_BLOCKS.lang, t.problem['bad-value']);
  if (!fields.channel) add(EDITOR_BLOCKS.channel, t.problem['bad-value']);

  const parsed = parseTemplateBody(fields.body);
  if (!parsed.ok) {
    const messages = parsed.problems.map((p) =>
      p.code === 'unknown-slot' ? t.problem['unknown-slot'](p.slot) : p.code === 'slot-not-optional' ? t.problem['slot-not-optional'](p.slot) : t.problem[p.code],
    );
    add(EDITOR_BLOCKS.body, messages.join(' '));
    return { previews: [], fieldErrors };
  }
  if (!fields.lang || !fields.channel) return { previews: [], fieldErrors };
  const { lang, channel } = fields;

  const previews: EditorPreview[] = [];
  for (const sample of sampleFollowers(lang, uiLang)) {
    const draft = draftWelcome({
      profile: sample.profile,
      lang,
      channel,
      topic: sample.topic,
      ownDomains: ctx.ownDomains,
      accountName: ctx.account,
      signOff: ctx.voice.signOff,
      address: ctx.voice.address,
      templates: [{ key: fields.key || 'draft', version: 0, body: fields.body }],
    });
    if (draft.text === '') {
      const error = `${t.notFilled} ${sample.label}`;
      previews.push({ sample, error });
      add(EDITOR_BLOCKS.body, error);
      continue;
    }
    const report = auditMessage({ text: draft.text, kind: channel, lang, ownDomains: ctx.ownDomains, follower: { handle: sample.profile.handle, name: sample.profile.name } });
    previews.push({ sample, text: draft.text, dropped: 0, report });
    const first = report.findings.find((f) => f.severity === 'error');
    if (first) {
      const message =
        first.ruleId === 'link-off-domain' && channel === 'dm' ? t.problem.offDomain(sample.label, first.message) : t.problem.finding(sample.label, first.ruleId, first.message);
      add(EDITOR_BLOCKS.body, message);
    }
  }
  return { previews, fieldErrors };
}
