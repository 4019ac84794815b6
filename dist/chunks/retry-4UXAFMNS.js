import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  DEFAULT_RETRY_POLICY,
  GitHubApiError,
  createGitHubClient,
  decideRetry,
  githubMessageOf,
  retryPlugin,
  toGitHubApiError
} from "./chunk-CMMG4TYZ.js";
import "./chunk-UWWXE7EO.js";
import "./chunk-KRRRK5UV.js";
export {
  DEFAULT_RETRY_POLICY,
  GitHubApiError,
  createGitHubClient,
  decideRetry,
  githubMessageOf,
  retryPlugin,
  toGitHubApiError
};
