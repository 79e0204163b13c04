// The demo world's content: short videos of the demo merchants' goods and their scheduled live
// rooms, so a fresh `npm start` shows a feed and a 直播 tab with something in them. The rooms are
// made at once (a few rows); the videos in a durable background job (`demo.make_videos`), one at
// a time: the product's artwork on a portrait frame, a slow zoom and a soft chord, made into an
// MP4 by ffmpeg and handed to the platform's own upload path, whose transcode job makes the HLS.
// Once they are published, the job writes their two weeks of viewing history (history-seed.ts).
// No text is drawn into the frames: a fresh machine may have no CJK fonts.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Platform } from '../main.ts';
import type { Product } from '../modules/catalog/model.ts';
import type { Store } from '../modules/catalog/stores.ts';
import { JobQueue } from '../platform/jobs/queue.ts';
import { ffmpegPath, runTool } from '../platform/media/ffmpeg.ts';
import { seedDemoVideosHistory } from './history-seed.ts';
import { DEMO_ACCOUNTS } from './world.ts';

export const DEMO_VIDEOS_JOB = 'demo.make_videos';
/** The most demo videos (DEMO_VIDEOS is bounded the same in config.ts). */
export const MAX_DEMO_VIDEOS = 50;

type ContentPlatform = Pick<Platform, 'db' | 'jobs' | 'services'>;

/** One video to make, fixed when the job is queued. */
export interface DemoVideoPlan {
  authorId: string;
  productId: string;
  title: string;
  description: string;
  tags: string[];
  topic: string;
  /** Picks the zoom (in or out) and the chord. */
  look: number;
}

export interface SeedResult {
  /** Videos the job was queued for (0: the merchants have videos, or a job was queued before). */
  videosQueued: number;
  roomsCreated: number;
}


const MERCHANT_EMAILS = DEMO_ACCOUNTS.filter((a) => a.role === 'merchant').map((a) => a.email);
const HOUR = 3600_000;

/**
 * Gives the demo merchants their content, once: a scheduled live room each (unless they have a
 * room for their store already) and `videos` short videos made in the background (unless they
 * have videos already or the job was queued before). Does nothing without the demo accounts.
 * `signal` (the process stopping) interrupts the job; it carries on at the next start.
 */
export async function seedDemoContent(platform: ContentPlatform, opts: { videos: number; signal?: AbortSignal }): Promise<SeedResult> {
  registerDemoContent(platform, opts.signal);
  const { identity, stores, products, videos, live } = platform.services;
  const result: SeedResult = { videosQueued: 0, roomsCreated: 0 };
  const merchants: Array<{ id: string; store: Store; needsRoom: boolean; hasVideos: boolean }> = [];
  for (const email of MERCHANT_EMAILS) {
    const user = await identity.findByEmail(email);
    if (!user) continue;
    const store = (await stores.myStores(user.id)).find((s) => s.staffRole === 'owner' && s.status === 'active');
    if (!store) continue;
    const needsRoom = !(await live.rooms.mine(user.id)).some((r) => r.storeId === store.id);
    const hasVideos = (await videos.listMine(user.id, { limit: 1, offset: 0 })).total > 0;
    merchants.push({ id: user.id, store, needsRoom, hasVideos });
  }
  // Queued once: a job queued before (an earlier start) makes its own list, interrupted or not.
  const wantVideos =
    opts.videos > 0 && merchants.length > 0 && !merchants.some((m) => m.hasVideos) && (await JobQueue.list(platform.db, { kind: DEMO_VIDEOS_JOB, limit: 1, offset: 0 })).total === 0;
  if (!wantVideos && !merchants.some((m) => m.needsRoom)) return result; // a restart: nothing to do
  const goods = new Map<string, Product[]>();
  for (const m of merchants) {
    const list = await products.list({ storeId: m.store.id, status: 'active', sort: 'price_asc', limit: 200, offset: 0 });
    goods.set(m.id, pickGoods(list.items.filter((p) => p.images.length > 0)));
  }

  // One scheduled live room per merchant: the flagship in two hours, the rural store tomorrow evening.
  for (const m of merchants) {
    const bag = goods.get(m.id)!.slice(0, 3);
    if (!m.needsRoom || bag.length === 0) continue;
    await live.rooms.create(m.id, { title: roomTitle(m.store), scheduledAt: roomTime(m.store).toISOString(), storeId: m.store.id, productIds: bag.map((p) => p.id) });
    result.roomsCreated++;
  }

  // Videos, taking turns between the merchants so the first ones ready show both stores.
  if (!wantVideos) return result;
  const plans: DemoVideoPlan[] = [];
  for (let round = 0; plans.length < opts.videos && merchants.some((m) => round < goods.get(m.id)!.length); round++) {
    for (const m of merchants) {
      const p = goods.get(m.id)![round];
      if (p && plans.length < opts.videos) plans.push(videoPlan(m.id, m.store, p, plans.length, round));
    }
  }
  if (plans.length === 0) return result;
  await platform.jobs.enqueue(platform.db, DEMO_VIDEOS_JOB, { videos: plans }, { dedupeKey: DEMO_VIDEOS_JOB, maxAttempts: 10 });
  result.videosQueued = plans.length;
  return result;
}

/**
 * Registers the job that makes the demo videos (seedDemoContent does it too). A start that does
 * not seed calls this, so that a job an earlier start queued and was stopped in finishes.
 */
export function registerDemoContent(platform: ContentPlatform, stop?: AbortSignal): void {
  platform.jobs.register<{ videos: DemoVideoPlan[] }>(
    DEMO_VIDEOS_JOB,
    async (payload, ctx) => {
      const signal = stop ? AbortSignal.any([stop, ctx.signal]) : ctx.signal;
      const made: string[] = [];
      try {
        for (const plan of payload.videos) {
          signal.throwIfAborted();
          const id = await makeVideo(platform, plan, signal);
          if (id) made.push(id);
        }
        // Then their past: two weeks of people watching them, so the feed and the pools have a story.
        const history = await seedDemoVideosHistory(platform, payload.videos, { signal });
        return { made, events: history.events, eventsMs: Math.round(history.ms) };
      } catch (err) {
        // Failed, it is tried again: what was made is skipped then.
        if (stop?.aborted) throw new Error(`Stopped with the server after ${made.length} videos; carries on at the next start`);
        throw err;
      }
    },
    // Its own single slot: minutes of ffmpeg never hold the shared workers (payment webhooks).
    { timeoutMs: 30 * 60_000, concurrency: 1 },
  );
}

/** Makes one video unless the author has it already (a retried job skips what was done). */
async function makeVideo(platform: ContentPlatform, plan: DemoVideoPlan, signal: AbortSignal): Promise<string | null> {
  const { videos, videoUploads, products, media } = platform.services;
  const mine = await videos.listMine(plan.authorId, { limit: 100, offset: 0 });
  const existing = mine.items.find((v) => v.title === plan.title && v.products.some((p) => p.id === plan.productId));
  if (existing && (existing.status === 'processing' || existing.status === 'ready')) return null;
  const product = await products.load(plan.productId);
  const image = product.images[0] ? await media.locate(product.images[0].id, 'orig') : null;
  if (!image) return null;
  const video =
    existing ?? (await videos.create(plan.authorId, { title: plan.title, description: plan.description, tags: plan.tags, topic: plan.topic, productIds: [plan.productId] }));
  const file = await videoUploads.tempPath(video.id);
  const framePath = `${file}-frame.png`;
  try {
    const art = await readFile(image.path);
    await writeFile(framePath, await renderFrame(art, image.mime, hueOf(art, image.mime, product.storeId)));
    await runTool(ffmpegPath(), clipArgs(framePath, file, plan.look), { timeoutMs: 5 * 60_000, signal });
    await videoUploads.accept(video.id, plan.authorId, file, (await stat(file)).size);
    return video.id;
  } finally {
    await rm(framePath, { force: true });
    await rm(file, { force: true });
  }
}

// The frame is drawn at twice the output size, so the zoom moves in half pixels (no judder).
const W = 1440;
const H = 2560;
const ART = 1200;
const BORDER = 24;

/** A portrait frame: the artwork large in the middle of a soft gradient in its own colour. */
export async function renderFrame(art: Buffer, mime: string, hue: number): Promise<Buffer> {
  const card = ART + 2 * BORDER;
  const left = (W - card) / 2;
  const top = Math.round(H * 0.45 - card / 2);
  const h2 = (hue + 30) % 360;
  const background = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="hsl(${hue},42%,34%)"/><stop offset="1" stop-color="hsl(${h2},48%,16%)"/></linearGradient>
<radialGradient id="glow" cx="0.5" cy="0.45" r="0.55"><stop offset="0" stop-color="hsl(${hue},70%,80%)" stop-opacity="0.35"/><stop offset="1" stop-color="hsl(${hue},70%,80%)" stop-opacity="0"/></radialGradient>
</defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<rect width="${W}" height="${H}" fill="url(#glow)"/>
<circle cx="${W * 0.12}" cy="${H * 0.1}" r="${W * 0.24}" fill="#fff" opacity="0.06"/>
<circle cx="${W * 0.92}" cy="${H * 0.86}" r="${W * 0.32}" fill="#fff" opacity="0.05"/>
<circle cx="${W * 0.8}" cy="${H * 0.16}" r="${W * 0.05}" fill="#fff" opacity="0.08"/>
</svg>`;
  // The card's soft shadow, blurred small and scaled up (an SVG blur at this size takes seconds).
  const pad = (W - card) / 2;
  const q = 4;
  const shadowSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${(card + 2 * pad) / q}" height="${(card + 2 * pad) / q}" viewBox="0 0 ${card + 2 * pad} ${card + 2 * pad}">
<rect x="${pad + 16}" y="${pad + 48}" width="${card - 32}" height="${card}" rx="88" fill="#000" fill-opacity="0.45"/></svg>`;
  const white = `<svg xmlns="http://www.w3.org/2000/svg" width="${card}" height="${card}"><rect width="${card}" height="${card}" rx="88" fill="#fff"/></svg>`;
  const mask = `<svg xmlns="http://www.w3.org/2000/svg" width="${ART}" height="${ART}"><rect width="${ART}" height="${ART}" rx="${88 - BORDER}" fill="#fff"/></svg>`;
  const [soft, shadow, picture] = await Promise.all([
    sharp(Buffer.from(background)).png({ compressionLevel: 1 }).toBuffer(),
    sharp(Buffer.from(shadowSvg))
      .blur(36 / q)
      .png()
      .toBuffer()
      .then((b) => sharp(b).resize(card + 2 * pad, card + 2 * pad).png({ compressionLevel: 1 }).toBuffer()),
    rasterise(art, mime).then((p) => sharp(p).composite([{ input: Buffer.from(mask), blend: 'dest-in' }]).png({ compressionLevel: 1 }).toBuffer()),
  ]);
  return sharp(soft)
    .composite([
      { input: shadow, left: left - pad, top: top - pad },
      { input: Buffer.from(white), left, top },
      { input: picture, left: left + BORDER, top: top + BORDER },
    ])
    .flatten({ background: '#000' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The artwork as a square picture; generated SVG loses its words (the fonts may be missing). */
async function rasterise(art: Buffer, mime: string): Promise<Buffer> {
  if (mime === 'image/svg+xml') {
    const svg = art.toString('utf8').replace(/<text\b[\s\S]*?<\/text>/g, '');
    const width = Number(/<svg[^>]*\bwidth="(\d+)/.exec(svg)?.[1] ?? 800);
    return sharp(Buffer.from(svg), { density: Math.min(600, (72 * ART) / width) }).resize(ART, ART, { fit: 'cover' }).png().toBuffer();
  }
  return sharp(art).rotate().resize(ART, ART, { fit: 'cover' }).png().toBuffer();
}

/** The artwork's own hue (generated SVGs are drawn in one), else one from the store. */
function hueOf(art: Buffer, mime: string, storeId: string): number {
  const m = mime === 'image/svg+xml' ? /hsl\((\d+)/.exec(art.toString('utf8')) : null;
  if (m) return Number(m[1]) % 360;
  let h = 0;
  for (const c of storeId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 360;
}

const SECONDS = 6;
const FPS = 25;
/** Major triads (Hz), quiet: a pad under the picture rather than a beep. */
const CHORDS = [
  [261.63, 329.63, 392.0],
  [293.66, 369.99, 440.0],
  [349.23, 440.0, 523.25],
  [392.0, 493.88, 587.33],
];

/** ffmpeg's arguments: a ~6 s 720×1280 H.264/AAC MP4 slowly zooming into (or out of) the frame. */
export function clipArgs(frame: string, out: string, look: number): string[] {
  const frames = SECONDS * FPS;
  const zoom = look % 2 === 0 ? `1+${(0.12 / frames).toFixed(5)}*on` : `1.12-${(0.12 / frames).toFixed(5)}*on`;
  const [a, b, c] = CHORDS[look % CHORDS.length]!;
  // No commas in the expression: it is one option of a filter graph.
  const tone = `aevalsrc=(0.05*sin(2*PI*${a}*t)+0.035*sin(2*PI*${b}*t)+0.03*sin(2*PI*${c}*t))*(0.85+0.15*sin(2*PI*0.5*t)):s=44100:c=stereo:d=${SECONDS}`;
  return [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    '-i', frame,
    '-f', 'lavfi', '-i', tone,
    '-filter_complex',
    `[0:v]zoompan=z='${zoom}':d=${frames}:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s=720x1280:fps=${FPS},format=yuv420p[v];[1:a]afade=t=in:d=0.8,afade=t=out:st=${SECONDS - 1.2}:d=1.2[a]`,
    '-map', '[v]', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-r', String(FPS),
    '-c:a', 'aac', '-b:a', '96k', '-ar', '44100',
    '-t', String(SECONDS), '-movflags', '+faststart', '-f', 'mp4', out,
  ];
}

/** A few of the store's goods with different artwork, spread from its cheapest to its dearest. */
function pickGoods(items: Product[]): Product[] {
  const seen = new Set<string>();
  const distinct = items.filter((p) => !seen.has(p.images[0]!.id) && seen.add(p.images[0]!.id));
  const n = Math.min(distinct.length, Math.ceil(MAX_DEMO_VIDEOS / 2));
  const picked = Array.from({ length: n }, (_, i) => distinct[Math.floor((i * distinct.length) / n)]!);
  // Interleave cheap and dear so a few videos already show the range.
  return picked.map((_, i) => picked[i % 2 === 0 ? i / 2 : n - 1 - (i - 1) / 2]!);
}

const PREFIXES = ['开箱｜', '实拍｜', '好物推荐｜', '细节展示｜', '种草｜', '一分钟看懂｜'];

function videoPlan(authorId: string, store: Store, p: Product, look: number, round: number): DemoVideoPlan {
  const title = `${PREFIXES[round % PREFIXES.length]}${p.title}`.slice(0, 100);
  const tags = store.rural ? ['乡村好物', '产地直发', '山货'] : store.flagship ? ['居家好物', '品牌旗舰', '开箱'] : ['好物推荐', '开箱'];
  return {
    authorId,
    productId: p.id,
    title,
    description: `${p.title}，${store.name}出品。点下方商品卡看详情，喜欢就收藏吧～`.slice(0, 1000),
    tags,
    topic: store.rural ? '乡村好物节' : '居家好物分享',
    look,
  };
}

function roomTitle(store: Store): string {
  const short = store.name.replace(/官方旗舰店$|旗舰店$/, '').replace(/·.*$/, '');
  return store.rural ? `${short} 产地直播：山货上新` : `${short} 周末家居专场`;
}

function roomTime(store: Store): Date {
  if (!store.rural) return new Date(Math.ceil((Date.now() + 2 * HOUR) / (15 * 60_000)) * 15 * 60_000);
  // Tomorrow 20:00 in China (UTC+8, no daylight saving) = 12:00 UTC, whatever the server's zone.
  const d = new Date(Date.now() + 24 * HOUR);
  d.setUTCHours(12, 0, 0, 0);
  return d;
}
