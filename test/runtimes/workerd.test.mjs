import { contractSuite } from './contract.mjs';

contractSuite('workerd');
