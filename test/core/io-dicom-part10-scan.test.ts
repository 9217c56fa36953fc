import { describe, expect, it } from 'vitest';
import { pixelDataProblem, scanPart10 } from '../../src/io/dicom/part10-scan.js';
import { buildRtstruct, buildSeries, IDENTITY, RLE_LOSSLESS, truncate, withoutPreamble, type SeriesSpec } from '../helpers/dicom-synth.js';

const SPEC: SeriesSpec = { seriesUid: '1.2.826.0.1.3680043.10.4.1', dims: [5, 4, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY };
const FORMAT = { rows: 4, columns: 5, frames: 1, samplesPerPixel: 1, bitsAllocated: 16 };

describe('scanPart10', () => {
  it('finds the transfer syntax, the SOP class and whole native pixel data', () => {
    const bytes = buildSeries(SPEC)[0].bytes;
    const scan = scanPart10(bytes);
    expect(scan).toMatchObject({ preamble: true, transferSyntaxUid: '1.2.840.10008.1.2.1', mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.4' });
    expect(scan.pixelData).toEqual({ tag: '(7FE0,0010)', offset: bytes.length - 52, encapsulated: false, declaredLength: 40, availableBytes: 40, complete: true });
    expect(pixelDataProblem(scan, FORMAT)).toBeUndefined();
  });

  it('measures native pixel data cut short, and data shorter than rows x columns x bits', () => {
    const bytes = buildSeries(SPEC)[0].bytes;
    const cut = scanPart10(truncate(bytes, bytes.length - 11));
    expect(cut.pixelData).toMatchObject({ declaredLength: 40, availableBytes: 29, complete: false });
    expect(pixelDataProblem(cut, FORMAT)).toBe('truncated: the pixel data holds 29 of the 40 bytes that 5x4 pixels of 16 bits need');
    expect(pixelDataProblem(scanPart10(bytes), { ...FORMAT, rows: 8 })).toBe('truncated: the pixel data holds 40 of the 80 bytes that 5x8 pixels of 16 bits need');
    const header = scanPart10(truncate(bytes, bytes.length - 48));
    expect(header.pixelData).toBeUndefined();
    expect(pixelDataProblem(header, FORMAT)).toMatch(/^truncated: the file ends at byte \d+, before its pixel data$/);
  });

  it('walks encapsulated (RLE) pixel data to its sequence delimiter', () => {
    const bytes = buildSeries({ ...SPEC, transferSyntax: RLE_LOSSLESS })[0].bytes;
    const scan = scanPart10(bytes);
    expect(scan.transferSyntaxUid).toBe(RLE_LOSSLESS);
    expect(scan.pixelData).toMatchObject({ encapsulated: true, complete: true, fragments: 1 });
    expect(pixelDataProblem(scan, FORMAT)).toBeUndefined();
    const cut = scanPart10(truncate(bytes, bytes.length - 20));
    expect(cut.pixelData).toMatchObject({ encapsulated: true, complete: false, fragments: 0 });
    expect(pixelDataProblem(cut, FORMAT)).toBe('truncated: the compressed pixel data ends after 0 fragment(s), before its sequence delimiter');
  });

  it('skips nested sequences (an RTSTRUCT has no pixel data) and reads implicit VR and files without preamble', () => {
    const rt = scanPart10(buildRtstruct({ referencedSeriesUid: '1.2.3', rois: [{ number: 1, name: 'GTV', contours: [[0, 0, 0, 1, 0, 0, 1, 1, 0]] }] }));
    expect(rt).toEqual({ preamble: true, transferSyntaxUid: '1.2.840.10008.1.2.1', mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.481.3' });
    const implicit = buildSeries({ ...SPEC, transferSyntax: '1.2.840.10008.1.2' })[0].bytes;
    expect(scanPart10(implicit).pixelData).toMatchObject({ declaredLength: 40, availableBytes: 40, complete: true });
    const raw = scanPart10(withoutPreamble(implicit));
    expect(raw.preamble).toBe(false);
    expect(raw.pixelData).toMatchObject({ declaredLength: 40, complete: true });
  });

  it('does not find pixel data in text', () => {
    const scan = scanPart10(new TextEncoder().encode('Patient notes: nothing to see here, just words and more words.'));
    expect(scan.preamble).toBe(false);
    expect(scan.pixelData).toBeUndefined();
  });
});
