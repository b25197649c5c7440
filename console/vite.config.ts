import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/console by `npm run build`: the partner console (served at /console/) and the end
// user's connect page (served at /account/connect).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.join(import.meta.dirname, '..', 'dist', 'console'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: { console: path.join(import.meta.dirname, 'index.html'), connect: path.join(import.meta.dirname, 'connect.html') },
    },
  },
});
