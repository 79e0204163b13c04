// How a source video becomes adaptive HLS: which renditions, and the one ffmpeg command that makes
// them all (plus the poster) in a single decode. Pure: the same plan is what the benchmark runs bare.
// The master playlist is written by masterPlaylist() from the measured segments, not by ffmpeg:
// the static ffmpeg 4.1 shipped by npm writes an empty one with var_stream_map.

export interface Rendition {
  name: string;
  width: number;
  height: number;
  videoKbps: number;
  audioKbps: number;
}

export interface HlsPlan {
  renditions: Rendition[];
  args: string[];
}

export interface PlanInput {
  input: string;
  outDir: string;
  /** Displayed size (after rotation). */
  width: number;
  height: number;
  durationSec: number;
  hasAudio: boolean;
  /** x264 preset: speed against size. */
  preset: string;
  segmentSeconds: number;
}

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
const TIERS = [
  { short: 720, videoKbps: 2000, audioKbps: 128 },
  { short: 360, videoKbps: 600, audioKbps: 64 },
];

/** Two renditions named by their short side (720 and 360 for most phones' videos), never upscaled. */
export function renditionsFor(width: number, height: number): Rendition[] {
  const short = Math.min(width, height);
  const shorts = TIERS.map((t) => even(Math.min(t.short, short)));
  if (shorts[1]! >= shorts[0]!) shorts[1] = even(shorts[0]! / 2);
  return TIERS.map((t, i) => {
    const s = shorts[i]!;
    const scale = s / short;
    const [w, h] = width <= height ? [s, even(height * scale)] : [even(width * scale), s];
    return { name: `${s}p`, width: w, height: h, videoKbps: Math.round(t.videoKbps * Math.min(1, s / t.short) ** 0.75), audioKbps: t.audioKbps };
  });
}

export function hlsPlan(p: PlanInput): HlsPlan {
  const renditions = renditionsFor(p.width, p.height);
  const n = renditions.length;
  const posterAt = Math.min(1, p.durationSec / 2).toFixed(2);
  const split = `[0:v]split=${n + 1}${renditions.map((_, i) => `[s${i}]`).join('')}[sp]`;
  const scales = renditions.map((r, i) => `[s${i}]scale=${r.width}:${r.height}[v${i}]`);
  const poster = `[sp]select=gte(t\\,${posterAt}),scale=${renditions[0]!.width}:${renditions[0]!.height}[poster]`;
  const args = ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-i', p.input, '-filter_complex', [split, ...scales, poster].join(';')];
  renditions.forEach((_, i) => {
    args.push('-map', `[v${i}]`);
    if (p.hasAudio) args.push('-map', '0:a:0');
  });
  args.push(
    '-c:v', 'libx264', '-preset', p.preset, '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    // A key frame at every segment boundary, whatever the frame rate, so every segment starts clean
    // and players can switch renditions there.
    '-force_key_frames', `expr:gte(t,n_forced*${p.segmentSeconds})`, '-sc_threshold', '0',
  );
  renditions.forEach((r, i) => args.push(`-b:v:${i}`, `${r.videoKbps}k`, `-maxrate:v:${i}`, `${Math.round(r.videoKbps * 1.2)}k`, `-bufsize:v:${i}`, `${r.videoKbps * 2}k`));
  if (p.hasAudio) {
    args.push('-c:a', 'aac', '-ac', '2', '-ar', '44100');
    renditions.forEach((r, i) => args.push(`-b:a:${i}`, `${r.audioKbps}k`));
  }
  const streamMap = renditions.map((_, i) => (p.hasAudio ? `v:${i},a:${i}` : `v:${i}`)).join(' ');
  args.push(
    '-f', 'hls', '-hls_time', String(p.segmentSeconds), '-hls_playlist_type', 'vod', '-hls_flags', 'independent_segments',
    '-hls_segment_filename', `${p.outDir}/%v/seg_%03d.ts`, '-var_stream_map', streamMap, `${p.outDir}/%v/index.m3u8`,
    '-map', '[poster]', '-frames:v', '1', '-q:v', '3', `${p.outDir}/poster.jpg`,
  );
  return { renditions, args };
}

export interface MeasuredRendition extends Rendition {
  /** Bits per second: the busiest segment, and the whole stream's average. */
  peakBps: number;
  averageBps: number;
}

/** Measures a rendition's bitrate from its segments: [bytes, seconds] per segment. */
export function measure(r: Rendition, segments: Array<[number, number]>): MeasuredRendition {
  const bytes = segments.reduce((s, [b]) => s + b, 0);
  const secs = segments.reduce((s, [, d]) => s + d, 0);
  const peak = Math.max(0, ...segments.map(([b, d]) => (d > 0 ? (b * 8) / d : 0)));
  return { ...r, peakBps: Math.ceil(peak), averageBps: secs > 0 ? Math.ceil((bytes * 8) / secs) : 0 };
}

export function masterPlaylist(renditions: MeasuredRendition[], hasAudio: boolean): string {
  const codecs = hasAudio ? 'avc1.4d401f,mp4a.40.2' : 'avc1.4d401f';
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  renditions.forEach((r, i) => {
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${r.peakBps},AVERAGE-BANDWIDTH=${r.averageBps},RESOLUTION=${r.width}x${r.height},CODECS="${codecs}",NAME="${r.name}"`, `${i}/index.m3u8`);
  });
  return lines.join('\n') + '\n';
}

/** Segment files and durations of a VOD media playlist, in order. */
export function parseMediaPlaylist(text: string): Array<{ uri: string; seconds: number }> {
  const out: Array<{ uri: string; seconds: number }> = [];
  let pending: number | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#EXTINF:')) pending = Number.parseFloat(line.slice(8));
    else if (line && !line.startsWith('#') && pending !== null) {
      out.push({ uri: line.trim(), seconds: pending });
      pending = null;
    }
  }
  return out;
}
