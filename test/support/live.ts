// Live-room test helpers: a generated stream pushed over RTMP with ffmpeg, and a WebSocket viewer
// that keeps every message it gets and can wait for one.
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { ffmpegPath } from '../../src/platform/media/ffmpeg.ts';

export interface Push {
  child: ChildProcess;
  /** Resolves with ffmpeg's exit code when the push ends. */
  exited: Promise<number | null>;
}

/** Pushes `seconds` of test pattern and tone to `url` in real time, as an encoder app would. */
export function pushStream(url: string, seconds: number): Push {
  const child = spawn(
    ffmpegPath(),
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(seconds),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'flv', url],
    { stdio: 'ignore' },
  );
  return { child, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

export type Message = { t: string } & Record<string, unknown>;

export class Viewer {
  readonly messages: Message[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Message);
      this.waiters.forEach((w) => w());
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.waiters.forEach((w) => w());
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<Viewer> {
    const socket = new WebSocket(url, { headers });
    const v = new Viewer(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(v));
      socket.once('error', reject);
    });
  }

  send(msg: unknown): void {
    this.socket.send(JSON.stringify(msg));
  }

  /** The first message (from the start) that matches, waiting up to `ms` for it. */
  async next(match: (m: Message) => boolean, ms = 15_000): Promise<Message> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.closeCode !== null) throw new Error(`socket closed (${this.closeCode}) before the message came`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message in ${ms} ms; got ${JSON.stringify(this.messages.map((m) => m.t))}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
      this.waiters = [];
    }
  }

  async closed(ms = 15_000): Promise<number> {
    const deadline = Date.now() + ms;
    while (this.closeCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (this.closeCode === null) throw new Error('socket still open');
    return this.closeCode;
  }

  close(): void {
    this.socket.close();
  }
}
