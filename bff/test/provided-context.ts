/** What the global setup hands every test file (vitest's provide/inject), typed once for both sides. */
declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export {};
