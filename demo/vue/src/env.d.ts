// Types <oz-liveness-check> and <oz-result-banner> in templates (vue-tsc, the editor).
/// <reference types="oz-liveness-elements/vue" />
