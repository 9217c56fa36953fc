// The slice viewer and ROI editing components; a page creates their model with pipeline/roi-editing.ts.
import './wr-slice-viewer.js';
import './wr-roi-tools.js';
import './wr-roi-editor.js';

export type { ViewerTool } from './wr-slice-viewer.js';
export type { RoiFile, RoiFormat, RoiSaver } from './roi-saver.js';
