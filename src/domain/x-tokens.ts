/** An OAuth 2.0 user token from X, as it is stored (sealed) and refreshed. */
export interface XTokenSet {
  accessToken: string;
  /** Absent when offline.access was not granted. */
  refreshToken: string | null;
  expiresAt: Date;
  scope: string;
}
