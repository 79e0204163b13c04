import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { LazyChildLog } from './log.ts';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  return { log: pino({ level }, sink), lines };
}

describe('LazyChildLog', () => {
  it('writes what is at or above the level with the request bindings, and makes no child for what is not', async () => {
    const { log, lines } = capture('warn');
    const children = vi.spyOn(log, 'child');
    const child = new LazyChildLog(log, { reqId: 'r-1' }, {});
    child.info({ a: 1 }, 'not written');
    child.debug('not written either');
    expect(children).not.toHaveBeenCalled();
    child.warn({ b: 2 }, 'written');
    child.error('also written');
    expect(children).toHaveBeenCalledTimes(1);
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.msg, l.reqId, l.level])).toEqual([['written', 'r-1', 40], ['also written', 'r-1', 50]]);
    expect(lines[0]!.b).toBe(2);
    expect(child.level).toBe('warn');
  });

  it('follows a route level given to it, and a level set on it later', async () => {
    const { log, lines } = capture('warn');
    const child = new LazyChildLog(log, { reqId: 'r-2' }, { level: 'debug' });
    child.debug('route debug');
    child.trace('not at debug');
    child.level = 'error';
    child.warn('now below the level');
    child.child({ sub: true }).error('from a grandchild');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([['route debug', 'r-2'], ['from a grandchild', 'r-2']]);
  });
});
