/** The pipeline worker: a thin comlink shell around pipelineApi. */
import * as Comlink from 'comlink';
import { pipelineApi } from './pipeline-api.js';

Comlink.expose(pipelineApi);
