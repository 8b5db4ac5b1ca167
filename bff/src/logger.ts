import pino from 'pino';

/**
 * Personal data never reaches the logs, whichever field it hides in. Request
 * bodies are not logged at all; these paths catch what code logs by mistake.
 */
const REDACTED_PATHS = [
  'idNumber',
  '*.idNumber',
  'mobile',
  '*.mobile',
  'name',
  '*.name',
  'password',
  '*.password',
  'token',
  '*.token',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'req.headers.authorization',
  'req.headers.cookie',
];

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'bff' } };
  return destination ? pino(options, destination) : pino(options);
}
