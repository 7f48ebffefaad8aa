// A stand-in of an OpenAI-compatible chat-completions endpoint (what Ollama, vLLM, llama.cpp and
// hosted services serve), over HTTP on loopback, for the tests and the demo. It checks what it
// receives the way such a server would — the route, the JSON body against the chat-completions
// request schema, the model name, the roles, the bearer token when a key is set (and its absence
// when none is) — and answers what the test scripted: a text, a delay, an HTTP error, a refusal.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const request = z.object({
  model: z.string().min(1),
  messages: z
    .array(z.object({ role: z.enum(['system', 'developer', 'user', 'assistant']), content: z.string().min(1) }).strict())
    .min(1),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.literal(false).optional(),
});

export type ModelRequest = z.output<typeof request>;

/** What the stand-in answers one request with. */
export type ModelScript =
  | { kind: 'text'; text: string }
  /** The OpenAI schema's own refusal field (a safety refusal). */
  | { kind: 'refusal'; text: string }
  | { kind: 'status'; status: number; message?: string }
  /** Waits this long, then answers `then` (a good draft by default): past the client's timeout, nobody is listening. */
  | { kind: 'delay'; ms: number; then?: ModelScript };

export interface FakeModelOptions {
  /** The model name requests must carry. */
  model?: string;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`; when unset, none may carry one. */
  apiKey?: string;
}

export interface FakeModel {
  /** The base URL to give as DRAFT_MODEL_URL (ends in /v1, as hosted services and Ollama do). */
  url: string;
  model: string;
  /** Every well-formed request received, in order. */
  requests: ModelRequest[];
  /** What was wrong with a request (a schema mismatch, a wrong model, a wrong or missing key); empty when all were right. */
  problems: string[];
  /** How the next requests are answered; the default writes a short good welcome. */
  answer(script: (request: ModelRequest) => ModelScript): void;
  close(): Promise<void>;
}

const DEFAULT_ANSWER: ModelScript = { kind: 'text', text: 'Thank you for following us, it is a pleasure to have you here.' };

export async function startFakeModel(options: FakeModelOptions = {}): Promise<FakeModel> {
  const model = options.model ?? 'house-model-1';
  const requests: ModelRequest[] = [];
  const problems: string[] = [];
  let script: (request: ModelRequest) => ModelScript = () => DEFAULT_ANSWER;
  let counter = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, message: string, type = 'invalid_request_error') => send(res, status, { error: { message, type, param: null, code: null } });

  const reply = async (res: ServerResponse, body: ModelRequest, answer: ModelScript): Promise<void> => {
    switch (answer.kind) {
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, answer.ms));
        return reply(res, body, answer.then ?? DEFAULT_ANSWER);
      case 'status':
        return error(res, answer.status, answer.message ?? 'The server had an error while processing your request.', 'server_error');
      case 'text':
      case 'refusal': {
        counter++;
        const message = answer.kind === 'text' ? { role: 'assistant', content: answer.text, refusal: null } : { role: 'assistant', content: null, refusal: answer.text };
        return send(res, 200, {
          id: `chatcmpl-fake${counter}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 100, completion_tokens: 30, total_tokens: 130 },
        });
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return error(res, 404, `Unknown request URL: ${req.method} ${path}`);
    const auth = req.headers.authorization;
    if (options.apiKey !== undefined && auth !== `Bearer ${options.apiKey}`) {
      problems.push(auth ? 'wrong API key' : 'no Authorization header although a key is set');
      return error(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    }
    if (options.apiKey === undefined && auth !== undefined) {
      problems.push('an Authorization header was sent although no key is set');
    }
    if (!String(req.headers['content-type']).startsWith('application/json')) {
      problems.push(`content-type ${req.headers['content-type']}`);
      return error(res, 400, 'expected a JSON body');
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      problems.push('the body is not JSON');
      return error(res, 400, 'We could not parse the JSON body of your request.');
    }
    const parsed = request.safeParse(json);
    if (!parsed.success) {
      problems.push(`the body is outside the schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      return error(res, 400, 'invalid request body');
    }
    const body = parsed.data;
    if (body.model !== model) {
      problems.push(`model "${body.model}" instead of "${model}"`);
      return error(res, 404, `The model \`${body.model}\` does not exist.`, 'model_not_found');
    }
    if (body.messages[0]!.role !== 'system' && body.messages[0]!.role !== 'developer') problems.push('the first message is not the system prompt');
    if (body.messages.at(-1)!.role !== 'user') problems.push('the last message is not the user turn');
    requests.push(body);
    await reply(res, body, script(body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, err instanceof Error ? err.message : String(err), 'server_error'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    model,
    requests,
    problems,
    answer: (next) => {
      script = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
