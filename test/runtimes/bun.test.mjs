import { contractSuite } from './contract.mjs';

contractSuite('bun');
