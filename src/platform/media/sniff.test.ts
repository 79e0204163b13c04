import { describe, expect, it } from 'vitest';
import { sniffVideo } from './sniff.ts';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffVideo', () => {
  it('knows video containers by their first bytes', () => {
    expect(sniffVideo(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toBe('mp4');
    expect(sniffVideo(bytes([0, 0, 0, 0x08], 'wide', [0, 0, 0, 0]))).toBe('mp4');
    expect(sniffVideo(bytes([0x1a, 0x45, 0xdf, 0xa3, 1, 2]))).toBe('webm');
    expect(sniffVideo(bytes('RIFF', [1, 2, 3, 4], 'AVI LIST'))).toBe('avi');
    expect(sniffVideo(bytes('FLV', [1, 5]))).toBe('flv');
    const ts = Buffer.alloc(400);
    ts[0] = ts[188] = ts[376] = 0x47;
    expect(sniffVideo(ts)).toBe('mpegts');
  });

  it('refuses everything else, whatever the name says', () => {
    expect(sniffVideo(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBeNull();
    expect(sniffVideo(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]))).toBeNull();
    expect(sniffVideo(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBeNull();
    expect(sniffVideo(bytes('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffVideo(new Uint8Array(0))).toBeNull();
  });
});
