/**
 * Whether an error means the database could not be reached (stopped, failing over, network
 * cut) rather than that a query was wrong: the request answers 503 and the member is asked to
 * try again, never a 500 carrying a driver message. Told by class name, walking `cause`, so
 * the driver copies mongoose and the app resolve are both recognised.
 */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

export function isDatabaseUnavailable(caught: unknown): boolean {
  for (let error = caught, depth = 0; error instanceof Error && depth < 5; depth += 1) {
    if (UNREACHABLE.has(error.name)) return true;
    // An insertMany whose batch never reached the server: the driver copies the selection or
    // network error's fields onto a bulk error with no write errors and no server code.
    const bulk = error as Error & { writeErrors?: unknown[]; code?: unknown };
    if (error.name === 'MongoBulkWriteError' && !bulk.writeErrors?.length && bulk.code === undefined) return true;
    // mongoose queues operations while disconnected and gives up after bufferTimeoutMS.
    if (error.name === 'MongooseError' && /buffering timed out/.test(error.message)) return true;
    error = error.cause;
  }
  return false;
}
