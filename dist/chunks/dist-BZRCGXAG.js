import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  A,
  Ae,
  Ht,
  Kt,
  O,
  Sn,
  Vt,
  at,
  c,
  qe,
  wo,
  xe,
  zt
} from "./chunk-KINQAKU4.js";
import "./chunk-T7HIMGJ3.js";
import "./chunk-KRRRK5UV.js";
export {
  qe as CheckRepoActions,
  zt as CleanOptions,
  Kt as DiffNameStatus,
  Ht as GitConfigScope,
  Ae as GitConstructError,
  O as GitError,
  A as GitPluginError,
  at as GitResponseError,
  Vt as ResetMode,
  xe as TaskConfigurationError,
  Sn as grepQueryBuilder,
  c as pathspec,
  wo as simpleGit
};
