import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  COMMENT_LIMIT,
  DEFAULT_COMMENT_MAX,
  commentMarker,
  renderComment
} from "./chunk-TOSRWP5O.js";
import "./chunk-RRBH2FF2.js";
import "./chunk-YJYCCLVD.js";
import "./chunk-OKA3FBMG.js";
import "./chunk-KRRRK5UV.js";
export {
  COMMENT_LIMIT,
  DEFAULT_COMMENT_MAX,
  commentMarker,
  renderComment
};
