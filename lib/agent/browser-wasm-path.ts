/**
 * Where the dashboard serves tfjs-backend-wasm's binaries (public/tfjs-wasm/,
 * copied from the installed package by scripts/copy-browser-wasm.ts at install),
 * so a browser without WebGPU trains on tfjs's wasm backend, not its much
 * slower cpu backend. Bundlers do not follow the backend's runtime fetch of its
 * .wasm, so the path is set explicitly (lib/agent/backend.ts).
 */
export const BROWSER_WASM_PATH = '/tfjs-wasm/';
