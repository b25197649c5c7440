import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals secrets with AES-256-GCM. Each sealed value names the key that sealed it
 * (`v1.<keyId>.<iv>.<ciphertext+tag>`), so a new key can be added later and old values still open.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;

  /** The first key seals; all of them open. */
  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new TypeError('SecretBox needs at least one key');
    for (const key of keys) {
      if (key.length !== 32) throw new TypeError('SecretBox keys must be 32 bytes');
      this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(keys[0] as Buffer);
  }

  seal(plaintext: string, context = ''): string {
    const key = this.keys.get(this.currentId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The context (e.g. the owning record) is authenticated, so a sealed value cannot be moved to another row.
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${this.currentId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string, context = ''): string {
    const [version, id, iv, body] = sealed.split('.');
    if (version !== 'v1' || id === undefined || iv === undefined || body === undefined) {
      throw new Error('Sealed value has an unknown format');
    }
    const key = this.keys.get(id);
    if (key === undefined) throw new Error(`Sealed value needs key ${id}, which is not loaded`);
    const data = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  }
}

/** A short public id of a key: never the key itself. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
