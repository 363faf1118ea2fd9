import { contractSuite } from './contract.mjs';

contractSuite('express');
