import { defineConfig } from 'vite';

// The console is served by Quarkus from the jar (META-INF/resources) under a strict CSP: no inline script or
// style, so no module-preload polyfill (Vite would inline it) and assets always as files, never data: URLs.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    // npm run dev: proxy the API to a satellite on this machine (docs/console.md).
    proxy: { '/api': { target: 'https://localhost:8443', secure: false } },
  },
});
