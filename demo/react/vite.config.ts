import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the simulator and the backend route come from the kit's dev backend: run
// `npm start` in the repository root and point `server.proxy` at it, or use scripts/framework-e2e.mjs.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5174,
    proxy: { '/api': 'http://localhost:5173', '/simulator': 'http://localhost:5173' },
  },
});
