import { LitElement, css, html, nothing } from 'lit';
import type { CaseRun, ImportProgress, PipelineClient, StudyImport, StudyMaskSource, MaskChoice, Phase } from '../../pipeline/client.js';
import { caseSettings, ProfileMismatchError, SettingsFileError } from '../../pipeline/case-settings.js';
import { createRoiSaver, type ViewerModel } from '../../pipeline/roi-editing.js';
import { describeMaskFile, filesAt, linkedSlice, viewerModelFor } from '../../pipeline/imaging.js';
import type { Orientation } from '../../core/roi/slice-layout.js';
import type { Volume } from '../../core/volume.js';
import type { RoiSaver } from '../viewer/roi-saver.js';
import { fileStem } from '../download.js';
import { readPicked, type PickedFile } from './picked-files.js';
import type { MaskOption } from './wr-mask-picker.js';
import './wr-study-picker.js';
import './wr-series-table.js';
import './wr-mask-picker.js';
import '../viewer/index.js';
import './wr-imaging-features.js';
import type { ComputeRequest } from './wr-imaging-features.js';

type Step = 'import' | 'series' | 'mask' | 'features';
type SeriesSummary = StudyImport['series'][number];
type Extracted = CaseRun & { series: SeriesSummary; mask: { description: string; warnings: string[]; voxels: number } };

const PROGRESS_WORDS: Record<ImportProgress['phase'], string> = { 'reading-tags': 'Reading tags', sorting: 'Sorting', decoding: 'Decoding', checking: 'Checking' };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Images and ROI: import a DICOM study (folder, zip or files), see its series (modality, description, phase guess
 * the user can change, size, spacing, slices, problems by file), view a series, apply a SEG / RTSTRUCT / label map
 * of the study or a separate file, or draw the ROI, save it as DICOM SEG or NIfTI, and compute features on it.
 * Decoding and features run in the pipeline worker; the viewer model and savers come from pipeline/roi-editing.ts;
 * each error is shown at its step and nothing entered before it is lost.
 */
export class WrImagingPage extends LitElement {
  static override properties = {
    busy: { state: true },
    progress: { state: true },
    errors: { state: true },
    study: { state: true },
    seriesUid: { state: true },
    decoded: { state: true },
    model: { state: true },
    saver: { state: true },
    maskOptions: { state: true },
    maskInfo: { state: true },
    result: { state: true },
    compare: { state: true },
  };

  /** injected by the app shell */
  client?: PipelineClient;
  busy: Step | '' = '';
  progress?: ImportProgress;
  errors: Partial<Record<Step, string>> = {};
  study?: StudyImport;
  seriesUid = '';
  decoded?: { volume: Volume; warnings: string[]; series: SeriesSummary };
  model?: ViewerModel;
  saver?: RoiSaver;
  maskOptions: MaskOption[] = [];
  maskInfo?: { description: string; voxels: number; warnings: string[] };
  result?: Extracted;
  /** a second series shown beside the first, at the same patient position */
  compare?: { uid: string; model: ViewerModel; orientation: Orientation; slice: number };
  private picked: PickedFile[] = [];
  /** separate mask files by option key */
  private maskFiles = new Map<string, { path: string; bytes: Uint8Array }>();
  /** the mask applied last and the editor version right after: unedited, features use it as the CLI would */
  private applied?: { source: StudyMaskSource; choice: MaskChoice; version: number };

  static override styles = css`
    :host { display: block; }
    section { margin: 1rem 0; }
    h2 { font-size: 1.1rem; margin: 0.5rem 0; }
    [role='alert'] { border: 1px solid #b42318; background: #fef3f2; color: #7a1a12; padding: 0.5rem 0.8rem; border-radius: 4px; white-space: pre-wrap; margin: 0.4rem 0; }
    .row { display: flex; gap: 0.5rem 1rem; flex-wrap: wrap; align-items: center; }
    .note { color: #4a5565; }
    .side { display: flex; gap: 1rem; flex-wrap: wrap; align-items: flex-start; }
    .compare { display: flex; flex-direction: column; gap: 0.3rem; }
  `;

  private setError(step: Step, e?: unknown): void {
    this.errors = { ...this.errors, [step]: e === undefined ? undefined : message(e) };
  }

  private async work(step: Step, run: () => Promise<void>): Promise<void> {
    if (!this.client || this.busy) return;
    this.busy = step;
    this.setError(step);
    try {
      await run();
    } catch (e) {
      this.setError(step, e);
    } finally {
      this.busy = '';
      this.progress = undefined;
    }
  }

  private onProgress = (p: ImportProgress) => (this.progress = p);

  private async onFiles(e: CustomEvent<{ files: PickedFile[] }>): Promise<void> {
    await this.work('import', async () => {
      const files = e.detail.files;
      const study = await this.client!.importStudy(await readPicked(files), this.onProgress);
      this.picked = files;
      this.study = study;
      this.seriesUid = '';
      this.decoded = undefined;
      this.model = undefined;
      this.saver = undefined;
      this.result = undefined;
      this.maskInfo = undefined;
      this.maskFiles.clear();
      this.errors = {};
      this.maskOptions = await this.studyMaskOptions(study);
    });
  }

  /** The study's SEG and RTSTRUCT objects with their segments / ROIs (read from the header). */
  private async studyMaskOptions(study: StudyImport): Promise<MaskOption[]> {
    const objects = study.nonImage.filter((o) => o.kind === 'seg' || o.kind === 'rtstruct');
    if (!objects.length) return [];
    const all = await readPicked(this.picked);
    return objects.map((o) => {
      const option: MaskOption = { key: `study:${o.file}`, label: `${o.kind === 'seg' ? 'SEG' : 'RTSTRUCT'} ${o.file}${o.seriesDescription ? ` "${o.seriesDescription}"` : ''}`, kind: o.kind as 'seg' | 'rtstruct', items: [] };
      try {
        const [bytes] = filesAt(all, [o.file]);
        option.items = describeMaskFile({ path: o.file, bytes }).items;
      } catch (err) {
        option.error = message(err);
      }
      return option;
    });
  }

  private async onPhase(e: CustomEvent<{ seriesUid: string; phase: Phase }>): Promise<void> {
    if (!this.client || !this.study) return;
    try {
      const updated = await this.client.setSeriesPhase(e.detail.seriesUid, e.detail.phase);
      this.study = { ...this.study, series: this.study.series.map((s) => (s.seriesInstanceUid === updated.seriesInstanceUid ? updated : s)) };
    } catch (err) {
      this.setError('series', err);
    }
  }

  private async onSeries(e: CustomEvent<{ seriesUid: string }>): Promise<void> {
    await this.work('series', async () => {
      const decoded = await this.client!.decodeSeries(e.detail.seriesUid, this.onProgress);
      this.seriesUid = e.detail.seriesUid;
      this.decoded = decoded;
      this.compare = undefined;
      this.result = undefined;
      this.maskInfo = undefined;
      await this.showMask(undefined);
    });
  }

  /** A fresh viewer model on the decoded series with this mask, and its saver (DICOM SEG with the series' files). */
  private async showMask(mask: Volume | undefined): Promise<void> {
    this.applied = undefined;
    const d = this.decoded!;
    const model = viewerModelFor(d.volume, mask, d.series.modality);
    const stem = fileStem(`${d.series.description || `series-${d.series.seriesNumber ?? ''}`}-roi`);
    let saver: RoiSaver;
    try {
      saver = createRoiSaver(model, { stem, source: filesAt(await readPicked(this.picked), d.series.files) });
    } catch (err) {
      // Without the source series a SEG cannot reference it: NIfTI only, and say why.
      saver = createRoiSaver(model, { stem });
      this.setError('mask', `DICOM SEG unavailable for this series: ${message(err)}`);
    }
    this.model = model;
    this.saver = saver;
  }

  private maskSource(key: string): StudyMaskSource {
    if (key.startsWith('study:')) return { studyFile: key.slice('study:'.length) };
    return { file: this.maskFiles.get(key)! };
  }

  private async onMaskApply(e: CustomEvent<{ key: string; items: string[] }>): Promise<void> {
    const option = this.maskOptions.find((o) => o.key === e.detail.key);
    if (!option || !this.decoded) {
      this.setError('mask', 'Open a series first, then apply a mask to it.');
      return;
    }
    const choice: MaskChoice = option.kind === 'seg' ? { segments: e.detail.items.map(Number) } : option.kind === 'rtstruct' ? { rois: e.detail.items } : {};
    await this.work('mask', async () => {
      const loaded = await this.client!.decodeMask(this.seriesUid, this.maskSource(option.key), choice);
      await this.showMask(loaded.mask);
      this.applied = { source: this.maskSource(option.key), choice, version: this.model!.editor.version };
      this.maskInfo = { description: `${option.label}: ${loaded.description}`, voxels: loaded.voxels, warnings: loaded.warnings };
      this.result = undefined;
    });
  }

  private async onMaskFile(e: CustomEvent<{ file: File }>): Promise<void> {
    const file = e.detail.file;
    const input = { path: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    const key = `file:${file.name}`;
    const isLabelMap = /\.(nii|nii\.gz|nrrd|nhdr)$/i.test(file.name);
    const option: MaskOption = { key, label: `file ${file.name}`, kind: 'label-map', items: [] };
    if (!isLabelMap) {
      try {
        const contents = describeMaskFile(input);
        Object.assign(option, { kind: contents.kind, items: contents.items, label: `${contents.kind === 'seg' ? 'SEG' : 'RTSTRUCT'} file ${file.name}` });
      } catch (err) {
        option.error = message(err);
      }
    }
    this.maskFiles.set(key, input);
    this.maskOptions = [...this.maskOptions.filter((o) => o.key !== key), option];
    await this.updateComplete;
    const picker = this.renderRoot.querySelector('wr-mask-picker');
    if (picker) picker.current = key;
  }

  private async onEmptyMask(): Promise<void> {
    if (!this.decoded) {
      this.setError('mask', 'Open a series first.');
      return;
    }
    await this.showMask(undefined);
    this.maskInfo = undefined;
    this.result = undefined;
    this.setError('mask');
  }

  private async onCompare(e: Event): Promise<void> {
    const uid = (e.target as HTMLSelectElement).value;
    if (!uid) {
      this.compare = undefined;
      return;
    }
    await this.work('series', async () => {
      const d = await this.client!.decodeSeries(uid, this.onProgress);
      const model = viewerModelFor(d.volume, undefined, d.series.modality);
      const viewer = this.renderRoot.querySelector('wr-roi-editor')?.viewer;
      const orientation = viewer?.orientation ?? 'axial';
      const slice = viewer?.currentSlice ?? this.model!.middleSlice(orientation);
      this.compare = { uid, model, orientation, slice: linkedSlice(this.model!, model, orientation, slice) };
    });
  }

  /** The main viewer moved: the compared series follows to the same patient position. */
  private onMainSlice(e: CustomEvent<{ orientation: Orientation; slice: number }>): void {
    if (!this.compare || !this.model) return;
    const { orientation, slice } = e.detail;
    this.compare = { ...this.compare, orientation, slice: linkedSlice(this.model, this.compare.model, orientation, slice) };
  }

  private renderCompare() {
    const others = (this.study?.series ?? []).filter((s) => s.decodable && s.seriesInstanceUid !== this.seriesUid);
    if (!others.length) return nothing;
    const c = this.compare;
    return html`
      <div class="compare">
        <label>Compare with <select id="compare" ?disabled=${!!this.busy} @change=${this.onCompare}>
          <option value="" ?selected=${!c}>none</option>
          ${others.map((s) => html`<option value=${s.seriesInstanceUid} ?selected=${c?.uid === s.seriesInstanceUid}>${s.description || s.seriesInstanceUid} (${s.phase.phase})</option>`)}
        </select></label>
        ${c ? html`<wr-slice-viewer id="compare-viewer" box="320" .model=${c.model} .orientation=${c.orientation} .slice=${c.slice}></wr-slice-viewer>` : nothing}
      </div>
    `;
  }

  private async computeFeatures(e: CustomEvent<ComputeRequest>): Promise<void> {
    const { profile, backend, settingsFile } = e.detail;
    if (!this.saver || !this.decoded) {
      this.setError('features', 'Open a series and give it a ROI first.');
      return;
    }
    let settings;
    try {
      settings = caseSettings({ profile, file: settingsFile }).settings;
    } catch (err) {
      if (err instanceof SettingsFileError) this.setError('features', `${settingsFile?.name}: ${err.problems.join('; ')}`);
      else if (err instanceof ProfileMismatchError) this.setError('features', err.message);
      else throw err;
      return;
    }
    await this.work('features', async () => {
      const applied = this.applied;
      if (applied && applied.version === this.model?.editor.version) {
        // The mask as applied, unedited: from its file, exactly as `webradiomics extract --mask` reads it.
        this.result = await this.client!.extractSeries(this.seriesUid, applied.source, { backend, settings, choice: applied.choice });
        return;
      }
      // The ROI as drawn / edited, as a label map on the series' grid (NIfTI); features of label 1.
      const roi = await this.saver!.encode('nifti');
      this.result = await this.client!.extractSeries(this.seriesUid, { file: { path: roi.name, bytes: roi.bytes } }, { backend, settings, choice: { labels: [1] } });
    });
  }

  private error(step: Step) {
    const text = this.errors[step];
    return text ? html`<div role="alert" id="${step}-error">${text}</div>` : nothing;
  }

  private renderProgress() {
    const p = this.progress;
    if (!this.busy) return nothing;
    return html`<p class="row" role="status" id="progress">
      ${p ? html`${PROGRESS_WORDS[p.phase]} ${p.done} / ${p.total} <progress max=${p.total} .value=${p.done}></progress>` : html`Working…`}
    </p>`;
  }

  private renderViewer() {
    if (!this.decoded || !this.model) return nothing;
    const s = this.decoded.series;
    return html`
      <section id="viewer-section">
        <h2>${s.description || 'Series'} (${s.modality}, ${s.phase.phase})</h2>
        ${this.decoded.warnings.map((w) => html`<p class="note">Warning: ${w}</p>`)}
        <wr-mask-picker .options=${this.maskOptions} ?disabled=${!!this.busy} @wr-mask-apply=${this.onMaskApply} @wr-mask-file=${this.onMaskFile} @wr-mask-empty=${this.onEmptyMask}></wr-mask-picker>
        ${this.error('mask')}
        ${this.maskInfo
          ? html`<p id="mask-info" data-voxels=${this.maskInfo.voxels}>${this.maskInfo.description}: ${this.maskInfo.voxels} voxels.</p>
              ${this.maskInfo.warnings.map((w) => html`<p class="note">Warning: ${w}</p>`)}`
          : nothing}
        <div class="side">
          <wr-roi-editor .model=${this.model} .saver=${this.saver} @wr-roi-change=${() => (this.result = undefined)} @wr-slice-change=${this.onMainSlice}></wr-roi-editor>
          ${this.renderCompare()}
        </div>
      </section>
      <section id="features-section">
        <h2>Features of label 1</h2>
        <wr-imaging-features .result=${this.result} ?busy=${this.busy === 'features'} .error=${this.errors.features ?? ''} @wr-compute=${this.computeFeatures}></wr-imaging-features>
      </section>
    `;
  }

  override render() {
    return html`
      <section>
        <h2>Study</h2>
        <wr-study-picker ?disabled=${!!this.busy} @wr-study-files=${this.onFiles}></wr-study-picker>
        ${this.renderProgress()} ${this.error('import')}
        ${this.study
          ? html`<wr-series-table .study=${this.study} .selected=${this.seriesUid} ?disabled=${!!this.busy} @wr-series-select=${this.onSeries} @wr-phase-change=${this.onPhase}></wr-series-table>`
          : nothing}
        ${this.error('series')}
      </section>
      ${this.renderViewer()}
    `;
  }
}

customElements.define('wr-imaging-page', WrImagingPage);

declare global {
  interface HTMLElementTagNameMap {
    'wr-imaging-page': WrImagingPage;
  }
}
