import type { WelcomeContext } from '../db/welcomes';

/** What the desk needs of whoever shows cards (the Slack layer provides it at start-up, in main.ts). */
export interface CardPublisher {
  /**
   * Brings the welcome's card up to date now, or — when it cannot — makes sure it will be later.
   * The welcome is safe in the database either way; only its picture is late.
   */
  refresh(welcomeId: number): Promise<void>;
}

/** Where a sent welcome can be seen on X. */
export function sentLink(ctx: WelcomeContext): string | null {
  const { welcome, account } = ctx;
  if (welcome.xPostId) return `https://x.com/${account.handle}/status/${welcome.xPostId}`;
  if (welcome.xDmConversationId) return `https://x.com/messages/${welcome.xDmConversationId}`;
  return null;
}

/** An error's name and message only: Slack errors can carry request data we do not want in logs. */
export function errorSummary(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
