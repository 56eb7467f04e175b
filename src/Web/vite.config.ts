import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const apiProxy = {
  '/api': { target: process.env.SF_API ?? 'http://127.0.0.1:7071', changeOrigin: true },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: the benchmarks read which chunks and styles each page loads.
    manifest: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: apiProxy,
  },
  // Without SF_API, preview serves the build alone and /api answers 404, which the UI must survive.
  preview: {
    host: '127.0.0.1',
    proxy: process.env.SF_API ? apiProxy : {},
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
