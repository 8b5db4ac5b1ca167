import { cleanup } from '@testing-library/react';
// Not a React hook despite its name: it sets zod's locale once, as app.tsx does at launch.
import { useChineseValidationMessages as setChineseValidationMessages } from '@union/shared';
import { afterEach, beforeEach } from 'vitest';
import { taroTest } from './taro-mock';

setChineseValidationMessages();

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  taroTest.reset();
});

afterEach(() => {
  cleanup();
});
