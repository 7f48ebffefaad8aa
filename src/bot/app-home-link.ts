// The link that opens the app's Home tab in the Slack client, for the weekly digest's line
// pointing to the templates and their experiment. Slack's deep-linking reference gives
// `slack://app?team={TEAM_ID}&id={APP_ID}&tab=home`: the team id comes from auth.test, the app id
// from bots.info on the bot id auth.test names (auth.test does not always carry it).
import type { WebClient } from '@slack/web-api';

const links = new WeakMap<WebClient, Promise<string | null>>();

/** slack://app?team=…&id=…&tab=home; the team id and app id are looked up once per client. */
export function homeTabLink(team: string, app: string): string {
  return `slack://app?${new URLSearchParams({ team, id: app, tab: 'home' }).toString()}`;
}

/** The Home tab's link for this bot, or null when Slack would not say (the digest then goes without it). */
export function appHomeLink(slack: WebClient): Promise<string | null> {
  let link = links.get(slack);
  if (!link) {
    link = lookUp(slack);
    links.set(slack, link);
    // A failure is not remembered: the next digest asks again.
    void link.then((found) => {
      if (found === null) links.delete(slack);
    });
  }
  return link;
}

async function lookUp(slack: WebClient): Promise<string | null> {
  try {
    const me = await slack.auth.test();
    const team = me.team_id;
    let app = typeof me.app_id === 'string' ? me.app_id : undefined;
    if (!app && me.bot_id) app = (await slack.bots.info({ bot: me.bot_id })).bot?.app_id;
    return team && app ? homeTabLink(team, app) : null;
  } catch {
    return null;
  }
}
