/** The package version, injected by esbuild at build time (see esbuild.mjs). */
declare const __PISUB_VERSION__: string | undefined;
export const VERSION: string = typeof __PISUB_VERSION__ === 'string' ? __PISUB_VERSION__ : '0.0.0-dev';
