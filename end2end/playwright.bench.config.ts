import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make bench-spa`: the SPA benchmarks (bench/), each starting servers of its own; no webServer.
export default defineConfig({
  testDir: './bench',
  testMatch: /.*\.bench\.ts$/,
  timeout: 1_800_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { ...base.use, baseURL: undefined, trace: 'off' },
});
