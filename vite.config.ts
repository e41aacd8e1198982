import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // Our own service worker (src/sw.ts): we need Background Sync and routes we
      // choose, and `prompt` so a new version waits until the user agrees to update.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // The dashboard, export and admin chunks are only for district officers, exports and administrators:
        // they are cached at run time when first used, not precached for every phone. The .xlsx writer
        // is a chunk of its own, shared by the exports and the admin's import template. The QR reader
        // (jsQR, ≈ 46 KB gz) is only needed on the receiving phone where the browser has no built-in
        // detector (Chrome on Android has one), and the members screen only online: cached on first use.
        globIgnores: ['**/dashboard-*.{js,css}', '**/export-*.{js,css}', '**/admin-*.{js,css}', '**/ReorgScreen-*.{js,css}', '**/writeXlsxFileUniversal-*.js', '**/jsQR-*.js', '**/MembersScreen-*.{js,css}'],
      },
      manifest: {
        name: 'Sổ tay Đề án 06',
        short_name: 'Đề án 06',
        description: 'Ghi nhận, theo dõi và báo cáo các mô hình Đề án 06 ở xã, thôn — dùng được khi không có mạng.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#a61b1b',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: { target: 'es2020', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: {
    projects: [
      {
        extends: true,
        // A throwaway PostgreSQL, started by the first file that needs it (test/helpers/postgres.ts).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'], environment: 'node', globalSetup: ['test/helpers/postgres.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/helpers/component-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Each file in its own module graph (isolate, the default): sharing one (isolate: false)
          // saved ≈ 1 s a file but let a file's module state reach the next (the QR enrolment
          // test failed after the PWA test). After the other projects when run together.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
