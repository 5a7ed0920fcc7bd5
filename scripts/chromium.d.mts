// Types of chromium.mjs, for the TypeScript that imports it (apps/demo/playwright.config.ts).
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function chromiumLaunchOptions(): { executablePath: string; args: string[] };
