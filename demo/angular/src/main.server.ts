import { bootstrapApplication, type BootstrapContext } from '@angular/platform-browser';
import { App } from './app/app';
import { serverConfig } from './app/app.config.server';

// The server (here: the prerender at build time) imports the same component, and with it
// oz-liveness-elements, in Node with no DOM.
export default (context: BootstrapContext) => bootstrapApplication(App, serverConfig, context);
