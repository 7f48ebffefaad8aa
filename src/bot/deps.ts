import type { Lang } from '../domain';
import type { Desk } from '../desk/desk';

/**
 * The desk as the Slack layer is handed it: its parts, and the language of the desk's own words on
 * cards and in private replies. The language is the Slack layer's alone: the desk decides in codes.
 */
export interface BotDesk extends Desk {
  lang: Lang;
}
