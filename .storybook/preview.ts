import type { Preview } from '@storybook/web-components-vite';
import '../src/index.js';
import { OZ_LANGUAGES, OZ_LANGUAGE_NAMES } from '../src/i18n/index.js';
import { installSimulatedNetwork, type SimulatedNetwork } from '../stories/support/network.js';
import { manifestControls } from './manifest';

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // Violations fail the story in the UI's test status as they fail scripts/storybook-check.mjs.
    a11y: { test: 'error' },
    controls: { expanded: true },
    layout: 'padded',
  },
  globalTypes: {
    lang: {
      description: 'Language of the elements: sets <html lang>, which both elements follow',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        dynamicTitle: true,
        // Each language by its own name (the browser's Intl data names some of them in English).
        items: OZ_LANGUAGES.map((value) => ({ value, title: `${OZ_LANGUAGE_NAMES[value]} (${value})` })),
      },
    },
  },
  initialGlobals: { lang: 'en' },
  decorators: [
    (story, { globals }) => {
      document.documentElement.lang = typeof globals.lang === 'string' ? globals.lang : 'en';
      return story();
    },
  ],
  // The kit's backend requests go to the in-page backend while a story that asks for it is shown
  // (`parameters.ozNetwork`); the returned cleanup puts fetch and XMLHttpRequest back. A docs page
  // shows many stories at once: there, all of them get the plain simulator.
  beforeEach: ({ parameters, viewMode }) => {
    const network = parameters.ozNetwork as SimulatedNetwork | undefined;
    return network ? installSimulatedNetwork(viewMode === 'docs' ? {} : network) : undefined;
  },
  argTypesEnhancers: [manifestControls],
};
export default preview;
