import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { bundlePluginScript } from '../demo/dev-backend.js';

const PLUGIN_SCRIPT_FILE = 'simulator/plugin_liveness.js';

/**
 * Serves the simulator plugin at `simulator/plugin_liveness.js`, as the demo does: `plugin-src`
 * points at it as at the real plugin, and the script's own query (`?scenario=&delay=`) picks the
 * simulated outcome. Served by the dev server, emitted into the static build.
 */
function simulatorPluginScript(): Plugin {
  return {
    name: 'oz-storybook-simulator-plugin-script',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!new URL(req.url ?? '/', 'http://x').pathname.endsWith(`/${PLUGIN_SCRIPT_FILE}`)) return next();
        // Bundled afresh on every request: edits to the simulator show on reload.
        bundlePluginScript({ minify: true }).then(
          (text) =>
            res
              .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
              .end(text),
          (err: unknown) => next(err),
        );
      });
    },
    async generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: PLUGIN_SCRIPT_FILE,
        source: await bundlePluginScript({ minify: true }),
      });
    },
  };
}

/**
 * Storybook for design review (docs/storybook.md). Controls and docs come from
 * custom-elements.json, which the `storybook` and `build-storybook` scripts regenerate first.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // simulated-network-sw.js: the slow network of the "loading the plugin" story.
  staticDirs: ['./public'],
  viteFinal: (vite) => ({
    ...vite,
    plugins: [...(vite.plugins ?? []), simulatorPluginScript()],
    logLevel: 'warn',
    build: {
      ...vite.build,
      // Storybook's own chunks are large; the kit's budget is `npm run size`, not this.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        ...vite.build?.rolldownOptions,
        checks: { ...vite.build?.rolldownOptions?.checks, pluginTimings: false },
      },
    },
  }),
};
export default config;
