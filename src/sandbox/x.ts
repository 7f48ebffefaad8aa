// The fake X: one entry for the tests and the demo; the pieces live in ./x/.
export { startFakeX, FAKE_X_ACCOUNT, FAKE_X_CREDENTIALS } from './x/server';
export { X_API_VERSIONS, DEFAULT_X_API_VERSION, type XApiVersion } from './x/spec';
export type {
  FakeX,
  FakeXAccount,
  FakeXActivity,
  FakeXCredentials,
  FakeXFailure,
  FakeXMatch,
  FakeXOptions,
  FakeXRefusal,
  FakeXRequest,
  FakeDm,
  FakePost,
  FakeWebhook,
  WebhookShape,
} from './x/types';
