// What a teammate wrote, back from Slack's wire format to the text they would paste into X.
// Slash command text and message text arrive with `& < >` as entities and with Slack's
// <…> tokens for links, people and channels; the audit must see what the follower would see.

/** Slack's formatted text as a reader sees it: links as typed, @people, #channels, entities decoded. */
export function slackTextToPlain(text: string): string {
  return (
    text
      // <https://maison-lumen.fr|maison-lumen.fr>: what was typed is the label; a bare <url> is the url.
      .replace(/<((?:https?|mailto|tel):[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => (label === '' ? url : label))
      .replace(/<((?:https?|mailto|tel):[^>]+)>/g, '$1')
      .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/g, '@$2')
      .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
      .replace(/<#C[A-Z0-9]+\|([^>]*)>/g, '#$1')
      .replace(/<#(C[A-Z0-9]+)>/g, '#$1')
      .replace(/<!subteam\^[A-Z0-9]+\|([^>]+)>/g, '$1')
      .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
      .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  );
}
