// X's answers read through schemas that take either version's shape (see ./dialect.ts): a post's
// references are `referenced_tweets` (2.166) or `referenced_posts` (2.167), a DM's sender comes as
// a field (2.166) or with the sender_id expansion (2.167).
import { z } from 'zod';
import { XApiError, type XOperation } from './errors';

const references = z.array(z.looseObject({ type: z.string(), id: z.string() }));

const post = z
  .looseObject({
    id: z.string(),
    text: z.string().optional(),
    author_id: z.string().optional(),
    created_at: z.string().optional(),
    conversation_id: z.string().optional(),
    referenced_tweets: references.optional(),
    referenced_posts: references.optional(),
  })
  .transform(({ referenced_tweets, referenced_posts, ...rest }) => ({ ...rest, referenced: referenced_posts ?? referenced_tweets ?? [] }));

const dmEvent = z.looseObject({
  id: z.string(),
  event_type: z.string().optional(),
  text: z.string().optional(),
  sender_id: z.string().optional(),
  created_at: z.string().optional(),
  dm_conversation_id: z.string().optional(),
});

const meta = z.looseObject({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional();

export const postsAnswer = z.looseObject({ data: z.array(post).optional(), meta });
export const dmEventsAnswer = z.looseObject({ data: z.array(dmEvent).optional(), meta });

export type PostRead = z.infer<typeof post>;
export type DmEventRead = z.infer<typeof dmEvent>;

/** An answer in neither version's shape: X changed again, and the bot must not guess. */
export function readAnswer<T>(schema: z.ZodType<T>, answer: unknown, operation: XOperation): T {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0];
  throw new XApiError({
    kind: 'invalid',
    operation,
    status: 200,
    detail: `X answered in a shape the bot does not know (${where ? `${where.path.join('.') || 'body'}: ${where.message}` : 'unreadable'})`,
  });
}
