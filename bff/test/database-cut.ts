/**
 * A loopback proxy in front of the test database that can make the database "die" at an exact
 * step of a request: before its n-th write reaches the server, or after the server applied it
 * but before the answer gets back. It reads just enough of the MongoDB wire protocol (message
 * length, OP_MSG's command name and collection) to count writes; everything else passes through.
 * Once cut, every connection is dropped and new ones are refused until `restore()`, which is
 * what the driver sees when a database host stops.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';

const OP_MSG = 2013;
/** The legacy pair the driver still uses for a connection's first handshake. */
const OP_QUERY = 2004;
const OP_REPLY = 1;
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
const HANDSHAKES = new Set(['hello', 'isMaster', 'ismaster']);
const CHECKSUM_PRESENT = 1;
/** Infrastructure written on timers (leases, rate windows, figure counters) is not a step of a request. */
const UNCOUNTED_COLLECTIONS = /^(jobleases|ratewindows|figure)/i;

export interface CutPlan {
  /** 1-based: the write at which the database dies. */
  atWrite: number;
  /** true: the server applies that write and dies before answering; false: it never sees it. */
  afterApplying: boolean;
}

export interface DatabaseCut {
  /** A connection string for the proxy (direct connection to the primary behind it). */
  uri: string;
  /** Arms a cut for the writes that follow; counting starts at zero. */
  arm(plan: CutPlan): void;
  /** Whether the armed cut happened, and the counted writes since `arm`, e.g. "insert vouchers". */
  readonly fired: boolean;
  readonly writes: readonly string[];
  /** The database is reachable again (and nothing is armed). */
  restore(): void;
  stop(): Promise<void>;
}

interface Command {
  name: string;
  collection: string;
  requestId: number;
}

/** The command of a complete OP_MSG whose first section is a body (kind 0); null otherwise. */
function commandOf(message: Buffer): Command | null {
  if (message.readInt32LE(12) !== OP_MSG || message[20] !== 0) return null;
  const elementType = message[25];
  const keyEnd = message.indexOf(0, 26);
  const name = message.toString('utf8', 26, keyEnd);
  let collection = '';
  if (elementType === 0x02) {
    const length = message.readInt32LE(keyEnd + 1);
    collection = message.toString('utf8', keyEnd + 5, keyEnd + 5 + length - 1);
  }
  return { name, collection, requestId: message.readInt32LE(4) };
}

/** Splits a byte stream into whole wire messages. */
function framer(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (pending.length < length) return;
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

/** host:port of the primary the given connection string reaches (a replica set's or jongodb's own). */
async function primaryOf(uri: string): Promise<{ host: string; port: number }> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    const hello = await client.db('admin').command({ hello: 1 });
    const address = String(hello.primary ?? hello.me ?? new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).host);
    const [host, port] = address.split(':');
    return { host: host!, port: Number(port ?? 27017) };
  } finally {
    await client.close();
  }
}

function proxyUri(original: string, port: number): string {
  const url = new URL(original.replace(/^mongodb(\+srv)?:/, 'http:'));
  url.host = `127.0.0.1:${port}`;
  return url.toString().replace(/^http:/, 'mongodb:');
}

/**
 * A hello answer naming the proxy where the server named itself, so the driver (which follows a
 * replica set's own host list) keeps talking through the proxy. A direct connection would avoid
 * this, but it reads with primaryPreferred, which jongodb refuses.
 */
function renameHost(reply: Buffer, from: string, to: string): Buffer {
  const opCode = reply.readInt32LE(12);
  if (opCode !== OP_MSG && opCode !== OP_REPLY) return reply;
  if (opCode === OP_MSG && reply[20] !== 0) return reply;
  // OP_MSG: flags, section kind, document; OP_REPLY: flags, cursor id, start, count, document.
  const start = opCode === OP_MSG ? 21 : 36;
  const { BSON } = mongoose.mongo;
  const hello = BSON.deserialize(reply.subarray(start, start + reply.readInt32LE(start)));
  const rename = (address: unknown) => (address === from ? to : address);
  for (const list of ['hosts', 'passives', 'arbiters'] as const)
    if (Array.isArray(hello[list])) hello[list] = hello[list].map(rename);
  for (const field of ['primary', 'me'] as const) if (field in hello) hello[field] = rename(hello[field]);
  const body = BSON.serialize(hello);
  const header = Buffer.from(reply.subarray(0, start));
  header.writeInt32LE(start + body.length, 0);
  if (opCode === OP_MSG) header.writeUInt32LE(reply.readUInt32LE(16) & ~CHECKSUM_PRESENT, 16);
  return Buffer.concat([header, body]);
}

export async function startDatabaseCut(databaseUri: string): Promise<DatabaseCut> {
  const primary = await primaryOf(databaseUri);
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sockets = new Set<Socket>();
  let down = false;
  let plan: CutPlan | null = null;
  let fired = false;
  let writes: string[] = [];
  let awaitingReplyTo: number | null = null;

  const cut = () => {
    down = true;
    fired = true;
    plan = null;
    awaitingReplyTo = null;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  server.on('connection', (client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(primary.port, primary.host);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);

    const handshakes = new Set<number>();
    client.on(
      'data',
      framer((message) => {
        if (down) return;
        const command = commandOf(message);
        if ((command && HANDSHAKES.has(command.name)) || message.readInt32LE(12) === OP_QUERY)
          handshakes.add(message.readInt32LE(4));
        if (plan && command && WRITE_COMMANDS.has(command.name) && !UNCOUNTED_COLLECTIONS.test(command.collection)) {
          writes.push(`${command.name} ${command.collection}`);
          if (writes.length === plan.atWrite) {
            if (!plan.afterApplying) return cut();
            awaitingReplyTo = command.requestId;
          }
        }
        upstream.write(message);
      }),
    );
    upstream.on(
      'data',
      framer((message) => {
        if (down) return;
        const replyTo = message.readInt32LE(8);
        if (awaitingReplyTo !== null && replyTo === awaitingReplyTo) return cut();
        if (handshakes.delete(replyTo)) {
          client.write(renameHost(message, `${primary.host}:${primary.port}`, `127.0.0.1:${port}`));
        } else {
          client.write(message);
        }
      }),
    );
  });

  return {
    uri: proxyUri(databaseUri, port),
    arm(next) {
      plan = next;
      fired = false;
      writes = [];
      awaitingReplyTo = null;
    },
    get fired() {
      return fired;
    },
    get writes() {
      return writes;
    },
    restore() {
      plan = null;
      down = false;
    },
    async stop() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
