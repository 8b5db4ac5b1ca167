/**
 * One database server for the whole run: the embedded jongodb, or the real
 * MongoDB named by MONGODB_URI (every test file then uses its own database).
 */
import type { TestProject } from 'vitest/node';
import './provided-context';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/db/embedded-mongo';

let embedded: EmbeddedMongo | null = null;

export async function setup(project: TestProject) {
  if (!process.env.MONGODB_URI) embedded = await startEmbeddedMongo();
  project.provide('mongoUri', process.env.MONGODB_URI ?? embedded!.uri);
}

export async function teardown() {
  await embedded?.stop();
}
