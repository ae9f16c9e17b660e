// Renders one Vega-Lite spec to SVG. vega and vega-lite are ESM-only (with top-level await), which
// the CommonJS app and jest cannot require(); a worker thread loads them natively and also keeps
// rendering off the API's event loop.
import { parentPort, workerData } from 'node:worker_threads';

const vl = await import('vega-lite');
const vega = await import('vega');
try {
  const compiled = vl.compile(workerData.spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  parentPort.postMessage({ svg });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
