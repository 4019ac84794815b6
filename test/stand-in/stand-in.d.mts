/** Types for what tests import from the stand-in (stand-in.mjs is plain JS so it starts fast). */
export const DEFAULT_VERSION: string
export const KTSTR_MESSAGES: Record<
  'noResult' | 'crash' | 'sysRdy' | 'kvmMissing' | 'kvmDenied' | 'nextestFailed',
  string
>
export function main(argv: string[]): Promise<number>
export function run(): void
