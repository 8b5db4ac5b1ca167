/**
 * An answer already written as JSON bytes. The hottest endpoint (nearby stations) builds its
 * answer from fragments cached per station, instead of building objects for Koa to
 * stringify and encode on every request. The type parameter is the answer it stands for,
 * so a handler can only return bytes made for its own response schema; outside production
 * `mount` parses them back and checks them against that schema like any other answer.
 */
export class JsonBytes<T> {
  /** Never set: carries the answer's type. */
  declare readonly answerType?: T;

  constructor(readonly bytes: Buffer) {}

  parse(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }
}

/** What Koa sends for an object body, so both kinds of answer look alike on the wire. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
