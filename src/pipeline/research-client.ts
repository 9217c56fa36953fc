/**
 * The page's handle on the modelling worker. The worker starts on first use; `cancel()` terminates it (a running
 * fit is synchronous and cannot be interrupted otherwise): the pending call rejects with an AbortError and the
 * next call starts a fresh worker. Progress arrives through a Comlink proxy while the worker computes.
 */
import * as Comlink from 'comlink';
import type { ClinicalPredictor } from '../core/model/clinical-model.js';
import type { CohortInspection, ResearchApi, ResearchProgress, ResearchRequest, ResearchRunResult, ResearchSource } from './research-api.js';

export type { CohortInspection, ResearchProgress, ResearchRequest, ResearchRunResult, ResearchSource };

export class ResearchCancelled extends Error {
  override name = 'AbortError';
  constructor() {
    super('the run was cancelled');
  }
}

export class ResearchClient {
  private worker?: Worker;
  private api?: Comlink.Remote<ResearchApi>;
  private readonly pending = new Set<(e: Error) => void>();

  private remote(): Comlink.Remote<ResearchApi> {
    if (!this.api) {
      this.worker = new Worker(new URL('./research.worker.ts', import.meta.url), { type: 'module', name: 'research' });
      this.api = Comlink.wrap<ResearchApi>(this.worker);
    }
    return this.api;
  }

  /** Races a worker call against cancel(). */
  private call<T>(work: (api: Comlink.Remote<ResearchApi>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      work(this.remote()).then(
        (v) => {
          this.pending.delete(reject);
          resolve(v);
        },
        (e) => {
          this.pending.delete(reject);
          reject(e);
        },
      );
    });
  }

  inspect(source: ResearchSource, predictors?: ClinicalPredictor[] | null): Promise<CohortInspection> {
    return this.call((api) => api.inspect(source, predictors ?? null));
  }

  run(request: ResearchRequest, onProgress?: (p: ResearchProgress) => void): Promise<ResearchRunResult> {
    return this.call((api) => api.run(request, onProgress ? Comlink.proxy(onProgress) : undefined) as Promise<ResearchRunResult>);
  }

  /** Stops whatever runs: pending calls reject with ResearchCancelled. */
  cancel(): void {
    this.stop();
    for (const reject of this.pending) reject(new ResearchCancelled());
    this.pending.clear();
  }

  terminate(): void {
    this.cancel();
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
  }
}
