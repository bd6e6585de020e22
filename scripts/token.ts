/**
 * npm run token -- create --name NAME --role reader|writer|admin
 * npm run token -- list
 * npm run token -- revoke --name NAME
 * npm run token -- grant --name NAME --run RUN_ID
 *
 * API tokens for team mode, in the configured database (DATABASE_URL). A new
 * token is printed once and stored only as its SHA-256: keep it.
 */
import { closeDb, createApiToken, grantRun, listApiTokens, migrate, resolveDbConfig, revokeApiToken } from '../lib/db';
import { ROLES } from '../lib/auth/tokens';
import { ConflictError, NotFoundError } from '../lib/errors';
import { CliError, parseFlags } from './cli/args';

const USAGE = `usage: npm run token -- create --name NAME --role ${ROLES.join('|')}
       npm run token -- list
       npm run token -- revoke --name NAME
       npm run token -- grant --name NAME --run RUN_ID   (let a writer log to a run it did not create)`;

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'create') {
    const f = parseFlags(rest, {
      name: { type: 'string', required: true, help: 'who or what uses it' },
      role: { type: 'enum', values: ROLES, required: true },
    });
    if (!NAME.test(f.name)) throw new CliError('--name must be 1-64 characters of A-Z a-z 0-9 . _ @ -');
    const { token, secret } = await createApiToken(f.name, f.role);
    console.log(`Created ${token.role} token "${token.name}" (${token.id}). It is shown this once; store it now:\n\n  ${secret}\n`);
    console.log(`Use it as  Authorization: Bearer ${secret.slice(0, 8)}…  (or PARETO_STUDIO_TOKEN), or paste it on the sign-in page.`);
  } else if (command === 'list') {
    parseFlags(rest, {});
    const tokens = await listApiTokens();
    if (!tokens.length) return console.log('No tokens yet: npm run token -- create --name NAME --role writer');
    for (const t of tokens) {
      console.log(
        `${t.name.padEnd(24)} ${t.role.padEnd(7)} ${t.prefix}…  created ${t.createdAt.toISOString().slice(0, 16)}${t.revokedAt ? `  REVOKED ${t.revokedAt.toISOString().slice(0, 16)}` : ''}`,
      );
    }
  } else if (command === 'revoke') {
    const f = parseFlags(rest, { name: { type: 'string', required: true, help: 'token name or id' } });
    const t = await revokeApiToken(f.name);
    console.log(`Revoked token "${t.name}"; its requests and browser sessions are refused from now on.`);
  } else if (command === 'grant') {
    const f = parseFlags(rest, { name: { type: 'string', required: true }, run: { type: 'string', required: true } });
    await grantRun(f.run, f.name);
    console.log(`Token "${f.name}" may now log to run ${f.run}.`);
  } else {
    throw new CliError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

try {
  await migrate(resolveDbConfig());
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof CliError || err instanceof ConflictError || err instanceof NotFoundError) {
    console.error(`npm run token: ${err.message}`);
    process.exitCode = 2;
  } else throw err;
} finally {
  await closeDb();
}
