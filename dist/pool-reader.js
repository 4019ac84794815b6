import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  SidecarReader
} from "./chunks/chunk-OOV2D7N5.js";
import "./chunks/chunk-KRRRK5UV.js";

// src/pool/read-worker.ts
import { parentPort } from "node:worker_threads";
var reader = new SidecarReader();
parentPort?.on("message", (b) => {
  parentPort.postMessage({ id: b.id, results: b.files.map((f) => reader.read(b.root, f)) });
});
