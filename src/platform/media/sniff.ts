// What a file is, from its first bytes (never from its name or declared type).
export type VideoContainer = 'mp4' | 'webm' | 'avi' | 'mpegts' | 'flv';

/** The container a file's first bytes announce, or null for anything that is not a video container we take. */
export function sniffVideo(head: Uint8Array): VideoContainer | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  // ISO BMFF (MP4, MOV, 3GP): a box whose type is ftyp, or a QuickTime file opening with moov/mdat/free/wide.
  if (head.length >= 12 && ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(ascii(4, 8))) return 'mp4';
  // Matroska / WebM: the EBML magic number.
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'avi';
  if (head.length >= 3 && ascii(0, 3) === 'FLV') return 'flv';
  // MPEG transport stream: a 0x47 sync byte every 188 bytes.
  if (head.length >= 377 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47) return 'mpegts';
  return null;
}
