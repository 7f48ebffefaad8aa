// A desk whose drafts come from a language model: the real bot, the fake X and Slack, and the
// loopback stand-in of an OpenAI-compatible endpoint (src/sandbox/model.ts).
import { SETTINGS_INPUTS, AI_REPLIES_APPROVED } from '../../src/bot/blocks/home';
import { createLogger } from '../../src/logger';
import { startFakeModel, type FakeModel, type FakeModelOptions, type ModelRequest, type ModelScript } from '../../src/sandbox/model';
import { DEFAULTS } from '../../src/sandbox/slack-request';
import { saveSettingsFromHome, startTestDesk, type TestDesk, type TestDeskOptions } from '../helpers/desk';

export interface ModelDesk {
  desk: TestDesk;
  model: FakeModel;
  /** Every log line the bot wrote, at trace level. */
  logs: string[];
  stop(): Promise<void>;
}

export async function startModelDesk(opts: { env?: Record<string, string>; model?: FakeModelOptions; desk?: TestDeskOptions } = {}): Promise<ModelDesk> {
  const model = await startFakeModel(opts.model);
  const logs: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void logs.push(line) });
  const desk = await startTestDesk({
    ...opts.desk,
    logger,
    env: { DRAFT_MODEL_URL: model.url, DRAFT_MODEL: model.model, ...(opts.model?.apiKey ? { DRAFT_MODEL_API_KEY: opts.model.apiKey } : {}), ...opts.env },
  });
  return {
    desk,
    model,
    logs,
    stop: async () => {
      await desk.stop();
      await model.close();
    },
  };
}

/** The whole conversation a request carried, as one text. */
export const sentText = (request: ModelRequest) => request.messages.map((message) => message.content).join('\n');

/** Which channel a drafting request is for; null for a second-opinion request. */
export function draftChannel(request: ModelRequest): 'dm' | 'mention' | null {
  const first = request.messages.find((message) => message.role === 'user')!.content;
  if (first.includes('Write the direct message')) return 'dm';
  if (first.includes('Write the public reply')) return 'mention';
  return null;
}

/** A good welcome for each channel, as a model would write it for Paula. */
export const GOOD = {
  dm: 'Thank you for following us, Paula. Slow ceramics and wood kilns in Lyon: what a lovely craft, glad you are here.\nThe Lumen team',
  mention: 'Thanks for following, Paula! Slow ceramics from Lyon, wood kilns and all: a lovely craft to have around here.',
};

/** The stand-in answers a good draft for each channel, and `opinion` to a second-opinion request. */
export function goodDrafts(opinion: ModelScript = { kind: 'text', text: 'OK' }): (request: ModelRequest) => ModelScript {
  return (request) => {
    const channel = draftChannel(request);
    return channel ? { kind: 'text', text: GOOD[channel] } : opinion;
  };
}

export const PAULA = {
  name: 'Paula Rossi',
  handle: 'paula_ceramics',
  bio: 'Ceramic designer in Lyon. Slow craft, wood kilns and long walks with my dog.',
  location: 'Lyon, France',
  url: 'https://www.paula-ceramics.fr/shop',
};

/** The App Home settings saved with the "approved by X" box ticked or not. */
export function saveAiRepliesSetting(desk: TestDesk, approved: boolean) {
  const box = { type: 'checkboxes', selected_options: approved ? [{ value: AI_REPLIES_APPROVED, text: { type: 'plain_text', text: 'approved' } }] : [] };
  return saveSettingsFromHome(desk, DEFAULTS.userId, { extra: { [SETTINGS_INPUTS.aiReplies.blockId]: { [SETTINGS_INPUTS.aiReplies.actionId]: box } } });
}
