/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Type checking is `npm test`'s first step (tsc over app, lib, tests and
  // scripts); the build does not repeat it, so `npm start` builds faster.
  typescript: { tsconfigPath: 'tsconfig.app.json', ignoreBuildErrors: true },
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
