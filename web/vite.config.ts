// The dashboard's build: one small bundle in web/dist, served by Rollcall at /
// (src/http/dashboard.ts). Hashed file names under assets/ are cached for a
// year; index.html is never cached. Each asset also gets .br and .gz copies,
// which the server sends to browsers that accept them (a quarter of the bytes).

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

function precompress(): Plugin {
  return {
    name: 'rollcall-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = join(options.dir ?? join(import.meta.dirname, 'dist'), 'assets');
      for (const name of readdirSync(dir).filter((f) => /\.(js|css|svg)$/.test(f))) {
        const source = readFileSync(join(dir, name));
        if (source.length < 1024) continue;
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(join(dir, `${name}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080', '/scim': 'http://127.0.0.1:8080', '/sso': 'http://127.0.0.1:8080' },
  },
});
