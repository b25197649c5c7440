import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/console by `npm run build`; Patchbay serves it at /console/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: path.join(import.meta.dirname, '..', 'dist', 'console'), emptyOutDir: true, sourcemap: true },
});
