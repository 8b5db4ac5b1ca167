/**
 * The embedded default database: jongodb, a MongoDB-wire-compatible in-memory
 * server shipped as an npm binary. Used when MONGODB_URI is not set (development,
 * demo, tests). Data lives in memory only and is gone when the process stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface EmbeddedMongo {
  uri: string;
  stop(): Promise<void>;
}

const BINARY_PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu';

function findBinary(): string {
  const unsupported =
    `The embedded database (jongodb) has no binary for ${process.platform}-${process.arch}. ` +
    'Set MONGODB_URI to a MongoDB >= 6 replica set (内置数据库不支持此平台，请设置 MONGODB_URI).';
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(unsupported);
  try {
    const require = createRequire(import.meta.url);
    const binary = join(dirname(require.resolve(`${BINARY_PACKAGE}/package.json`)), 'bin', 'jongodb');
    if (existsSync(binary)) return binary;
  } catch {
    // fall through to the clear message below
  }
  throw new Error(unsupported);
}

/** `port`: 0 picks a free one; a test that restarts the database passes the port it had. */
export async function startEmbeddedMongo(port = 0): Promise<EmbeddedMongo> {
  const child: ChildProcess = spawn(
    findBinary(),
    ['--host=127.0.0.1', `--port=${port}`, '--topology-profile=singleNodeReplicaSet', '--replica-set-name=rs0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const uri = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`jongodb did not start in time: ${output}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /JONGODB_URI=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`jongodb exited with code ${code}: ${output}`));
    });
  });
  // Never outlive the process that started it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  return {
    uri,
    async stop() {
      process.off('exit', killChild);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
