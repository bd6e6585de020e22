/** Small reusable field schemas of the contract (query parameters, tags). */
import { z } from 'zod';

/** An integer query parameter in [min, max], given as a decimal string. */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const Tag = z.string().regex(/^[^\s,]{1,64}$/, 'must be 1-64 characters without spaces or commas');
export const Tags = z.array(Tag).max(32);
