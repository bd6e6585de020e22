import os from 'node:os';

/** "AMD EPYC (2 cores), node v20.20.2, linux x64" */
export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown cpu'} (${cpus.length} cores), node ${process.version}, ${process.platform} ${process.arch}`;
}
