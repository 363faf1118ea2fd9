import { svelte } from '@sveltejs/vite-plugin-svelte';
import { ozSimulator } from 'oz-liveness-elements/testing/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  // ozSimulator(): in `vite` (dev) and `vite preview`, the backend half's routes (/api/liveness/…) on the
  // simulated Oz API and the simulator's plugin script (/simulator/plugin_liveness.js). Development only.
  plugins: [svelte(), ozSimulator()],
  server: { port: 5176 },
});
