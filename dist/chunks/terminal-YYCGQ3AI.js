import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  renderTerminal
} from "./chunk-ZO5PIO3L.js";
import "./chunk-RRBH2FF2.js";
import "./chunk-YJYCCLVD.js";
import "./chunk-OKA3FBMG.js";
import "./chunk-KRRRK5UV.js";
export {
  renderTerminal
};
