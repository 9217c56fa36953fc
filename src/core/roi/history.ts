/**
 * Undo/redo for a label mask as compact diffs: the storage indices an edit changed, with the values before and
 * after (6 bytes per changed voxel). The history is bounded both in steps and in bytes; the oldest steps go first.
 */

export interface MaskDiff {
  /** what the edit was, e.g. "brush" */
  label: string;
  indices: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
}

/**
 * Collects the changes of one edit: the first value seen at each index is its value before the edit. Indices and
 * old values go to growing typed arrays, with a bitmap of the voxels already touched (one bit per voxel, made on
 * the first change), so a fill of a whole 512 x 512 slice costs milliseconds, not a Map of 262 144 entries.
 */
export class EditRecorder {
  private touched?: Uint8Array;
  private indices = new Uint32Array(64);
  private old = new Uint8Array(64);
  private count = 0;

  constructor(readonly data: Uint8Array) {}

  set(index: number, value: number): void {
    const old = this.data[index];
    if (old === value) return;
    const touched = (this.touched ??= new Uint8Array((this.data.length + 7) >> 3));
    const bit = 1 << (index & 7);
    if (!(touched[index >> 3] & bit)) {
      touched[index >> 3] |= bit;
      if (this.count === this.indices.length) {
        const grown = new Uint32Array(this.count * 2);
        grown.set(this.indices);
        this.indices = grown;
        const grownOld = new Uint8Array(this.count * 2);
        grownOld.set(this.old);
        this.old = grownOld;
      }
      this.indices[this.count] = index;
      this.old[this.count] = old;
      this.count++;
    }
    this.data[index] = value;
  }

  get changed(): number {
    return this.count;
  }

  /** The diff of the edit (voxels set back to their first value are left out), or null when nothing changed. */
  finish(label: string): MaskDiff | null {
    // sort the indices, carrying the old values along (index * 256 + old fits in 2^53)
    const keyed = new Float64Array(this.count);
    for (let m = 0; m < this.count; m++) keyed[m] = this.indices[m] * 256 + this.old[m];
    keyed.sort();
    let kept = 0;
    for (let m = 0; m < keyed.length; m++) {
      const n = Math.floor(keyed[m] / 256);
      if (this.data[n] !== keyed[m] - n * 256) keyed[kept++] = keyed[m];
    }
    if (kept === 0) return null;
    const indices = new Uint32Array(kept);
    const before = new Uint8Array(kept);
    const after = new Uint8Array(kept);
    for (let m = 0; m < kept; m++) {
      const n = Math.floor(keyed[m] / 256);
      indices[m] = n;
      before[m] = keyed[m] - n * 256;
      after[m] = this.data[n];
    }
    return { label, indices, before, after };
  }
}

export function diffBytes(d: MaskDiff): number {
  return d.indices.byteLength + d.before.byteLength + d.after.byteLength;
}

export class UndoHistory {
  private done: MaskDiff[] = [];
  private undone: MaskDiff[] = [];
  private bytes = 0;

  constructor(
    readonly maxSteps = 100,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** Records an applied edit; clears the redo list. */
  push(diff: MaskDiff): void {
    this.done.push(diff);
    this.bytes += diffBytes(diff);
    for (const d of this.undone) this.bytes -= diffBytes(d);
    this.undone = [];
    while (this.done.length > this.maxSteps || (this.bytes > this.maxBytes && this.done.length > 1)) {
      this.bytes -= diffBytes(this.done.shift()!);
    }
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get steps(): number {
    return this.done.length;
  }

  /** Reverts the last edit on `data`; returns it, or undefined when there is none. */
  undo(data: Uint8Array): MaskDiff | undefined {
    const d = this.done.pop();
    if (!d) return undefined;
    for (let m = 0; m < d.indices.length; m++) data[d.indices[m]] = d.before[m];
    this.undone.push(d);
    return d;
  }

  redo(data: Uint8Array): MaskDiff | undefined {
    const d = this.undone.pop();
    if (!d) return undefined;
    for (let m = 0; m < d.indices.length; m++) data[d.indices[m]] = d.after[m];
    this.done.push(d);
    return d;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.bytes = 0;
  }
}
