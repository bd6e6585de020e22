/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The app's own sources only: tests and scripts are type-checked by `npm test` (tsc), not by the build.
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  // Native or WebAssembly-backed server dependencies stay outside the bundle.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    '@prisma/client',
    '@pareto-studio/prisma-sqlite',
    '@pareto-studio/prisma-postgres',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-backend-wasm',
  ],
  outputFileTracingIncludes: {
    '/**': ['./prisma/migrations/**/*'],
  },
};

export default nextConfig;
