import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/bot/listeners/commands';
import { EVENTS } from '../../src/bot/listeners/events';
import { SHORTCUTS } from '../../src/bot/listeners/shortcuts';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));

/** Slack's own manifest schema (trimmed by scripts/trim-slack-manifest-schema.ts), compiled by ajv. */
function slackManifestValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync('specs/slack-manifest.schema.trimmed.json', 'utf8')));
}

/** The Web API methods the code calls, e.g. "chat.postMessage". */
function calledMethods(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // src/model is the language model's client (`client.chat.completions`), not Slack's.
      if (entry.isDirectory()) {
        if (path !== join('src', 'model')) walk(path);
      }
      else if (path.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\b(?:slack|client)\.(chat|views|conversations|usergroups|files|users|auth|bots)\.([a-zA-Z0-9]+(?:\.[a-zA-Z0-9]+)?)\(/g)) {
          found.add(`${match[1]}.${match[2]}`);
        }
      }
    }
  };
  walk('src');
  return found;
}

// What each method needs; the manifest must ask for exactly the union.
const SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
  'files.uploadV2': ['files:write'],
  'conversations.members': ['channels:read', 'groups:read'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'bots.info': ['users:read'],
};

describe('manifest.json', () => {
  it('is a valid Slack app manifest by Slack’s published schema', () => {
    const validate = slackManifestValidator();
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('would be refused by that schema with an unknown setting or a malformed command (the check can fail)', () => {
    const validate = slackManifestValidator();
    expect(validate({ ...manifest, settings: { ...manifest.settings, socket_mode: true } })).toBe(false);
    const badCommand = { ...manifest.features.slash_commands[0], command: 'audit-dm without a slash or limit '.repeat(3) };
    expect(validate({ ...manifest, features: { ...manifest.features, slash_commands: [badCommand] } })).toBe(false);
  });

  it('declares exactly the slash commands the bot answers', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual(Object.values(COMMANDS).sort());
  });

  it('declares exactly the message shortcuts the bot answers', () => {
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id).sort()).toEqual(Object.values(SHORTCUTS).sort());
  });

  it('subscribes to exactly the events the bot listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(Object.values(EVENTS).sort());
  });

  it('asks for exactly the scopes the Web API calls in the code need', () => {
    const methods = calledMethods();
    const unknown = [...methods].filter((method) => !(method in SCOPES));
    expect(unknown).toEqual([]);
    const needed = new Set([...methods].flatMap((method) => SCOPES[method]!));
    needed.add('commands');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('has interactivity on for the buttons, modals and shortcuts', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
});
