/** The modelling worker: a thin comlink shell around researchApi (a worker of its own, so that a run can be cancelled by terminating it). */
import * as Comlink from 'comlink';
import { researchApi } from './research-api.js';

Comlink.expose(researchApi);
