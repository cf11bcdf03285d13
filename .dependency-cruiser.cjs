// The layers of docs/DESIGN.md ("Folders", "may import") as rules `npm run deps:check` checks; the test
// command runs it before the tests. Test code (specs, *.test.ts, *.test-support.ts, lib/test/) may
// import anything; product code may not.
const TEST = "(^e2e/|^lib/test/|\\.test\\.tsx?$|\\.test-support\\.tsx?$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      comment:
        "Two folders never import each other, directly or around a loop: a codec both need lives in the lower one " +
        "(or a leaf folder). DESIGN.md: arrows only point down.",
      severity: "error",
      scope: "folder",
      from: { pathNot: TEST },
      to: { circular: true },
    },
    {
      name: "no-module-cycles",
      comment: "No two modules import each other (also within a folder).",
      severity: "error",
      from: { pathNot: TEST },
      to: { circular: true },
    },
    {
      name: "lib-stays-below-the-ui",
      comment: "lib/ is the domain: it never imports routes (app/), client islands (components/) or tests and the lab (e2e/).",
      severity: "error",
      from: { path: "^lib/", pathNot: TEST },
      to: { path: "^(app|components|e2e)/" },
    },
    {
      name: "components-never-touch-the-database",
      comment: "Client islands get plain data from pages and sockets; they never import lib/db, the Prisma client or SQLite.",
      severity: "error",
      from: { path: "^components/", pathNot: TEST },
      to: { path: "(^lib/db/|^node_modules/(@prisma/|\\.prisma/|prisma/|better-sqlite3/))" },
    },
    {
      name: "components-never-run-server-code",
      comment:
        "DESIGN.md: client code never imports lib/db, lib/ssh or lib/jobs at run time. Type-only imports are erased " +
        "and allowed; what server and browser share (the words of jobs, a job's shape, packed log lines) is lib/wire.",
      severity: "error",
      from: { path: "^components/", pathNot: TEST },
      to: { path: "^lib/(db|ssh|jobs)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "product-never-imports-tests",
      comment: "The panel itself never imports test files or test support (dev tools in scripts/ and bench/ may use the lab).",
      severity: "error",
      from: { path: "^(app|components|lib)/|^server\\.ts$", pathNot: TEST },
      to: { path: TEST },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", TEST] },
    exclude: { path: "(^|/)(node_modules|\\.next|dist|test-results|lib/db/generated|e2e/lab/rootfs)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
