import { describe, expect, it } from 'vitest';
import { hlsPlan, masterPlaylist, measure, parseMediaPlaylist, renditionsFor } from './hls-plan.ts';

describe('renditionsFor', () => {
  it('makes 720p and 360p of a phone video, keeping its shape', () => {
    expect(renditionsFor(1080, 1920).map((r) => [r.name, r.width, r.height])).toEqual([['720p', 720, 1280], ['360p', 360, 640]]);
    expect(renditionsFor(1920, 1080).map((r) => [r.name, r.width, r.height])).toEqual([['720p', 1280, 720], ['360p', 640, 360]]);
  });

  it('never upscales, and still gives two renditions of a small source', () => {
    expect(renditionsFor(480, 854).map((r) => [r.width, r.height])).toEqual([[480, 854], [360, 640]]);
    const tiny = renditionsFor(320, 240);
    expect(tiny.map((r) => [r.width, r.height])).toEqual([[320, 240], [160, 120]]);
    expect(tiny[1]!.videoKbps).toBeLessThan(tiny[0]!.videoKbps);
  });

  it('keeps every dimension even (x264 needs it)', () => {
    for (const [w, h] of [[1081, 1919], [721, 405], [999, 333]] as const) for (const r of renditionsFor(w, h)) expect([r.width % 2, r.height % 2]).toEqual([0, 0]);
  });
});

describe('hlsPlan', () => {
  const base = { input: '/in/source', outDir: '/out', width: 720, height: 1280, durationSec: 5, hasAudio: true, preset: 'veryfast', segmentSeconds: 2 };

  it('maps each rendition with its audio into one variant stream', () => {
    const { args } = hlsPlan(base);
    expect(args[args.indexOf('-var_stream_map') + 1]).toBe('v:0,a:0 v:1,a:1');
    expect(args.filter((a) => a === '0:a:0')).toHaveLength(2);
    expect(args).toContain('/out/poster.jpg');
  });

  it('leaves audio out of a silent video', () => {
    const { args } = hlsPlan({ ...base, hasAudio: false });
    expect(args[args.indexOf('-var_stream_map') + 1]).toBe('v:0 v:1');
    expect(args).not.toContain('-c:a');
  });

  it('passes the input path as one argument, never splitting or interpreting it', () => {
    const input = '/in/a b;rm -rf /`x`';
    const { args } = hlsPlan({ ...base, input });
    expect(args[args.indexOf('-i') + 1]).toBe(input);
  });
});

describe('playlists', () => {
  it('reads segment durations from a media playlist', () => {
    const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000000,\nseg_000.ts\n#EXTINF:1.5,\nseg_001.ts\n#EXT-X-ENDLIST\n';
    expect(parseMediaPlaylist(text)).toEqual([{ uri: 'seg_000.ts', seconds: 2 }, { uri: 'seg_001.ts', seconds: 1.5 }]);
  });

  it('writes a master playlist with measured bandwidth, resolution and codecs', () => {
    const [r720, r360] = renditionsFor(720, 1280);
    const m = masterPlaylist([measure(r720!, [[250_000, 2], [100_000, 1]]), measure(r360!, [[50_000, 2]])], true);
    expect(m).toContain('#EXT-X-STREAM-INF:BANDWIDTH=1000000,AVERAGE-BANDWIDTH=933334,RESOLUTION=720x1280,CODECS="avc1.4d401f,mp4a.40.2"');
    expect(m.split('\n').filter((l) => l.endsWith('/index.m3u8'))).toEqual(['0/index.m3u8', '1/index.m3u8']);
  });
});
