// The X operations the bot uses, each speaking the product's types rather than the library's.
export { createXClient, DEFAULT_X_API_URL, type XCredentials } from './client';
export { XApiError, X_API_ERROR_KINDS, type XApiErrorKind, type XOperation } from './errors';
export { USER_FIELDS, toFollowerProfile } from './profile';
export {
  getAuthenticatedUser,
  fetchFollowersPage,
  lookupUsers,
  lookupUserByHandle,
  USERS_PER_LOOKUP,
  type XAccount,
  type FollowersPage,
} from './users';
export { sendDirectMessage, postPublicWelcome, type SentDm } from './send';
export { hasWrittenFirst, type WroteFirst, type WrittenMessage } from './engagement';
export { findSentWelcome, sameWelcomeText, CLOCK_SKEW_MS, type SentWelcome, type FindSentWelcomeOptions } from './reconcile';
export { subscribeWebhook, type SubscribeWebhookOptions, type SubscribedWebhook } from './subscribe';
export {
  createXWebhookListener,
  crcResponseToken,
  signWebhookBody,
  isSignedByX,
  MAX_DELIVERY_BYTES,
  type XWebhookListenerOptions,
} from './sources/webhook';
