import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Secrets at rest: AES-256-GCM with the key from ACCUEIL_SECRET_KEY. A sealed value reads
// "v1:<iv>:<tag>:<ciphertext>" (base64url), so a later key or algorithm can be told apart.

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/** Encrypts `plaintext`; `context` (e.g. the account's X user id) is bound in, so a value copied to another row does not open. */
export function sealSecret(key: Buffer, plaintext: string, context = ''): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/** Decrypts a sealed value; throws SecretError when the key, the context or the value is wrong. */
export function openSecret(key: Buffer, sealed: string, context = ''): string {
  checkKey(key);
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) throw new SecretError('not a sealed secret');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Never the underlying error: it says nothing useful and must not carry key material.
    throw new SecretError('the secret does not open with this key (wrong ACCUEIL_SECRET_KEY, or the value was altered)');
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new SecretError('ACCUEIL_SECRET_KEY must be 32 bytes');
}
