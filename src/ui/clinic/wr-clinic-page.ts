import { LitElement, css, html, nothing } from 'lit';
import type { StudyImport } from '../../core/dicom/study.js';
import type { ModelFile, ModelSequence } from '../../core/model/model-file.js';
import { checkClinical, loadModel, missingSequences, seriesLabel, type ClinicalField } from '../../pipeline/clinic-inputs.js';
import type { BackendChoice, ScoreCaseProgress, ScoreRequest } from '../../pipeline/client.js';
import type { ClinicResult, ClinicStep, ScoreCaseFailure } from '../../pipeline/score-case.js';
import type { DicomInput } from '../../io/dicom/import-study.js';
import type { FileInput, StudyMaskSource } from '../../pipeline/client.js';
import { createRoiSaver, type ViewerModel } from '../../pipeline/roi-editing.js';
import { drawingModel, drawnRoi } from '../../pipeline/clinic-roi.js';
import type { Volume } from '../../core/volume.js';
import type { RoiSaver } from '../viewer/roi-saver.js';
import '../viewer/index.js';
import './wr-clinical-form.js';
import './wr-clinic-result.js';
import type { ClinicRunInputs } from './wr-clinic-result.js';
import { clinicStyles } from './styles.js';

/** The shipped demonstration: a model built on the synthetic cohort and one synthetic patient (public/demo/). */
export const CLINIC_DEMO = {
  model: 'demo/demo-model.json',
  patient: 'demo/patient/',
  mask: 'mask.nii.gz',
  clinical: 'clinical.json',
} as const;

/** What the page needs from the pipeline client (PipelineClient; a test may inject its own). */
export interface ClinicClient {
  scoreCase(request: ScoreRequest, onProgress?: (p: ScoreCaseProgress) => void): Promise<ClinicResult | ScoreCaseFailure>;
  importStudy(files: DicomInput[]): Promise<StudyImport>;
  /** decoders for drawing the ROI (PipelineClient has them; without them the page offers only the mask file) */
  decodeImage?(file: FileInput): Promise<Volume>;
  decodeSeries?(seriesUid: string): Promise<{ volume: Volume }>;
  decodeMask?(seriesUid: string, source: StudyMaskSource): Promise<{ mask: Volume }>;
}

/** A file the user chose or the demo fetched; read when the run starts, so it can be sent again. */
interface SourceFile {
  name: string;
  bytes: () => Promise<Uint8Array>;
}

const fromFile = (f: File): SourceFile => ({ name: f.name, bytes: async () => new Uint8Array(await f.arrayBuffer()) });
const fromBytes = (name: string, b: Uint8Array): SourceFile => ({ name, bytes: async () => b.slice() });

type StepErrors = Partial<Record<ClinicStep, string[]>>;

/**
 * The clinic workflow: a model file (the demonstration model preloaded, flagged synthetic), the study (one file per
 * sequence the model needs, or a DICOM folder with a series per sequence preselected by its phase guess), the ROI
 * (a mask file, or drawn with <wr-roi-editor> on the image of the model's first sequence, starting from the mask
 * file; "Use this ROI" makes it the mask file "drawn-roi.nii.gz"), the clinical form generated from the model, then
 * the run in the pipeline worker and the result with its printable report. A problem is shown at the step where it
 * is fixed; nothing entered is dropped (switching between file and drawing keeps both). No numeric logic here:
 * checks and scoring are src/core/clinic and the worker, the drawn mask pipeline/clinic-roi.ts.
 */
export class WrClinicPage extends LitElement {
  static override properties = {
    client: { attribute: false },
    model: { state: true },
    fields: { state: true },
    sequences: { state: true },
    modelName: { state: true },
    studyMode: { state: true },
    images: { state: true },
    study: { state: true },
    seriesChoice: { state: true },
    mask: { state: true },
    roiMode: { state: true },
    drawing: { state: true },
    drawingNote: { state: true },
    drawingLoading: { state: true },
    drawn: { state: true },
    clinicalValues: { state: true },
    clinicalErrors: { state: true },
    errors: { state: true },
    busy: { state: true },
    backend: { state: true },
    progress: { state: true },
    result: { state: true },
    inputs: { state: true },
  };

  client?: ClinicClient;
  model?: ModelFile;
  /** the model's clinical form and the sequences it needs */
  fields: ClinicalField[] = [];
  sequences: ModelSequence[] = [];
  modelName = '';
  studyMode: 'files' | 'dicom' = 'files';
  images: Record<string, SourceFile> = {};
  study?: StudyImport;
  seriesChoice: Record<string, string> = {};
  /** the mask file given (kept while drawing) */
  mask?: SourceFile;
  roiMode: 'file' | 'draw' = 'file';
  /** the drawing (kept while the mask file is used) and the drawn mask taken by "Use this ROI" */
  drawing?: ViewerModel;
  drawingNote?: string;
  drawingLoading = false;
  drawn?: SourceFile & { voxels: number; sequence: string };
  private drawingSaver?: RoiSaver;
  clinicalValues: Record<string, string> = {};
  clinicalErrors: Record<string, string> = {};
  errors: StepErrors = {};
  busy = false;
  backend: BackendChoice = 'auto';
  progress?: ScoreCaseProgress;
  result?: ClinicResult;
  inputs?: ClinicRunInputs;
  /** fetches the shipped demo files (a test may replace it) */
  fetchDemo: (path: string) => Promise<Uint8Array> = async (path) => {
    const r = await fetch(path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    return new Uint8Array(await r.arrayBuffer());
  };

  private demoModel?: Promise<void>;
  private readonly onHash = () => {
    if (/^#\/clinic\/demo$/.test(location.hash)) void this.runDemo();
  };

  static override styles = [
    clinicStyles,
    css`
      h2 { font-size: 1.2rem; margin: 0.5rem 0; }
      .actions { display: flex; gap: 0.75rem; align-items: center; margin: 0.6rem 0; flex-wrap: wrap; }
      progress { width: 14rem; }
      .model-meta { font-size: 0.9rem; }
      @media print {
        .steps, h2.page-title, .intro { display: none; }
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.demoModel ??= this.loadDemoModel();
    if (/^#\/clinic\/demo$/.test(location.hash)) void this.runDemo();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  override render() {
    const e = this.errors;
    const state = (s: ClinicStep, done: boolean) => (e[s]?.length ? 'error' : done ? 'done' : 'todo');
    const seqs = this.sequences;
    return html`
      <h2 class="page-title">Apply a model to one patient</h2>
      <p class="hint intro no-print">Everything runs on this device; nothing is stored unless you save or print the report.</p>
      <div class="steps">
        <fieldset id="step-model" data-state=${state('model', !!this.model)}>
          <legend>1. Model</legend>
          ${this.renderModel()}
        </fieldset>
        <fieldset id="step-study" data-state=${state('study', seqs.length > 0 && missingSequences(this.model!, this.givenSequences()).length === 0)}>
          <legend>2. Study: one image per sequence the model needs</legend>
          ${this.renderStudy(seqs)}
        </fieldset>
        <fieldset id="step-roi" data-state=${state('roi', !!this.roiMask())}>
          <legend>3. Tumour ROI</legend>
          ${this.renderRoi()}
          ${this.renderErrors('roi')}
        </fieldset>
        <fieldset id="step-clinical" data-state=${state('clinical', !!this.model && checkClinical(this.model, this.clinicalValues).ok)}>
          <legend>4. Clinical values</legend>
          <wr-clinical-form .fields=${this.fields} .values=${this.clinicalValues} .errors=${this.clinicalErrors} ?disabled=${this.busy} @clinical-change=${this.onClinical}></wr-clinical-form>
          ${this.renderErrors('clinical')}
        </fieldset>
        <div class="actions" id="step-run">
          <label for="clinic-backend">Compute on</label>
          <select id="clinic-backend" ?disabled=${this.busy} @change=${(ev: Event) => (this.backend = (ev.target as HTMLSelectElement).value as BackendChoice)}>
            <option value="auto">GPU if available, else CPU</option>
            <option value="gpu">GPU (WebGPU)</option>
            <option value="cpu">CPU</option>
          </select>
          <button type="button" id="run-clinic" ?disabled=${this.busy || !this.model} @click=${() => this.run()}>Run</button>
          <button type="button" id="clinic-demo-run" class="secondary" ?disabled=${this.busy} @click=${() => this.runDemo()}>Run the demo patient</button>
          ${this.busy ? html`<span role="status" id="progress">${this.progressText()}</span>` : nothing}
        </div>
        ${this.renderErrors('run')}
      </div>
      <wr-clinic-result .result=${this.result} .inputs=${this.inputs}></wr-clinic-result>
    `;
  }

  private renderErrors(step: ClinicStep) {
    const list = this.errors[step];
    if (!list?.length) return nothing;
    return html`<div role="alert" id=${`${step}-error`}>${list.length === 1 ? list[0] : html`<ul>${list.map((p) => html`<li>${p}</li>`)}</ul>`}</div>`;
  }

  private renderModel() {
    const m = this.model;
    return html`
      <div class="grid">
        <label for="model-file">Model file (JSON)</label>
        <input id="model-file" type="file" accept=".json,application/json" ?disabled=${this.busy} @change=${this.onModelFile} />
      </div>
      ${m
        ? html`<div class="model-meta" id="model-info">
            ${m.provenance.syntheticData ? html`<p class="synthetic" id="model-synthetic">Trained on SYNTHETIC data: demonstration only, not for clinical use.</p>` : nothing}
            <p>
              <strong id="model-name">${this.modelName}</strong>: ${m.provenance.toolName} ${m.provenance.toolVersion}, created ${m.provenance.createdAt}, model file schema version ${m.schemaVersion}.<br />
              Predicts ${m.endpoint.positive}; ${m.provenance.cohort.nTraining} training and ${m.provenance.cohort.nValidation} validation patients (${m.provenance.cohort.split}).<br />
              Intended use: <span id="model-intended-use">${m.provenance.intendedUse}</span>.<br />
              Cohort: ${m.provenance.cohort.description}.
            </p>
          </div>`
        : html`<p class="hint">Loading the demonstration model…</p>`}
      ${this.renderErrors('model')}
    `;
  }

  private renderRoi() {
    const drawable = !!this.client?.decodeImage || !!this.client?.decodeSeries;
    const first = this.sequences[0]?.name || 'the first';
    return html`
      ${drawable
        ? html`<div class="actions">
            <label><input type="radio" name="roi-mode" id="roi-mode-file" .checked=${this.roiMode === 'file'} ?disabled=${this.busy} @change=${() => this.setRoiMode('file')} /> Mask file</label>
            <label><input type="radio" name="roi-mode" id="roi-mode-draw" .checked=${this.roiMode === 'draw'} ?disabled=${this.busy} @change=${() => this.setRoiMode('draw')} /> Draw the ROI</label>
          </div>`
        : nothing}
      <div class="grid">
        <label for="mask">Mask (NIfTI / NRRD label map${this.studyMode === 'dicom' ? ', DICOM SEG or RTSTRUCT' : ''})</label>
        <div><input id="mask" type="file" ?disabled=${this.busy} @change=${this.onMask} /> <span id="mask-name">${this.mask?.name ?? ''}</span></div>
      </div>
      <p class="hint">The mask must lie on the grid of every sequence (co-registered images). Label: the model's settings (PyRadiomics default 1).</p>
      ${this.roiMode === 'draw'
        ? html`<div id="roi-draw">
            <p class="hint">Draw the tumour with the Brush (label 1) on the ${first} image${this.mask ? html`, starting from <strong>${this.mask.name}</strong>` : nothing}; the other sequences must lie on the same grid.</p>
            <div class="actions">
              <button type="button" id="roi-draw-load" class="secondary" ?disabled=${this.busy || this.drawingLoading} @click=${() => this.startDrawing()}>${this.drawing ? `Start again from ${this.mask ? 'the mask file' : 'an empty ROI'}` : `Open the ${first} image`}</button>
              ${this.drawingLoading ? html`<span role="status" id="roi-draw-loading">Decoding the ${first} image…</span>` : nothing}
            </div>
            ${this.drawingNote ? html`<p class="note" id="roi-draw-note">${this.drawingNote}</p>` : nothing}
            ${this.drawing
              ? html`<wr-roi-editor .model=${this.drawing} .saver=${this.drawingSaver} @wr-roi-change=${() => (this.drawn = undefined)}></wr-roi-editor>
                  <div class="actions">
                    <button type="button" id="roi-draw-use" ?disabled=${this.busy} @click=${() => this.useDrawing()}>Use this ROI</button>
                    <span id="roi-drawn" data-voxels=${this.drawn?.voxels ?? ''}>${this.drawn ? `${this.drawn.name}: ${this.drawn.voxels} voxels on the ${this.drawn.sequence} image` : 'not used yet: press "Use this ROI" when the drawing is done'}</span>
                  </div>`
              : nothing}
          </div>`
        : nothing}
    `;
  }

  /** The ROI the run uses: the mask file, or the drawn one once "Use this ROI" was pressed. */
  private roiMask(): (SourceFile & { voxels?: number; sequence?: string }) | undefined {
    return this.roiMode === 'file' ? this.mask : this.drawn;
  }

  private setRoiMode(mode: 'file' | 'draw') {
    this.roiMode = mode;
    this.setErrors('roi', undefined);
    if (mode === 'draw' && !this.drawing && !this.drawingLoading) void this.startDrawing();
  }

  /** Decodes the first sequence's image (and the mask file, as the start) in the worker and opens the editor on it. */
  private async startDrawing(): Promise<void> {
    const c = this.client;
    const seq = this.sequences[0];
    if (!c || !seq) return;
    this.drawingLoading = true;
    this.setErrors('roi', undefined);
    try {
      const maskInput = this.mask ? { name: this.mask.name, bytes: await this.mask.bytes() } : undefined;
      let image: Volume;
      let start: Volume | undefined;
      if (this.studyMode === 'files') {
        const f = this.images[seq.name];
        if (!f) throw new Error(`give the ${seq.name || 'first'} image at step 2 first: the ROI is drawn on it`);
        image = await c.decodeImage!({ name: f.name, bytes: await f.bytes() });
        if (maskInput) start = await c.decodeImage!(maskInput);
      } else {
        const uid = this.seriesChoice[seq.name];
        if (!uid) throw new Error(`choose the ${seq.name} series at step 2 first: the ROI is drawn on it`);
        image = (await c.decodeSeries!(uid)).volume;
        if (maskInput) start = (await c.decodeMask!(uid, { file: { path: maskInput.name, bytes: maskInput.bytes } })).mask;
      }
      const d = drawingModel(image, start, this.mask?.name);
      this.drawing = d.model;
      this.drawingNote = d.note;
      this.drawingSaver = createRoiSaver(d.model, { stem: 'drawn-roi' });
      this.drawn = undefined;
    } catch (err) {
      this.setErrors('roi', [`the ROI cannot be drawn: ${(err as Error).message}`]);
    } finally {
      this.drawingLoading = false;
    }
  }

  /** "Use this ROI": the drawing becomes the mask file of the run; an empty drawing is refused here. */
  useDrawing(): boolean {
    if (!this.drawing) return false;
    const r = drawnRoi(this.drawing);
    if (!r.ok) {
      this.drawn = undefined;
      this.setErrors('roi', [r.problem]);
      return false;
    }
    this.drawn = { ...fromBytes(r.name, r.bytes), voxels: r.voxels, sequence: this.sequences[0]?.name ?? '' };
    this.setErrors('roi', undefined);
    return true;
  }

  private renderStudy(seqs: ModelSequence[]) {
    return html`
      <div class="actions">
        <label><input type="radio" name="study-mode" id="mode-files" .checked=${this.studyMode === 'files'} @change=${() => (this.studyMode = 'files')} /> NIfTI / NRRD files</label>
        <label><input type="radio" name="study-mode" id="mode-dicom" .checked=${this.studyMode === 'dicom'} @change=${() => (this.studyMode = 'dicom')} /> DICOM folder</label>
      </div>
      ${this.studyMode === 'files'
        ? html`<div class="grid">
            ${seqs.map(
              (s) => html`<label for=${`image-${s.name}`}>${s.name || 'Image'}: ${s.description}</label>
                <div><input id=${`image-${s.name}`} type="file" accept=".nii,.nii.gz,.gz,.nrrd" ?disabled=${this.busy} @change=${(ev: Event) => this.onImage(s.name, ev)} />
                  <span data-image-name=${s.name}>${this.images[s.name]?.name ?? ''}</span></div>`,
            )}
          </div>`
        : html`<div class="grid">
            <label for="dicom">DICOM folder</label>
            <input id="dicom" type="file" webkitdirectory multiple ?disabled=${this.busy} @change=${this.onDicom} />
            ${this.study
              ? seqs.map(
                  (s) => html`<label for=${`series-${s.name}`}>${s.name}: ${s.description}</label>
                    <select id=${`series-${s.name}`} ?disabled=${this.busy} @change=${(ev: Event) => (this.seriesChoice = { ...this.seriesChoice, [s.name]: (ev.target as HTMLSelectElement).value })}>
                      <option value="" ?selected=${!this.seriesChoice[s.name]}>choose a series…</option>
                      ${this.study!.series.map((x) => html`<option value=${x.seriesInstanceUid} ?selected=${this.seriesChoice[s.name] === x.seriesInstanceUid}>${seriesLabel(x)} [${x.phase.phase}${x.phase.phase === s.phase ? ', preselected by phase' : ''}]</option>`)}
                    </select>`,
                )
              : nothing}
          </div>`}
      ${this.renderErrors('study')}
    `;
  }

  private givenSequences(): string[] {
    return this.studyMode === 'files' ? Object.keys(this.images) : Object.entries(this.seriesChoice).filter(([, v]) => v).map(([k]) => k);
  }

  private progressText() {
    const p = this.progress;
    if (!p) return 'Starting…';
    return p.step === 'extract' ? html`<progress max=${p.total} .value=${p.done}></progress> extracting ${p.sequence || 'the image'} (${p.done + 1} of ${p.total})` : 'scoring…';
  }

  private setErrors(step: ClinicStep, problems: string[] | undefined) {
    this.errors = { ...this.errors, [step]: problems };
  }

  private async loadDemoModel(): Promise<void> {
    try {
      const text = new TextDecoder().decode(await this.fetchDemo(CLINIC_DEMO.model));
      if (!this.model) this.useModel(text, 'Demonstration model (demo-model.json)');
    } catch (err) {
      if (!this.model) this.setErrors('model', [`the demonstration model could not be loaded: ${(err as Error).message}`]);
    }
  }

  /** Parses and takes a model; on problems the previous model stays. */
  private useModel(text: string, name: string): boolean {
    const loaded = loadModel(text);
    if (!loaded.ok) {
      const keep = this.model ? [`${name} was not loaded; still using ${this.modelName}.`] : [];
      this.setErrors('model', [`${name} is not a valid model file:`, ...loaded.problems, ...keep]);
      return false;
    }
    this.model = loaded.model;
    this.fields = loaded.fields;
    this.sequences = loaded.sequences;
    this.modelName = name;
    this.setErrors('model', undefined);
    this.result = undefined;
    return true;
  }

  private async onModelFile(ev: Event) {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (f) this.useModel(await f.text(), f.name);
  }

  private onImage(sequence: string, ev: Event) {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (!f) return;
    this.images = { ...this.images, [sequence]: fromFile(f) };
    this.setErrors('study', undefined);
  }

  private onMask(ev: Event) {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (!f) return;
    this.mask = fromFile(f);
    this.setErrors('roi', undefined);
  }

  private async onDicom(ev: Event) {
    const files = [...((ev.target as HTMLInputElement).files ?? [])];
    if (!this.client || files.length === 0) return;
    this.busy = true;
    try {
      const inputs = await Promise.all(files.map(async (f) => ({ path: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      this.study = await this.client.importStudy(inputs);
      const choice: Record<string, string> = {};
      for (const s of this.sequences) {
        const match = this.study.series.find((x) => x.phase.phase === s.phase);
        if (match) choice[s.name] = match.seriesInstanceUid;
      }
      this.seriesChoice = choice;
      this.setErrors('study', undefined);
    } catch (err) {
      this.setErrors('study', [(err as Error).message]);
    } finally {
      this.busy = false;
    }
  }

  private onClinical(ev: CustomEvent<{ variable: string; value: string }>) {
    const { variable, value } = ev.detail;
    this.clinicalValues = { ...this.clinicalValues, [variable]: value };
    // an entered value is checked at once; a missing one only when the run starts
    const v = this.model ? checkClinical(this.model, this.clinicalValues) : undefined;
    const errors = { ...this.clinicalErrors };
    if (v?.errors[variable] && value !== '') errors[variable] = v.errors[variable];
    else delete errors[variable];
    this.clinicalErrors = errors;
    if (Object.keys(errors).length === 0) this.setErrors('clinical', undefined);
  }

  /** Checks every step; returns false (errors shown at their steps) when something is missing. */
  private check(): boolean {
    const errors: StepErrors = {};
    const m = this.model;
    if (!m) errors.model = ['load a model file first'];
    else {
      const missing = missingSequences(m, this.givenSequences());
      if (missing.length) errors.study = missing;
      if (this.roiMode === 'draw' && !this.drawn) errors.roi = [this.drawing ? 'press "Use this ROI" to take the drawing (it changed or was not used yet), or choose "Mask file"' : 'draw the ROI on the images, or choose "Mask file"'];
      else if (!this.roiMask()) errors.roi = ['give the tumour ROI: a mask file'];
      const v = checkClinical(m, this.clinicalValues);
      this.clinicalErrors = v.errors;
      if (!v.ok) errors.clinical = [`${Object.keys(v.errors).length} clinical value${Object.keys(v.errors).length > 1 ? 's are' : ' is'} missing or out of range (see above)`];
    }
    // a refused model file stays reported while the previous model is in use
    this.errors = { ...errors, ...(m && this.errors.model ? { model: this.errors.model } : {}) };
    return Object.keys(errors).length === 0;
  }

  async run(): Promise<void> {
    if (!this.check() || !this.client || !this.model) {
      await this.updateComplete;
      this.renderRoot.querySelector('[data-state="error"]')?.scrollIntoView({ block: 'center' });
      return;
    }
    const m = this.model;
    this.busy = true;
    this.progress = undefined;
    this.errors = {};
    try {
      const seqs = this.sequences;
      const roi = this.roiMask()!;
      const maskBytes = await roi.bytes();
      const request: ScoreRequest = {
        model: m,
        images: await Promise.all(
          seqs.map(async (s) =>
            this.studyMode === 'files' ? { sequence: s.name, source: { file: { name: this.images[s.name].name, bytes: await this.images[s.name].bytes() } } } : { sequence: s.name, source: { seriesUid: this.seriesChoice[s.name] } },
          ),
        ),
        masks: [{ sequence: '', source: { file: { path: roi.name, bytes: maskBytes } } }],
        clinical: { ...this.clinicalValues },
        backend: this.backend,
      };
      const r = await this.client.scoreCase(request, (p) => (this.progress = p));
      if (!r.ok) {
        this.setErrors(r.step, r.problems);
        this.result = undefined;
        return;
      }
      this.result = r;
      this.inputs = {
        modelName: this.modelName,
        studyDescription: this.studyMode === 'files' ? seqs.map((s) => `${s.name || 'image'}: ${this.images[s.name].name}`).join('; ') : `DICOM study, series ${seqs.map((s) => `${s.name}: ${this.seriesChoice[s.name]}`).join('; ')}`,
        roiName: roi.voxels !== undefined ? `${roi.name} (drawn on the ${roi.sequence} image, ${roi.voxels} voxels)` : roi.name,
        settingsText: JSON.stringify(seqs.some((s) => s.settings) ? Object.fromEntries(seqs.map((s) => [s.name, s.settings ?? m.extractionSettings])) : m.extractionSettings),
        computedAt: new Date().toISOString(),
      };
    } catch (err) {
      this.setErrors('run', [(err as Error).message ?? String(err)]);
    } finally {
      this.busy = false;
      this.progress = undefined;
    }
  }

  /** The shipped demo: the demonstration model, the synthetic patient's sequences, mask and clinical values, then run. */
  async runDemo(): Promise<void> {
    if (this.busy) return;
    if (/^#\/clinic\/demo$/.test(location.hash)) history.replaceState(null, '', '#/clinic');
    try {
      const text = new TextDecoder().decode(await this.fetchDemo(CLINIC_DEMO.model));
      if (!this.useModel(text, 'Demonstration model (demo-model.json)')) return;
      const seqs = this.sequences;
      const images: Record<string, SourceFile> = {};
      for (const s of seqs) images[s.name] = fromBytes(`${s.name}.nii.gz`, await this.fetchDemo(`${CLINIC_DEMO.patient}${s.name}.nii.gz`));
      const mask = fromBytes(CLINIC_DEMO.mask, await this.fetchDemo(`${CLINIC_DEMO.patient}${CLINIC_DEMO.mask}`));
      const clinical = JSON.parse(new TextDecoder().decode(await this.fetchDemo(`${CLINIC_DEMO.patient}${CLINIC_DEMO.clinical}`))) as Record<string, unknown>;
      this.studyMode = 'files';
      this.images = images;
      this.mask = mask;
      this.roiMode = 'file';
      this.clinicalValues = Object.fromEntries(Object.entries(clinical).map(([k, v]) => [k, v === null ? '' : String(v)]));
      this.clinicalErrors = {};
    } catch (err) {
      this.setErrors('run', [`the demo files could not be loaded: ${(err as Error).message}`]);
      return;
    }
    await this.run();
  }
}

customElements.define('wr-clinic-page', WrClinicPage);

declare global {
  interface HTMLElementTagNameMap {
    'wr-clinic-page': WrClinicPage;
  }
}
