// Types of bin/allocator.mjs (plain JavaScript: it runs before the TypeScript loader is registered).
export const SEMI_SPACE_MB: number;
export function serverExecArgv(execArgv: readonly string[], env: NodeJS.ProcessEnv): string[];
export function tcmallocLibrary(exists?: (path: string) => boolean): string | undefined;
export function isServer(argv: readonly string[]): boolean;
export function allocatorEnv(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  library?: string | null,
  platform?: NodeJS.Platform,
): NodeJS.ProcessEnv | undefined;
export function relaunch(argv?: readonly string[], env?: NodeJS.ProcessEnv): boolean;
export function adoptLaunch(env?: NodeJS.ProcessEnv): void;
