// Personal data at rest: AES-256-GCM with a random 96-bit nonce per value. A sealed value is
// `v1.<nonce>.<tag>.<ciphertext>` (base64url), so a later key can be added as v2 without
// rewriting old rows. The authentication tag makes tampering a decryption error, not garbage.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';

export class Sealer {
  private readonly key: Buffer;
  private printKey: Buffer | null = null;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a sealing key is 32 bytes');
    this.key = Buffer.from(key);
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /**
   * A keyed fingerprint of personal data (HMAC-SHA256 under a key derived from the sealing key):
   * equal inputs give equal prints, so two orders can be found to share an address without
   * either address leaving its sealed column, and a print alone reveals nothing without the key.
   */
  print(...parts: string[]): string {
    this.printKey ??= createHmac('sha256', this.key).update('flywheel/print/v1').digest();
    return createHmac('sha256', this.printKey).update(parts.join('\u0000')).digest('base64url').slice(0, 32);
  }

  /**
   * The keyed fingerprint of a parcel's destination: phone digits and the full address, spacing
   * and case ignored, so the same place typed twice prints the same (self-purchase checks compare
   * an order's print with a creator's).
   */
  parcelPrint(a: { phone: string; province: string; city: string; district: string; detail: string }): string {
    const norm = (v: string) => v.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    return this.print(a.phone.replace(/\D/g, ''), norm(a.province), norm(a.city), norm(a.district), norm(a.detail));
  }

  open(sealed: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** The configured key, or one generated once into the data directory (owner-only file). */
export function loadSealer(configured: Buffer | null, dataDir: string): Sealer {
  if (configured) return new Sealer(configured);
  const file = join(dataDir, 'data.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return new Sealer(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the first character is enough to greet the parcel's receiver. */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
};

/** 13812345678 → 138****5678. */
export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');
