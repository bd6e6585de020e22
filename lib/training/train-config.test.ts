/**
 * The training config as a discriminated union by algorithm: each algorithm's
 * options are checked by that estimator's own schema, kept as written, and an
 * error names the option by its zod path (no message parsing on the way).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ValidationError } from '../errors';
import { ALGORITHM_NAMES, type AlgorithmName } from '../paretopo';
import { parseTrainConfig, TrainConfigSchema } from './config';

function issuesOf(input: unknown) {
  try {
    parseTrainConfig(input);
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  throw new Error(`${JSON.stringify(input)} parsed`);
}

/** One option each algorithm rejects, and the path the error must name. */
const BAD_OPTION: Record<AlgorithmName, [Record<string, unknown>, string]> = {
  paretopo: [{ stallPatience: 0 }, 'algorithmOptions.stallPatience'],
  grpo: [{ eps: -1 }, 'algorithmOptions.eps'],
  static: [{ weights: { accuracy: -1 } }, 'algorithmOptions.weights.accuracy'],
  otc: [{ smoothing: 0 }, 'algorithmOptions.smoothing'],
  'mo-grpo': [{ renormalize: 'yes' }, 'algorithmOptions.renormalize'],
  'hv-meta': [{ hvScale: -2 }, 'algorithmOptions.hvScale'],
  'hv-contrib': [{ scales: { tool_calls: { kind: 'minmax', lo: 0 } } }, 'algorithmOptions.scales.tool_calls.hi'],
};

describe('TrainConfig by algorithm', () => {
  it.each(ALGORITHM_NAMES)('%s: a bad option is named by its path, with the algorithm', (algorithm) => {
    const [options, path] = BAD_OPTION[algorithm];
    const issues = issuesOf({ algorithm, algorithmOptions: options });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(path);
    expect(issues[0].message).toContain(`for algorithm "${algorithm}"`);
  });

  it.each(ALGORITHM_NAMES)('%s: an unknown option key is named, one issue per key', (algorithm) => {
    const issues = issuesOf({ algorithm, algorithmOptions: { nope: 1, alsoNope: true } });
    expect(issues.map((i) => i.path)).toEqual(['algorithmOptions.nope', 'algorithmOptions.alsoNope']);
    expect(issues[0].message).toBe(`unknown option "nope" for algorithm "${algorithm}"`);
  });

  it.each([null, 5, 'stall', [1]])('options must be an object, not %j', (options) => {
    const issues = issuesOf({ algorithm: 'static', algorithmOptions: options });
    expect(issues.map((i) => i.path)).toEqual(['algorithmOptions']);
    expect(issues[0].message).toBe('options of algorithm "static" must be an object');
  });

  it("checks an option against the chosen algorithm's schema, not another's", () => {
    // stallPatience is ParetoPO's; OTC does not know it, and ParetoPO does not know OTC's smoothing.
    expect(parseTrainConfig({ algorithm: 'paretopo', algorithmOptions: { stallPatience: 2 } }).algorithmOptions).toEqual({ stallPatience: 2 });
    expect(issuesOf({ algorithm: 'otc', algorithmOptions: { stallPatience: 2 } }).map((i) => i.path)).toEqual(['algorithmOptions.stallPatience']);
    expect(issuesOf({ algorithm: 'paretopo', algorithmOptions: { smoothing: 1 } }).map((i) => i.path)).toEqual(['algorithmOptions.smoothing']);
  });

  it("keeps the algorithm's cross-field rules, under the option's path", () => {
    const [issue] = issuesOf({ algorithmOptions: { switch: 'step' } });
    expect(issue.path).toBe('algorithmOptions.switchStep');
    expect(issue.message).toMatch(/needs a switchStep/);
  });

  it('reports option issues together with other fields', () => {
    const paths = issuesOf({ algorithm: 'grpo', steps: 0, algorithmOptions: { eps: 0 } }).map((i) => i.path);
    expect(paths.sort()).toEqual(['algorithmOptions.eps', 'steps']);
  });

  it('keeps options as written (no defaults filled), so an explicit value stays distinct from none', () => {
    expect(parseTrainConfig({ algorithm: 'static', algorithmOptions: { scales: {} } }).algorithmOptions).toEqual({ scales: {} });
    expect(parseTrainConfig({ algorithm: 'static' }).algorithmOptions).toEqual({});
  });

  it('defaults to ParetoPO and lists every algorithm for an unknown one', () => {
    expect(parseTrainConfig({}).algorithm).toBe('paretopo');
    const [issue] = issuesOf({ algorithm: 'ppo' });
    expect(issue.path).toBe('algorithm');
    for (const name of ALGORITHM_NAMES) expect(issue.message).toContain(`"${name}"`);
    expect(issuesOf({ algorithm: 7 })[0].path).toBe('algorithm');
  });

  it('parses every algorithm of the registry with its defaults', () => {
    for (const algorithm of ALGORITHM_NAMES) {
      const c = TrainConfigSchema.parse({ algorithm });
      expect(c.algorithm).toBe(algorithm);
      expect(c.algorithmOptions).toEqual({});
      expect(c.steps).toBe(80);
    }
  });

  it('types the options by algorithm', () => {
    const c = parseTrainConfig({ algorithm: 'otc' });
    if (c.algorithm === 'otc') expectTypeOf(c.algorithmOptions.smoothing).toEqualTypeOf<number | undefined>();
    if (c.algorithm === 'paretopo') expectTypeOf(c.algorithmOptions.switch).toEqualTypeOf<'stall' | 'step' | 'never' | 'immediate' | undefined>();
    // @ts-expect-error GRPO has no stallPatience option
    if (c.algorithm === 'grpo') void c.algorithmOptions.stallPatience;
  });
});
