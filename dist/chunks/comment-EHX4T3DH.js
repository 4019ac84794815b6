import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  COMMENT_LIMIT,
  DEFAULT_COMMENT_MAX,
  commentMarker,
  renderComment
} from "./chunk-U4VAIAED.js";
import "./chunk-CMDOPWGY.js";
import "./chunk-AZBBSJAO.js";
import "./chunk-OKA3FBMG.js";
import "./chunk-KRRRK5UV.js";
export {
  COMMENT_LIMIT,
  DEFAULT_COMMENT_MAX,
  commentMarker,
  renderComment
};
