import http from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';

export interface XCredentials {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  accessSecret: string;
  /** X API base URL, e.g. https://api.x.com or http://127.0.0.1:4000 (a fake X). */
  apiUrl: string;
}

export const DEFAULT_X_API_URL = 'https://api.x.com';

// The library hard-codes its hosts (api.x.com today, api.twitter.com in older paths).
const X_API_HOSTS = /^https:\/\/api\.(?:x|twitter)\.com(?=\/|$)/;

/**
 * twitter-api-v2 has no base-URL setting: this plugin rewrites each request's URL before the
 * library signs it, so the OAuth signature covers the URL actually requested.
 */
export function baseUrlPlugin(apiUrl: string): ITwitterApiClientPlugin {
  const base = apiUrl.replace(/\/+$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(X_API_HOSTS, base);
    },
  };
}

/** An X client acting as the team's account (OAuth 1.0a user context); `extra` plugins see every call (spend counting). */
export function createXClient(creds: XCredentials, extra: ITwitterApiClientPlugin[] = []): TwitterApi {
  const apiUrl = creds.apiUrl || DEFAULT_X_API_URL;
  const rewrites = apiUrl.replace(/\/+$/, '') !== DEFAULT_X_API_URL;
  return new TwitterApi(
    {
      appKey: creds.apiKey,
      appSecret: creds.apiSecret,
      accessToken: creds.accessToken,
      accessSecret: creds.accessSecret,
    },
    {
      plugins: [...(rewrites ? [baseUrlPlugin(apiUrl)] : []), ...extra],
      // The library always calls https.request; a plain-HTTP agent lets it speak http://.
      ...(apiUrl.startsWith('http://') ? { httpAgent: new http.Agent() } : {}),
    },
  );
}
