# The panel as a Nix package: production Next build, the compiled server (dist/server.mjs),
# Prisma's generated client (lib/db/generated) and the migrations, in $out/lib/homelab-panel,
# started by $out/bin/homelab-panel.
#
# No network at build time: npm dependencies come from the lock (fetchNpmDeps, npmDepsHash);
# Prisma 6.19 runs with its JS engine and the better-sqlite3 adapter, so no Prisma engine
# binaries are downloaded or needed (see the Architecture section of the top-level README).
{
  lib,
  buildNpmPackage,
  # Node 22 LTS (nodejs_20 is end-of-life in 2026); the project was developed on Node 20.20 and
  # needs >= 20.9. To change it: callPackage ./package.nix { nodejs_22 = pkgs.nodejs_24; }.
  nodejs_22,
  makeWrapper,
  python3,
  pkg-config,
}:

let
  nodejs = nodejs_22;
in
(buildNpmPackage.override { inherit nodejs; }) {
  pname = "homelab-panel";
  version = (lib.importJSON ../package.json).version;

  # The repository minus build outputs, local data and caches (a flake copies tracked files only,
  # this also keeps `nix-build`/callPackage from a dirty checkout clean).
  src = lib.cleanSourceWith {
    src = lib.cleanSource ../.;
    filter =
      path: type:
      let
        rel = lib.removePrefix (toString ../. + "/") (toString path);
      in
      !(builtins.elem rel [
        "node_modules"
        ".next"
        "dist"
        "data"
        "test-results"
        "playwright-report"
        "lib/db/generated"
        "bench/out"
        "result"
        ".env"
      ]);
  };

  # Placeholder: the first `nix build ./nix#default` fails with
  #   error: hash mismatch ... got: sha256-...
  # put that value here. Or compute it directly from the lock:
  #   nix run nixpkgs#prefetch-npm-deps -- package-lock.json
  # Update it whenever package-lock.json changes.
  npmDepsHash = lib.fakeHash;

  nativeBuildInputs = [
    makeWrapper
    python3 # node-gyp: better-sqlite3 (and ssh2's optional cpu-features) build from source
    pkg-config
  ];

  env = {
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
    NEXT_TELEMETRY_DISABLED = "1";
    CHECKPOINT_DISABLE = "1"; # Prisma CLI telemetry
    # The Prisma CLI needs DATABASE_URL to read engineType = "client" from the schema; without it,
    # it tries to download an engine. `prisma generate` does not open the file.
    DATABASE_URL = "file:./data/build.db";
    # @prisma/client's postinstall would run `prisma generate` during `npm rebuild`; the build
    # script runs it anyway (npm run build = prisma generate + next build + esbuild).
    PRISMA_SKIP_POSTINSTALL_GENERATE = "1";
    # No prebuilt binaries from GitHub: better-sqlite3 falls back to node-gyp (prebuild-install fails
    # offline; this makes it skip the attempt).
    npm_config_build_from_source = "true";
  };

  # npmBuildScript defaults to "build": prisma generate && next build && npm run build:server.

  installPhase = ''
    runHook preInstall

    # Runtime dependencies only (prisma stays: it is a dependency, server.ts runs
    # `node_modules/.bin/prisma migrate deploy` at start-up).
    npm prune --omit=dev --no-save $npmFlags

    app=$out/lib/homelab-panel
    mkdir -p $app/scripts $app/lib/db
    cp -r .next dist public prisma prisma.config.ts package.json node_modules $app/
    cp scripts/server-only-preload.cjs $app/scripts/
    cp -r lib/db/generated $app/lib/db/generated

    # Next's build cache is not needed at run time; anything Next writes to .next/cache at run time
    # (image or fetch cache) goes to the service's CacheDirectory (see module.nix).
    rm -rf $app/.next/cache
    ln -s /var/cache/homelab-panel/next $app/.next/cache

    # The same command as `npm run serve`, from the app directory (server.ts resolves
    # node_modules/.bin/prisma, prisma.config.ts and .next against the working directory).
    makeWrapper ${nodejs}/bin/node $out/bin/homelab-panel \
      --chdir $app \
      --set NODE_ENV production \
      --set-default MALLOC_ARENA_MAX 1 \
      --set-default MALLOC_TRIM_THRESHOLD_ 32768 \
      --set-default MALLOC_MMAP_THRESHOLD_ 32768 \
      --set-default CHECKPOINT_DISABLE 1 \
      --set-default NEXT_TELEMETRY_DISABLED 1 \
      --prefix PATH : ${lib.makeBinPath [ nodejs ]} \
      --add-flags "--max-semi-space-size=1 --require $app/scripts/server-only-preload.cjs $app/dist/server.mjs"

    runHook postInstall
  '';

  meta = {
    description = "Control panel for a NixOS homelab: inventory, live health, jobs over SSH";
    mainProgram = "homelab-panel";
    platforms = lib.platforms.linux;
  };
}
