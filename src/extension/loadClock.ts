// Imported first by main.ts, so its one statement runs before the rest of the bundle's
// modules: the start of the extension's own load, for the activation figure.
export const loadStarted = performance.now();
