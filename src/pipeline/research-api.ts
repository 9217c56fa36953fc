/**
 * What the modelling worker offers the page: inspect a cohort (issues, choices) and run the research workflow
 * off the main thread, with progress through a Comlink-proxied callback. Thin: all work is src/core/research.
 * Cancellation is the client's: it terminates this worker (a synchronous model fit cannot be interrupted).
 */
import type { ClinicalPredictor } from '../core/model/clinical-model.js';
import { inspectCohort, runResearch, type CohortInspection, type ResearchProgress, type ResearchRequest, type ResearchRunResult, type ResearchSource } from '../core/research/run.js';
import { TOOL_VERSION } from '../version.js';

export type { CohortInspection, ResearchProgress, ResearchRequest, ResearchRunResult, ResearchSource };

export const researchApi = {
  inspect(source: ResearchSource, predictors?: ClinicalPredictor[] | null): CohortInspection {
    return inspectCohort(source, predictors);
  },

  run(request: ResearchRequest, onProgress?: (p: ResearchProgress) => void): ResearchRunResult {
    return runResearch(request, { toolVersion: TOOL_VERSION, createdAt: new Date().toISOString(), onProgress });
  },
};

export type ResearchApi = typeof researchApi;
