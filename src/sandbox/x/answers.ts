// X's answers: problem bodies in the shapes X sends, and the exception that carries one.

export const PROBLEM = 'https://api.twitter.com/2/problems';

/** 2.167 names its problem types under api.x.com; 2.166 under api.twitter.com, as written above. */
export function problemsOf<T>(body: T, version: string): T {
  if (version === '2.166' || body === null || typeof body !== 'object') return body;
  return JSON.parse(JSON.stringify(body).replaceAll(`"${PROBLEM}/`, '"https://api.x.com/2/problems/')) as T;
}

export const bareProblem = (status: number, title: string) => ({ title, detail: title, type: 'about:blank', status });

export const invalidRequest = (message: string, parameters?: Record<string, string[]>) => ({
  errors: [{ ...(parameters ? { parameters } : {}), message }],
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: `${PROBLEM}/invalid-request`,
});

export const notFoundError = (parameter: string, value: string, detail: string) => ({
  value,
  detail,
  title: 'Not Found Error',
  resource_type: 'user',
  parameter,
  resource_id: value,
  type: `${PROBLEM}/resource-not-found`,
});

/** A user lookup's error for an account X has suspended (a 200 with it in `errors`). */
export const suspendedError = (parameter: string, value: string) => ({
  value,
  detail: `User has been suspended: [${value}].`,
  title: 'Forbidden',
  resource_type: 'user',
  parameter,
  resource_id: value,
  type: `${PROBLEM}/resource-not-found`,
});

/** What X answers when an endpoint is called with the wrong kind of token (user vs app). */
export const unsupportedAuthentication = (wanted: string) => ({
  title: 'Unsupported Authentication',
  detail: `Authenticating with ${wanted === 'app' ? 'OAuth 1.0a User Context' : 'OAuth 2.0 Application-Only'} is forbidden for this endpoint.  Supported authentication types are [${wanted === 'app' ? 'OAuth 2.0 Application-Only' : 'OAuth 1.0a User Context, OAuth 2.0 User Context'}].`,
  type: `${PROBLEM}/unsupported-authentication`,
  status: 403,
});

export const DEFAULT_BODIES: Record<number, unknown> = {
  400: invalidRequest('Invalid request'),
  401: bareProblem(401, 'Unauthorized'),
  403: bareProblem(403, 'Forbidden'),
  404: bareProblem(404, 'Not Found'),
  429: bareProblem(429, 'Too Many Requests'),
  500: bareProblem(500, 'Internal Server Error'),
  502: bareProblem(502, 'Bad Gateway'),
  503: bareProblem(503, 'Service Unavailable'),
};

/** An answer to send; thrown by route handlers to answer early. */
export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const fail = (status: number, body: unknown = DEFAULT_BODIES[status]) => new HttpAnswer(status, body);
