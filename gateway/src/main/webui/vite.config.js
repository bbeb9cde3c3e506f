import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` talks to a gateway on :8080 (./plantwatch up); the production build is served by the gateway itself.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
  },
});
