// The optional language model, as an edge like x and db: an OpenAI-compatible chat-completions
// endpoint (a hosted service, Ollama, vLLM, llama.cpp) reached with the maintained `openai` client.
// It knows nothing of welcomes: the desk writes the prompts and judges the answers.
import OpenAI from 'openai';
import { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What one call came to. A failure never throws: the caller falls back to what it had. */
export type ModelAnswer =
  | { kind: 'text'; text: string }
  /** The model declined (a refusal field, a content filter, or the agreed NONE). */
  | { kind: 'refusal'; detail: string }
  | { kind: 'failed'; why: 'timeout' | 'error'; detail: string };

export interface LanguageModel {
  /** The model's name, as the endpoint serves it (DRAFT_MODEL): what cards and statistics show. */
  readonly name: string;
  chat(messages: ChatMessage[], opts: { timeoutMs: number; maxTokens?: number; temperature?: number }): Promise<ModelAnswer>;
}

export interface LanguageModelSettings {
  /** The OpenAI-compatible base URL, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  url: string;
  model: string;
  /** Sent as a bearer token when set; otherwise no Authorization header at all (local servers). */
  apiKey?: string | undefined;
}

// What the desk reads of an answer, checked: an OpenAI-compatible server is someone else's code.
const completion = z.object({
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).passthrough(),
      }),
    )
    .min(1),
});

/** The answer a prompt may agree on to say "I will not write this". */
export const NO_ANSWER = 'NONE';

export function createLanguageModel(settings: LanguageModelSettings): LanguageModel {
  const client = new OpenAI({
    baseURL: settings.url,
    // The client insists on a key; without one, the Authorization header is left out entirely.
    apiKey: settings.apiKey ?? 'no-key',
    ...(settings.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    organization: null,
    project: null,
    // The caller has its own deadline and its own fallback: no silent retries, no console output.
    maxRetries: 0,
    logLevel: 'off',
  });
  const secret = settings.apiKey;
  // An error's message, never with the key in it (a proxy could echo a header back).
  const clean = (text: string) => (secret ? text.split(secret).join('[redacted]') : text).slice(0, 300);

  return {
    name: settings.model,
    async chat(messages, opts) {
      let raw: unknown;
      try {
        raw = await client.chat.completions.create(
          { model: settings.model, messages, max_tokens: opts.maxTokens ?? 300, temperature: opts.temperature ?? 0.7 },
          { timeout: opts.timeoutMs, signal: AbortSignal.timeout(opts.timeoutMs) },
        );
      } catch (error) {
        if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) return { kind: 'failed', why: 'timeout', detail: `no answer within ${opts.timeoutMs} ms` };
        if (error instanceof OpenAI.APIError) return { kind: 'failed', why: 'error', detail: clean(`HTTP ${error.status ?? '?'}: ${error.message}`) };
        return { kind: 'failed', why: 'error', detail: clean(error instanceof Error ? `${error.name}: ${error.message}` : String(error)) };
      }
      const parsed = completion.safeParse(raw);
      if (!parsed.success) return { kind: 'failed', why: 'error', detail: 'the endpoint answered outside the chat-completions schema' };
      const [choice] = parsed.data.choices;
      const refusal = choice!.message.refusal;
      if (refusal) return { kind: 'refusal', detail: clean(refusal) };
      if (choice!.finish_reason === 'content_filter') return { kind: 'refusal', detail: 'content filter' };
      const text = (choice!.message.content ?? '').trim();
      if (text === '' || text.replace(/[.\s]/g, '').toUpperCase() === NO_ANSWER) return { kind: 'refusal', detail: text === '' ? 'empty answer' : 'declined' };
      return { kind: 'text', text };
    },
  };
}
