/** One colour per compared run (up to 20 distinct): Tableau 10, then Dark2 and two more. */
import { schemeDark2, schemeTableau10 } from 'd3';

export const RUN_COLORS: readonly string[] = [...schemeTableau10, ...schemeDark2, '#1e3a8a', '#831843'];

export function runColor(i: number): string {
  return RUN_COLORS[i % RUN_COLORS.length];
}
