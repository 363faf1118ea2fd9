import { contractSuite } from './contract.mjs';

contractSuite('node-http');
