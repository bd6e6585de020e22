/** Naive twin of hypervolumeContributions, for tests only: HV(all) - HV(all without i) by the grid method. */
import { hypervolumeGrid } from "./hypervolume-naive";

export function hypervolumeContributionsNaive(points: readonly (readonly number[])[], ref: readonly number[]): number[] {
  const all = hypervolumeGrid(points, ref);
  return points.map(
    (_, i) =>
      all -
      hypervolumeGrid(
        points.filter((__, k) => k !== i),
        ref,
      ),
  );
}
