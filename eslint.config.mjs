// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules, Next's own plugin
// (core web vitals) and React's rules of hooks. Not type-aware, so `npm run lint` takes seconds.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "node_modules/",
    ".next/",
    "dist/",
    "test-results/",
    "playwright-report/",
    "bench/out/",
    "data/",
    "lib/db/generated/",
    "e2e/lab/rootfs/",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    // React code only: the hooks rules (with the React Compiler's checks) parse each file through
    // the compiler, which is most of the lint's time; tests are not React even when named use*.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test-support.ts"],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks an argument or binding that is there for its position only.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // The App Router has no pages/ directory.
      "@next/next/no-html-link-for-pages": "off",
      // The only images are the panel's own small SVG icon; next/image would add a loader for nothing.
      "@next/next/no-img-element": "off",
    },
  },
  {
    // Node scripts and configs written in CommonJS.
    files: ["**/*.cjs", "next.config.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
