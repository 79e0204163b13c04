// ffmpeg and ffprobe as child processes: the system binaries when present (Debian's are newer and
// faster), else the static ones shipped by npm packages, so a fresh machine needs no apt step.
// Arguments are always arrays (never a shell string), so no user text can become a flag or a
// command; every run has a timeout and an abort signal, and its stderr tail is kept for the reason.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const resolved = new Map<string, string>();

function resolveBinary(name: 'ffmpeg' | 'ffprobe', envVar: string, npmPackage: string): string {
  const cached = resolved.get(name);
  if (cached) return cached;
  let path = process.env[envVar] || '';
  if (!path) path = spawnSync(name, ['-version'], { stdio: 'ignore' }).status === 0 ? name : (require(npmPackage) as { path: string }).path;
  resolved.set(name, path);
  return path;
}

export const ffmpegPath = (): string => resolveBinary('ffmpeg', 'FFMPEG_PATH', '@ffmpeg-installer/ffmpeg');
export const ffprobePath = (): string => resolveBinary('ffprobe', 'FFPROBE_PATH', '@ffprobe-installer/ffprobe');

export class MediaToolError extends Error {
  constructor(
    message: string,
    /** The last lines ffmpeg wrote, for operators (never shown to users verbatim). */
    readonly detail: string,
  ) {
    super(message);
  }
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Runs a tool to completion; resolves with stdout, rejects with a MediaToolError on failure. */
export function runTool(bin: string, args: string[], opts: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let why: string | null = null;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString('utf8')).slice(-8192);
    });
    const kill = (reason: string) => {
      why ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill(`timed out after ${Math.round(opts.timeoutMs / 1000)} s`), opts.timeoutMs);
    const onAbort = () => kill('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();
    child.on('error', (e) => {
      why ??= `could not start: ${e.message}`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (code === 0 && !why) return resolve(Buffer.concat(out).toString('utf8'));
      const tail = err.trim().split('\n').slice(-6).join('\n');
      reject(new MediaToolError(why ?? `exited with code ${code}: ${lastLine(tail)}`, tail));
    });
  });
}

const lastLine = (s: string) => s.split('\n').filter(Boolean).pop()?.slice(0, 300) ?? 'no output';

export interface ProbeResult {
  /** ffprobe's format names, e.g. ["mov","mp4","m4a","3gp","3g2","mj2"]. */
  formats: string[];
  durationSec: number;
  video: { codec: string; width: number; height: number; rotation: number } | null;
  audio: { codec: string } | null;
}

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{ codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string; tags?: { rotate?: string }; side_data_list?: Array<{ rotation?: number }> }>;
}

export async function probe(file: string, opts: RunOptions): Promise<ProbeResult> {
  const json = JSON.parse(await runTool(ffprobePath(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file], opts)) as FfprobeJson;
  const v = json.streams?.find((s) => s.codec_type === 'video');
  const a = json.streams?.find((s) => s.codec_type === 'audio');
  const duration = Number(json.format?.duration ?? v?.duration ?? NaN);
  const rotation = Number(v?.tags?.rotate ?? v?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0);
  return {
    formats: (json.format?.format_name ?? '').split(',').filter(Boolean),
    durationSec: Number.isFinite(duration) ? duration : 0,
    video: v && v.width && v.height ? { codec: v.codec_name ?? 'unknown', width: v.width, height: v.height, rotation: Number.isFinite(rotation) ? rotation : 0 } : null,
    audio: a ? { codec: a.codec_name ?? 'unknown' } : null,
  };
}
