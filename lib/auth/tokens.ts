/**
 * API tokens: 256 random bits, shown once, stored as their SHA-256.
 *
 * Why SHA-256 and not bcrypt/argon2: slow password hashes exist to make
 * guessing low-entropy human passwords expensive after a database leak. A
 * token here is 32 bytes from the OS CSPRNG (2^256 possibilities), so brute
 * force is hopeless whatever the hash, and a fast hash lets every request be
 * looked up by an indexed equality on the hash (GitHub, Stripe and PyPI tokens
 * are stored the same way). Hashing uses node:crypto (OpenSSL).
 */
import crypto from 'node:crypto';
import { z } from 'zod';

export const ROLES = ['reader', 'writer', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { reader: 0, writer: 1, admin: 2 };
/** True when `have` includes everything `need` may do (admin ⊃ writer ⊃ reader). */
export function roleAtLeast(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

export const TOKEN_PREFIX = 'pst_';
const TOKEN_SHAPE = /^pst_[A-Za-z0-9_-]{43}$/;

/** A new token: `pst_` + 43 base64url characters (32 random bytes). */
export function generateToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

export function looksLikeToken(s: string): boolean {
  return TOKEN_SHAPE.test(s);
}

/** Hex SHA-256 of a secret (API token or session cookie value). */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What `token list` shows to recognise a token without revealing it. */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}
