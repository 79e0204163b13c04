// `flywheel recs offline|eval` as an operator runs it: a separate process, files in and out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'recs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/flywheel.mjs', 'recs', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Shoppers who buy a phone buy its case, then a charger; ids are opaque strings. */
function trainCsv(): string {
  let csv = 'user_id,item_id,timestamp,event\n';
  for (let u = 0; u < 40; u++) {
    csv += `shopper-${u},phone,${u * 10},order\n`;
    csv += `shopper-${u},"case, clear",${u * 10 + 1},order\n`;
    csv += `shopper-${u},charger,${u * 10 + 2},add_to_cart\n`;
    csv += `shopper-${u},banner-${u},${u * 10 + 3},impression\n`;
  }
  for (let u = 0; u < 10; u++) csv += `reader-${u},novel,${u},order\nreader-${u},bookmark,${u + 1},order\n`;
  return csv;
}

describe('recs offline', () => {
  it('writes the top K for every user in train and context, conditioned on context, without seen items', () => {
    const train = file('train.csv', trainCsv());
    const context = file('context.csv', 'user_id,item_id,timestamp\nnewcomer,phone,1000\nreader-0,phone,1000\n');
    const out = join(dir, 'out.jsonl');
    const r = cli('offline', '--train', train, '--context', context, '--k', '2', '--exclude-seen', '--out', out, '--no-embed', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { user_id: string; items: string[] });
    expect(lines).toHaveLength(51);
    const by = new Map(lines.map((l) => [l.user_id, l.items]));
    // Learned from training only, but the newcomer's context (a phone) steers their page.
    expect(by.get('newcomer')).toEqual(['case, clear', 'charger']);
    expect(by.get('reader-0')).toEqual(['case, clear', 'charger']);
    // Impressions are not interest: nobody is sent a banner.
    for (const items of by.values()) expect(items.some((i) => i.startsWith('banner'))).toBe(false);
    expect(by.get('shopper-3')).toHaveLength(2);
    expect(by.get('shopper-3')).not.toContain('phone');
  });

  it('keeps seen items when not told to exclude them', () => {
    const train = file('train2.csv', 'user_id,item_id,timestamp\na,x,1\na,y,2\nb,x,1\nb,y,2\nb,z,3\n');
    const out = join(dir, 'out2.jsonl');
    expect(cli('offline', '--train', train, '--k', '3', '--out', out, '--no-embed', '--quiet').status).toBe(0);
    const a = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { user_id: string; items: string[] }).find((l) => l.user_id === 'a')!;
    expect(a.items).toHaveLength(3);
    expect(a.items).toEqual(expect.arrayContaining(['x', 'y', 'z']));
  });

  it('stops at malformed CSV with the file, the line and the reason, and a non-zero exit', () => {
    const bad = file('bad.csv', 'user_id,item_id,timestamp\nu,i,1\nu,i,1\nu,i\n');
    const r = cli('offline', '--train', bad, '--k', '5', '--out', join(dir, 'never.jsonl'));
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('bad.csv: line 4: expected 3 fields, got 2');
    const badCtx = file('badctx.csv', 'user_id,item_id,timestamp\nu,i,soon\n');
    const r2 = cli('offline', '--train', file('ok.csv', 'user_id,item_id,timestamp\nu,i,1\n'), '--context', badCtx, '--k', '5', '--out', join(dir, 'never.jsonl'));
    expect(r2.status).toBe(65);
    expect(r2.stderr).toContain('badctx.csv: line 2: timestamp "soon" is neither a number nor an ISO date');
  });

  it('refuses bad usage and missing files with their own exit codes', () => {
    expect(cli('offline', '--k', '5').status).toBe(2);
    expect(cli('offline', '--train', join(dir, 'nope.csv'), '--k', '5', '--out', join(dir, 'x')).status).toBe(66);
    const r = cli('offline', '--train', file('t.csv', 'user_id,item_id,timestamp\n'), '--k', 'ten', '--out', join(dir, 'x'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--k must be a whole number');
    expect(cli('teleport').status).toBe(2);
  });
});

describe('recs eval', () => {
  it('runs leave-one-out over a sequence file and prints HR and NDCG', () => {
    let text = '';
    for (let u = 0; u < 60; u++) text += `u${u} ${Array.from({ length: 6 }, (_, k) => `item${(u + k) % 12}`).join(' ')}\n`;
    const r = cli('eval', '--sequences', file('seq.txt', text), '--k', '1,5', '--no-embed');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as Record<string, number>;
    expect(out.users).toBe(60);
    expect(out['HR@5']).toBe(1);
    expect(out['NDCG@1']).toBeGreaterThan(0.9);
  });

  it('names the line of a malformed sequence', () => {
    const r = cli('eval', '--sequences', file('seqbad.txt', 'u1 a b c\nu2\n'));
    expect(r.status).toBe(65);
    expect(r.stderr).toContain('line 2: expected a user id followed by at least one item id');
  });
});
