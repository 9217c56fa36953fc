/** Page entry: the app element and its pipeline worker. */
import { PipelineClient } from './pipeline/client.js';
import './ui/wr-app.js';

const app = document.querySelector('wr-app');
if (app) app.client = new PipelineClient();
