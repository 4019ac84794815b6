import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  renderTerminal
} from "./chunk-6JC4ZS7T.js";
import "./chunk-CMDOPWGY.js";
import "./chunk-AZBBSJAO.js";
import "./chunk-OKA3FBMG.js";
import "./chunk-KRRRK5UV.js";
export {
  renderTerminal
};
