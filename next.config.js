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
  // No framing by other sites (clickjacking), no MIME sniffing, no referrer to other origins.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
  poweredByHeader: false,
  outputFileTracingIncludes: {
    '/**': ['./prisma/migrations/**/*'],
  },
};

export default nextConfig;
