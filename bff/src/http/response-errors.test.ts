/** Koa's late errors: a client hanging up is a debug line, anything else an error with its stack. */
import { Writable } from 'node:stream';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { logResponseErrors } from './response-errors';

function reporter() {
  const records: { level: number; msg: string; code?: string; err?: { message: string; stack?: string } }[] = [];
  const sink = new Writable({
    write(line: Buffer, _encoding, done) {
      records.push(JSON.parse(line.toString('utf8')));
      done();
    },
  });
  const koa = new Koa();
  logResponseErrors(koa, createLogger('debug', sink));
  return { koa, records };
}

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('errors reported after the answer began', () => {
  it('logs a client hanging up (premature close, reset, broken pipe) at debug level only', () => {
    const { koa, records } = reporter();
    for (const code of ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']) {
      koa.emit('error', withCode(code));
    }
    expect(records.map((r) => [r.level, r.code])).toEqual([
      [20, 'ERR_STREAM_PREMATURE_CLOSE'],
      [20, 'ECONNRESET'],
      [20, 'EPIPE'],
      [20, 'ECONNABORTED'],
    ]);
  });

  it('logs anything else as an error with its stack', () => {
    const { koa, records } = reporter();
    koa.emit('error', withCode('EACCES'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 50, msg: 'response failed', err: { message: 'EACCES' } });
    expect(records[0]!.err!.stack).toContain('EACCES');
  });
});
