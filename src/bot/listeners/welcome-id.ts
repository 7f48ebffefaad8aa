import { z } from 'zod';

/** Every card button carries its welcome id as its value; anything else is not ours. */
export const WelcomeAction = z.object({
  actions: z.array(z.object({ value: z.string().regex(/^\d{1,10}$/) })).min(1),
  user: z.object({ id: z.string().min(1) }),
});

export function welcomeActionOf(body: unknown): { welcomeId: number; userId: string } | null {
  const parsed = WelcomeAction.safeParse(body);
  if (!parsed.success) return null;
  return { welcomeId: Number(parsed.data.actions[0]!.value), userId: parsed.data.user.id };
}
