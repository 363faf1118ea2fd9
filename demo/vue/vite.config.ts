import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      // <oz-liveness-check> and <oz-result-banner> are custom elements, not Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('oz-') } },
    }),
  ],
  // In development the simulator and the backend route come from the repository's `npm start`.
  server: { port: 5175, proxy: { '/api': 'http://localhost:5173', '/simulator': 'http://localhost:5173' } },
});
