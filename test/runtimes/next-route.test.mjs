import { contractSuite } from './contract.mjs';

contractSuite('next-route');
