/**
 * Worker-thread entry of the pool reader (bundled as dist/pool-reader.js): reads and parses the
 * batches of sidecar files the main thread sends, with the same reader as the main thread
 * (read.ts), and answers each batch with its parse results in file order.
 */
import { parentPort } from 'node:worker_threads'
import { SidecarReader } from './read.js'

/** A batch to read: pool root and pool-relative files. */
export interface ReadBatch {
  id: number
  root: string
  files: readonly string[]
}

const reader = new SidecarReader()
parentPort?.on('message', (b: ReadBatch) => {
  parentPort!.postMessage({ id: b.id, results: b.files.map((f) => reader.read(b.root, f)) })
})
