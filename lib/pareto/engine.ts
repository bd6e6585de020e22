/**
 * Which implementation of a kernel runs: "wasm" (lib/pareto/kernel, compiled
 * AssemblyScript) or "js" (the TypeScript twin, the reference). Chosen per
 * call by an option, never by a module-level switch: by default WebAssembly
 * when its module instantiated, JavaScript otherwise.
 */
export type Engine = "js" | "wasm";

export interface EngineOptions {
  /** Force one implementation (tests and benches compare both); "wasm" throws when the module cannot load. */
  engine?: Engine;
}

/** The engine to run: the requested one, or wasm when `wasmLoaded`. Throws when wasm is requested and not loaded. */
export function pickEngine(requested: Engine | undefined, wasmLoaded: boolean, what: string): Engine {
  if (requested === "wasm" && !wasmLoaded) throw new Error(`${what}: the WebAssembly kernel did not load`);
  return requested ?? (wasmLoaded ? "wasm" : "js");
}
