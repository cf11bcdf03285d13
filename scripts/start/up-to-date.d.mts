// Types for up-to-date.mjs (plain JavaScript, as it runs before anything is installed).
export declare const BUILD_STAMP: string;
export declare function installUpToDate(root: string): boolean;
export declare function buildInputsHash(root: string): string;
export declare function buildUpToDate(root: string, inputsHash: string): boolean;
export declare function recordBuild(root: string, inputsHash: string): void;
