// server.ts runs outside Next's bundler, where the "server-only" marker package throws on import.
// Mark it as already loaded so lib/ modules shared by Next and server.ts load in plain Node too.
const resolved = require.resolve("server-only");
require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: {}, children: [], paths: [] };
