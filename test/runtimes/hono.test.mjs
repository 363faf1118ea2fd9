import { contractSuite } from './contract.mjs';

contractSuite('hono');
