import { expect } from 'chai';
import { ResearchClient } from '../../src/pipeline/research-client.js';
import type { ResearchProgress } from '../../src/pipeline/research-client.js';
import { syntheticOutput } from './research-fixture.js';

// The real modelling worker (src/pipeline/research.worker.ts) under the test runner: runs off the main thread,
// reports progress through the Comlink proxy, and is cancelled by terminating it.
describe('ResearchClient with the modelling worker', () => {
  const client = new ResearchClient();
  after(() => client.terminate());

  it('inspects a cohort and names the file, row and column of a problem', async () => {
    const insp = await client.inspect({
      kind: 'tables',
      features: { name: 'f.csv', text: 'patient_id,a,b\nP1,1,2\nP2,x,3\n' },
      clinical: { name: 'c.csv', text: 'patient_id,response,age\nP1,PR,50\nP2,PD,60\n' },
    });
    expect(insp.ok).to.equal(false);
    expect(insp.issues.map((i) => i.message)).to.include('f.csv, row 3, column "a": "x" is not a number');
  });

  it('runs the synthetic cohort with progress and gives the numbers of the core', async () => {
    const seen: ResearchProgress[] = [];
    const r = await client.run({ source: { kind: 'synthetic' }, options: {} }, (p) => seen.push(p));
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    const ref = syntheticOutput();
    expect(r.output.summary.training.models).to.deep.equal(ref.summary.training.models);
    expect(r.output.summary.validation!.survival).to.deep.equal(ref.summary.validation!.survival);
    expect(r.output.modelFile.radiomics).to.deep.equal(ref.modelFile.radiomics);
    // progress arrives in order while the worker computes (delivery is asynchronous, so wait for the last)
    for (let i = 0; i < 50 && seen[seen.length - 1]?.stage !== 'done'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(seen.map((p) => p.step)).to.deep.equal(seen.map((_, k) => k));
    expect(seen.some((p) => /fold 10 of 10/.test(p.stage))).to.equal(true);
    expect(seen[seen.length - 1]).to.deep.equal({ stage: 'done', step: 17, steps: 17 });
  });

  it('cancels a running fit, and the next call starts a fresh worker', async () => {
    let started!: () => void;
    const running = new Promise<void>((res) => (started = res));
    const run = client.run({ source: { kind: 'synthetic' }, options: {} }, (p) => {
      if (p.step >= 2) started();
    });
    await running;
    client.cancel();
    let error: Error | undefined;
    try {
      await run;
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).to.equal('AbortError');
    const insp = await client.inspect({ kind: 'synthetic' });
    expect(insp.ok).to.equal(true);
    expect(insp.overview.nPatients).to.equal(240);
  });
});
