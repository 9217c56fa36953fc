import { describe } from 'vitest';
import { ibsi2MapTests } from '../helpers/ibsi2-suite.js';

describe('IBSI 2 Laplacian of Gaussian (tests 2.a-2.c) vs reference response maps', () => {
  ibsi2MapTests('laplacian_of_gaussian');
});
