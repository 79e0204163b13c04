import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSealer, maskName, maskPhone, Sealer } from './crypto.ts';

describe('Sealer', () => {
  const sealer = new Sealer(Buffer.alloc(32, 7));

  it('round-trips and never repeats a ciphertext', () => {
    const a = sealer.seal('浙江省杭州市西湖区文三路 1 号');
    const b = sealer.seal('浙江省杭州市西湖区文三路 1 号');
    expect(a).not.toBe(b);
    expect(a).not.toContain('文三路');
    expect(sealer.open(a)).toBe('浙江省杭州市西湖区文三路 1 号');
  });

  it('rejects a tampered value and another key', () => {
    const sealed = sealer.seal('13812345678');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => sealer.open([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow();
    expect(() => new Sealer(Buffer.alloc(32, 8)).open(sealed)).toThrow();
    expect(() => sealer.open('plain text')).toThrow(/not a sealed value/);
  });

  it('generates a key file once, readable only by its owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-key-'));
    try {
      const first = loadSealer(null, dir);
      const key = readFileSync(join(dir, 'data.key'), 'utf8');
      expect(statSync(join(dir, 'data.key')).mode & 0o077).toBe(0);
      const second = loadSealer(null, dir);
      expect(readFileSync(join(dir, 'data.key'), 'utf8')).toBe(key);
      expect(second.open(first.seal('x'))).toBe('x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('masks', () => {
  it('keeps only what a parcel label needs', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('prints', () => {
  it('match for equal inputs under one key and differ across keys, parts and values', () => {
    const a = new Sealer(randomBytes(32));
    const b = new Sealer(randomBytes(32));
    expect(a.print('13812345678', '上海市浦东新区')).toBe(a.print('13812345678', '上海市浦东新区'));
    expect(a.print('13812345678', '上海市浦东新区')).not.toBe(b.print('13812345678', '上海市浦东新区'));
    expect(a.print('13812345678', '上海市浦东新区')).not.toBe(a.print('13812345679', '上海市浦东新区'));
    // Parts are separated, so moving text across the boundary changes the print.
    expect(a.print('ab', 'c')).not.toBe(a.print('a', 'bc'));
    expect(a.print('13812345678')).not.toContain('13812345678');
  });
});
