/**
 * Starts one throwaway PostgreSQL 15 cluster for the whole vitest run (each
 * test file then creates its own database in it) and stops it afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startPgCluster } from '../scripts/lib/pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgPort: number;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPgCluster();
  project.provide('pgUrl', cluster.url);
  project.provide('pgPort', cluster.port);
  return async () => {
    await cluster.stop();
  };
}
