import { contractSuite } from './contract.mjs';

contractSuite('deno');
