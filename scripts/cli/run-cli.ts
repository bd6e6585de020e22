import { CliError } from './args';

/**
 * Runs a CLI's main: a CliError (bad flag or value) prints its message and
 * exits 2; anything else prints the error and exits 1.
 */
export function runCli(main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((e) => {
    if (e instanceof CliError) {
      console.error(`error: ${e.message}`);
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  });
}
