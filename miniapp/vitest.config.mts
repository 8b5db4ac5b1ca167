import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  resolve: {
    // Pages render Taro components as plain DOM and call Taro APIs as spies (see test/).
    alias: {
      '@tarojs/taro': here('./test/taro-mock.ts'),
      '@tarojs/components': here('./test/components-mock.tsx'),
    },
  },
  define: { API_BASE: JSON.stringify(''), DEMO_LOGIN: 'true' },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: [here('./test/setup.ts')],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
