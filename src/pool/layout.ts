/**
 * Top-level directories of a pool named like this are sidecar artifacts downloaded one directory
 * each (`gh run download RUN -p 'ktstr-sidecars-*' -D pool`, `ktstr-perf-gate download`): each
 * holds a pool layout (`{kernel}-{commit}/run-i/…`), one level deeper than a pool's run dirs.
 * The Action names them so (github/artifacts.ts sidecarArtifactName).
 */
export const ARTIFACT_DIR_PREFIX = 'ktstr-sidecars-'
